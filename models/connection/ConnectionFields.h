#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

#include "models/connection/DatabaseUrl.h"

// A database URL taken apart into the fields a connection form shows, and put together again
// as SQLAlchemy writes it, so that what the form makes is what a Flask app's
// SQLALCHEMY_DATABASE_URI / DATABASE_URL would hold.
struct ConnectionFields
{
    QString scheme = QStringLiteral("sqlite"); // kept as given, e.g. "postgresql+psycopg2"
    QString host;
    int port = -1;
    QString database; // for SQLite the file path, as SQLAlchemy opens it
    QString userName;
    QString password;
    QString sslMode;                        // PostgreSQL's sslmode parameter, empty for none
    QList<QPair<QString, QString>> options; // every other query parameter, in order
    bool hostAsParameter = false;           // PostgreSQL's "?host=/socket/dir" instead of a host

    static ConnectionFields fromUrl(const DatabaseUrl& url);
    SqlDialect dialect() const;
    // The URL text; the password is left out unless withPassword.
    QString toUrlText(bool withPassword = true) const;
    // Parses toUrlText(true); false with a one-line *error when the fields make no valid URL.
    bool toUrl(DatabaseUrl* url, QString* error) const;
    // "key=value&key=value" for the other parameters, and back (false on a malformed pair).
    QString optionsText() const;
    bool setOptionsText(const QString& text, QString* error);

    Q_DECLARE_TR_FUNCTIONS(ConnectionFields) // last: it ends in "private:"
};

namespace ConnectionUrls {

// The same database without its password, e.g. to write into a settings file.
DatabaseUrl withoutPassword(const DatabaseUrl& url);
// `url` with the password `password` (empty removes it).
DatabaseUrl withPassword(const DatabaseUrl& url, const QString& password);
// Names the account a password belongs to (dialect, user, host, port, database), so saved
// profiles and recent entries of one database share one keychain entry. Never holds secrets.
QString passwordKey(const DatabaseUrl& url);
// Whether a password can matter for `url` (not for SQLite).
bool usesPassword(const DatabaseUrl& url);

} // namespace ConnectionUrls
