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
// This file: c. a database BlogDesk made is loaded by the Flask app and d. a database under
// Flask-Migrate's own history. a. and b. are in TestFlaskCompat.
class TestFlaskCompatLoad : public QObject, private Fixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(findTools()); }

    // c. A database BlogDesk made is loaded by the Flask app (every back end; the stored text
    // is SQLite's alone).
    void flaskLoadsBlogDeskSample_data() { TestServers::addBackendRows(); }
    void flaskLoadsBlogDeskSample();
    void flaskWritesToBlogDeskSchema_data() { TestServers::addBackendRows(); }
    void flaskWritesToBlogDeskSchema();
    void blogDeskSampleStoresSqlAlchemyFormats();
    // d. A database under Flask-Migrate's own history.
    void flaskMigrateHistoryIsLeftAlone();
};

void TestFlaskCompatLoad::flaskLoadsBlogDeskSample()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QVERIFY2(createBlogDeskSample(*database, &failure), qPrintable(failure));
    const ProcessResult read = FlaskApp::runBlogApp(
        {QStringLiteral("read"), QStringLiteral("--password"), QStringLiteral("password")},
        appUrl(database->url()));
    QVERIFY2(read.exited(0), qPrintable(QStringLiteral("the Flask app cannot load what BlogDesk "
                                                       "wrote:") +
                                        read.describe()));
    QJsonObject loaded;
    QVERIFY2(parseJsonObject(read, &loaded, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();

    for (const QString& table : BlogTables) {
        QCOMPARE(loaded[QLatin1String("counts")][table].toInteger(), rowCount(db, table));
    }
    const qint64 users = rowCount(db, QStringLiteral("users"));
    QVERIFY(users > 0 && rowCount(db, QStringLiteral("comments")) > 0);
    QCOMPARE(loaded[QLatin1String("passwords_checked")].toInteger(), users);
    QCOMPARE(loaded[QLatin1String("active_users")].toInteger(),
             rowCount(db, QStringLiteral("users"), QStringLiteral("is_active")));
    QCOMPARE(loaded[QLatin1String("published_posts")].toInteger(),
             rowCount(db, QStringLiteral("posts"), QStringLiteral("is_published")));
    QCOMPARE(loaded[QLatin1String("top_level_comments")].toInteger(),
             rowCount(db, QStringLiteral("comments"), QStringLiteral("parent_id IS NULL")));

    const QJsonObject firstPost = loaded[QLatin1String("first_post")].toObject();
    QSqlQuery query(db);
    QVERIFY(
        query.exec(QStringLiteral("SELECT p.title, p.slug, %1, u.username "
                                  "FROM posts p JOIN users u ON u.id = p.user_id "
                                  "ORDER BY p.id LIMIT 1")
                       .arg(TestServers::columnAsText(dialect, QStringLiteral("p.created_at")))) &&
        query.next());
    QCOMPARE(firstPost[QLatin1String("title")].toString(), query.value(0).toString());
    QCOMPARE(firstPost[QLatin1String("slug")].toString(), query.value(1).toString());
    QCOMPARE(
        firstPost[QLatin1String("created_at")].toString(),
        pythonIsoFormat(TestServers::portableText(query.value(2), QStringLiteral("created_at"))));
    QCOMPARE(firstPost[QLatin1String("author")].toString(), query.value(3).toString());
}

// A database `blogdesk db upgrade` made takes the Flask app's rows (create_all() leaves the
// existing tables alone), BlogDesk browses them, and the app loads them back.
void TestFlaskCompatLoad::flaskWritesToBlogDeskSchema()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    const QString url = appUrl(database->url());
    const ProcessResult upgrade = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"), url});
    QVERIFY2(upgrade.exited(0), qPrintable(upgrade.describe()));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();
    QVERIFY(db.tables().contains(QStringLiteral("blogdesk_migrations")));
    for (const QString& table : BlogTables) {
        QCOMPARE(rowCount(db, table), made[QLatin1String("counts")][table].toInteger());
        QVERIFY2(browsesCompletely(db, table, &failure), qPrintable(failure));
    }

    const ProcessResult read = FlaskApp::runBlogApp(
        {QStringLiteral("read"), QStringLiteral("--password"), QStringLiteral("secret-alice")},
        url);
    QVERIFY2(read.exited(0), qPrintable(read.describe()));
    QJsonObject loaded;
    QVERIFY2(parseJsonObject(read, &loaded, &failure), qPrintable(failure));
    QCOMPARE(loaded[QLatin1String("counts")].toObject(), made[QLatin1String("counts")].toObject());
    QCOMPARE(loaded[QLatin1String("passwords_checked")].toInteger(), 1);
    QCOMPARE(loaded[QLatin1String("active_users")].toInteger(),
             rowCount(db, QStringLiteral("users"), QStringLiteral("is_active")));

    const ProcessResult current = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"), url});
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QVERIFY2(!nonEmptyLines(current.out).contains(QStringLiteral("<base>")),
             qPrintable(current.describe()));
}

void TestFlaskCompatLoad::blogDeskSampleStoresSqlAlchemyFormats()
{
    TempDatabase database;
    QString failure;
    QVERIFY2(createBlogDeskSample(database, &failure), qPrintable(failure));
    const QSqlDatabase db = database.db();

    int dateTimes = 0;
    const QStringList dateTimeProblems = badDateTimes(db, &dateTimes);
    QVERIFY2(dateTimeProblems.isEmpty(), qPrintable(dateTimeProblems.join(QStringLiteral("; "))));
    QVERIFY2(dateTimes >= 100, "too few date-times to prove anything");
    int booleans = 0;
    const QStringList booleanProblems = badBooleans(db, &booleans);
    QVERIFY2(booleanProblems.isEmpty(), qPrintable(booleanProblems.join(QStringLiteral("; "))));
    QVERIFY2(booleans >= 10, "too few booleans to prove anything");

    // The ORM fills these from Python-side defaults and never leaves them NULL.
    const QList<TableColumn> ormDefaults{
        {QStringLiteral("users"), QStringLiteral("is_active")},
        {QStringLiteral("users"), QStringLiteral("created_at")},
        {QStringLiteral("users"), QStringLiteral("updated_at")},
        {QStringLiteral("posts"), QStringLiteral("is_published")},
        {QStringLiteral("posts"), QStringLiteral("created_at")},
        {QStringLiteral("posts"), QStringLiteral("updated_at")},
        {QStringLiteral("post_tags"), QStringLiteral("created_at")},
        {QStringLiteral("comments"), QStringLiteral("created_at")}};
    for (const TableColumn& defaulted : ormDefaults) {
        QVERIFY2(rowCount(db, defaulted.table, defaulted.column + QStringLiteral(" IS NULL")) == 0,
                 qPrintable(defaulted.name() + QStringLiteral(" left NULL")));
    }
}

void TestFlaskCompatLoad::flaskMigrateHistoryIsLeftAlone()
{
    TempDatabase database;
    database.close();
    const QTemporaryDir project;
    QVERIFY(project.isValid());
    const ProcessResult init =
        FlaskApp::runBlogApp({QStringLiteral("migrate-init"), project.path()}, database.url());
    QVERIFY2(init.exited(0), qPrintable(init.describe()));
    QJsonObject initialized;
    QString failure;
    QVERIFY2(parseJsonObject(init, &initialized, &failure), qPrintable(failure));
    const QString revision = initialized[QLatin1String("revision")].toString();
    QVERIFY2(QDir(project.filePath(QStringLiteral("migrations/versions")))
                     .entryList({revision + QStringLiteral("_*.py")})
                     .size() == 1,
             "Flask-Migrate wrote no revision file of its own");
    QVERIFY(database.reopen());
    const QStringList alembicBefore =
        column(database.db(), QStringLiteral("SELECT version_num FROM alembic_version"));
    QCOMPARE(alembicBefore, QStringList{revision});
    const Snapshot before = snapshotOf(database.db());
    database.close();

    const QStringList url{QStringLiteral("--database"), database.url()};
    const ProcessResult current =
        runBlogDesk(QStringList{QStringLiteral("db"), QStringLiteral("current")} + url);
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QVERIFY2(current.out.contains(QStringLiteral("alembic_version holds %1").arg(revision)) &&
                 current.out.contains(QLatin1String("another")),
             qPrintable(current.describe()));
    const ProcessResult history =
        runBlogDesk(QStringList{QStringLiteral("db"), QStringLiteral("history")} + url);
    QVERIFY2(history.exited(0), qPrintable(history.describe()));

    QVERIFY(database.reopen());
    const QSqlDatabase db = database.db();
    QCOMPARE(column(db, QStringLiteral("SELECT version_num FROM alembic_version")), alembicBefore);
    const Snapshot after = snapshotOf(db);
    QCOMPARE(after.tables, before.tables);
    QCOMPARE(after.rows, before.rows);
    for (const QString& table : BlogTables) {
        QCOMPARE(rowCount(db, table), initialized[QLatin1String("counts")][table].toInteger());
        QVERIFY2(browsesCompletely(db, table, &failure), qPrintable(failure));
    }
}

QTEST_GUILESS_MAIN(TestFlaskCompatLoad)
#include "TestFlaskCompatLoad.moc"
