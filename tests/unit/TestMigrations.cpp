#include "sql/Slugify.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/SqlScript.h"
#include "models/records/SampleBlog.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;
using TestSupport::column;
using TestSupport::scalar;
using TestSupport::sqliteSchema;

namespace {

const char* const BrokenRevision = R"(-- revision: broken0004
-- down_revision: e83b4f6a1c2
-- message: Broken on purpose
-- [upgrade]
CREATE TABLE half_done (id INTEGER PRIMARY KEY);
INSERT INTO half_done (id) VALUES (1);
INSERT INTO no_such_table (id) VALUES (1);
-- [downgrade]
DROP TABLE half_done;
)";

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(contents) >= 0;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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

bool migrateTo(MigrationEngine& engine, int index, QString* error = nullptr)
{
    MigrationError migrationError;
    const bool ok = index >= engine.currentIndex() ? engine.upgrade(index, &migrationError)
                                                   : engine.downgrade(index, &migrationError);
    if (error) {
        *error = migrationError.text();
    }
    return ok;
}

MigrationHistory historyWithBrokenRevision(const QTemporaryDir& folder)
{
    MigrationHistory history;
    QString error;
    if (!TestSupport::copyBuiltInMigrations(folder.path()) ||
        !writeFile(folder.filePath(QStringLiteral("0004_broken.sql")), BrokenRevision) ||
        !history.load(folder.path(), &error)) {
        qFatal("cannot make the broken history: %s", qPrintable(error));
    }
    return history;
}

// Runs the real `blogdesk` (BLOGDESK_BINARY, set by CTest) and returns its standard output;
// false, with its exit code and standard error in *output, when it fails.
bool runBlogdesk(const QStringList& arguments, QString* output)
{
    const QString binary = qEnvironmentVariable("BLOGDESK_BINARY");
    if (binary.isEmpty()) {
        *output = QStringLiteral("BLOGDESK_BINARY is not set (run the test through ctest)");
        return false;
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DATABASE_URL"));
    process.setProcessEnvironment(environment);
    process.start(binary, arguments);
    const bool finished = process.waitForFinished(60000);
    const bool ok =
        finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    *output = ok ? QString::fromUtf8(process.readAllStandardOutput())
                 : QStringLiteral("blogdesk %1: exit %2: %3")
                       .arg(arguments.join(QLatin1Char(' ')))
                       .arg(process.exitCode())
                       .arg(QString::fromUtf8(process.readAllStandardError()));
    return ok;
}

} // namespace

// In a test over the back ends (data from TestServers::addBackendRows): declares `dialect`,
// the row's back end. The test is skipped, or failed where servers are required, when that
// back end's server is not there.
#define FETCH_BACKEND()                                                                            \
    QFETCH(QString, backend);                                                                      \
    const SqlDialect dialect = TestServers::dialectNamed(backend);                                 \
    BLOGDESK_REQUIRE_SERVER(dialect)

// Declares `database`, a fresh, empty database on `dialect` opened as `connection`.
#define OPEN_DATABASE(database, connection)                                                        \
    QString database##Error;                                                                       \
    const auto database =                                                                          \
        BackendDatabase::create(dialect, QStringLiteral(connection), &database##Error);            \
    QVERIFY2(database, qPrintable(database##Error))

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void builtInHistoryIsTheGuides();
    void parseErrorsNameFileAndLine_data();
    void parseErrorsNameFileAndLine();
    void historyRefusesBadShapes_data();
    void historyRefusesBadShapes();
    void resolvesTargets_data();
    void resolvesTargets();
    void splitsStatements();
    void splitsTriggerBodies();
    void slugifyMatchesPython_data();
    void slugifyMatchesPython();
    // These run on SQLite, PostgreSQL and MariaDB (rows "sqlite", "postgresql", "mysql").
    void everyRevisionUpAndDownRoundTrips_data() { TestServers::addBackendRows(); }
    void everyRevisionUpAndDownRoundTrips();
    void straightUpgradeEqualsStepwise_data() { TestServers::addBackendRows(); }
    void straightUpgradeEqualsStepwise();
    void historyAndCurrentFollowTheDatabase_data() { TestServers::addBackendRows(); }
    void historyAndCurrentFollowTheDatabase();
    void dataMigrationFillsUniqueSlugs_data() { TestServers::addBackendRows(); }
    void dataMigrationFillsUniqueSlugs();
    void failingRevisionIsRolledBack_data() { TestServers::addBackendRows(); }
    void failingRevisionIsRolledBack();
    void changedFileIsDetectedAndRefused_data() { TestServers::addBackendRows(); }
    void changedFileIsDetectedAndRefused();
    void stampRecordsWithoutRunning_data() { TestServers::addBackendRows(); }
    void stampRecordsWithoutRunning();
    void foreignAlembicVersionIsReportedAndKept_data() { TestServers::addBackendRows(); }
    void foreignAlembicVersionIsReportedAndKept();
    void commandLineVerbsOnEveryBackEnd_data() { TestServers::addBackendRows(); }
    void commandLineVerbsOnEveryBackEnd();

    // SQLite only.
    void finalSchemaMatchesTheModels();
    void rebuildKeepsChildRows();
    void newForeignKeyViolationFailsTheRevision();
    void existingDanglingReferencesAreTolerated();
    void scriptModePrintsAndChangesNothing();
};

void TestMigrations::builtInHistoryIsTheGuides()
{
    const MigrationHistory history = builtInHistory();
    QCOMPARE(history.size(), 5);
    QCOMPARE(history.at(0).revision, QStringLiteral("5678abcd"));
    QCOMPARE(history.at(1).revision, QStringLiteral("ae1027a6acf"));
    QCOMPARE(history.at(1).message, QStringLiteral("Add user profile table"));
    QCOMPARE(history.at(2).revision, QStringLiteral("bf2038b7def"));
    QCOMPARE(history.at(3).revision, QStringLiteral("c71e5a2d9f0"));
    QCOMPARE(history.at(3).message, QStringLiteral("Add browse indexes"));
    QCOMPARE(history.at(4).revision, QStringLiteral("e83b4f6a1c2"));
    QCOMPARE(history.at(4).message, QStringLiteral("Add full-text search"));
    QCOMPARE(history.head(), QStringLiteral("e83b4f6a1c2"));
    for (const Migration& migration : history.revisions()) {
        QCOMPARE(migration.checksum.size(), 64);
        for (SqlDialect dialect : {SqlDialect::SQLite, SqlDialect::PostgreSQL, SqlDialect::MySQL}) {
            QVERIFY(migration.hasScript(MigrationDirection::Upgrade, dialect));
            QVERIFY(migration.hasScript(MigrationDirection::Downgrade, dialect));
        }
    }
}

void TestMigrations::parseErrorsNameFileAndLine_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected");
    const QByteArray header = "-- revision: abc\n-- down_revision:\n-- message: M\n";
    QTest::newRow("no revision") << QByteArray("-- message: M\n-- [upgrade]\n-- [downgrade]\n")
                                 << QStringLiteral("x.sql: missing or invalid 'revision:'");
    QTest::newRow("unknown section") << header + "-- [upgrade.oracle]\n"
                                     << QStringLiteral("x.sql:4: unknown section");
    QTest::newRow("unknown header")
        << QByteArray("-- revison: abc\n") << QStringLiteral("x.sql:1: unknown header 'revison'");
    QTest::newRow("sql before sections") << header + "CREATE TABLE t (id INT);\n"
                                         << QStringLiteral("x.sql:4: SQL before");
    QTest::newRow("no downgrade") << header + "-- [upgrade]\nSELECT 1;\n"
                                  << QStringLiteral("x.sql: no [downgrade] section");
    QTest::newRow("unknown step") << header + "-- [upgrade]\n@step nope;\n-- [downgrade]\n"
                                  << QStringLiteral("unknown directive '@step nope'");
    QTest::newRow("duplicate section")
        << header + "-- [upgrade]\n-- [upgrade]\n"
        << QStringLiteral("x.sql:5: section [upgrade] appears twice");
}

void TestMigrations::parseErrorsNameFileAndLine()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    Migration migration;
    QString error;
    QVERIFY(!Migration::parse(contents, QStringLiteral("x.sql"), &migration, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestMigrations::historyRefusesBadShapes_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("expected");
    auto file = [](const char* revision, const char* parent) {
        return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: m\n"
                              "-- [upgrade]\n-- [downgrade]\n")
            .arg(QLatin1String(revision), QLatin1String(parent));
    };
    QTest::newRow("duplicate") << QStringList{file("a", ""), file("a", "")}
                               << QStringLiteral("defined twice");
    QTest::newRow("unknown parent")
        << QStringList{file("a", ""), file("b", "zzz")} << QStringLiteral("not in the history");
    QTest::newRow("branch") << QStringList{file("a", ""), file("b", "a"), file("c", "a")}
                            << QStringLiteral("two children");
    QTest::newRow("no files") << QStringList() << QStringLiteral("no migration files");
}

void TestMigrations::historyRefusesBadShapes()
{
    QFETCH(QStringList, files);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    for (int i = 0; i < files.size(); ++i) {
        QVERIFY(writeFile(dir.filePath(QStringLiteral("%1.sql").arg(i)), files.at(i).toUtf8()));
    }
    MigrationHistory history;
    QString error;
    QVERIFY(!history.load(dir.path(), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestMigrations::resolvesTargets_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("current");
    QTest::addColumn<int>("expected"); // -2: refused
    QTest::newRow("head") << "head" << -1 << 4;
    QTest::newRow("heads") << "heads" << 0 << 4;
    QTest::newRow("base") << "base" << 2 << -1;
    QTest::newRow("full id") << "ae1027a6acf" << -1 << 1;
    QTest::newRow("prefix") << "5678" << 2 << 0;
    QTest::newRow("down one") << "-1" << 2 << 1;
    QTest::newRow("up two") << "+2" << -1 << 1;
    QTest::newRow("from rev") << "5678abcd+2" << -1 << 2;
    QTest::newRow("past head") << "+1" << 4 << -2;
    QTest::newRow("below base") << "-3" << 1 << -2;
    QTest::newRow("unknown") << "cafe" << 0 << -2;
    QTest::newRow("empty") << "" << 0 << -2;
}

void TestMigrations::resolvesTargets()
{
    QFETCH(QString, spec);
    QFETCH(int, current);
    QFETCH(int, expected);
    const MigrationHistory history = builtInHistory();
    int index = -5;
    QString error;
    const bool ok = history.resolve(spec, current, &index, &error);
    QCOMPARE(ok, expected != -2);
    if (ok) {
        QCOMPARE(index, expected);
    } else {
        QVERIFY(!error.isEmpty());
    }
}

void TestMigrations::splitsStatements()
{
    const QString script =
        QStringLiteral("-- a comment; with a semicolon\n"
                       "INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;');\n"
                       "/* block; comment */ SELECT 1;\n"
                       "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
                       "@step populate_post_slugs;\n\n   ;\n");
    const QStringList statements = SqlScript::split(script);
    QCOMPARE(statements.size(), 4);
    QCOMPARE(statements.at(0), QStringLiteral("INSERT INTO t VALUES ('a;b', \"c;d\", 'it''s;')"));
    QCOMPARE(statements.at(1), QStringLiteral("SELECT 1"));
    QVERIFY(statements.at(2).endsWith(QLatin1String("$body$ SELECT 1; $body$ LANGUAGE sql")));
    QVERIFY(isDataStep(statements.at(3)));
}

// A trigger's body is part of its CREATE TRIGGER: the statement ends after END.
void TestMigrations::splitsTriggerBodies()
{
    const QString script =
        QStringLiteral("CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n"
                       "    INSERT INTO log VALUES (new.id); DELETE FROM old_log;\nEND;\n"
                       "create temp trigger t_ad after delete on t begin select 'end;'; end;\n"
                       "SELECT 2;\n");
    const QStringList statements = SqlScript::split(script);
    QCOMPARE(statements.size(), 3);
    QVERIFY(statements.at(0).endsWith(QLatin1String("DELETE FROM old_log;\nEND")));
    QVERIFY(statements.at(1).endsWith(QLatin1String("select 'end;'; end")));
    QCOMPARE(statements.at(2), QStringLiteral("SELECT 2"));
}

void TestMigrations::slugifyMatchesPython_data()
{
    // Expected values printed by the guide's slugify() under Python 3.11.
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("slug");
    QTest::newRow("plain") << "Hello World!"
                           << "hello-world";
    QTest::newRow("accents") << "  Über café  "
                             << "über-café";
    QTest::newRow("runs") << "a_b--c  d"
                          << "a-b-c-d";
    QTest::newRow("nothing left") << "!!!"
                                  << "";
    QTest::newRow("symbols") << "C++ & Qt"
                             << "c-qt";
    QTest::newRow("digits") << "Déjà vu: 10 tips"
                            << "déjà-vu-10-tips";
    QTest::newRow("edges kept") << "-leading and trailing-"
                                << "-leading-and-trailing-";
    QTest::newRow("cjk") << "日本語 タイトル"
                         << "日本語-タイトル";
    QTest::newRow("whitespace") << "tab\tnew\nline"
                                << "tab-new-line";
    QTest::newRow("emoji") << "emoji 🎉 party"
                           << "emoji-party";
    QTest::newRow("numbers") << "x² + y³ ½"
                             << "x²-y³-½";
}

void TestMigrations::slugifyMatchesPython()
{
    QFETCH(QString, title);
    QFETCH(QString, slug);
    QCOMPARE(slugify(title), slug);
}

void TestMigrations::everyRevisionUpAndDownRoundTrips()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp->db(), history);
    QString error;
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    QCOMPARE(engine.dialect(), dialect);
    QList<QStringList> schemaAt{TestServers::schema(temp->db(), dialect)};
    QCOMPARE(schemaAt.constFirst(), QStringList());
    for (int i = 0; i < history.size(); ++i) {
        QVERIFY2(migrateTo(engine, i, &error), qPrintable(error));
        QCOMPARE(engine.currentIndex(), i);
        schemaAt << TestServers::schema(temp->db(), dialect);
        QVERIFY(schemaAt.constLast() != schemaAt.at(i));
        QVERIFY2(!schemaAt.constLast().join(QLatin1Char('\n')).contains(QLatin1String("ERROR")),
                 qPrintable(schemaAt.constLast().join(QLatin1Char('\n'))));
    }
    for (int i = history.size() - 2; i >= -1; --i) {
        QVERIFY2(migrateTo(engine, i, &error), qPrintable(error));
        QCOMPARE(engine.currentIndex(), i);
        QCOMPARE(TestServers::schema(temp->db(), dialect), schemaAt.at(i + 1));
    }
    QCOMPARE(scalar(temp->db(), QStringLiteral("SELECT COUNT(*) FROM blogdesk_migrations")).toInt(),
             0);
}

void TestMigrations::straightUpgradeEqualsStepwise()
{
    FETCH_BACKEND();
    OPEN_DATABASE(stepwise, "stepwise");
    OPEN_DATABASE(straight, "straight");
    const MigrationHistory history = builtInHistory();
    MigrationEngine stepEngine(stepwise->db(), history);
    MigrationEngine straightEngine(straight->db(), history);
    QString error;
    QVERIFY(stepEngine.refresh(&error) && straightEngine.refresh(&error));
    for (int i = 0; i < history.size(); ++i) {
        QVERIFY2(migrateTo(stepEngine, i, &error), qPrintable(error));
    }
    QVERIFY2(migrateTo(stepEngine, -1, &error), qPrintable(error));
    QVERIFY2(migrateTo(stepEngine, history.headIndex(), &error), qPrintable(error));
    QVERIFY2(migrateTo(straightEngine, history.headIndex(), &error), qPrintable(error));
    QCOMPARE(TestServers::schema(stepwise->db(), dialect),
             TestServers::schema(straight->db(), dialect));
    QCOMPARE(column(stepwise->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations "
                                                   "ORDER BY revision")),
             (QStringList{"5678abcd", "ae1027a6acf", "bf2038b7def", "c71e5a2d9f0", "e83b4f6a1c2"}));
}

void TestMigrations::historyAndCurrentFollowTheDatabase()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    const MigrationHistory history = builtInHistory();
    QString error;
    {
        MigrationEngine engine(temp->db(), history);
        QVERIFY2(engine.refresh(&error), qPrintable(error));
        QCOMPARE(engine.currentIndex(), -1);
        QCOMPARE(engine.currentRevision(), QString());
        for (int i = 0; i < history.size(); ++i) {
            QCOMPARE(engine.state(i), RevisionState::Pending);
        }
        QVERIFY2(migrateTo(engine, 1, &error), qPrintable(error));
    }
    // A second engine sees what the first one recorded.
    MigrationEngine engine(temp->db(), history);
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    QCOMPARE(engine.currentIndex(), 1);
    QCOMPARE(engine.currentRevision(), QStringLiteral("ae1027a6acf"));
    QVERIFY(!engine.isAtHead());
    QCOMPARE(engine.state(0), RevisionState::Applied);
    QCOMPARE(engine.state(1), RevisionState::Applied);
    QCOMPARE(engine.state(2), RevisionState::Pending);
    QVERIFY(engine.unknownRevisions().isEmpty());
    QVERIFY2(engine.checkIntegrity(&error), qPrintable(error));
    const AppliedRevision* applied = engine.appliedRecord(QStringLiteral("ae1027a6acf"));
    QVERIFY(applied);
    QCOMPARE(applied->checksum, history.at(1).checksum);
    QVERIFY(applied->durationMs >= 0);
    // Written and read back as naive UTC on every back end.
    const QDateTime appliedAt =
        QDateTime::fromString(applied->appliedAt, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QVERIFY2(appliedAt.isValid(), qPrintable(applied->appliedAt));
    QDateTime appliedAtUtc = appliedAt;
    appliedAtUtc.setTimeSpec(Qt::UTC);
    QVERIFY2(qAbs(appliedAtUtc.secsTo(QDateTime::currentDateTimeUtc())) < 300,
             qPrintable(applied->appliedAt));
    QVERIFY(!engine.appliedRecord(QStringLiteral("bf2038b7def")));

    // A revision from a newer BlogDesk is reported and stops every migration.
    QSqlQuery query(temp->db());
    QVERIFY2(query.exec(QStringLiteral("INSERT INTO blogdesk_migrations "
                                       "(revision, checksum, applied_at, duration_ms) VALUES "
                                       "('c0ffee00', 'x', '2030-01-01 00:00:00', 5)")),
             qPrintable(query.lastError().text()));
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    QCOMPARE(engine.unknownRevisions(), QStringList{"c0ffee00"});
    QVERIFY(!engine.checkIntegrity(&error));
    QVERIFY2(error.contains(QLatin1String("c0ffee00")), qPrintable(error));
    MigrationError failure;
    QVERIFY(!engine.upgrade(history.headIndex(), &failure));
    QCOMPARE(engine.currentIndex(), 1);
}

// The models' schema is the slug revision's; BlogDesk's browse indexes come on top of it
// (test_schema checks those).
void TestMigrations::finalSchemaMatchesTheModels()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp.db(), history);
    QString error;
    QVERIFY(engine.refresh(&error) &&
            migrateTo(engine, history.indexOf(QStringLiteral("bf2038b7def"))));
    const QSqlDatabase db = temp.db();
    auto columns = [&db](const char* table) {
        return column(db, QStringLiteral("SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' "
                                         "|| pk FROM pragma_table_info('%1')")
                              .arg(QLatin1String(table)));
    };
    QCOMPARE(columns("posts"),
             (QStringList{"id INTEGER 1 1", "title VARCHAR(200) 1 0", "content TEXT 1 0",
                          "slug VARCHAR(200) 1 0", "is_published BOOLEAN 0 0",
                          "published_at DATETIME 0 0", "created_at DATETIME 0 0",
                          "updated_at DATETIME 0 0", "user_id INTEGER 1 0"}));
    QCOMPARE(columns("users").size(), 9);
    QCOMPARE(columns("post_tags"),
             (QStringList{"post_id INTEGER 1 1", "tag_id INTEGER 1 2", "created_at DATETIME 0 0"}));
    QCOMPARE(column(db, QStringLiteral("SELECT name || ' ' || \"unique\" FROM "
                                       "pragma_index_list('users') WHERE origin = 'c' "
                                       "ORDER BY name")),
             (QStringList{"ix_users_email 1", "ix_users_username 1"}));
    QCOMPARE(column(db, QStringLiteral("SELECT name || ' ' || \"unique\" FROM "
                                       "pragma_index_list('posts') WHERE origin = 'c' "
                                       "ORDER BY name")),
             (QStringList{"ix_posts_slug 1", "ix_posts_user_id 0"}));
    QCOMPARE(
        column(db, QStringLiteral("SELECT \"table\" || '.' || \"to\" || ' <- ' || \"from\" "
                                  "FROM pragma_foreign_key_list('comments') ORDER BY \"from\"")),
        (QStringList{"comments.id <- parent_id", "posts.id <- post_id", "users.id <- user_id"}));
}

void TestMigrations::rebuildKeepsChildRows()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp.db(), history);
    QString error;
    QVERIFY(engine.refresh(&error) && migrateTo(engine, history.headIndex()));
    SampleBlog sample(temp.db(), SampleBlogOptions());
    QVERIFY2(sample.populate(&error), qPrintable(error));
    const QString counts = QStringLiteral(
        "SELECT (SELECT COUNT(*) FROM comments) || '/' || (SELECT COUNT(*) FROM post_tags) || "
        "'/' || (SELECT COUNT(*) FROM posts) || '/' || (SELECT group_concat(slug) FROM posts)");
    const QString before = scalar(temp.db(), counts).toString();
    QVERIFY(migrateTo(engine, 1, &error)); // rebuilds posts with a nullable slug
    QCOMPARE(scalar(temp.db(), counts).toString(), before);
    QVERIFY(migrateTo(engine, 2, &error)); // and back
    QCOMPARE(scalar(temp.db(), counts).toString(), before);
    QCOMPARE(column(temp.db(), QStringLiteral("PRAGMA foreign_key_check")), QStringList());
    QCOMPARE(scalar(temp.db(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
}

void TestMigrations::dataMigrationFillsUniqueSlugs()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp->db(), history);
    QString error;
    QVERIFY(engine.refresh(&error) && migrateTo(engine, 1));
    QVERIFY(TestServers::isNullable(temp->db(), dialect, QStringLiteral("posts"),
                                    QStringLiteral("slug")));
    QSqlQuery query(temp->db());
    // TRUE rather than 1: PostgreSQL's BOOLEAN takes no integers.
    QVERIFY2(query.exec(QStringLiteral(
                 "INSERT INTO users (id, username, email, password_hash, is_active, created_at) "
                 "VALUES (1, 'u', 'u@example.com', 'x', TRUE, '2024-01-01 00:00:00.000000')")),
             qPrintable(query.lastError().text()));
    const QStringList titles{"Hello World!", "Hello  world", "Über café", "Taken"};
    for (const QString& title : titles) {
        query.prepare(
            QStringLiteral("INSERT INTO posts (title, content, user_id) VALUES (?, 'c', 1)"));
        query.addBindValue(title);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    QVERIFY(query.exec(QStringLiteral("UPDATE posts SET slug = 'taken' WHERE title = 'Taken'")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO posts (title, content, slug, user_id) "
                                      "VALUES ('Other', 'c', 'uber', 1)")));
    QVERIFY2(migrateTo(engine, 2, &error), qPrintable(error));
    QCOMPARE(column(temp->db(), QStringLiteral("SELECT slug FROM posts ORDER BY id")),
             (QStringList{"hello-world", "hello-world-2", "über-café", "taken", "uber"}));
    QVERIFY(!TestServers::isNullable(temp->db(), dialect, QStringLiteral("posts"),
                                     QStringLiteral("slug")));
    // The downgrade keeps the slugs and lets the column be NULL again.
    QVERIFY2(migrateTo(engine, 1, &error), qPrintable(error));
    QVERIFY(TestServers::isNullable(temp->db(), dialect, QStringLiteral("posts"),
                                    QStringLiteral("slug")));
    QCOMPARE(column(temp->db(), QStringLiteral("SELECT slug FROM posts ORDER BY id")),
             (QStringList{"hello-world", "hello-world-2", "über-café", "taken", "uber"}));
}

void TestMigrations::failingRevisionIsRolledBack()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    QTemporaryDir folder;
    const MigrationHistory history = historyWithBrokenRevision(folder);
    MigrationEngine engine(temp->db(), history);
    QString error;
    QVERIFY(engine.refresh(&error) && migrateTo(engine, history.headIndex() - 1));
    const QStringList schemaBefore = TestServers::schema(temp->db(), dialect);
    MigrationError failure;
    QVERIFY(!engine.upgrade(history.headIndex(), &failure));
    QCOMPARE(failure.revision, QStringLiteral("broken0004"));
    QVERIFY2(failure.statement.contains(QLatin1String("no_such_table")),
             qPrintable(failure.text()));
    QVERIFY(engine.refresh(&error));
    QCOMPARE(engine.currentRevision(), QStringLiteral("e83b4f6a1c2"));
    QCOMPARE(column(temp->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations "
                                               "ORDER BY revision")),
             (QStringList{"5678abcd", "ae1027a6acf", "bf2038b7def", "c71e5a2d9f0", "e83b4f6a1c2"}));
    if (dialect == SqlDialect::MySQL) {
        // MySQL commits before and after every DDL statement, so CREATE TABLE half_done stays.
        // Whether the INSERT after it stays too depends on whether the engine opens a new
        // transaction after DDL, so it is not asserted here. The history table is untouched.
        QVERIFY(TestServers::schema(temp->db(), dialect) != schemaBefore);
        QVERIFY(temp->db().tables().contains(QStringLiteral("half_done")));
        return;
    }
    QVERIFY(failure.text().contains(QLatin1String("rolled back")));
    // Transactional DDL: half_done is gone with the rest.
    QCOMPARE(TestServers::schema(temp->db(), dialect), schemaBefore);
    QVERIFY(!temp->db().tables().contains(QStringLiteral("half_done")));
    if (dialect == SqlDialect::SQLite) {
        QCOMPARE(scalar(temp->db(), QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    }
}

void TestMigrations::newForeignKeyViolationFailsTheRevision()
{
    TempDatabase temp;
    QTemporaryDir folder;
    QVERIFY(TestSupport::copyBuiltInMigrations(folder.path()));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("0004_orphans.sql")),
                      "-- revision: orphans\n-- down_revision: e83b4f6a1c2\n-- message: m\n"
                      "-- [upgrade]\nDELETE FROM users;\n-- [downgrade]\n"));
    MigrationHistory history;
    QString error;
    QVERIFY2(history.load(folder.path(), &error), qPrintable(error));
    MigrationEngine engine(temp.db(), history);
    QVERIFY(engine.refresh(&error) && migrateTo(engine, history.headIndex() - 1));
    SampleBlog sample(temp.db(), SampleBlogOptions());
    QVERIFY(sample.populate(&error));
    MigrationError failure;
    QVERIFY(!engine.upgrade(history.headIndex(), &failure));
    QVERIFY2(failure.message.contains(QLatin1String("foreign key check failed")),
             qPrintable(failure.text()));
    QCOMPARE(scalar(temp.db(), QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 6);
}

void TestMigrations::existingDanglingReferencesAreTolerated()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp.db(), history);
    QString error;
    QVERIFY(engine.refresh(&error) && migrateTo(engine, 2));
    SampleBlog sample(temp.db(), SampleBlogOptions());
    QVERIFY(sample.populate(&error));
    // What a Flask app without PRAGMA foreign_keys can leave behind.
    QSqlQuery query(temp.db());
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys=OFF")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO comments (content, user_id, post_id) "
                                      "VALUES ('orphan', 1, 9999)")));
    QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys=ON")));
    QVERIFY2(migrateTo(engine, 1, &error), qPrintable(error));
    QVERIFY2(migrateTo(engine, 2, &error), qPrintable(error));
    QCOMPARE(
        column(temp.db(), QStringLiteral("SELECT post_id FROM comments WHERE content = 'orphan'")),
        QStringList{"9999"});
}

void TestMigrations::changedFileIsDetectedAndRefused()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    QTemporaryDir folder;
    QVERIFY(TestSupport::copyBuiltInMigrations(folder.path()));
    MigrationHistory history;
    QString error;
    QVERIFY(history.load(folder.path(), &error));
    {
        MigrationEngine engine(temp->db(), history);
        QVERIFY(engine.refresh(&error) && migrateTo(engine, 2));
    }
    const QString profileFile = folder.filePath(QStringLiteral("0002_add_user_profile_table.sql"));
    QVERIFY(writeFile(profileFile, readFile(profileFile) + "\n-- an innocent-looking edit\n"));
    MigrationHistory changed;
    QVERIFY(changed.load(folder.path(), &error));
    MigrationEngine engine(temp->db(), changed);
    QVERIFY(engine.refresh(&error));
    QCOMPARE(engine.state(1), RevisionState::Changed);
    QCOMPARE(engine.state(0), RevisionState::Applied);
    MigrationError failure;
    QVERIFY(!engine.downgrade(-1, &failure));
    QVERIFY2(failure.text().contains(QLatin1String("has changed since it was applied")),
             qPrintable(failure.text()));
    QCOMPARE(engine.currentIndex(), 2);
    QVERIFY2(engine.stamp(2, &failure), qPrintable(failure.text()));
    QCOMPARE(engine.state(1), RevisionState::Applied);
    QVERIFY(engine.checkIntegrity(&error));
}

void TestMigrations::stampRecordsWithoutRunning()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp->db(), history);
    QString error;
    QVERIFY(engine.refresh(&error));
    MigrationError failure;
    QVERIFY2(engine.stamp(1, &failure), qPrintable(failure.text()));
    QCOMPARE(engine.currentRevision(), QStringLiteral("ae1027a6acf"));
    // A stamped revision has no duration: it did not run.
    QCOMPARE(column(temp->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations "
                                               "WHERE duration_ms IS NULL ORDER BY revision")),
             (QStringList{"5678abcd", "ae1027a6acf"}));
    QCOMPARE(scalar(temp->db(), QStringLiteral("SELECT COUNT(*) FROM blogdesk_migrations")).toInt(),
             2);
    QCOMPARE(TestServers::schema(temp->db(), dialect), QStringList()); // nothing ran
    MigrationEngine reread(temp->db(), history);
    QVERIFY(reread.refresh(&error));
    QCOMPARE(reread.currentIndex(), 1);
    QCOMPARE(reread.appliedRecord(QStringLiteral("5678abcd"))->durationMs, -1);
    QVERIFY2(engine.stamp(-1, &failure), qPrintable(failure.text()));
    QCOMPARE(engine.currentIndex(), -1);
    QCOMPARE(scalar(temp->db(), QStringLiteral("SELECT COUNT(*) FROM blogdesk_migrations")).toInt(),
             0);
}

void TestMigrations::foreignAlembicVersionIsReportedAndKept()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    QSqlQuery query(temp->db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                      "NOT NULL PRIMARY KEY)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('1f2e3d4c5b6a')")));
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp->db(), history);
    QString error;
    QVERIFY(engine.refresh(&error));
    QCOMPARE(engine.alembicRevision(), QStringLiteral("1f2e3d4c5b6a"));
    QVERIFY(engine.alembicIsForeign());
    QVERIFY2(migrateTo(engine, history.headIndex(), &error), qPrintable(error));
    QVERIFY2(migrateTo(engine, -1, &error), qPrintable(error));
    QCOMPARE(column(temp->db(), QStringLiteral("SELECT version_num FROM alembic_version")),
             QStringList{"1f2e3d4c5b6a"});
}

// `blogdesk db upgrade|current|history|stamp` against each back end, by URL.
void TestMigrations::commandLineVerbsOnEveryBackEnd()
{
    FETCH_BACKEND();
    OPEN_DATABASE(temp, "test");
    const QStringList database{QStringLiteral("--database"), temp->url()};
    QString output;
    QVERIFY2(runBlogdesk(QStringList{"db", "upgrade", "ae1027a6acf"} + database, &output),
             qPrintable(output));
    QVERIFY2(runBlogdesk(QStringList{"db", "current"} + database, &output), qPrintable(output));
    QCOMPARE(output.trimmed(), QStringLiteral("ae1027a6acf"));
    QVERIFY2(runBlogdesk(QStringList{"db", "history"} + database, &output), qPrintable(output));
    const QStringList lines = output.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines.at(0).contains(QLatin1String("e83b4f6a1c2")) &&
                 lines.at(0).contains(QLatin1String("(head)")) &&
                 lines.at(0).contains(QLatin1String("pending")),
             qPrintable(output));
    QVERIFY2(lines.at(1).contains(QLatin1String("c71e5a2d9f0")) &&
                 lines.at(1).contains(QLatin1String("pending")),
             qPrintable(output));
    QVERIFY2(lines.at(2).contains(QLatin1String("bf2038b7def")) &&
                 lines.at(2).contains(QLatin1String("pending")),
             qPrintable(output));
    QVERIFY2(lines.at(3).contains(QLatin1String("ae1027a6acf")) &&
                 lines.at(3).contains(QLatin1String("(current)")) &&
                 lines.at(3).contains(QLatin1String("applied")),
             qPrintable(output));
    QVERIFY2(lines.at(4).contains(QLatin1String("5678abcd")), qPrintable(output));
    QVERIFY2(runBlogdesk(QStringList{"db", "stamp", "head"} + database, &output),
             qPrintable(output));
    QVERIFY2(runBlogdesk(QStringList{"db", "current"} + database, &output), qPrintable(output));
    QCOMPARE(output.trimmed(), QStringLiteral("e83b4f6a1c2 (head)"));
    QVERIFY(TestServers::isNullable(temp->db(), dialect, QStringLiteral("posts"),
                                    QStringLiteral("slug"))); // stamped: nothing ran
}

void TestMigrations::scriptModePrintsAndChangesNothing()
{
    TempDatabase temp;
    const MigrationHistory history = builtInHistory();
    MigrationEngine engine(temp.db(), history);
    QString error;
    QVERIFY(engine.refresh(&error));
    QString script;
    QTextStream out(&script);
    engine.setScriptOutput(&out);
    MigrationError failure;
    QVERIFY(engine.upgrade(history.headIndex(), &failure));
    out.flush();
    QVERIFY(script.contains(QLatin1String("CREATE TABLE users")));
    QVERIFY(script.contains(QLatin1String("BEGIN IMMEDIATE;")));
    QVERIFY(script.contains(QLatin1String("-- data step populate_post_slugs")));
    QVERIFY(script.contains(QLatin1String("INSERT INTO blogdesk_migrations")));
    QCOMPARE(script.count(QLatin1String("COMMIT;")), 5);
    QCOMPARE(temp.db().tables(), QStringList());
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
