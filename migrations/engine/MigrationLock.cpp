#include "MigrationLock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLockFile>
#include <QThread>

#include <utility>

#include "migrations/engine/SqliteBackup.h"

namespace {

// How often acquireWithin() tries again: short next to any migration, cheap for the server.
constexpr int retryIntervalMs = 200;

// One mark per process, so that one refused never touches the holder's.
QString commandLineMarkPath(const QString& lockPath, qint64 pid)
{
    return lockPath + QStringLiteral(".command-line.%1").arg(pid);
}

QString fileLockHolder(const QLockFile& lockFile, const QString& lockPath)
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!lockFile.getLockInfo(&pid, &host, &application)) {
        return MigrationLock::tr("another BlogDesk (the lock file %1 cannot be read)")
            .arg(lockPath);
    }
    const QString since = MigrationLock::sinceText(QFileInfo(lockPath).lastModified());
    if (QFileInfo::exists(commandLineMarkPath(lockPath, pid))) {
        return MigrationLock::tr("the BlogDesk command line, process %1 on host %2 since %3")
            .arg(pid)
            .arg(host, since);
    }
    return MigrationLock::tr("BlogDesk process %1 on host %2 since %3").arg(pid).arg(host, since);
}

} // namespace

QString MigrationLock::sinceText(const QDateTime& when)
{
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate()) {
        return locale.toString(local.time(), QLocale::ShortFormat);
    }
    return locale.toString(local, QLocale::ShortFormat);
}

MigrationLock::MigrationLock(QSqlDatabase db, Role role) : m_db(db), m_role(role)
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

bool MigrationLock::acquireWithin(int timeoutMs, QString* holder, QString* error)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!tryAcquire(holder, error)) {
        if (holder->isEmpty() || deadline.hasExpired()) {
            return false;
        }
        QThread::msleep(qMin<qint64>(retryIntervalMs, deadline.remainingTime()));
        holder->clear();
    }
    return true;
}

MigrationLock::Outcome MigrationLock::acquireSqlite(QString* holder, QString* error)
{
    const QString databaseFile = SqliteBackup::databaseFile(m_db);
    if (databaseFile.isEmpty()) {
        return Outcome::Acquired; // in-memory: no other connection can see it
    }
    const QString lockPath = lockFilePath(databaseFile);
    markSqliteRole(lockPath);
    auto lockFile = std::make_unique<QLockFile>(lockPath);
    // Only a dead holder makes a lock stale: a long migration must keep its lock.
    lockFile->setStaleLockTime(0);
    if (lockFile->tryLock(0)) {
        m_lockFile = std::move(lockFile);
        if (m_role != Role::CommandLine) {
            // Only a crashed command line of a process id now ours can have left it.
            QFile::remove(commandLineMarkPath(lockPath, QCoreApplication::applicationPid()));
        }
        return Outcome::Acquired;
    }
    removeSqliteMark();
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

// Made before the lock is tried, so nobody ever sees the command line's lock unmarked.
void MigrationLock::markSqliteRole(const QString& lockPath)
{
    if (m_role != Role::CommandLine) {
        return;
    }
    const QString markPath = commandLineMarkPath(lockPath, QCoreApplication::applicationPid());
    QFile mark(markPath);
    // Only a courtesy to the one refused: without it, that one is told less.
    if (mark.open(QIODevice::WriteOnly)) {
        m_roleMarkPath = markPath;
    }
}

void MigrationLock::removeSqliteMark()
{
    if (!m_roleMarkPath.isEmpty()) {
        QFile::remove(std::exchange(m_roleMarkPath, QString()));
    }
}

void MigrationLock::release()
{
    if (!m_held) {
        return;
    }
    m_held = false;
    if (m_lockFile) {
        removeSqliteMark();
        m_lockFile->unlock();
        m_lockFile.reset();
        return;
    }
    releaseServerLock();
}
