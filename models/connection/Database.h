#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include "models/connection/DatabaseUrl.h"

// Where the database comes from and how a connection to it is opened.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    // The embedded default: blogdesk.db in the user's data folder (AppDataLocation).
    static QString defaultFilePath();

    // --database wins, then DATABASE_URL, then the embedded default (`*isDefault` set).
    static bool chooseUrl(const QString& argument, DatabaseUrl* url, bool* isDefault,
                          QString* error);

    // What opening may do to a SQLite file (in-memory databases and the servers ignore it).
    enum class Access
    {
        CreateIfMissing, // makes the folder and an empty database when there is none
        Existing,        // a missing file is an error ("no database at …"), nothing is created
        ReadOnly,        // as Existing, and the connection cannot write (QSQLITE_OPEN_READONLY)
    };

    // Opens `url` as connection `connectionName`. On SQLite: waits up to 5 s for a lock,
    // turns foreign keys on and checks that the file really is a database. On failure the
    // connection is removed again, *error says why in one line and *detail (if given) holds
    // the driver's whole text, for --verbose and a Details button.
    static bool open(const DatabaseUrl& url, const QString& connectionName, QSqlDatabase* db,
                     QString* error, Access access = Access::CreateIfMissing,
                     QString* detail = nullptr);
    // Whether `url` names a SQLite file that does not exist (yet).
    static bool isMissingSqliteFile(const DatabaseUrl& url);

    // Whether Qt's driver for the URL's dialect is installed; if not, *error says which
    // Debian package brings it.
    static bool driverAvailable(const DatabaseUrl& url, QString* error);

    static void close(const QString& connectionName);
};
