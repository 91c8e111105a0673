#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

// One backup file of a SQLite database, as SqliteBackup::list() finds it.
struct SqliteBackupFile
{
    QString path;
    QString revision;  // "base" when none
    QDateTime takenAt; // UTC, from the file name
    qint64 bytes = 0;
};

// Copies of a SQLite database taken before a migration, and putting one back. Every function
// works on the connection it is given, so it is safe from a worker thread on a connection
// that lives in that thread.
namespace SqliteBackup {

// Copies the open database with VACUUM INTO to
// "<dir>/<file base name>.<revision or base>.<yyyyMMdd-HHmmss-zzz>.backup.db" next to the
// file (time in UTC; never overwrites; a consistent snapshot even while others read or write).
// *path = the new file. Characters of the revision other than letters, digits, '-' and '_'
// become '_' in the name.
bool take(QSqlDatabase db, const QString& revision, QString* path, QString* error);

// Backups of `databaseFile`, newest first (parsed from the names above; other files ignored).
QList<SqliteBackupFile> list(const QString& databaseFile);

// Replaces the open database's contents with the backup's, in place and atomically, through
// SQLite's online backup API (sqlite3_backup_* from the backup file opened read-only into the
// connection's "main"), so other connections to the file see the restored data and nothing
// needs reopening. Refuses, changing nothing, when the backup is missing, not a SQLite
// database or fails PRAGMA quick_check; says so in *error. Busy (another connection
// writing/reading with an open transaction): retries for up to 5 s, then fails with a clear
// message. The connection itself must have no open transaction or unfinished query.
bool restore(QSqlDatabase db, const QString& backupPath, QString* error);

// The file a QSQLITE connection works on, as an absolute path; empty for an in-memory
// database or another driver.
QString databaseFile(const QSqlDatabase& db);

} // namespace SqliteBackup
