#include "SqliteBackup.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <memory>
#include <sqlite3.h>

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SqliteBackup)
};

const QString timestampFormat = QStringLiteral("yyyyMMdd-HHmmss-zzz");
const QString backupSuffix = QStringLiteral(".backup.db");
constexpr int restoreBusyLimitMs = 5000;
constexpr int restoreRetryPauseMs = 50;
// While restoring, SQLite's own busy wait is kept short so the 5 s limit above is the one
// that counts, not the connection's busy timeout on top of it.
constexpr int restoreBusyTimeoutMs = 100;
constexpr int qtDefaultBusyTimeoutMs = 5000; // what QSQLITE uses without QSQLITE_BUSY_TIMEOUT
constexpr int takeNameAttempts = 20;

struct SqliteCloser
{
    void operator()(sqlite3* handle) const { sqlite3_close_v2(handle); }
};
using SqliteConnection = std::unique_ptr<sqlite3, SqliteCloser>;

struct StatementFinalizer
{
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteStatement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3* const*>(handle.data());
}

bool checkOpenSqlite(const QSqlDatabase& db, QString* error)
{
    if (db.driverName() != QLatin1String("QSQLITE")) {
        *error = Text::tr("backups are made of SQLite databases only");
        return false;
    }
    if (!db.isOpen() || sqliteHandle(db) == nullptr) {
        *error = Text::tr("the SQLite connection is not open");
        return false;
    }
    return true;
}

bool isUriConnection(const QSqlDatabase& db)
{
    return db.connectOptions().contains(QLatin1String("QSQLITE_OPEN_URI"));
}

QString fileFromUri(const QString& name)
{
    const QUrl uri(name);
    const QString mode = QUrlQuery(uri).queryItemValue(QStringLiteral("mode"));
    const QString path = uri.path();
    if (mode == QLatin1String("memory") || path.isEmpty() || path == QLatin1String(":memory:")) {
        return QString();
    }
    return QFileInfo(path).absoluteFilePath();
}

QString fileBaseName(const QString& databaseFile)
{
    return QFileInfo(databaseFile).completeBaseName();
}

QString revisionForName(const QString& revision)
{
    if (revision.isEmpty()) {
        return QStringLiteral("base");
    }
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_-]"));
    QString safe = revision;
    return safe.replace(unsafe, QStringLiteral("_"));
}

QString backupFilePath(const QString& databaseFile, const QString& revision,
                       const QDateTime& takenAt)
{
    const QFileInfo file(databaseFile);
    const QString name = fileBaseName(databaseFile) + QLatin1Char('.') + revisionForName(revision) +
                         QLatin1Char('.') + takenAt.toString(timestampFormat) + backupSuffix;
    return file.absoluteDir().filePath(name);
}

// An empty file made with O_EXCL reserves the name: VACUUM INTO accepts an existing empty
// output file, and no other backup can pick the same name, so nothing is ever overwritten.
bool reserveBackupName(const QString& databaseFile, const QString& revision, QString* path,
                       QString* error)
{
    for (int attempt = 0; attempt < takeNameAttempts; ++attempt) {
        const QString candidate =
            backupFilePath(databaseFile, revision, QDateTime::currentDateTimeUtc());
        QFile reserved(candidate);
        if (reserved.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            reserved.close();
            // A backup holds the same data, so it gets the same protection as the database.
            reserved.setPermissions(QFileInfo(databaseFile).permissions());
            *path = candidate;
            return true;
        }
        if (!QFileInfo::exists(candidate)) {
            *error = Text::tr("cannot create %1: %2").arg(candidate, reserved.errorString());
            return false;
        }
        QThread::msleep(1); // the name of this millisecond is taken; the next one is free
    }
    *error = Text::tr("cannot find a free backup file name next to %1").arg(databaseFile);
    return false;
}

QString sqliteMessage(sqlite3* handle, int rc)
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(handle));
    return message.isEmpty() ? QString::fromUtf8(sqlite3_errstr(rc)) : message;
}

// PRAGMA quick_check answers one row "ok", or rows describing the damage.
bool passesQuickCheck(sqlite3* handle, QString* problem)
{
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(handle, "PRAGMA quick_check", -1, &raw, nullptr);
    const SqliteStatement statement(raw);
    if (rc != SQLITE_OK) {
        *problem = sqliteMessage(handle, rc);
        return false;
    }
    QStringList findings;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        findings << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(raw, 0)));
    }
    if (rc != SQLITE_DONE) {
        *problem = sqliteMessage(handle, rc);
        return false;
    }
    if (findings != QStringList{QStringLiteral("ok")}) {
        *problem = findings.mid(0, 3).join(QStringLiteral("; "));
        return false;
    }
    return true;
}

// Opens the backup read-only (it is never changed) and checks that it is a sound database.
bool openBackup(const QString& backupPath, SqliteConnection* source, QString* error)
{
    if (!QFileInfo(backupPath).isFile()) {
        *error = Text::tr("the backup %1 does not exist").arg(backupPath);
        return false;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(backupPath).constData(), &raw,
                                   SQLITE_OPEN_READONLY, nullptr);
    source->reset(raw);
    if (rc != SQLITE_OK) {
        *error = Text::tr("cannot open the backup %1: %2").arg(backupPath, sqliteMessage(raw, rc));
        return false;
    }
    QString problem;
    if (!passesQuickCheck(raw, &problem)) {
        *error = Text::tr("%1 is not a sound SQLite database (%2); nothing was restored")
                     .arg(backupPath, problem);
        return false;
    }
    return true;
}

int configuredBusyTimeoutMs(const QSqlDatabase& db)
{
    const QString key = QStringLiteral("QSQLITE_BUSY_TIMEOUT=");
    const QStringList options = db.connectOptions().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString& option : options) {
        const QString trimmed = option.trimmed();
        bool ok = false;
        const int value = trimmed.mid(key.size()).toInt(&ok);
        if (trimmed.startsWith(key) && ok) {
            return value;
        }
    }
    return qtDefaultBusyTimeoutMs;
}

// Shortens the connection's busy wait for the restore and puts the configured one back.
class BusyTimeoutOverride
{
public:
    BusyTimeoutOverride(const QSqlDatabase& db, sqlite3* handle)
        : m_handle(handle), m_configuredMs(configuredBusyTimeoutMs(db))
    {
        sqlite3_busy_timeout(m_handle, restoreBusyTimeoutMs);
    }
    ~BusyTimeoutOverride() { sqlite3_busy_timeout(m_handle, m_configuredMs); }
    BusyTimeoutOverride(const BusyTimeoutOverride&) = delete;
    BusyTimeoutOverride& operator=(const BusyTimeoutOverride&) = delete;

private:
    sqlite3* m_handle;
    int m_configuredMs;
};

bool isBusy(int rc)
{
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

// One backup step copying every page in one write transaction on the destination, repeated
// while another connection keeps it busy. Finishing without SQLITE_DONE rolls the
// destination back, so it is either wholly restored or untouched.
int copyAllPages(sqlite3* destination, sqlite3* source)
{
    sqlite3_backup* backup = sqlite3_backup_init(destination, "main", source, "main");
    if (backup == nullptr) {
        return sqlite3_errcode(destination);
    }
    const QDeadlineTimer deadline(restoreBusyLimitMs);
    int rc = sqlite3_backup_step(backup, -1);
    while (isBusy(rc) && !deadline.hasExpired()) {
        QThread::msleep(restoreRetryPauseMs);
        rc = sqlite3_backup_step(backup, -1);
    }
    const int finishRc = sqlite3_backup_finish(backup);
    return rc == SQLITE_DONE ? finishRc : rc;
}

QString restoreFailure(sqlite3* destination, int rc)
{
    if (isBusy(rc)) {
        return Text::tr("the database is busy: another connection kept a transaction open for %1 "
                        "seconds; nothing was restored, try again when it has finished")
            .arg(restoreBusyLimitMs / 1000);
    }
    return Text::tr("cannot restore the backup: %1; nothing was restored")
        .arg(sqliteMessage(destination, rc));
}

// Read as UTC directly: parsing as local time first would lose the hour a DST change skips.
QDateTime parseTimestamp(const QString& text)
{
    const QDate date = QDate::fromString(text.left(8), QStringLiteral("yyyyMMdd"));
    const QTime time = QTime::fromString(text.mid(9), QStringLiteral("HHmmss-zzz"));
    return date.isValid() && time.isValid() ? QDateTime(date, time, QTimeZone::utc()) : QDateTime();
}

bool isSameFile(const QString& first, const QString& second)
{
    const QString canonicalFirst = QFileInfo(first).canonicalFilePath();
    return !canonicalFirst.isEmpty() && canonicalFirst == QFileInfo(second).canonicalFilePath();
}

} // namespace

namespace SqliteBackup {

QString databaseFile(const QSqlDatabase& db)
{
    if (db.driverName() != QLatin1String("QSQLITE")) {
        return QString();
    }
    const QString name = db.databaseName();
    if (name.isEmpty() || name == QLatin1String(":memory:")) {
        return QString();
    }
    if (isUriConnection(db) && name.startsWith(QLatin1String("file:"))) {
        return fileFromUri(name);
    }
    return QFileInfo(name).absoluteFilePath();
}

bool take(QSqlDatabase db, const QString& revision, QString* path, QString* error)
{
    if (!checkOpenSqlite(db, error)) {
        return false;
    }
    const QString file = databaseFile(db);
    if (file.isEmpty()) {
        *error = Text::tr("an in-memory database has no file to keep a backup next to");
        return false;
    }
    QString target;
    if (!reserveBackupName(file, revision, &target, error)) {
        return false;
    }
    QSqlQuery vacuum(db);
    // VACUUM INTO reads in one read transaction, so the copy is one consistent snapshot, and
    // writes a compact database that needs no journal to be read.
    if (!vacuum.prepare(QStringLiteral("VACUUM main INTO ?"))) {
        *error = Text::tr("cannot back up %1: %2").arg(file, vacuum.lastError().text());
        QFile::remove(target);
        return false;
    }
    vacuum.addBindValue(target);
    if (!vacuum.exec()) {
        *error = Text::tr("cannot back up %1: %2").arg(file, vacuum.lastError().text());
        QFile::remove(target);
        return false;
    }
    *path = target;
    return true;
}

QList<SqliteBackupFile> list(const QString& databaseFile)
{
    const QFileInfo file(databaseFile);
    const QRegularExpression pattern(
        QStringLiteral("^%1\\.([A-Za-z0-9_-]+)\\.(\\d{8}-\\d{6}-\\d{3})%2$")
            .arg(QRegularExpression::escape(fileBaseName(databaseFile)),
                 QRegularExpression::escape(backupSuffix)));
    QList<SqliteBackupFile> backups;
    const QFileInfoList candidates =
        file.absoluteDir().entryInfoList({QStringLiteral("*") + backupSuffix}, QDir::Files);
    for (const QFileInfo& candidate : candidates) {
        const QRegularExpressionMatch match = pattern.match(candidate.fileName());
        const QDateTime takenAt =
            match.hasMatch() ? parseTimestamp(match.captured(2)) : QDateTime();
        if (!takenAt.isValid()) {
            continue;
        }
        backups.append(
            {candidate.absoluteFilePath(), match.captured(1), takenAt, candidate.size()});
    }
    std::sort(backups.begin(), backups.end(),
              [](const SqliteBackupFile& a, const SqliteBackupFile& b) {
                  return a.takenAt != b.takenAt ? a.takenAt > b.takenAt : a.path > b.path;
              });
    return backups;
}

bool restore(QSqlDatabase db, const QString& backupPath, QString* error)
{
    if (!checkOpenSqlite(db, error)) {
        return false;
    }
    if (isSameFile(backupPath, databaseFile(db))) {
        *error = Text::tr("%1 is the database itself, not a backup of it").arg(backupPath);
        return false;
    }
    SqliteConnection source;
    if (!openBackup(backupPath, &source, error)) {
        return false;
    }
    sqlite3* destination = sqliteHandle(db);
    // An unfinished query holds a read transaction, which the backup API refuses only as
    // "destination database is in use"; a BEGIN without a statement yet holds none, and the
    // backup would then be undone by that transaction's rollback.
    if (sqlite3_get_autocommit(destination) == 0 ||
        sqlite3_txn_state(destination, "main") != SQLITE_TXN_NONE) {
        *error =
            Text::tr("this connection has an open transaction or an unfinished query; finish it "
                     "before restoring; nothing was restored");
        return false;
    }
    const BusyTimeoutOverride busyTimeout(db, destination);
    const int rc = copyAllPages(destination, source.get());
    if (rc != SQLITE_OK) {
        *error = restoreFailure(destination, rc);
        return false;
    }
    return true;
}

} // namespace SqliteBackup
