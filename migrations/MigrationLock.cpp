#include "MigrationLock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QLockFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "migrations/SqliteBackup.h"

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("MigrationLock", text);
}

// "BlogDesk" in ASCII: one fixed key that every BlogDesk uses, unlikely to meet another
// application's advisory lock in the same database.
constexpr quint64 postgresLockKey = 0x426C6F674465736BULL;
// MySQL refuses user-level lock names longer than 64 characters.
constexpr int mysqlLockNameLimit = 64;
// A holder that disappears between the refusal and the question who it was is tried again
// once; a lock that changes hands that fast is taken by the next attempt or named by it.
constexpr int serverLockAttempts = 2;

QString sinceText(const QDateTime& when)
{
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate()) {
        return locale.toString(local.time(), QLocale::ShortFormat);
    }
    return locale.toString(local, QLocale::ShortFormat);
}

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
        *error = tr("the statement returned no row: %1").arg(statement);
        return false;
    }
    return true;
}

QString fileLockHolder(const QLockFile& lockFile, const QString& lockPath)
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!lockFile.getLockInfo(&pid, &host, &application)) {
        return tr("another BlogDesk (the lock file %1 cannot be read)").arg(lockPath);
    }
    const QDateTime since = QFileInfo(lockPath).lastModified();
    return tr("BlogDesk process %1 on host %2 since %3").arg(pid).arg(host, sinceText(since));
}

QString postgresHolderQuery()
{
    // A bigint advisory key shows in pg_locks split into classid (high half) and objid (low
    // half), with objsubid 1. The key is a constant, so it is written into the statement.
    return QStringLiteral(
               "SELECT a.pid, a.usename, a.application_name, "
               "COALESCE(a.client_hostname, host(a.client_addr)), a.backend_start "
               "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
               "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
               "AND l.classid = %1 AND l.objid = %2 "
               "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
               "LIMIT 1")
        .arg(postgresLockKey >> 32)
        .arg(postgresLockKey & 0xFFFFFFFFULL);
}

// Columns other users may not see (without pg_read_all_stats) come back NULL and are left out.
QString postgresHolderText(const QSqlQuery& row)
{
    QString text = tr("PostgreSQL session %1").arg(row.value(0).toString());
    if (!row.value(1).isNull()) {
        text = tr("%1 of user %2").arg(text, row.value(1).toString());
    }
    if (!row.value(2).toString().isEmpty()) {
        text = tr("%1 (application \"%2\")").arg(text, row.value(2).toString());
    }
    if (!row.value(3).isNull()) {
        text = tr("%1 from %2").arg(text, row.value(3).toString());
    }
    if (!row.value(4).isNull()) {
        text = tr("%1, connected since %2").arg(text, sinceText(row.value(4).toDateTime()));
    }
    return text;
}

QString mysqlLockName(const QString& databaseName)
{
    const QString prefix = QStringLiteral("blogdesk_migration:");
    const QString name = prefix + databaseName;
    if (name.size() <= mysqlLockNameLimit) {
        return name;
    }
    // Still one name per database, short enough for every server.
    const QByteArray digest =
        QCryptographicHash::hash(databaseName.toUtf8(), QCryptographicHash::Md5).toHex();
    return prefix + QString::fromLatin1(digest);
}

QString mysqlHolderText(QSqlDatabase db, const QVariant& connectionId)
{
    QString text = tr("MySQL connection %1").arg(connectionId.toString());
    QSqlQuery row(db);
    QString ignored;
    // Without the PROCESS privilege only one's own connections are listed; the id alone must
    // then do.
    if (selectRow(
            db,
            QStringLiteral("SELECT USER, HOST FROM information_schema.PROCESSLIST WHERE ID = ?"),
            {connectionId}, &row, &ignored)) {
        text =
            tr("%1 of user %2 from %3").arg(text, row.value(0).toString(), row.value(1).toString());
    }
    return text;
}

} // namespace

MigrationLock::MigrationLock(QSqlDatabase db) : m_db(db)
{
    m_knownDriver = sqlDialectOfDriver(db.driverName(), &m_dialect);
}

MigrationLock::~MigrationLock()
{
    release();
}

QString MigrationLock::lockFilePath(const QString& databaseFile)
{
    const QFileInfo file(databaseFile);
    // The canonical path when the file exists, so two names for one file share one lock.
    const QString canonical = file.canonicalFilePath();
    return (canonical.isEmpty() ? file.absoluteFilePath() : canonical) +
           QStringLiteral(".migration-lock");
}

bool MigrationLock::tryAcquire(QString* holder, QString* error)
{
    if (m_held) {
        return true;
    }
    if (!m_knownDriver) {
        *error = tr("cannot lock a database of the %1 driver").arg(m_db.driverName());
        return false;
    }
    if (!m_db.isOpen()) {
        *error = tr("cannot lock the database: the connection is not open");
        return false;
    }
    Outcome outcome = Outcome::Failed;
    switch (m_dialect) {
    case SqlDialect::SQLite:
        outcome = acquireSqlite(holder, error);
        break;
    case SqlDialect::PostgreSQL:
        outcome = acquirePostgres(holder, error);
        break;
    case SqlDialect::MySQL:
        outcome = acquireMysql(holder, error);
        break;
    }
    m_held = outcome == Outcome::Acquired;
    return m_held;
}

MigrationLock::Outcome MigrationLock::acquireSqlite(QString* holder, QString* error)
{
    const QString databaseFile = SqliteBackup::databaseFile(m_db);
    if (databaseFile.isEmpty()) {
        return Outcome::Acquired; // in-memory: no other connection can see it
    }
    const QString lockPath = lockFilePath(databaseFile);
    auto lockFile = std::make_unique<QLockFile>(lockPath);
    // Only a dead holder makes a lock stale: a long migration must keep its lock.
    lockFile->setStaleLockTime(0);
    if (lockFile->tryLock(0)) {
        m_lockFile = std::move(lockFile);
        return Outcome::Acquired;
    }
    switch (lockFile->error()) {
    case QLockFile::LockFailedError:
        *holder = fileLockHolder(*lockFile, lockPath);
        return Outcome::HeldByOther;
    case QLockFile::PermissionError:
        *error = tr("cannot create the lock file %1: permission denied").arg(lockPath);
        break;
    default:
        *error = tr("cannot create the lock file %1").arg(lockPath);
        break;
    }
    return Outcome::Failed;
}

MigrationLock::Outcome MigrationLock::acquirePostgres(QString* holder, QString* error)
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
    if (!selectRow(m_db, QStringLiteral("SELECT DATABASE()"), {}, &row, error)) {
        *error = tr("cannot take the migration lock: %1").arg(*error);
        return Outcome::Failed;
    }
    const QString lockName = mysqlLockName(row.value(0).toString());
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
            *holder = mysqlHolderText(m_db, row.value(0));
            return Outcome::HeldByOther;
        }
    }
    *holder = tr("another MySQL connection");
    return Outcome::HeldByOther;
}

void MigrationLock::release()
{
    if (!m_held) {
        return;
    }
    m_held = false;
    if (m_lockFile) {
        m_lockFile->unlock();
        m_lockFile.reset();
        return;
    }
    releaseServerLock();
}

// A closed connection has already ended its session and with it the server's lock.
void MigrationLock::releaseServerLock()
{
    if (!m_db.isOpen()) {
        return;
    }
    QSqlQuery query(m_db);
    bool released = true;
    if (m_dialect == SqlDialect::PostgreSQL) {
        released = query.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(postgresLockKey));
    } else if (m_dialect == SqlDialect::MySQL) {
        released = query.prepare(QStringLiteral("SELECT RELEASE_LOCK(?)"));
        query.addBindValue(m_mysqlLockName);
        released = released && query.exec();
        m_mysqlLockName.clear();
    }
    if (!released) {
        qWarning("MigrationLock: cannot release the migration lock: %s",
                 qPrintable(queryError(query)));
    }
}
