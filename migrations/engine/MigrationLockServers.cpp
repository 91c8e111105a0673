#include "MigrationLock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <utility>

// The server side of MigrationLock: PostgreSQL advisory locks and MySQL user-level locks.
namespace {

// "BlogDesk" in ASCII: one fixed key that every BlogDesk uses, unlikely to meet another
// application's advisory lock in the same database.
constexpr quint64 postgresLockKey = 0x426C6F674465736BULL;
// Held (shared) by every command line that tries the lock, so the one refused can say who
// holds it.
constexpr quint64 postgresCommandLineKey = postgresLockKey + 1;
// MySQL refuses user-level lock names longer than 64 characters.
constexpr int mysqlLockNameLimit = 64;
// A holder that disappears between the refusal and the question who it was is tried again
// once; a lock that changes hands that fast is taken by the next attempt or named by it.
constexpr int serverLockAttempts = 2;

QString queryError(const QSqlQuery& query)
{
    return query.lastError().text();
}

// One row of one statement, values bound in order; false with *error when it fails.
bool selectRow(QSqlDatabase db, const QString& statement, const QVariantList& values,
               QSqlQuery* query, QString* error)
{
    *query = QSqlQuery(db);
    if (!query->prepare(statement)) {
        *error = queryError(*query);
        return false;
    }
    for (const QVariant& value : values) {
        query->addBindValue(value);
    }
    if (!query->exec()) {
        *error = queryError(*query);
        return false;
    }
    if (!query->next()) {
        *error = MigrationLock::tr("the statement returned no row: %1").arg(statement);
        return false;
    }
    return true;
}

QString postgresHolderQuery()
{
    // A bigint advisory key shows in pg_locks split into classid (high half) and objid (low
    // half), with objsubid 1. The key is a constant, so it is written into the statement.
    return QStringLiteral(
               "SELECT a.pid, a.usename, a.application_name, "
               "COALESCE(a.client_hostname, host(a.client_addr)), a.backend_start, "
               "EXISTS (SELECT 1 FROM pg_locks r WHERE r.pid = l.pid "
               "AND r.locktype = 'advisory' AND r.granted AND r.objsubid = 1 "
               "AND r.classid = %3 AND r.objid = %4 AND r.database = l.database) "
               "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
               "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
               "AND l.classid = %1 AND l.objid = %2 "
               "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
               "LIMIT 1")
        .arg(postgresLockKey >> 32)
        .arg(postgresLockKey & 0xFFFFFFFFULL)
        .arg(postgresCommandLineKey >> 32)
        .arg(postgresCommandLineKey & 0xFFFFFFFFULL);
}

// Columns other users may not see (without pg_read_all_stats) come back NULL and are left out.
QString postgresHolderText(const QSqlQuery& row)
{
    QString text = MigrationLock::tr("PostgreSQL session %1").arg(row.value(0).toString());
    if (!row.value(1).isNull()) {
        text = MigrationLock::tr("%1 of user %2").arg(text, row.value(1).toString());
    }
    if (!row.value(2).toString().isEmpty()) {
        text = MigrationLock::tr("%1 (application \"%2\")").arg(text, row.value(2).toString());
    }
    if (!row.value(3).isNull()) {
        text = MigrationLock::tr("%1 from %2").arg(text, row.value(3).toString());
    }
    if (!row.value(4).isNull()) {
        text = MigrationLock::tr("%1, connected since %2")
                   .arg(text, MigrationLock::sinceText(row.value(4).toDateTime()));
    }
    if (row.value(5).toBool()) {
        text = MigrationLock::tr("the BlogDesk command line, %1").arg(text);
    }
    return text;
}

// `prefix` tells the lock itself from the command line's mark beside it.
QString mysqlLockName(const QString& prefix, const QString& databaseName)
{
    const QString name = prefix + databaseName;
    if (name.size() <= mysqlLockNameLimit) {
        return name;
    }
    // Still one name per database, short enough for every server.
    const QByteArray digest =
        QCryptographicHash::hash(databaseName.toUtf8(), QCryptographicHash::Md5).toHex();
    return prefix + QString::fromLatin1(digest);
}

// One name per connection (MySQL has no shared user-level locks), at most 50 characters.
QString mysqlMarkName(const QString& databaseName, const QVariant& connectionId)
{
    const QByteArray digest =
        QCryptographicHash::hash(databaseName.toUtf8(), QCryptographicHash::Md5).toHex().left(16);
    return QStringLiteral("blogdesk_cli:%1:%2")
        .arg(QString::fromLatin1(digest), connectionId.toString());
}

QString mysqlHolderText(QSqlDatabase db, const QVariant& connectionId, const QString& databaseName)
{
    QString text = MigrationLock::tr("MySQL connection %1").arg(connectionId.toString());
    QSqlQuery row(db);
    QString ignored;
    // Without the PROCESS privilege only one's own connections are listed; the id alone must
    // then do.
    if (selectRow(
            db,
            QStringLiteral("SELECT USER, HOST FROM information_schema.PROCESSLIST WHERE ID = ?"),
            {connectionId}, &row, &ignored)) {
        text = MigrationLock::tr("%1 of user %2 from %3")
                   .arg(text, row.value(0).toString(), row.value(1).toString());
    }
    if (selectRow(db, QStringLiteral("SELECT IS_USED_LOCK(?)"),
                  {mysqlMarkName(databaseName, connectionId)}, &row, &ignored) &&
        !row.value(0).isNull() && row.value(0).toString() == connectionId.toString()) {
        text = MigrationLock::tr("the BlogDesk command line, %1").arg(text);
    }
    return text;
}

} // namespace

// The command line's mark is made before the lock is tried (and dropped again when it is not
// taken), so nobody ever sees the command line's lock unmarked.
MigrationLock::Outcome MigrationLock::acquirePostgres(QString* holder, QString* error)
{
    const QString markKey = QString::number(postgresCommandLineKey);
    QSqlQuery row(m_db);
    QString ignored;
    m_serverMarked =
        m_role == Role::CommandLine &&
        selectRow(m_db, QStringLiteral("SELECT pg_try_advisory_lock_shared(%1)").arg(markKey), {},
                  &row, &ignored) &&
        row.value(0).toBool();
    const Outcome outcome = tryPostgresLock(holder, error);
    if (outcome != Outcome::Acquired && std::exchange(m_serverMarked, false)) {
        selectRow(m_db, QStringLiteral("SELECT pg_advisory_unlock_shared(%1)").arg(markKey), {},
                  &row, &ignored);
    }
    return outcome;
}

MigrationLock::Outcome MigrationLock::tryPostgresLock(QString* holder, QString* error)
{
    const QString tryLock = QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(postgresLockKey);
    for (int attempt = 0; attempt < serverLockAttempts; ++attempt) {
        QSqlQuery row(m_db);
        if (!selectRow(m_db, tryLock, {}, &row, error)) {
            *error = tr("cannot take the migration lock: %1").arg(*error);
            return Outcome::Failed;
        }
        if (row.value(0).toBool()) {
            return Outcome::Acquired;
        }
        QString ignored;
        if (selectRow(m_db, postgresHolderQuery(), {}, &row, &ignored)) {
            *holder = postgresHolderText(row);
            return Outcome::HeldByOther;
        }
    }
    *holder = tr("another PostgreSQL session");
    return Outcome::HeldByOther;
}

MigrationLock::Outcome MigrationLock::acquireMysql(QString* holder, QString* error)
{
    QSqlQuery row(m_db);
    if (!selectRow(m_db, QStringLiteral("SELECT DATABASE(), CONNECTION_ID()"), {}, &row, error)) {
        *error = tr("cannot take the migration lock: %1").arg(*error);
        return Outcome::Failed;
    }
    const QString databaseName = row.value(0).toString();
    const QString markName = mysqlMarkName(databaseName, row.value(1));
    QString ignored;
    if (m_role == Role::CommandLine &&
        selectRow(m_db, QStringLiteral("SELECT GET_LOCK(?, 0)"), {markName}, &row, &ignored) &&
        row.value(0).toInt() == 1) {
        m_mysqlMarkName = markName;
    }
    const Outcome outcome = tryMysqlLock(databaseName, holder, error);
    if (outcome != Outcome::Acquired && !m_mysqlMarkName.isEmpty()) {
        selectRow(m_db, QStringLiteral("SELECT RELEASE_LOCK(?)"),
                  {std::exchange(m_mysqlMarkName, QString())}, &row, &ignored);
    }
    return outcome;
}

MigrationLock::Outcome MigrationLock::tryMysqlLock(const QString& databaseName, QString* holder,
                                                   QString* error)
{
    QSqlQuery row(m_db);
    const QString lockName = mysqlLockName(QStringLiteral("blogdesk_migration:"), databaseName);
    for (int attempt = 0; attempt < serverLockAttempts; ++attempt) {
        if (!selectRow(m_db, QStringLiteral("SELECT GET_LOCK(?, 0)"), {lockName}, &row, error)) {
            *error = tr("cannot take the migration lock: %1").arg(*error);
            return Outcome::Failed;
        }
        // 1: taken; 0: held by another connection; NULL: the server failed to take it.
        if (row.value(0).isNull()) {
            *error = tr("cannot take the migration lock %1").arg(lockName);
            return Outcome::Failed;
        }
        if (row.value(0).toInt() == 1) {
            m_mysqlLockName = lockName;
            return Outcome::Acquired;
        }
        QString ignored;
        if (selectRow(m_db, QStringLiteral("SELECT IS_USED_LOCK(?)"), {lockName}, &row, &ignored) &&
            !row.value(0).isNull()) {
            *holder = mysqlHolderText(m_db, row.value(0), databaseName);
            return Outcome::HeldByOther;
        }
    }
    *holder = tr("another MySQL connection");
    return Outcome::HeldByOther;
}

// A closed connection has already ended its session and with it the server's lock. The
// command line's mark goes last, so its lock is never seen unmarked.
void MigrationLock::releaseServerLock()
{
    if (!m_db.isOpen()) {
        return;
    }
    QStringList failures;
    auto unlock = [&](const QString& statement, const QVariantList& values) {
        QSqlQuery row(m_db);
        QString error;
        if (!selectRow(m_db, statement, values, &row, &error)) {
            failures << error;
        }
    };
    if (m_dialect == SqlDialect::PostgreSQL) {
        unlock(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(postgresLockKey), {});
        if (std::exchange(m_serverMarked, false)) {
            unlock(
                QStringLiteral("SELECT pg_advisory_unlock_shared(%1)").arg(postgresCommandLineKey),
                {});
        }
    } else if (m_dialect == SqlDialect::MySQL) {
        for (const QString& name : {std::exchange(m_mysqlLockName, QString()),
                                    std::exchange(m_mysqlMarkName, QString())}) {
            if (!name.isEmpty()) {
                unlock(QStringLiteral("SELECT RELEASE_LOCK(?)"), {name});
            }
        }
    }
    if (!failures.isEmpty()) {
        qWarning("MigrationLock: cannot release the migration lock: %s",
                 qPrintable(failures.join(QStringLiteral("; "))));
    }
}
