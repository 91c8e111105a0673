#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSysInfo>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <memory>
#include <thread>

#include "migrations/engine/MigrationLock.h"
#include "migrations/engine/SqliteBackup.h"
#include "models/connection/Database.h"
#include "models/connection/DatabaseUrl.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestSupport::column;
using TestSupport::scalar;
using TestSupport::sqliteSchema;

namespace {

const QString secondConnection = QStringLiteral("second");

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(contents) == contents.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList tableNames(const QSqlDatabase& db)
{
    return column(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
}

QStringList rowCounts(const QSqlDatabase& db)
{
    QStringList counts;
    for (const QString& table : tableNames(db)) {
        const QVariant count = scalar(db, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table));
        counts << table + QLatin1Char('=') + count.toString();
    }
    return counts;
}

// Every row of every table as text, sorted: equal data gives equal lists.
QStringList contents(const QSqlDatabase& db)
{
    QStringList rows;
    for (const QString& table : tableNames(db)) {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table))) {
            rows << table + QStringLiteral(": ERROR");
            continue;
        }
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i) {
                values << (query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
            }
            rows << table + QStringLiteral(": ") + values.join(QLatin1Char('|'));
        }
    }
    rows.sort();
    return rows;
}

// A pid that belonged to a process which has ended.
qint64 deadProcessId()
{
    QProcess process;
    process.start(QStringLiteral("true"), {});
    if (!process.waitForStarted()) {
        return -1;
    }
    const qint64 pid = process.processId();
    process.waitForFinished();
    return pid;
}

bool openSqliteFile(const QString& path, const QString& connectionName, QSqlDatabase* db)
{
    QString error;
    const bool ok = Database::open(DatabaseUrl::forSqliteFile(path), connectionName, db, &error);
    if (!ok) {
        qWarning("cannot open %s: %s", qPrintable(path), qPrintable(error));
    }
    return ok;
}

// Two connections to the server a test URL names, closed again at the end of the test.
class ServerConnections
{
public:
    explicit ServerConnections(const QString& url) : m_urlText(url) {}
    ~ServerConnections()
    {
        Database::close(QStringLiteral("server_first"));
        Database::close(QStringLiteral("server_second"));
    }
    bool open(QString* error)
    {
        DatabaseUrl url;
        QSqlDatabase ignored;
        return DatabaseUrl::parse(m_urlText, &url, error) &&
               Database::open(url, QStringLiteral("server_first"), &ignored, error) &&
               Database::open(url, QStringLiteral("server_second"), &ignored, error);
    }
    QSqlDatabase first() const { return QSqlDatabase::database(QStringLiteral("server_first")); }
    QSqlDatabase second() const { return QSqlDatabase::database(QStringLiteral("server_second")); }
    // As a crash would: the session ends while its MigrationLock still thinks it holds it.
    void closeFirst() { QSqlDatabase::database(QStringLiteral("server_first"), false).close(); }

private:
    QString m_urlText;
};

} // namespace

class TestMigrationSafety : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void lockRefusesASecondConnection();
    void lockIsReleasedOnDestruction();
    void lockReleaseAllowsTheNextHolder();
    void staleLockOfADeadProcessIsTakenOver();
    void inMemoryDatabaseNeedsNoLockFile();

    void backupIsNamedAndComplete();
    void backupsNeverShareAName();
    void restoreBringsBackDataAndSchema_data();
    void restoreBringsBackDataAndSchema();
    void restoreRefusesABadBackup_data();
    void restoreRefusesABadBackup();
    void restoreRefusesAMissingBackup();
    void restoreRefusesWhileThisConnectionIsBusy();
    void restoreWaitsForAShortReader();
    void restoreGivesUpOnALongReader();
    void listIsNewestFirstAndIgnoresOtherFiles();
    void lockBackupAndRestoreWorkFromAWorkerThread();

    void postgresLockKeepsOutASecondSession();
    void mysqlLockKeepsOutASecondConnection();

private:
    void checkServerLock(SqlDialect dialect, const QString& sessionIdQuery);
    QSqlDatabase openSecond();
    QString takeBackup(const QString& revision = QStringLiteral("bf2038b7def"));

    std::unique_ptr<TempDatabase> m_temp;
};

void TestMigrationSafety::init()
{
    QVERIFY(TestSupport::openSampleDatabase(m_temp));
}

void TestMigrationSafety::cleanup()
{
    Database::close(secondConnection);
    m_temp.reset();
}

QSqlDatabase TestMigrationSafety::openSecond()
{
    QSqlDatabase db;
    openSqliteFile(m_temp->path(), secondConnection, &db);
    return db;
}

QString TestMigrationSafety::takeBackup(const QString& revision)
{
    QString path;
    QString error;
    if (!SqliteBackup::take(m_temp->db(), revision, &path, &error)) {
        qWarning("backup failed: %s", qPrintable(error));
    }
    return path;
}

void TestMigrationSafety::lockRefusesASecondConnection()
{
    MigrationLock first(m_temp->db());
    QString holder;
    QString error;
    QVERIFY2(first.tryAcquire(&holder, &error), qPrintable(error));
    QVERIFY(first.isHeld());
    QVERIFY(QFileInfo::exists(m_temp->path() + QStringLiteral(".migration-lock")));

    QSqlDatabase other = openSecond();
    QVERIFY(other.isOpen());
    MigrationLock second(other);
    QVERIFY(!second.tryAcquire(&holder, &error));
    QVERIFY(!second.isHeld());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString pid = QString::number(QCoreApplication::applicationPid());
    QVERIFY2(holder.contains(QStringLiteral("process ") + pid), qPrintable(holder));
    QVERIFY2(holder.contains(QSysInfo::machineHostName()), qPrintable(holder));
}

void TestMigrationSafety::lockIsReleasedOnDestruction()
{
    QString holder;
    QString error;
    {
        MigrationLock first(m_temp->db());
        QVERIFY2(first.tryAcquire(&holder, &error), qPrintable(error));
    }
    QVERIFY(!QFileInfo::exists(m_temp->path() + QStringLiteral(".migration-lock")));
    MigrationLock second(openSecond());
    QVERIFY2(second.tryAcquire(&holder, &error), qPrintable(holder + error));
}

void TestMigrationSafety::lockReleaseAllowsTheNextHolder()
{
    MigrationLock first(m_temp->db());
    MigrationLock second(openSecond());
    QString holder;
    QString error;
    QVERIFY2(first.tryAcquire(&holder, &error), qPrintable(error));
    QVERIFY(first.tryAcquire(&holder, &error)); // already held: no-op
    QVERIFY(!second.tryAcquire(&holder, &error));
    first.release();
    QVERIFY(!first.isHeld());
    QVERIFY2(second.tryAcquire(&holder, &error), qPrintable(holder + error));
    QVERIFY(!first.tryAcquire(&holder, &error));
}

void TestMigrationSafety::staleLockOfADeadProcessIsTakenOver()
{
    const qint64 deadPid = deadProcessId();
    QVERIFY(deadPid > 0);
    // What QLockFile writes: pid, application name, host name.
    const QString lockPath = MigrationLock::lockFilePath(m_temp->path());
    QVERIFY(writeFile(lockPath, QByteArray::number(deadPid) + "\nblogdesk\n" +
                                    QSysInfo::machineHostName().toUtf8() + "\n"));

    MigrationLock lock(m_temp->db());
    QString holder;
    QString error;
    QVERIFY2(lock.tryAcquire(&holder, &error), qPrintable(holder + error));
    const QByteArray ownPid = QByteArray::number(QCoreApplication::applicationPid());
    QVERIFY(readFile(lockPath).startsWith(ownPid + '\n'));
}

void TestMigrationSafety::inMemoryDatabaseNeedsNoLockFile()
{
    QSqlDatabase memory;
    QString error;
    QVERIFY2(Database::open(DatabaseUrl(), secondConnection, &memory, &error), qPrintable(error));
    MigrationLock lock(memory);
    QString holder;
    QVERIFY2(lock.tryAcquire(&holder, &error), qPrintable(error));
    QVERIFY(lock.isHeld());
    QVERIFY(SqliteBackup::databaseFile(memory).isEmpty());
}

void TestMigrationSafety::backupIsNamedAndComplete()
{
    const QString path = takeBackup();
    QVERIFY(QFileInfo::exists(path));
    QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(m_temp->path()).absolutePath());
    static const QRegularExpression name(
        QStringLiteral(R"(^blog\.bf2038b7def\.\d{8}-\d{6}-\d{3}\.backup\.db$)"));
    QVERIFY2(name.match(QFileInfo(path).fileName()).hasMatch(), qPrintable(path));

    const QString basePath = takeBackup(QString());
    QVERIFY2(QFileInfo(basePath).fileName().startsWith(QStringLiteral("blog.base.")),
             qPrintable(basePath));

    QSqlDatabase backup;
    QVERIFY(openSqliteFile(path, secondConnection, &backup));
    QVERIFY(!tableNames(backup).isEmpty());
    QCOMPARE(rowCounts(backup), rowCounts(m_temp->db()));
    QCOMPARE(sqliteSchema(backup), sqliteSchema(m_temp->db()));
    QCOMPARE(contents(backup), contents(m_temp->db()));
}

void TestMigrationSafety::backupsNeverShareAName()
{
    QStringList paths;
    for (int i = 0; i < 5; ++i) {
        paths << takeBackup(QStringLiteral("same"));
    }
    paths.removeDuplicates();
    QCOMPARE(paths.size(), 5);
    QCOMPARE(SqliteBackup::list(m_temp->path()).size(), 5);
}

void TestMigrationSafety::restoreBringsBackDataAndSchema_data()
{
    QTest::addColumn<QString>("journalMode");
    QTest::newRow("rollback journal") << QStringLiteral("delete");
    QTest::newRow("write-ahead log") << QStringLiteral("wal");
}

void TestMigrationSafety::restoreBringsBackDataAndSchema()
{
    QFETCH(QString, journalMode);
    QSqlDatabase db = m_temp->db();
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode = ") + journalMode).toString(),
             journalMode);
    const QStringList schemaBefore = sqliteSchema(db);
    const QStringList dataBefore = contents(db);
    const QString backup = takeBackup();
    QVERIFY(!backup.isEmpty());

    QSqlDatabase other = openSecond();
    QCOMPARE(contents(other), dataBefore); // the second connection has read the file before
    QSqlQuery change(db);
    QVERIFY(change.exec(QStringLiteral("UPDATE users SET username = username || '_changed'")));
    QVERIFY(change.exec(QStringLiteral("DELETE FROM comments")));
    QVERIFY(change.exec(QStringLiteral("DROP TABLE post_tags")));
    QVERIFY(change.exec(QStringLiteral("CREATE TABLE leftover (id INTEGER PRIMARY KEY)")));
    QVERIFY(sqliteSchema(other) != schemaBefore);
    QVERIFY(contents(other) != dataBefore);

    QString error;
    QVERIFY2(SqliteBackup::restore(db, backup, &error), qPrintable(error));
    QCOMPARE(sqliteSchema(db), schemaBefore);
    QCOMPARE(contents(db), dataBefore);
    QCOMPARE(sqliteSchema(other), schemaBefore);
    QCOMPARE(contents(other), dataBefore);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    // The connection keeps working for writes after the restore.
    QVERIFY(change.exec(QStringLiteral("DELETE FROM comments")));
    QCOMPARE(scalar(other, QStringLiteral("SELECT count(*) FROM comments")).toInt(), 0);
}

void TestMigrationSafety::restoreRefusesABadBackup_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("random bytes") << QStringLiteral("random");
    QTest::newRow("truncated backup") << QStringLiteral("truncated");
    QTest::newRow("text file") << QStringLiteral("text");
}

void TestMigrationSafety::restoreRefusesABadBackup()
{
    QFETCH(QString, kind);
    QByteArray bytes;
    if (kind == QLatin1String("random")) {
        bytes.resize(64 * 1024);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()),
                                              bytes.size() / 4);
    } else if (kind == QLatin1String("truncated")) {
        const QByteArray whole = readFile(takeBackup());
        QVERIFY(whole.size() > 8192);
        bytes = whole.left(whole.size() / 2);
    } else {
        bytes = "This is not a database.\n";
    }
    const QString badPath =
        QDir(m_temp->folder()).filePath(QStringLiteral("blog.bad.20260101-000000-000.backup.db"));
    QVERIFY(writeFile(badPath, bytes));

    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    const QStringList dataBefore = contents(m_temp->db());
    QString error;
    QVERIFY(!SqliteBackup::restore(m_temp->db(), badPath, &error));
    QVERIFY2(error.contains(QStringLiteral("is not a sound SQLite database")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("nothing was restored")), qPrintable(error));
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
    QCOMPARE(contents(m_temp->db()), dataBefore);
    QCOMPARE(readFile(badPath), bytes); // opened read-only: the bad file is left as it was
}

void TestMigrationSafety::restoreRefusesAMissingBackup()
{
    const QStringList dataBefore = contents(m_temp->db());
    const QString missing = QDir(m_temp->folder()).filePath(QStringLiteral("nothing.db"));
    QString error;
    QVERIFY(!SqliteBackup::restore(m_temp->db(), missing, &error));
    QCOMPARE(error, QStringLiteral("the backup %1 does not exist").arg(missing));
    QVERIFY(!QFileInfo::exists(missing)); // not created by trying to open it
    QCOMPARE(contents(m_temp->db()), dataBefore);

    QVERIFY(!SqliteBackup::restore(m_temp->db(), m_temp->path(), &error));
    QVERIFY2(error.contains(QStringLiteral("is the database itself")), qPrintable(error));
}

void TestMigrationSafety::restoreRefusesWhileThisConnectionIsBusy()
{
    const QString backup = takeBackup();
    QSqlQuery change(m_temp->db());
    QVERIFY(change.exec(QStringLiteral("DELETE FROM comments")));
    const QStringList dataBefore = contents(m_temp->db());
    QString error;

    QSqlQuery unfinished(m_temp->db());
    QVERIFY(unfinished.exec(QStringLiteral("SELECT id FROM users")) && unfinished.next());
    QVERIFY(!SqliteBackup::restore(m_temp->db(), backup, &error));
    QVERIFY2(error.contains(QStringLiteral("unfinished query")), qPrintable(error));
    unfinished.finish();

    QVERIFY(m_temp->db().transaction());
    QVERIFY(!SqliteBackup::restore(m_temp->db(), backup, &error));
    QVERIFY2(error.contains(QStringLiteral("open transaction")), qPrintable(error));
    QVERIFY(m_temp->db().rollback());
    QCOMPARE(contents(m_temp->db()), dataBefore);
}

void TestMigrationSafety::restoreWaitsForAShortReader()
{
    const QString backup = takeBackup();
    QSqlQuery change(m_temp->db());
    QVERIFY(change.exec(QStringLiteral("DELETE FROM comments")));

    // A reader in another thread holds a read transaction for one second.
    QSemaphore reading;
    const QString path = m_temp->path();
    std::thread reader([&reading, path] {
        const QString name = QStringLiteral("reader");
        {
            QSqlDatabase db;
            if (openSqliteFile(path, name, &db)) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("BEGIN"));
                query.exec(QStringLiteral("SELECT count(*) FROM users"));
                query.next();
                reading.release();
                QThread::msleep(1000);
                query.finish();
                query.exec(QStringLiteral("COMMIT"));
            } else {
                reading.release();
            }
        }
        Database::close(name);
    });
    reading.acquire();

    QElapsedTimer timer;
    timer.start();
    QString error;
    const bool restored = SqliteBackup::restore(m_temp->db(), backup, &error);
    const qint64 waitedMs = timer.elapsed();
    reader.join();
    QVERIFY2(restored, qPrintable(error));
    QVERIFY2(waitedMs >= 500, qPrintable(QString::number(waitedMs)));
    QVERIFY(scalar(m_temp->db(), QStringLiteral("SELECT count(*) FROM comments")).toInt() > 0);
}

void TestMigrationSafety::restoreGivesUpOnALongReader()
{
    const QString backup = takeBackup();
    QSqlQuery change(m_temp->db());
    QVERIFY(change.exec(QStringLiteral("DELETE FROM comments")));
    const QStringList dataBefore = contents(m_temp->db());

    QSqlDatabase other = openSecond();
    QSqlQuery reader(other);
    QVERIFY(reader.exec(QStringLiteral("BEGIN")));
    QVERIFY(reader.exec(QStringLiteral("SELECT count(*) FROM users")) && reader.next());

    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY(!SqliteBackup::restore(m_temp->db(), backup, &error));
    const qint64 waitedMs = timer.elapsed();
    QVERIFY2(error.contains(QStringLiteral("the database is busy")), qPrintable(error));
    QVERIFY2(waitedMs >= 4500 && waitedMs < 8000, qPrintable(QString::number(waitedMs)));

    reader.finish();
    QVERIFY(reader.exec(QStringLiteral("COMMIT")));
    QCOMPARE(contents(m_temp->db()), dataBefore);
    QCOMPARE(contents(other), dataBefore);
    // Nothing is left locked: the same restore now goes through.
    QVERIFY2(SqliteBackup::restore(m_temp->db(), backup, &error), qPrintable(error));
}

void TestMigrationSafety::listIsNewestFirstAndIgnoresOtherFiles()
{
    const QDir folder(m_temp->folder());
    const QStringList backups = {
        QStringLiteral("blog.base.20260101-120000-000.backup.db"),
        QStringLiteral("blog.0002_b.20260301-080910-123.backup.db"),
        QStringLiteral("blog.0001_a.20260201-000000-999.backup.db"),
    };
    const QStringList unrelated = {
        QStringLiteral("other.base.20260401-000000-000.backup.db"),    // another database
        QStringLiteral("blog.old.base.20260401-000000-000.backup.db"), // that of blog.old.db
        QStringLiteral("blog.base.2026-bad.backup.db"),
        QStringLiteral("blog.base.20261301-000000-000.backup.db"), // month 13
        QStringLiteral("blog.db.bak"),
        QStringLiteral("blog.base.20260401-000000-000.backup.db-journal"),
    };
    for (const QString& name : backups + unrelated) {
        QVERIFY(writeFile(folder.filePath(name), name.toUtf8()));
    }
    QVERIFY(folder.mkdir(QStringLiteral("blog.base.20260501-000000-000.backup.db")));

    const QList<SqliteBackupFile> found = SqliteBackup::list(m_temp->path());
    QCOMPARE(found.size(), 3);
    QCOMPARE(found[0].path, folder.filePath(backups[1]));
    QCOMPARE(found[0].revision, QStringLiteral("0002_b"));
    QCOMPARE(found[0].takenAt,
             QDateTime(QDate(2026, 3, 1), QTime(8, 9, 10, 123), QTimeZone::utc()));
    QCOMPARE(found[0].bytes, qint64(backups[1].size()));
    QCOMPARE(found[1].revision, QStringLiteral("0001_a"));
    QCOMPARE(found[2].revision, QStringLiteral("base"));

    const QString taken = takeBackup(QStringLiteral("0003_c"));
    const QList<SqliteBackupFile> withNew = SqliteBackup::list(m_temp->path());
    QCOMPARE(withNew.size(), 4);
    QCOMPARE(withNew[0].path, taken);
    QCOMPARE(withNew[0].bytes, QFileInfo(taken).size());
    QVERIFY(qAbs(withNew[0].takenAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void TestMigrationSafety::lockBackupAndRestoreWorkFromAWorkerThread()
{
    const QString path = m_temp->path();
    const QStringList dataBefore = contents(m_temp->db());
    QStringList failures;
    std::thread worker([path, &failures] {
        const QString name = QStringLiteral("worker");
        {
            QSqlDatabase db;
            QString holder;
            QString error;
            QString backup;
            if (!openSqliteFile(path, name, &db)) {
                failures << QStringLiteral("open");
                return;
            }
            MigrationLock lock(db);
            if (!lock.tryAcquire(&holder, &error) || !SqliteBackup::take(db, {}, &backup, &error)) {
                failures << holder + error;
            }
            QSqlQuery(db).exec(QStringLiteral("DELETE FROM comments"));
            if (!SqliteBackup::restore(db, backup, &error)) {
                failures << error;
            }
        }
        Database::close(name);
    });
    worker.join();
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QCOMPARE(contents(m_temp->db()), dataBefore);
}

void TestMigrationSafety::checkServerLock(SqlDialect dialect, const QString& sessionIdQuery)
{
    BLOGDESK_REQUIRE_SERVER(dialect);
    ServerConnections servers(TestServers::url(dialect));
    QString error;
    QVERIFY2(servers.open(&error), qPrintable(error));
    const QString firstSession = scalar(servers.first(), sessionIdQuery).toString();
    QString holder;
    {
        MigrationLock first(servers.first());
        MigrationLock second(servers.second());
        QVERIFY2(first.tryAcquire(&holder, &error), qPrintable(error));
        QVERIFY(!second.tryAcquire(&holder, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(holder.contains(QLatin1Char(' ') + firstSession), qPrintable(holder));
        first.release();
        QVERIFY2(second.tryAcquire(&holder, &error), qPrintable(holder + error));
        QVERIFY(!first.tryAcquire(&holder, &error));
    }
    // A holder whose connection ends (a crashed BlogDesk) leaves nothing behind.
    {
        MigrationLock first(servers.first());
        QVERIFY2(first.tryAcquire(&holder, &error), qPrintable(holder + error));
    }
    {
        MigrationLock crashed(servers.first());
        QVERIFY2(crashed.tryAcquire(&holder, &error), qPrintable(holder + error));
        servers.closeFirst();
    }
    MigrationLock second(servers.second());
    // The server ends the session (and its locks) a moment after the client is gone.
    QTRY_VERIFY2_WITH_TIMEOUT(second.tryAcquire(&holder, &error), qPrintable(holder + error), 5000);
}

void TestMigrationSafety::postgresLockKeepsOutASecondSession()
{
    checkServerLock(SqlDialect::PostgreSQL, QStringLiteral("SELECT pg_backend_pid()"));
}

void TestMigrationSafety::mysqlLockKeepsOutASecondConnection()
{
    checkServerLock(SqlDialect::MySQL, QStringLiteral("SELECT CONNECTION_ID()"));
}

QTEST_GUILESS_MAIN(TestMigrationSafety)
#include "TestMigrationSafety.moc"
