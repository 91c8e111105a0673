// The reader that runs the views' queries off the GUI thread, on SQLite, PostgreSQL and
// MariaDB: only the latest read of a slot is handed over, a running statement that became
// stale is stopped (a query that never ends on its own proves it), slots do not wait for each
// other's results, and no read leaves a lock behind.
#include "sql/Dialect.h"
#include "sql/WriteTransaction.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "models/connection/Database.h"
#include "models/connection/DatabaseUrl.h"
#include "models/read/BackgroundReader.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;

namespace {

struct NumberRead : ReadResult
{
    qint64 number = -1;
};

// A statement that runs until it is cancelled.
QString endlessStatement(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                              "SELECT count(*) FROM n");
    case SqlDialect::PostgreSQL:
        return QStringLiteral("SELECT count(*) FROM pg_sleep(3600)");
    case SqlDialect::MySQL:
        // SLEEP() answers a KILL QUERY with 1, not an error; BENCHMARK() is stopped.
        return QStringLiteral("SELECT BENCHMARK(1000000000000, MD5('x'))");
    }
    return {};
}

std::function<NumberRead(QSqlDatabase&)> selectNumber(const QString& statement)
{
    return [statement](QSqlDatabase& db) {
        NumberRead read;
        QSqlQuery query(db);
        if (!query.exec(statement) || !query.next()) {
            read.fail(query);
            return read;
        }
        read.number = query.value(0).toLongLong();
        return read;
    };
}

} // namespace

class TestBackgroundReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void onlyTheLatestReadOfASlotIsHandedOver();
    void aStaleRunningStatementIsStopped();
    void cancelStopsAndHandsOverNothing();
    void slotsAreIndependent();
    void aReadLeavesNoLockBehind();
    void aContextThatIsGoneGetsNothing();
    void aConnectionThatCannotOpenReportsWhy();
    void aLockedFileIsReportedAndTheNextReadWorks();

private:
    DatabaseUrl url() const;

    std::unique_ptr<BackendDatabase> m_database;
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestBackgroundReader::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QString error;
    m_database = BackendDatabase::create(dialect, QStringLiteral("main"), &error);
    QVERIFY2(m_database, qPrintable(error));
    QSqlQuery create(m_database->db());
    const Dialect rules(dialect);
    QVERIFY2(create.exec(QStringLiteral("CREATE TABLE notes (id %1, note VARCHAR(20), PRIMARY KEY "
                                        "(id)) %2")
                             .arg(rules.columnType(Dialect::ColumnType::Id), rules.tableOptions())),
             qPrintable(create.lastError().text()));
    QVERIFY(create.exec(QStringLiteral("INSERT INTO notes (note) VALUES ('a'), ('b'), ('c')")));
}

void TestBackgroundReader::cleanup()
{
    m_database.reset();
}

DatabaseUrl TestBackgroundReader::url() const
{
    DatabaseUrl url;
    QString error;
    const bool parsed = DatabaseUrl::parse(m_database->url(), &url, &error);
    Q_ASSERT(parsed);
    return url;
}

void TestBackgroundReader::onlyTheLatestReadOfASlotIsHandedOver()
{
    BackgroundReader reader(url(), QStringLiteral("reader"));
    QSignalSpy busy(&reader, &BackgroundReader::busyChanged);
    QList<qint64> handedOver;
    for (int i = 1; i <= 5; ++i) {
        reader.read<NumberRead>(
            QStringLiteral("count"), this,
            selectNumber(QStringLiteral("SELECT %1 + count(*) FROM notes").arg(i * 100)),
            [&handedOver](const NumberRead& read) {
                QVERIFY2(read.ok(), qPrintable(read.error));
                handedOver << read.number;
            });
    }
    QVERIFY(reader.isBusy());
    QTRY_VERIFY(!reader.isBusy());
    QCOMPARE(handedOver, QList<qint64>{503});
    QCOMPARE(busy.count(), 2);
    QCOMPARE(busy.at(0).at(0).toBool(), true);
    QCOMPARE(busy.at(1).at(0).toBool(), false);
}

void TestBackgroundReader::aStaleRunningStatementIsStopped()
{
    BackgroundReader reader(url(), QStringLiteral("reader"));
    int endlessHandedOver = 0;
    bool endlessStarted = false;
    reader.read<NumberRead>(
        QStringLiteral("window"), this,
        [this, &endlessStarted](QSqlDatabase& db) {
            endlessStarted = true;
            return selectNumber(endlessStatement(m_dialect))(db);
        },
        [&endlessHandedOver](const NumberRead&) { ++endlessHandedOver; });
    QTRY_VERIFY(endlessStarted);
    QTest::qWait(200); // "nothing happens": the statement is running, not finished
    QVERIFY(reader.isBusy(QStringLiteral("window")));
    qint64 latest = -1;
    reader.read<NumberRead>(QStringLiteral("window"), this,
                            selectNumber(QStringLiteral("SELECT count(*) FROM notes")),
                            [&latest](const NumberRead& read) {
                                QVERIFY2(read.ok(), qPrintable(read.error));
                                latest = read.number;
                            });
    // Without the cancel the endless statement would hold the reader until the timeout.
    QTRY_COMPARE_WITH_TIMEOUT(latest, qint64(3), 20000);
    QCOMPARE(endlessHandedOver, 0);
}

void TestBackgroundReader::cancelStopsAndHandsOverNothing()
{
    BackgroundReader reader(url(), QStringLiteral("reader"));
    int handedOver = 0;
    bool started = false;
    reader.read<NumberRead>(
        QStringLiteral("count"), this,
        [this, &started](QSqlDatabase& db) {
            started = true;
            return selectNumber(endlessStatement(m_dialect))(db);
        },
        [&handedOver](const NumberRead&) { ++handedOver; });
    QTRY_VERIFY(started);
    reader.cancel(QStringLiteral("count"));
    QVERIFY(!reader.isBusy());
    // The reader is free again: a next read runs, so the endless one was stopped.
    qint64 next = -1;
    reader.read<NumberRead>(QStringLiteral("other"), this,
                            selectNumber(QStringLiteral("SELECT count(*) FROM notes")),
                            [&next](const NumberRead& read) { next = read.number; });
    QTRY_COMPARE_WITH_TIMEOUT(next, qint64(3), 20000);
    QCOMPARE(handedOver, 0);
}

void TestBackgroundReader::slotsAreIndependent()
{
    BackgroundReader reader(url(), QStringLiteral("reader"));
    QStringList handedOver;
    for (const QString& slot : {QStringLiteral("window"), QStringLiteral("count")}) {
        reader.read<NumberRead>(
            slot, this, selectNumber(QStringLiteral("SELECT count(*) FROM notes")),
            [&handedOver, slot](const NumberRead& read) {
                handedOver << QStringLiteral("%1=%2").arg(slot).arg(read.number);
            });
    }
    QTRY_COMPARE(handedOver, (QStringList{QStringLiteral("window=3"), QStringLiteral("count=3")}));
}

// On SQLite an unfinished read would keep a shared lock: another connection could not write.
void TestBackgroundReader::aReadLeavesNoLockBehind()
{
    BackgroundReader reader(url(), QStringLiteral("reader"));
    bool done = false;
    reader.read<NumberRead>(QStringLiteral("rows"), this,
                            selectNumber(QStringLiteral("SELECT id FROM notes ORDER BY id")),
                            [&done](const NumberRead& read) { done = read.number == 1; });
    QTRY_VERIFY(done);
    QString error;
    QVERIFY2(
        m_database->runElsewhere(QStringLiteral("INSERT INTO notes (note) VALUES ('d')"), &error),
        qPrintable(error));
}

void TestBackgroundReader::aContextThatIsGoneGetsNothing()
{
    BackgroundReader reader(url(), QStringLiteral("reader"));
    int handedOver = 0;
    auto context = std::make_unique<QObject>();
    reader.read<NumberRead>(QStringLiteral("rows"), context.get(),
                            selectNumber(QStringLiteral("SELECT count(*) FROM notes")),
                            [&handedOver](const NumberRead&) { ++handedOver; });
    context.reset();
    QTRY_VERIFY(!reader.isBusy());
    QCOMPARE(handedOver, 0);
}

void TestBackgroundReader::aConnectionThatCannotOpenReportsWhy()
{
    if (m_dialect != SqlDialect::SQLite) {
        QSKIP("a missing file is SQLite's case; lost servers are test_lostserver's");
    }
    DatabaseUrl missing;
    QString error;
    QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite:////nonexistent/folder/blog.db"), &missing,
                               &error));
    BackgroundReader reader(missing, QStringLiteral("reader"));
    QString reported;
    reader.read<NumberRead>(QStringLiteral("rows"), this, selectNumber(QStringLiteral("SELECT 1")),
                            [&reported](const NumberRead& read) { reported = read.error; });
    QTRY_VERIFY(!reported.isEmpty());
    QVERIFY2(reported.contains(QLatin1String("/nonexistent/folder/blog.db")), qPrintable(reported));
}

// Another program holds SQLite's exclusive lock (a long write, say) for longer than the busy
// timeout: the read says the database is locked, hands over nothing else, and the next read
// after the lock is gone works on the same reader.
void TestBackgroundReader::aLockedFileIsReportedAndTheNextReadWorks()
{
    if (m_dialect != SqlDialect::SQLite) {
        QSKIP("readers of the servers do not wait for writers");
    }
    DatabaseUrl shortWait;
    QString error;
    QVERIFY(
        DatabaseUrl::parse(m_database->url() + QStringLiteral("?timeout=0.2"), &shortWait, &error));
    BackgroundReader reader(shortWait, QStringLiteral("reader"));
    QSqlQuery holder(m_database->db());
    QVERIFY(holder.exec(QStringLiteral("BEGIN EXCLUSIVE")));
    QVERIFY(holder.exec(QStringLiteral("INSERT INTO notes (note) VALUES ('held')")));
    NumberRead locked;
    bool handedOver = false;
    reader.read<NumberRead>(QStringLiteral("rows"), this,
                            selectNumber(QStringLiteral("SELECT count(*) FROM notes")),
                            [&](const NumberRead& read) {
                                locked = read;
                                handedOver = true;
                            });
    QTRY_VERIFY(handedOver);
    QVERIFY(!locked.ok());
    QVERIFY(!locked.interrupted);
    QVERIFY2(locked.error.contains(QLatin1String("locked")), qPrintable(locked.error));
    QCOMPARE(locked.number, qint64(-1));
    QVERIFY(holder.exec(QStringLiteral("COMMIT")));
    qint64 number = -1;
    reader.read<NumberRead>(QStringLiteral("rows"), this,
                            selectNumber(QStringLiteral("SELECT count(*) FROM notes")),
                            [&number](const NumberRead& read) { number = read.number; });
    QTRY_COMPARE(number, qint64(4));
}

QTEST_MAIN(TestBackgroundReader)
#include "TestBackgroundReader.moc"
