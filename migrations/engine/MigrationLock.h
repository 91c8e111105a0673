#pragma once

#include "sql/SqlDialect.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class QDateTime;
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
// The command line marks itself before it tries the lock (SQLite: an empty file
// "<lock>.command-line.<pid>"; PostgreSQL: a shared advisory lock on a second key; MySQL: a
// GET_LOCK name with its connection id), so the one refused is told "the BlogDesk command
// line, process 4242 …" rather than just "BlogDesk process 4242 …".
class MigrationLock
{
    Q_DECLARE_TR_FUNCTIONS(MigrationLock)

public:
    // Who takes the lock, as the one refused is told.
    enum class Role
    {
        Window,
        CommandLine,
    };

    // `db`: the connection the migration will run on.
    explicit MigrationLock(QSqlDatabase db, Role role = Role::Window);
    ~MigrationLock(); // releases
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

    // False when someone else holds it (*holder = one translated phrase saying who, e.g.
    // "BlogDesk process 4242 on host build01 since 17:02") or when it cannot be taken
    // (*error). True at once when this object already holds it.
    bool tryAcquire(QString* holder, QString* error);
    // As tryAcquire, trying again until `timeoutMs` has passed while someone else holds it.
    bool acquireWithin(int timeoutMs, QString* holder, QString* error);
    void release();
    bool isHeld() const { return m_held; }

    // The lock file used for a SQLite database file (exposed for tests and messages).
    static QString lockFilePath(const QString& databaseFile);
    // "since" in a holder's phrase: the time alone today, else date and time.
    static QString sinceText(const QDateTime& when);

private:
    enum class Outcome
    {
        Acquired,
        HeldByOther,
        Failed,
    };

    Outcome acquireSqlite(QString* holder, QString* error);
    Outcome acquirePostgres(QString* holder, QString* error);
    Outcome tryPostgresLock(QString* holder, QString* error);
    Outcome acquireMysql(QString* holder, QString* error);
    Outcome tryMysqlLock(const QString& databaseName, QString* holder, QString* error);
    void markSqliteRole(const QString& lockPath);
    void removeSqliteMark();
    void releaseServerLock();

    QSqlDatabase m_db;
    Role m_role = Role::Window;
    SqlDialect m_dialect = SqlDialect::SQLite;
    bool m_knownDriver = false;
    bool m_held = false;
    std::unique_ptr<QLockFile> m_lockFile;
    QString m_mysqlLockName;
    QString m_mysqlMarkName;     // the command line's mark: a second user-level lock
    bool m_serverMarked = false; // PostgreSQL: the command line's shared mark is held
    QString m_roleMarkPath;      // SQLite: the command line's mark beside the lock file
};
