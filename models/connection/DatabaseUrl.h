#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QPair>
#include <QString>

// A database URL as Flask-SQLAlchemy writes it (SQLALCHEMY_DATABASE_URI), parsed with the rules
// of SQLAlchemy's make_url so that BlogDesk opens exactly the database the blog itself uses:
//   dialect[+driver]://[user[:password]@][host][:port][/database][?query]
// A default-constructed URL is the in-memory SQLite database ("sqlite:///:memory:"). Unlike
// SQLAlchemy, parse() refuses a sqlite URL with an empty path ("sqlite://", "sqlite:///").
class DatabaseUrl
{
public:
    // Parses a SQLAlchemy-style URL. On failure returns false, leaves *url untouched and sets
    // *error (when not null) to one line naming the bad part; passwords never appear in it.
    static bool parse(const QString& text, DatabaseUrl* url, QString* error);
    // The embedded default: a SQLite file. The path is kept as given; a path containing '?'
    // cannot be written as a SQLAlchemy URL, so toString() of such a URL does not round-trip.
    static DatabaseUrl forSqliteFile(const QString& absolutePath);

    SqlDialect dialect() const { return m_dialect; }
    QString scheme() const { return m_scheme; } // lower case, e.g. "postgresql+psycopg2"
    QString userName() const { return m_userName; }
    QString password() const { return m_password; }
    // The host without IPv6 brackets. For PostgreSQL without a host in the URL this is the
    // "host" query parameter (a unix socket directory), as psycopg2 would use it.
    QString host() const;
    int port() const { return m_port; } // -1 when absent
    // Server databases are percent-decoded. SQLite paths are kept exactly as SQLAlchemy opens
    // them: relative to the working directory unless absolute, ":memory:" for in-memory.
    QString database() const { return m_database; }
    bool isSqliteMemory() const;
    QList<QPair<QString, QString>> query() const { return m_query; } // decoded, as written
    QString queryValue(const QString& key) const; // the first value given for key, or null
    QString qtDriverName() const;                 // "QSQLITE", "QPSQL" or "QMYSQL"

    // The QSqlDatabase::setConnectOptions() string for the query parameters; false with a
    // one-line *error for a parameter BlogDesk cannot honour.
    bool connectOptions(QString* options, QString* error) const;
    // parse(toString(false)) gives an equal URL. With hidePassword the password is "***".
    QString toString(bool hidePassword = true) const;
    // Short human name: "blog.db" or "in-memory" for SQLite, "user@host:port/db" for servers.
    QString displayName() const;

    // Query parameters compare as SQLAlchemy compares them: by key, values of one key in order.
    bool operator==(const DatabaseUrl& other) const;
    bool operator!=(const DatabaseUrl& other) const { return !(*this == other); }

private:
    SqlDialect m_dialect = SqlDialect::SQLite;
    QString m_scheme = QStringLiteral("sqlite");
    QString m_userName;
    QString m_password;
    QString m_host;
    int m_port = -1;
    QString m_database = QStringLiteral(":memory:");
    QList<QPair<QString, QString>> m_query;
};
