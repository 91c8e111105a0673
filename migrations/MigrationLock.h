#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

#include "models/SqlDialect.h"

class QLockFile;

// Held while a BlogDesk migrates a database, so a second BlogDesk (another process or window)
// is refused and told who holds it.
//  - SQLite: a QLockFile "<database file>.migration-lock" next to the file. A lock left by a
//    dead process on this host is taken over; a lock is never taken over for its age alone,
//    since a migration may run long. In-memory databases need none (only this connection
//    sees them).
//  - PostgreSQL: a session advisory lock (pg_try_advisory_lock with a fixed BlogDesk key) on
//    the given connection, so it is scoped to the connected database and ends with the
//    session; the holder comes from pg_locks + pg_stat_activity.
//  - MySQL/MariaDB: GET_LOCK('blogdesk_migration:<DATABASE()>', 0) on the given connection;
//    the holder comes from IS_USED_LOCK + information_schema.PROCESSLIST.
// The server locks are re-entrant on one connection: they keep apart connections, not two
// MigrationLocks sharing one connection. Use it in the thread the connection lives in.
class MigrationLock
{
public:
    explicit MigrationLock(QSqlDatabase db); // the connection the migration will run on
    ~MigrationLock();                        // releases
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

    // False when someone else holds it (*holder = one translated phrase saying who, e.g.
    // "BlogDesk process 4242 on host build01 since 17:02") or when it cannot be taken
    // (*error). True at once when this object already holds it.
    bool tryAcquire(QString* holder, QString* error);
    void release();
    bool isHeld() const { return m_held; }

    // The lock file used for a SQLite database file (exposed for tests and messages).
    static QString lockFilePath(const QString& databaseFile);

private:
    enum class Outcome
    {
        Acquired,
        HeldByOther,
        Failed,
    };

    Outcome acquireSqlite(QString* holder, QString* error);
    Outcome acquirePostgres(QString* holder, QString* error);
    Outcome acquireMysql(QString* holder, QString* error);
    void releaseServerLock();

    QSqlDatabase m_db;
    SqlDialect m_dialect = SqlDialect::SQLite;
    bool m_knownDriver = false;
    bool m_held = false;
    std::unique_ptr<QLockFile> m_lockFile;
    QString m_mysqlLockName;
};
