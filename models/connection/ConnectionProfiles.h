#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

#include "models/connection/DatabaseUrl.h"

class QSettings;

// Saved connection profiles and recently opened databases, in an INI settings file. URLs are
// written without their password; passwords go to a PasswordStore.
class ConnectionProfiles
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfiles)

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

    // Writes pending changes to the file now (the destructor does it too).
    void sync();

private:
    QStringList recentTexts() const;

    std::unique_ptr<QSettings> m_settings;
};
