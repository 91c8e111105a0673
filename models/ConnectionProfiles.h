#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

#include "models/DatabaseUrl.h"

class QSettings;

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

// Where passwords live. Never the settings file: the system keychain when BlogDesk was built
// with QtKeychain and the keychain answers, else memory for this session only (asked for
// again after a restart). Calls are asynchronous because a keychain may need to ask the
// user to unlock it; `done` may be called before the call returns.
class PasswordStore : public QObject
{
    Q_OBJECT

public:
    using ReadDone = std::function<void(bool found, const QString& password)>;
    using WriteDone = std::function<void(bool ok, const QString& error)>;

    explicit PasswordStore(QObject* parent = nullptr) : QObject(parent) {}

    virtual void read(const QString& key, ReadDone done) = 0;
    virtual void write(const QString& key, const QString& password, WriteDone done) = 0;
    virtual void remove(const QString& key) = 0;
    // Whether a stored password outlives this session.
    virtual bool isPersistent() const = 0;
    // One line for the user on where passwords are kept.
    virtual QString description() const = 0;

    // The system keychain when built in, else a MemoryPasswordStore.
    static std::unique_ptr<PasswordStore> createDefault(QObject* parent = nullptr);
    static bool keychainBuiltIn();
};

// The "ask each time" store: passwords typed in this session are remembered until BlogDesk
// quits, and written nowhere.
class MemoryPasswordStore : public PasswordStore
{
    Q_OBJECT

public:
    using PasswordStore::PasswordStore;

    void read(const QString& key, ReadDone done) override;
    void write(const QString& key, const QString& password, WriteDone done) override;
    void remove(const QString& key) override;
    bool isPersistent() const override { return false; }
    QString description() const override;

private:
    QHash<QString, QString> m_passwords;
};

// Saved connection profiles and recently opened databases, in an INI settings file. URLs are
// written without their password; passwords go to a PasswordStore.
class ConnectionProfiles
{
public:
    static constexpr int MaxRecent = 10;

    // connections.ini in the user's config folder (test mode moves it, see QStandardPaths).
    static QString defaultSettingsPath();

    explicit ConnectionProfiles(const QString& settingsPath = defaultSettingsPath());
    ~ConnectionProfiles();
    ConnectionProfiles(const ConnectionProfiles&) = delete;
    ConnectionProfiles& operator=(const ConnectionProfiles&) = delete;

    QString settingsPath() const;

    QStringList profileNames() const; // sorted case-insensitively
    bool hasProfile(const QString& name) const;
    // False when there is no such profile or its stored URL no longer parses.
    bool profile(const QString& name, DatabaseUrl* url) const;
    // Adds or replaces; false with *error for an empty name.
    bool saveProfile(const QString& name, const DatabaseUrl& url, QString* error);
    void removeProfile(const QString& name);
    bool renameProfile(const QString& oldName, const QString& newName, QString* error);

    // Newest first, without passwords; entries that no longer parse are skipped.
    QList<DatabaseUrl> recentDatabases() const;
    // Moves `url` to the front (an equal entry is not repeated) and keeps MaxRecent.
    void addRecent(const DatabaseUrl& url);
    void clearRecent();

    // Writes pending changes to the file now (the destructor does it too).
    void sync();

private:
    QStringList recentTexts() const;

    std::unique_ptr<QSettings> m_settings;
};
