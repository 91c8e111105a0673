#pragma once

#include <QSqlDatabase>
#include <QString>

#include "models/DatabaseUrl.h"

// Where the database comes from and how a connection to it is opened.
class Database
{
public:
    // The embedded default: blogdesk.db in the user's data folder (AppDataLocation).
    static QString defaultFilePath();

    // --database wins, then DATABASE_URL, then the embedded default (`*isDefault` set).
    static bool chooseUrl(const QString& argument, DatabaseUrl* url, bool* isDefault,
                          QString* error);

    // Opens `url` as connection `connectionName`. On SQLite: waits up to 5 s for a lock,
    // turns foreign keys on and checks that the file really is a database. On failure the
    // connection is removed again and *error says why in one line.
    static bool open(const DatabaseUrl& url, const QString& connectionName, QSqlDatabase* db,
                     QString* error);

    // Whether Qt's driver for the URL's dialect is installed; if not, *error says which
    // Debian package brings it.
    static bool driverAvailable(const DatabaseUrl& url, QString* error);

    static void close(const QString& connectionName);
};
