// Noticing other programs' commits on SQLite, PostgreSQL and MariaDB: the dialect's change
// stamp moves with every commit of another connection and stays put otherwise, and
// ChangeWatcher turns that into one changed() per change.
#include "sql/Dialect.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "models/connection/ChangeWatcher.h"
#include "models/connection/Database.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;

namespace {

// MySQL's UPDATE_TIME counts whole seconds, and for up to two seconds after a change the stamp
// carries the server's clock too: a look a little over a second later always sees a change.
constexpr int AfterASecondMs = 1100;
constexpr int SettledMs = 2500;
// PostgreSQL's stamp is the server's snapshot: a commit in any database of the server moves it,
// and the other tests write to the same test server meanwhile. A "nothing moved" check is
// therefore tried until one attempt sees the server quiet; a stamp that the window's own reads
// moved would fail every attempt. SQLite's and MySQL's stamps belong to one database: one try.
// Its attempts are short (a quiet quarter second is rarer to miss beside a test that writes
// all the time than a quiet second): only MySQL's stamp needs a second to show a change.
constexpr int PostgresQuietAttempts = 120;
constexpr int PostgresQuietMs = 250;

} // namespace

class TestChangeWatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void stampMovesWithAnotherConnectionsCommits();
    void stampStaysWhenNothingIsCommitted();
    void watcherReportsEachOutsideChangeOnce();

private:
    QString stamp() const;
    // Runs `statement` on a second connection, as another program would.
    [[nodiscard]] bool commitElsewhere(const QString& statement);
    void settle() const;
    int quietAttempts() const;
    // One attempt of stampStaysWhenNothingIsCommitted: true when the stamp stayed.
    bool ownReadLeavesStamp();
    // True when the watcher reports nothing for a few looks.
    static bool watcherStaysQuiet(QSignalSpy& changed);

    std::unique_ptr<BackendDatabase> m_database;
    QSqlDatabase m_other;
};

void TestChangeWatcher::init()
{
    FETCH_GLOBAL_BACKEND();
    QString error;
    m_database = BackendDatabase::create(dialect, QStringLiteral("watched"), &error);
    QVERIFY2(m_database, qPrintable(error));
    QVERIFY2(m_database->openAnother(QStringLiteral("elsewhere"), &m_other, &error),
             qPrintable(error));
    const Dialect rules(dialect);
    QSqlQuery create(m_database->db());
    QVERIFY2(create.exec(QStringLiteral("CREATE TABLE notes (id %1, note VARCHAR(20), PRIMARY KEY "
                                        "(id)) %2")
                             .arg(rules.columnType(Dialect::ColumnType::Id), rules.tableOptions())),
             qPrintable(create.lastError().text()));
}

void TestChangeWatcher::cleanup()
{
    m_other = QSqlDatabase();
    Database::close(QStringLiteral("elsewhere"));
    m_database.reset();
}

QString TestChangeWatcher::stamp() const
{
    QSqlQuery query(m_database->db());
    if (!query.exec(Dialect::of(m_database->db()).changeStampStatement()) || !query.next()) {
        return QStringLiteral("<failed: %1>").arg(query.lastError().text());
    }
    return query.value(0).toString();
}

bool TestChangeWatcher::commitElsewhere(const QString& statement)
{
    QSqlQuery query(m_other);
    HELPER_VERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
    return true;
}

void TestChangeWatcher::settle() const
{
    if (m_database->dialect() == SqlDialect::MySQL) {
        QTest::qWait(SettledMs); // kept: until the server's clock is out of the stamp
    }
}

void TestChangeWatcher::stampMovesWithAnotherConnectionsCommits()
{
    settle();
    QString seen = stamp();
    for (const char* statement : {"INSERT INTO notes (note) VALUES ('first')",
                                  "UPDATE notes SET note = 'changed'", "DELETE FROM notes"}) {
        QVERIFY(commitElsewhere(QLatin1String(statement)));
        QTRY_VERIFY2_WITH_TIMEOUT(stamp() != seen, statement, 3 * AfterASecondMs);
        seen = stamp();
    }
}

int TestChangeWatcher::quietAttempts() const
{
    return m_database->dialect() == SqlDialect::PostgreSQL ? PostgresQuietAttempts : 1;
}

bool TestChangeWatcher::ownReadLeavesStamp()
{
    const QString quiet = stamp();
    HELPER_VERIFY2(!quiet.startsWith(QLatin1String("<failed")), qPrintable(quiet));
    QSqlQuery read(m_database->db());
    HELPER_VERIFY(read.exec(QStringLiteral("SELECT COUNT(*) FROM notes")) && read.next());
    read.finish();
    // Kept as a wait: the stamp staying put over time is the point (MySQL's moves in seconds).
    QTest::qWait(m_database->dialect() == SqlDialect::PostgreSQL ? PostgresQuietMs
                                                                 : AfterASecondMs);
    return stamp() == quiet;
}

bool TestChangeWatcher::watcherStaysQuiet(QSignalSpy& changed)
{
    changed.clear();
    QTest::qWait(300); // kept: a few looks that must report nothing
    return changed.isEmpty();
}

void TestChangeWatcher::stampStaysWhenNothingIsCommitted()
{
    QVERIFY(commitElsewhere(QStringLiteral("INSERT INTO notes (note) VALUES ('first')")));
    settle();
    // The window's own reads, and time passing, move nothing.
    bool stayed = false;
    for (int attempt = 0; attempt < quietAttempts() && !stayed; ++attempt) {
        stayed = ownReadLeavesStamp();
        QVERIFY(!QTest::currentTestFailed());
    }
    QVERIFY2(stayed, "the stamp moved although nothing was committed");
}

void TestChangeWatcher::watcherReportsEachOutsideChangeOnce()
{
    settle();
    ChangeWatcher watcher(m_database->db());
    QSignalSpy changed(&watcher, &ChangeWatcher::changed);
    watcher.start(100);
    bool quiet = false;
    for (int attempt = 0; attempt < quietAttempts() && !quiet; ++attempt) {
        quiet = watcherStaysQuiet(changed);
    }
    QVERIFY2(quiet, "changed() without a commit elsewhere");
    QVERIFY(commitElsewhere(QStringLiteral("INSERT INTO notes (note) VALUES ('first')")));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 3000);
    settle();
    // Settled: nothing more is reported until the next commit elsewhere.
    quiet = false;
    for (int attempt = 0; attempt < quietAttempts() && !quiet; ++attempt) {
        quiet = watcherStaysQuiet(changed);
    }
    QVERIFY2(quiet, "changed() again without a second commit elsewhere");
    QVERIFY(commitElsewhere(QStringLiteral("UPDATE notes SET note = 'second'")));
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 3000);
    // markSeen() takes what is there now as seen: the caller's own reload is not a change.
    watcher.stop();
    settle();
    QVERIFY(commitElsewhere(QStringLiteral("DELETE FROM notes")));
    QTest::qWait(AfterASecondMs); // kept: no look runs now; MySQL's stamp moves in seconds
    watcher.markSeen();
    changed.clear();
    settle();
    watcher.check();
    if (m_database->dialect() != SqlDialect::MySQL) {
        QCOMPARE(changed.count(), 0); // MySQL's stamp carries its clock while a change is recent
    }
}

QTEST_GUILESS_MAIN(TestChangeWatcher)
#include "TestChangeWatcher.moc"
