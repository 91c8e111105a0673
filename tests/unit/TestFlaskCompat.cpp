#include "sql/SqlTime.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include "models/browse/BlogTableModel.h"
#include "models/browse/CommentsModel.h"
#include "models/browse/PostsModel.h"
#include "models/browse/TagsModel.h"
#include "models/browse/UsersModel.h"
#include "models/records/PasswordHash.h"
#include "tests/support/BrowseCheck.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/unit/FlaskCompatSupport.h"

using BrowseCheck::browsesCompletely;
using BrowseCheck::cellText;
using BrowseCheck::rowCount;
using TestSupport::column;
using TestSupport::scalar;
using TestSupport::sqliteSchema;
using namespace FlaskCompat;

// What the two Flask compatibility tests check, and on which back ends: FlaskCompatSupport.h.
// This file: a. the Flask app's create_all() database in BlogDesk and b. BlogDesk's migration
// commands on it. c. and d. are in TestFlaskCompatLoad.
class TestFlaskCompat : public QObject, private Fixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(findTools()); }

    // a. A database the Flask app made with create_all() opens in BlogDesk, nothing lost
    // (every back end).
    void flaskDatabaseBrowsesCompletely_data() { TestServers::addBackendRows(); }
    void flaskDatabaseBrowsesCompletely();
    void flaskDateTimesAreReadExactly_data() { TestServers::addBackendRows(); }
    void flaskDateTimesAreReadExactly();
    void flaskPasswordHashesCheck_data() { TestServers::addBackendRows(); }
    void flaskPasswordHashesCheck();
    // b. BlogDesk's migration commands on that create_all() database (reports on every back
    // end; the rest compares the SQLite file).
    void currentAndHistoryReportNothingApplied_data() { TestServers::addBackendRows(); }
    void currentAndHistoryReportNothingApplied();
    void upgradeFailsAndLeavesDatabaseAsItWas();
    void stampedDatabaseDowngradesPastProfiles();
};

void TestFlaskCompat::flaskDatabaseBrowsesCompletely()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();
    for (const QString& table : BlogTables) {
        QCOMPARE(rowCount(db, table), made[QLatin1String("counts")][table].toInteger());
        QVERIFY2(browsesCompletely(db, table, &failure), qPrintable(failure));
    }

    PostsModel posts(db);
    QVERIFY(posts.select());
    const QJsonObject unicodePost = made[QLatin1String("unicode_post")].toObject();
    const int unicodeRow = rowWithId(posts, unicodePost[QLatin1String("id")].toInteger());
    QVERIFY(unicodeRow >= 0);
    QCOMPARE(cell(posts, unicodeRow, "title").toString(), QStringLiteral("Über café ünïcödé"));
    QCOMPARE(cell(posts, unicodeRow, "title").toString(),
             unicodePost[QLatin1String("title")].toString());
    QCOMPARE(cell(posts, unicodeRow, "slug").toString(),
             unicodePost[QLatin1String("slug")].toString());
    QCOMPARE(cell(posts, unicodeRow, "content").toString(),
             unicodePost[QLatin1String("content")].toString());
    QCOMPARE(cell(posts, unicodeRow, "user_id", Qt::DisplayRole).toString(), QStringLiteral("bob"));

    const int draftRow =
        rowWithId(posts, made[QLatin1String("draft")][QLatin1String("id")].toInteger());
    QVERIFY(draftRow >= 0);
    QVERIFY(cell(posts, draftRow, "published_at").isNull());
    QCOMPARE(cell(posts, draftRow, "published_at", Qt::DisplayRole).toString(),
             BlogTableModel::tr("NULL"));
    QCOMPARE(cell(posts, draftRow, "is_published", Qt::DisplayRole).toString(),
             BlogTableModel::tr("no"));

    // The thread: top-level comment (parent NULL), reply, reply to the reply.
    CommentsModel comments(db);
    QVERIFY(comments.select());
    const QJsonArray thread = made[QLatin1String("thread")].toArray();
    QCOMPARE(thread.size(), 3);
    const int topRow = rowWithId(comments, thread[0][QLatin1String("id")].toInteger());
    const int nestedRow = rowWithId(comments, thread[2][QLatin1String("id")].toInteger());
    QVERIFY2(topRow >= 0, "the top-level comment (parent_id NULL) is missing");
    QVERIFY(cell(comments, topRow, "parent_id").isNull());
    QVERIFY(nestedRow >= 0);
    QCOMPARE(cell(comments, nestedRow, "parent_id").toLongLong(),
             thread[1][QLatin1String("id")].toInteger());
    QCOMPARE(cell(comments, nestedRow, "user_id", Qt::DisplayRole).toString(),
             QStringLiteral("carol"));
    QCOMPARE(cell(comments, nestedRow, "post_id", Qt::DisplayRole).toString(),
             made[QLatin1String("first_post")][QLatin1String("title")].toString());

    UsersModel users(db);
    QVERIFY(users.select());
    const int carolRow =
        rowWithId(users, made[QLatin1String("users")][2][QLatin1String("id")].toInteger());
    QVERIFY(carolRow >= 0);
    QCOMPARE(cell(users, carolRow, "is_active", Qt::DisplayRole).toString(),
             BlogTableModel::tr("no"));
}

void TestFlaskCompat::flaskDateTimesAreReadExactly()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();

    int checked = 0;
    // SQLite: the stored text itself must be SQLAlchemy's; the servers store typed values.
    const QStringList problems = dialect == SqlDialect::SQLite
                                     ? badDateTimes(db, &checked)
                                     : badServerDateTimes(db, dialect, &checked);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    QVERIFY2(checked >= 20, "too few date-times to prove anything");

    // Values the Flask app set itself: microseconds kept (where the column keeps them), and a
    // whole second still ".000000".
    const bool micro = keepsMicroseconds(dialect);
    QCOMPARE(timestampText(db, dialect, QStringLiteral("users"), QStringLiteral("last_login"),
                           QStringLiteral("username = 'alice'")),
             micro ? QStringLiteral("2024-01-15 10:30:00.123456")
                   : QStringLiteral("2024-01-15 10:30:00.000000"));
    QCOMPARE(timestampText(db, dialect, QStringLiteral("users"), QStringLiteral("deleted_at"),
                           QStringLiteral("username = 'carol'")),
             QStringLiteral("2024-02-01 12:00:00.000000"));
    const QJsonObject firstPost = made[QLatin1String("first_post")].toObject();
    const QString published =
        timestampText(db, dialect, QStringLiteral("posts"), QStringLiteral("published_at"),
                      QStringLiteral("id = %1").arg(firstPost[QLatin1String("id")].toInteger()));
    QCOMPARE(pythonIsoFormat(published), firstPost[QLatin1String("published_at")].toString());
    QDateTime parsed;
    QVERIFY(SqlTime::parse(published, &parsed));
    QCOMPARE(parsed, QDateTime(QDate(2024, 1, 15), QTime(10, 30, 0, micro ? 654 : 0), Qt::UTC));
    QCOMPARE(SqlTime::display(published), QStringLiteral("2024-01-15 10:30:00"));
}

void TestFlaskCompat::flaskPasswordHashesCheck()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QJsonArray users = made[QLatin1String("users")].toArray();
    QCOMPARE(users.size(), 3);
    for (const QJsonValue& user : users) {
        const QString hash =
            scalar(database->db(), QStringLiteral("SELECT password_hash FROM users "
                                                  "WHERE id = %1")
                                       .arg(user[QLatin1String("id")].toInteger()))
                .toString();
        const QString password =
            QStringLiteral("secret-") + user[QLatin1String("username")].toString();
        QVERIFY2(PasswordHash::check(hash, password), qPrintable(hash));
        QVERIFY(!PasswordHash::check(hash, password + QLatin1Char('x')));
    }
}

void TestFlaskCompat::currentAndHistoryReportNothingApplied()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QString url = appUrl(database->url());

    const ProcessResult current = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"), url});
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QCOMPARE(nonEmptyLines(current.out), QStringList{QStringLiteral("<base>")});
    QVERIFY2(current.err.isEmpty(), qPrintable(current.describe()));

    const ProcessResult history = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("history"), QStringLiteral("--database"), url});
    QVERIFY2(history.exited(0), qPrintable(history.describe()));
    const QStringList lines = nonEmptyLines(history.out);
    QVERIFY2(!lines.isEmpty(), qPrintable(history.describe()));
    for (const QString& line : lines) {
        QVERIFY2(line.endsWith(QLatin1String("[pending]")) &&
                     !line.contains(QLatin1String("(current)")),
                 qPrintable(line));
    }
}

void TestFlaskCompat::upgradeFailsAndLeavesDatabaseAsItWas()
{
    TempDatabase database;
    QJsonObject made;
    QString failure;
    QVERIFY2(createFlaskBlog(database, &made, &failure), qPrintable(failure));
    const Snapshot before = snapshotOf(database.db());
    database.close();

    const ProcessResult upgrade = runBlogDesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                                               QStringLiteral("--database"), database.url()});
    QVERIFY2(upgrade.exited(1), qPrintable(upgrade.describe()));
    const QStringList errorLines = nonEmptyLines(upgrade.err);
    QVERIFY2(errorLines.size() == 1 && errorLines[0].startsWith(QLatin1String("blogdesk: ")) &&
                 errorLines[0].contains(QLatin1String("already exists")),
             qPrintable(upgrade.describe()));

    QVERIFY(database.reopen());
    const Snapshot after = snapshotOf(database.db());
    QCOMPARE(after.rowCounts, before.rowCounts);
    QCOMPARE(after.schema, before.schema);
    QCOMPARE(after.rows, before.rows);
    // The table BlogDesk keeps its history in must not be left behind either: the Flask
    // app's next `flask db migrate` would otherwise propose to drop it.
    QStringList leftBehind = after.tables;
    for (const QString& table : before.tables) {
        leftBehind.removeOne(table);
    }
    QVERIFY2(after.tables == before.tables,
             qPrintable(QStringLiteral("the failed upgrade left table(s) behind: ") +
                        leftBehind.join(QStringLiteral(", "))));
}

// Stamping is how a create_all() database joins BlogDesk's history (upgrade cannot create
// tables that exist); from then on every revision's downgrade must work on it, although
// create_all() never made the indexes that only the guide's migration files create.
void TestFlaskCompat::stampedDatabaseDowngradesPastProfiles()
{
    TempDatabase database;
    QJsonObject made;
    QString failure;
    QVERIFY2(createFlaskBlog(database, &made, &failure), qPrintable(failure));
    database.close();
    const QStringList url{QStringLiteral("--database"), database.url()};
    // Stamped with the revision the models match (head adds BlogDesk's browse and full-text
    // indexes).
    const ProcessResult stamp = runBlogDesk(
        QStringList{QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("bf2038b7def")} +
        url);
    QVERIFY2(stamp.exited(0), qPrintable(stamp.describe()));

    const ProcessResult downgrade = runBlogDesk(
        QStringList{QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("5678abcd")} +
        url);
    QVERIFY2(downgrade.exited(0), qPrintable(downgrade.describe()));
    QVERIFY(database.reopen());
    QVERIFY(!database.db().tables().contains(QStringLiteral("profiles")));
    QCOMPARE(rowCount(database.db(), QStringLiteral("comments")),
             made[QLatin1String("counts")][QLatin1String("comments")].toInteger());
}

QTEST_GUILESS_MAIN(TestFlaskCompat)
#include "TestFlaskCompat.moc"
