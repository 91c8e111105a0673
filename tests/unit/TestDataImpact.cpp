#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/impact/DataImpact.h"
#include "models/connection/Database.h"
#include "models/connection/DatabaseUrl.h"
#include "models/records/SampleBlog.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestSupport::scalar;

namespace {

// Statement 4 fails (the table does not exist); on MySQL statements 0-2 are committed by then
// (the second CREATE TABLE commits them), statement 3 is not. The downgrade uses IF EXISTS so
// that it can undo a half-applied upgrade.
const char* const PartialRevision = R"(-- revision: partial01
-- down_revision:
-- message: Half applied on purpose
-- [upgrade]
CREATE TABLE partial_a (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO partial_a (id) VALUES (1);
CREATE TABLE partial_b (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO partial_b (id) VALUES (1);
INSERT INTO partial_missing (id) VALUES (1);
INSERT INTO partial_a (id) VALUES (2);
-- [downgrade]
DROP TABLE IF EXISTS partial_b;
DROP TABLE IF EXISTS partial_a;
)";
constexpr int PartialFailingStatement = 4;

// Statement 2 is DDL and fails: MySQL has committed everything before it.
const char* const FailingDdlRevision = R"(-- revision: partialddl
-- down_revision:
-- message: Fails on a DDL statement
-- [upgrade]
CREATE TABLE partial_a (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO partial_a (id) VALUES (1);
CREATE TABLE partial_a (id INTEGER NOT NULL PRIMARY KEY);
-- [downgrade]
DROP TABLE IF EXISTS partial_a;
)";

const char* const CleanupRevision = R"(-- revision: cleanup0004
-- down_revision: e83b4f6a1c2
-- message: Clean up
-- [upgrade]
ALTER TABLE users DROP COLUMN last_login;
DELETE FROM comments WHERE parent_id IS NOT NULL;
UPDATE posts SET title = (SELECT username FROM users WHERE users.id = posts.user_id)
    WHERE is_published = 1;
DELETE FROM tags WHERE id < 0;
-- [downgrade]
ALTER TABLE users ADD COLUMN last_login DATETIME;
)";

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) >= 0;
}

MigrationHistory builtInHistory()
{
    MigrationHistory history;
    QString error;
    if (!history.loadBuiltIn(&error)) {
        qFatal("built-in history unreadable: %s", qPrintable(error));
    }
    return history;
}

// A history of one revision, written into `folder`.
bool loadSingleRevision(const QTemporaryDir& folder, const char* contents,
                        MigrationHistory* history)
{
    QString error;
    const bool ok = writeFile(folder.filePath(QStringLiteral("0001_partial.sql")), contents) &&
                    history->load(folder.path(), &error);
    if (!ok) {
        qWarning("cannot load the test revision: %s", qPrintable(error));
    }
    return ok;
}

qint64 count(const QSqlDatabase& db, const QString& table, const QString& where = QString())
{
    const QString condition = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where;
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(table, condition))
        .toLongLong();
}

QList<DataImpactItem> destructiveItems(const QList<DataImpactItem>& items)
{
    QList<DataImpactItem> destructive;
    for (const DataImpactItem& item : items) {
        if (item.destructive) {
            destructive << item;
        }
    }
    return destructive;
}

QString describe(const QList<DataImpactItem>& items)
{
    QStringList lines;
    for (const DataImpactItem& item : items) {
        lines << QStringLiteral("%1: %2 [%3%4]")
                     .arg(item.revision, item.description)
                     .arg(item.rows)
                     .arg(item.destructive ? QStringLiteral(", destructive") : QString());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestDataImpact : public QObject
{
    Q_OBJECT

private slots:
    // Task A: what a plan does to the data.
    void downgradeToProfilesRevisionDropsProfiles();
    void downgradeToBaseListsEveryTable();
    void upgradeFromBaseLosesNothing();
    void dataStepCountsPostsWithoutSlug();
    void customRevisionGetsExactCounts();
    void noMoveNoItems();

    // Task B: a failing revision, on SQLite (rolled back whole) and MySQL (half applied).
    void failingRevisionOnSqliteIsRolledBackWhole();
    void resumeAndRevertRefuseOtherRevisions();
    void mysqlHalfAppliedRevisionIsReported();
    void mysqlResumeAfterFixingRecordsIt();
    void mysqlResumePastTheFailureRecordsIt();
    void mysqlRevertPartialDropsWhatWasCreated();
    void mysqlFailingDdlLeavesEverythingBeforeCommitted();
    void mysqlDowngradeImpact();
};

void TestDataImpact::downgradeToProfilesRevisionDropsProfiles()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
    if (QTest::currentTestFailed()) {
        return;
    }
    const QSqlDatabase db = temp->db();
    QSqlQuery query(db);
    if (count(db, QStringLiteral("profiles")) == 0) {
        QVERIFY(query.exec(QStringLiteral("INSERT INTO profiles (bio, user_id) "
                                          "SELECT 'bio', id FROM users")));
    }
    const qint64 profiles = count(db, QStringLiteral("profiles"));
    const qint64 posts = count(db, QStringLiteral("posts"));
    QVERIFY(profiles > 0 && posts > 0);
    const MigrationHistory history = builtInHistory();

    QList<DataImpactItem> items;
    QString error;
    QVERIFY2(DataImpact::assess(db, history, 4, 0, &items, &error), qPrintable(error));
    QCOMPARE(items.size(), 2);
    // 0003's downgrade rebuilds posts on SQLite: the rows are copied, nothing is lost.
    QCOMPARE(items.at(0).revision, QStringLiteral("bf2038b7def"));
    QVERIFY(!items.at(0).destructive);
    QCOMPARE(items.at(0).rows, posts);
    QCOMPARE(items.at(0).description,
             QStringLiteral("rebuilds table posts (%1 rows copied)").arg(posts));
    QCOMPARE(items.at(1).revision, QStringLiteral("ae1027a6acf"));
    QVERIFY(items.at(1).destructive);
    QCOMPARE(items.at(1).rows, profiles);
    QCOMPARE(items.at(1).description,
             QStringLiteral("drops table profiles: %1 rows will be lost").arg(profiles));

    QVERIFY2(DataImpact::assess(db, history, 4, 1, &items, &error), qPrintable(error));
    QCOMPARE(destructiveItems(items).size(), 0);
    QCOMPARE(count(db, QStringLiteral("profiles")), profiles); // nothing was changed
}

void TestDataImpact::downgradeToBaseListsEveryTable()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
    if (QTest::currentTestFailed()) {
        return;
    }
    const QSqlDatabase db = temp->db();
    QList<DataImpactItem> items;
    QString error;
    QVERIFY2(DataImpact::assess(db, builtInHistory(), 4, -1, &items, &error), qPrintable(error));
    const QList<DataImpactItem> lost = destructiveItems(items);
    QStringList expected;
    for (const char* table : {"profiles", "comments", "post_tags", "tags", "posts", "users"}) {
        const qint64 rows = count(db, QLatin1String(table));
        QVERIFY(rows > 0);
        expected << QStringLiteral("drops table %1: %2 rows will be lost")
                        .arg(QLatin1String(table))
                        .arg(rows);
    }
    QStringList descriptions;
    for (const DataImpactItem& item : lost) {
        descriptions << item.description;
    }
    QCOMPARE(descriptions, expected);
    // Only the rebuild is not destructive: the rows that posts gets back are still lost later.
    QCOMPARE(items.size() - lost.size(), 1);
    QCOMPARE(lost.at(4).rows, count(db, QStringLiteral("posts")));
    QCOMPARE(lost.at(4).revision, QStringLiteral("5678abcd"));
}

void TestDataImpact::upgradeFromBaseLosesNothing()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    QList<DataImpactItem> items;
    QString error;
    QVERIFY2(DataImpact::assess(temp.db(), history, -1, history.headIndex(), &items, &error),
             qPrintable(error));
    QVERIFY2(destructiveItems(items).isEmpty(), qPrintable(describe(items)));
    QVERIFY2(items.isEmpty(), qPrintable(describe(items))); // every table starts empty
}

void TestDataImpact::dataStepCountsPostsWithoutSlug()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp.db(), history);
    QString error;
    MigrationError migrationError;
    QVERIFY(engine.refresh(&error) && engine.upgrade(1, &migrationError));
    QSqlQuery query(temp.db());
    QVERIFY(query.exec(QStringLiteral(
        "INSERT INTO users (id, username, email, password_hash, is_active, created_at) "
        "VALUES (1, 'u', 'u@example.com', 'x', 1, '2024-01-01 00:00:00.000000')")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO posts (title, content, slug, user_id) VALUES "
                                      "('A', 'c', NULL, 1), ('B', 'c', NULL, 1), "
                                      "('C', 'c', 'c', 1)")));
    QList<DataImpactItem> items;
    QVERIFY2(DataImpact::assess(temp.db(), history, 1, 2, &items, &error), qPrintable(error));
    QCOMPARE(items.size(), 2);
    QVERIFY(items.at(0).description.contains(QLatin1String("populate_post_slugs")));
    QVERIFY2(items.at(0).description.endsWith(QLatin1String("(2 rows of posts)")),
             qPrintable(items.at(0).description));
    QCOMPARE(items.at(0).rows, 2);
    QCOMPARE(items.at(1).description, QStringLiteral("rebuilds table posts (3 rows copied)"));
    QVERIFY(destructiveItems(items).isEmpty());
}

void TestDataImpact::customRevisionGetsExactCounts()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
    if (QTest::currentTestFailed()) {
        return;
    }
    const QSqlDatabase db = temp->db();
    QTemporaryDir folder;
    QVERIFY(TestSupport::copyBuiltInMigrations(folder.path()));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("0004_cleanup.sql")), CleanupRevision));
    MigrationHistory history;
    QString error;
    QVERIFY2(history.load(folder.path(), &error), qPrintable(error));
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("UPDATE users SET last_login = NULL")));
    QVERIFY(query.exec(QStringLiteral(
        "UPDATE users SET last_login = '2024-02-01 10:00:00.000000' WHERE id IN (1, 2, 3)")));
    const qint64 replies =
        count(db, QStringLiteral("comments"), QStringLiteral("parent_id IS NOT NULL"));
    const qint64 published = count(db, QStringLiteral("posts"), QStringLiteral("is_published = 1"));
    QVERIFY(replies > 0 && published > 0);

    QList<DataImpactItem> items;
    QVERIFY2(DataImpact::assess(db, history, 4, 5, &items, &error), qPrintable(error));
    QCOMPARE(
        describe(items),
        QStringList({QStringLiteral("cleanup0004: drops column users.last_login: 3 values "
                                    "will be lost [3, destructive]"),
                     QStringLiteral("cleanup0004: deletes %1 rows from comments [%1, "
                                    "destructive]")
                         .arg(replies),
                     QStringLiteral("cleanup0004: changes %1 rows of posts [%1]").arg(published)})
            .join(QLatin1Char('\n')));

    // The counts are what the migration really does.
    const qint64 commentsBefore = count(db, QStringLiteral("comments"));
    MigrationEngine engine(db, history);
    MigrationError migrationError;
    QVERIFY(engine.refresh(&error));
    QVERIFY2(engine.upgrade(5, &migrationError), qPrintable(migrationError.text()));
    QCOMPARE(count(db, QStringLiteral("comments")), commentsBefore - replies);
    QCOMPARE(
        count(db, QStringLiteral("posts"), QStringLiteral("title IN (SELECT username FROM users)")),
        published);

    // Back down: the column comes back empty, nothing is lost.
    QVERIFY2(DataImpact::assess(db, history, 5, 4, &items, &error), qPrintable(error));
    QVERIFY2(items.isEmpty(), qPrintable(describe(items)));
}

void TestDataImpact::noMoveNoItems()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
    if (QTest::currentTestFailed()) {
        return;
    }
    QList<DataImpactItem> items{DataImpactItem()};
    QString error;
    QVERIFY(DataImpact::assess(temp->db(), builtInHistory(), 4, 4, &items, &error));
    QVERIFY(items.isEmpty());
    QVERIFY(!DataImpact::assess(temp->db(), builtInHistory(), 4, 7, &items, &error));
    QVERIFY(!error.isEmpty());
}

void TestDataImpact::failingRevisionOnSqliteIsRolledBackWhole()
{
    TempDatabase temp;
    QTemporaryDir folder;
    MigrationHistory history;
    QVERIFY(loadSingleRevision(folder, PartialRevision, &history));
    MigrationEngine engine(temp.db(), history);
    QString error;
    QVERIFY(engine.refresh(&error));
    MigrationError failure;
    QVERIFY(!engine.upgrade(0, &failure));
    QCOMPARE(failure.revision, QStringLiteral("partial01"));
    QCOMPARE(failure.failedStatement, PartialFailingStatement);
    QVERIFY(failure.statement.contains(QLatin1String("partial_missing")));
    QVERIFY(!failure.partiallyApplied());
    QVERIFY(failure.committedStatements.isEmpty());
    QCOMPARE(failure.firstUncommittedStatement, 0);
    QVERIFY2(failure.text().contains(QLatin1String("failed and was rolled back")),
             qPrintable(failure.text()));
    QVERIFY(!temp.db().tables().contains(QStringLiteral("partial_a")));
    QVERIFY(engine.refresh(&error));
    QCOMPARE(engine.currentIndex(), -1);
}

void TestDataImpact::resumeAndRevertRefuseOtherRevisions()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp.db(), history);
    QString error;
    MigrationError failure;
    QVERIFY(engine.refresh(&error) && engine.upgrade(1, &failure));
    QVERIFY(!engine.resumeUpgrade(1, 0, &failure)); // applied already
    QVERIFY(failure.message.contains(QLatin1String("only the revision after")));
    QVERIFY(!engine.revertPartial(0, &failure));
    QVERIFY(!engine.resumeUpgrade(2, 99, &failure)); // no such statement
    QVERIFY2(failure.message.contains(QLatin1String("has no statement")),
             qPrintable(failure.message));
    QCOMPARE(engine.currentIndex(), 1);
    // Resuming from the start is an upgrade of that one revision.
    QVERIFY2(engine.resumeUpgrade(2, 0, &failure), qPrintable(failure.text()));
    QCOMPARE(engine.currentIndex(), 2);
    QCOMPARE(engine.state(2), RevisionState::Applied);
}

// A fresh database on the MariaDB server the test command started, as `mysql` (a
// std::unique_ptr<TestServers::ServerDatabase>); a missing server fails the test under CI.
#define OPEN_MYSQL(mysql)                                                                          \
    BLOGDESK_REQUIRE_SERVER(SqlDialect::MySQL);                                                    \
    std::unique_ptr<TestServers::ServerDatabase> mysql;                                            \
    {                                                                                              \
        QString openError;                                                                         \
        mysql = TestServers::ServerDatabase::create(SqlDialect::MySQL,                             \
                                                    QStringLiteral("mysqltest"), &openError);      \
        QVERIFY2(mysql, qPrintable(openError));                                                    \
    }

bool hasTable(const QSqlDatabase& db, const QString& name)
{
    return db.tables().contains(name);
}

// Runs the partial revision on MySQL and checks what the failure says and leaves behind.
static void failHalfWay(const TestServers::ServerDatabase& mysql, MigrationEngine& engine,
                        MigrationError* failure)
{
    QString error;
    QVERIFY(engine.refresh(&error));
    QVERIFY(!engine.upgrade(0, failure));
    QCOMPARE(failure->failedStatement, PartialFailingStatement);
    QVERIFY(failure->partiallyApplied());
    QCOMPARE(failure->committedStatements.size(), 3);
    QVERIFY(failure->committedStatements.at(0).startsWith(QLatin1String("CREATE TABLE partial_a")));
    QVERIFY(failure->committedStatements.at(2).startsWith(QLatin1String("CREATE TABLE partial_b")));
    QCOMPARE(failure->firstUncommittedStatement, 3);
    QVERIFY2(failure->text().contains(QLatin1String("NOT rolled back whole")) &&
                 failure->text().contains(QLatin1String("3 statements")),
             qPrintable(failure->text()));
    // What is committed is there; the insert after the last DDL was rolled back.
    QVERIFY(hasTable(mysql.db(), QStringLiteral("partial_a")));
    QCOMPARE(count(mysql.db(), QStringLiteral("partial_a")), 1);
    QCOMPARE(count(mysql.db(), QStringLiteral("partial_b")), 0);
    QCOMPARE(count(mysql.db(), QStringLiteral("blogdesk_migrations")), 0);
    QVERIFY(engine.refresh(&error));
    QCOMPARE(engine.currentIndex(), -1);
}

void TestDataImpact::mysqlHalfAppliedRevisionIsReported()
{
    OPEN_MYSQL(mysql);
    QTemporaryDir folder;
    MigrationHistory history;
    QVERIFY(loadSingleRevision(folder, PartialRevision, &history));
    MigrationEngine engine(mysql->db(), history);
    MigrationError failure;
    failHalfWay(*mysql, engine, &failure);
}

void TestDataImpact::mysqlResumeAfterFixingRecordsIt()
{
    OPEN_MYSQL(mysql);
    QTemporaryDir folder;
    MigrationHistory history;
    QVERIFY(loadSingleRevision(folder, PartialRevision, &history));
    MigrationEngine engine(mysql->db(), history);
    MigrationError failure;
    failHalfWay(*mysql, engine, &failure);
    if (QTest::currentTestFailed()) {
        return;
    }
    QSqlQuery query(mysql->db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE partial_missing (id INTEGER NOT NULL)")));
    MigrationError resumeError;
    QVERIFY2(engine.resumeUpgrade(0, failure.firstUncommittedStatement, &resumeError),
             qPrintable(resumeError.text()));
    QCOMPARE(engine.currentIndex(), 0);
    QCOMPARE(engine.state(0), RevisionState::Applied);
    QCOMPARE(count(mysql->db(), QStringLiteral("partial_a")), 2);
    QCOMPARE(count(mysql->db(), QStringLiteral("partial_b")), 1);
    QCOMPARE(count(mysql->db(), QStringLiteral("partial_missing")), 1);
}

void TestDataImpact::mysqlResumePastTheFailureRecordsIt()
{
    OPEN_MYSQL(mysql);
    QTemporaryDir folder;
    MigrationHistory history;
    QVERIFY(loadSingleRevision(folder, PartialRevision, &history));
    MigrationEngine engine(mysql->db(), history);
    MigrationError failure;
    failHalfWay(*mysql, engine, &failure);
    if (QTest::currentTestFailed()) {
        return;
    }
    MigrationError resumeError;
    QVERIFY2(engine.resumeUpgrade(0, failure.failedStatement + 1, &resumeError),
             qPrintable(resumeError.text()));
    QCOMPARE(engine.currentRevision(), QStringLiteral("partial01"));
    QCOMPARE(count(mysql->db(), QStringLiteral("partial_a")), 2);
    QCOMPARE(count(mysql->db(), QStringLiteral("blogdesk_migrations"),
                   QStringLiteral("revision = 'partial01' AND duration_ms IS NOT NULL")),
             1);
}

void TestDataImpact::mysqlRevertPartialDropsWhatWasCreated()
{
    OPEN_MYSQL(mysql);
    QTemporaryDir folder;
    MigrationHistory history;
    QVERIFY(loadSingleRevision(folder, PartialRevision, &history));
    MigrationEngine engine(mysql->db(), history);
    MigrationError failure;
    failHalfWay(*mysql, engine, &failure);
    if (QTest::currentTestFailed()) {
        return;
    }
    MigrationError revertError;
    QVERIFY2(engine.revertPartial(0, &revertError), qPrintable(revertError.text()));
    QVERIFY(!hasTable(mysql->db(), QStringLiteral("partial_a")));
    QVERIFY(!hasTable(mysql->db(), QStringLiteral("partial_b")));
    QCOMPARE(engine.currentIndex(), -1);
    QCOMPARE(count(mysql->db(), QStringLiteral("blogdesk_migrations")), 0);
    // And the revision can then run whole once its cause is fixed.
    QSqlQuery query(mysql->db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE partial_missing (id INTEGER NOT NULL)")));
    QVERIFY2(engine.upgrade(0, &failure), qPrintable(failure.text()));
    QCOMPARE(count(mysql->db(), QStringLiteral("partial_a")), 2);
}

void TestDataImpact::mysqlFailingDdlLeavesEverythingBeforeCommitted()
{
    OPEN_MYSQL(mysql);
    QTemporaryDir folder;
    MigrationHistory history;
    QVERIFY(loadSingleRevision(folder, FailingDdlRevision, &history));
    MigrationEngine engine(mysql->db(), history);
    QString error;
    MigrationError failure;
    QVERIFY(engine.refresh(&error));
    QVERIFY(!engine.upgrade(0, &failure));
    QCOMPARE(failure.failedStatement, 2);
    QCOMPARE(failure.committedStatements.size(), 2); // the INSERT too: committed before the DDL
    QCOMPARE(failure.firstUncommittedStatement, 2);
    QCOMPARE(count(mysql->db(), QStringLiteral("partial_a")), 1);
    QVERIFY(engine.refresh(&error));
    QCOMPARE(engine.currentIndex(), -1);
}

void TestDataImpact::mysqlDowngradeImpact()
{
    OPEN_MYSQL(mysql);
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(mysql->db(), history);
    QString error;
    MigrationError failure;
    QVERIFY(engine.refresh(&error));
    QVERIFY2(engine.upgrade(history.headIndex(), &failure), qPrintable(failure.text()));
    SampleBlog sample(mysql->db(), SampleBlogOptions());
    QVERIFY2(sample.populate(&error), qPrintable(error));
    QList<DataImpactItem> items;
    QVERIFY2(DataImpact::assess(mysql->db(), history, 2, 0, &items, &error), qPrintable(error));
    // MySQL changes the column in place: no rebuild, only the profiles are lost.
    QCOMPARE(describe(items),
             QStringLiteral("ae1027a6acf: drops table profiles: %1 rows will be lost [%1, "
                            "destructive]")
                 .arg(sample.counts().profiles));
}

QTEST_GUILESS_MAIN(TestDataImpact)
#include "TestDataImpact.moc"
