#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/MigrationHistory.h"
#include "migrations/schema/BrowseIndexList.h"
#include "migrations/schema/ExpectedSchema.h"
#include "migrations/schema/SchemaDiff.h"
#include "migrations/schema/SchemaSnapshot.h"
#include "models/schema/BrowseIndexes.h"
#include "tests/support/FlaskApp.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

// The live schema reader, the expected schema of each revision and their comparison, checked
// on databases that BlogDesk migrated, that the real Flask app made (db.create_all() and
// Flask-Migrate) and that somebody changed by hand.

namespace {

using Kind = SchemaDifference::Kind;

bool execAll(const QSqlDatabase& db, const QStringList& statements, QString* failure)
{
    QSqlQuery query(db);
    for (const QString& statement : statements) {
        if (!query.exec(statement)) {
            *failure = statement + QStringLiteral(": ") + query.lastError().text();
            return false;
        }
    }
    return true;
}

QStringList texts(const QList<SchemaDifference>& differences)
{
    QStringList lines;
    for (const SchemaDifference& difference : differences) {
        lines << difference.text();
    }
    return lines;
}

QStringList tableNames(const SchemaSnapshot& snapshot)
{
    QStringList names;
    for (const SchemaTable& table : snapshot.tables) {
        names << table.name;
    }
    return names;
}

QStringList scratchConnections()
{
    return QSqlDatabase::connectionNames().filter(QStringLiteral("expected_schema"));
}

SchemaIndex index(const QString& name, const QStringList& columns, bool unique)
{
    return SchemaIndex{name, columns, unique};
}

SchemaColumn column(const QString& name, const QString& declaredType, bool nullable,
                    bool primaryKey = false)
{
    return SchemaColumn{name, canonicalSqlType(declaredType), declaredType, nullable, primaryKey};
}

SchemaSnapshot oneTable(const SchemaTable& table)
{
    SchemaSnapshot snapshot;
    snapshot.tables << table;
    return snapshot;
}

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void canonicalTypes_data();
    void canonicalTypes();
    void headSchemaReadsAsWritten();
    void bookkeepingTablesAreLeftOut();
    void migratedDatabaseMatchesEachRevision_data() { TestServers::addBackendRows(); }
    void migratedDatabaseMatchesEachRevision();
    void buildAllAgreesWithBuild();
    void buildWorksOnAWorkerThread();
    void indexesCompareByColumnsAndUniqueness();
    void columnsAndForeignKeysCompare();
    void changedDatabaseReportsEachDifference();
    void flaskCreateAllMatchesHead();
    void flaskMigrateMatchesHead();
    void browseIndexListIsTheRevision();
    void browseIndexesMissingUntilTheRevision_data() { TestServers::addBackendRows(); }
    void browseIndexesMissingUntilTheRevision();

private:
    void expectMatchesHead(const QSqlDatabase& db);

    MigrationHistory m_history;
};

void TestSchema::initTestCase()
{
    QString error;
    QVERIFY2(m_history.loadBuiltIn(&error), qPrintable(error));
    QVERIFY(m_history.size() >= 3);
    QString problem;
    QVERIFY2(FlaskApp::available(&problem), qPrintable(problem));
}

void TestSchema::canonicalTypes_data()
{
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("canonical");
    const QList<QPair<const char*, const char*>> spellings{
        // SQLite, as SQLAlchemy and BlogDesk's migrations declare columns
        {"INTEGER", "integer"},
        {"INT", "integer"},
        {"VARCHAR(80)", "varchar(80)"},
        {"VARCHAR (80)", "varchar(80)"},
        {"TEXT", "text"},
        {"DATETIME", "datetime"},
        {"BOOLEAN", "boolean"},
        {"FLOAT", "float"},
        {"NUMERIC", "numeric"},
        {"NUMERIC(10, 2)", "numeric(10,2)"},
        {"BLOB", "blob"},
        // PostgreSQL, as format_type() reports them
        {"integer", "integer"},
        {"serial", "integer"},
        {"character varying(80)", "varchar(80)"},
        {"text", "text"},
        {"timestamp without time zone", "datetime"},
        {"timestamp(6) without time zone", "datetime"},
        {"boolean", "boolean"},
        {"double precision", "float"},
        {"bytea", "blob"},
        // MySQL / MariaDB, as information_schema.COLUMNS.COLUMN_TYPE has them
        {"int", "integer"},
        {"int(11)", "integer"},
        {"varchar(80)", "varchar(80)"},
        {"longtext", "text"},
        {"mediumtext", "text"},
        {"datetime", "datetime"},
        {"datetime(6)", "datetime"},
        {"tinyint(1)", "boolean"},
        {"decimal(10,2)", "numeric(10,2)"},
        {"longblob", "blob"},
        // anything else: lower case, as declared
        {"timestamp with time zone", "timestamp with time zone"},
        {"JSONB", "jsonb"},
        {"tinyint(4)", "tinyint(4)"},
    };
    for (const auto& [declared, canonical] : spellings) {
        QTest::newRow(declared) << QString::fromLatin1(declared) << QString::fromLatin1(canonical);
    }
}

void TestSchema::canonicalTypes()
{
    QFETCH(QString, declared);
    QFETCH(QString, canonical);
    QCOMPARE(canonicalSqlType(declared), canonical);
}

// Spot checks that the SQLite reader sees what the head revision's script declares.
void TestSchema::headSchemaReadsAsWritten()
{
    SchemaSnapshot head;
    QString error;
    QVERIFY2(ExpectedSchema::build(m_history, m_history.headIndex(), &head, &error),
             qPrintable(error));
    QCOMPARE(tableNames(head),
             (QStringList{"comments", "post_tags", "posts", "profiles", "tags", "users"}));
    const SchemaTable* posts = head.table(QStringLiteral("POSTS"));
    QVERIFY(posts);
    const SchemaColumn* slug = posts->column(QStringLiteral("Slug"));
    QVERIFY(slug);
    QCOMPARE(slug->type, QStringLiteral("varchar(200)"));
    QCOMPARE(slug->declaredType, QStringLiteral("VARCHAR(200)"));
    QVERIFY(!slug->nullable);
    QVERIFY(posts->column(QStringLiteral("id"))->primaryKey);
    QCOMPARE(posts->foreignKeys.size(), 1);
    QCOMPARE(posts->foreignKeys.first().text(), QStringLiteral("user_id -> users(id)"));

    // The composite primary key is columns, not an index; UNIQUE (user_id) is an index.
    const SchemaTable* postTags = head.table(QStringLiteral("post_tags"));
    QVERIFY(postTags);
    QCOMPARE(postTags->indexes.size(), 1);
    QCOMPARE(postTags->indexes.at(0).name, QStringLiteral("ix_post_tags_tag_id"));
    QVERIFY(postTags->column(QStringLiteral("post_id"))->primaryKey);
    QVERIFY(postTags->column(QStringLiteral("tag_id"))->primaryKey);
    const SchemaTable* profiles = head.table(QStringLiteral("profiles"));
    QVERIFY(profiles);
    QCOMPARE(profiles->indexes.size(), 2);
    QCOMPARE(profiles->indexes.at(0).name, QStringLiteral("ix_profiles_user_id"));
    QVERIFY(!profiles->indexes.at(0).unique);
    QVERIFY(profiles->indexes.at(1).unique); // sqlite_autoindex_profiles_1
    QCOMPARE(profiles->indexes.at(1).columns, QStringList{QStringLiteral("user_id")});
    QCOMPARE(scratchConnections(), QStringList());

    SchemaSnapshot base;
    QVERIFY2(ExpectedSchema::build(m_history, -1, &base, &error), qPrintable(error));
    QVERIFY(base.tables.isEmpty());
    QVERIFY(!ExpectedSchema::build(m_history, m_history.size(), &base, &error));
}

void TestSchema::bookkeepingTablesAreLeftOut()
{
    TempDatabase database;
    QString failure;
    QVERIFY2(execAll(database.db(),
                     {QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32))"),
                      QStringLiteral("CREATE TABLE blogdesk_migrations (revision TEXT)"),
                      QStringLiteral("CREATE TABLE _posts_backup (id INTEGER)"),
                      QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT)")},
                     &failure),
             qPrintable(failure));
    SchemaSnapshot snapshot;
    QString error;
    QVERIFY2(SchemaSnapshot::read(database.db(), &snapshot, &error), qPrintable(error));
    // AUTOINCREMENT also makes sqlite_sequence, which is SQLite's own.
    QCOMPARE(tableNames(snapshot), QStringList{QStringLiteral("notes")});
}

// On each back end: the live schema that each revision leaves, read from the catalogue
// (sqlite_master, pg_catalog, information_schema), is the expected one.
void TestSchema::migratedDatabaseMatchesEachRevision()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    for (int index = -1; index <= m_history.headIndex(); ++index) {
        const QString label = QStringLiteral("revision index %1").arg(index);
        QString error;
        const auto database =
            TestServers::BackendDatabase::create(dialect, QStringLiteral("schema"), &error);
        QVERIFY2(database, qPrintable(error));
        MigrationEngine engine(database->db(), m_history);
        QVERIFY2(engine.refresh(&error), qPrintable(error));
        MigrationError migrationError;
        QVERIFY2(engine.upgrade(index, &migrationError), qPrintable(migrationError.text()));

        SchemaSnapshot expected;
        SchemaSnapshot live;
        QVERIFY2(ExpectedSchema::build(m_history, index, &expected, &error), qPrintable(error));
        QVERIFY2(SchemaSnapshot::read(database->db(), &live, &error), qPrintable(error));
        const QList<SchemaDifference> differences = compareSchemas(expected, live);
        QVERIFY2(differences.isEmpty(),
                 qPrintable(label + QLatin1Char('\n') + schemaDifferencesText(differences)));

        ExpectedSchema::Match match;
        QVERIFY2(ExpectedSchema::findMatch(database->db(), m_history, &match, &error),
                 qPrintable(error));
        QVERIFY2(match.index == index,
                 qPrintable(label + QStringLiteral(": matched %1, closest %2\n%3")
                                        .arg(match.index)
                                        .arg(match.closest)
                                        .arg(schemaDifferencesText(match.differences))));
    }
    QCOMPARE(scratchConnections(), QStringList());
}

void TestSchema::buildAllAgreesWithBuild()
{
    QList<SchemaSnapshot> all;
    QString error;
    QVERIFY2(ExpectedSchema::buildAll(m_history, &all, &error), qPrintable(error));
    QCOMPARE(all.size(), m_history.size());
    for (int index = 0; index < all.size(); ++index) {
        SchemaSnapshot single;
        QVERIFY2(ExpectedSchema::build(m_history, index, &single, &error), qPrintable(error));
        QVERIFY(compareSchemas(single, all.at(index)).isEmpty());
        if (index > 0) {
            // Every revision of the history changes the schema, so each one is identifiable.
            QVERIFY(!compareSchemas(all.at(index - 1), all.at(index)).isEmpty());
        }
    }
}

void TestSchema::buildWorksOnAWorkerThread()
{
    bool built = false;
    QString error;
    SchemaSnapshot snapshot;
    std::thread worker([&] {
        built = ExpectedSchema::build(m_history, m_history.headIndex(), &snapshot, &error);
    });
    SchemaSnapshot here;
    QString hereError;
    const bool builtHere =
        ExpectedSchema::build(m_history, m_history.headIndex(), &here, &hereError);
    worker.join();
    QVERIFY2(built, qPrintable(error));
    QVERIFY2(builtHere, qPrintable(hereError));
    QVERIFY(compareSchemas(here, snapshot).isEmpty());
    QCOMPARE(scratchConnections(), QStringList());
}

void TestSchema::indexesCompareByColumnsAndUniqueness()
{
    // BlogDesk's profiles: UNIQUE (user_id) plus ix_profiles_user_id. A create_all database
    // has only the UNIQUE constraint, which also does the plain index's work.
    const SchemaTable blogDesk{
        QStringLiteral("profiles"),
        {column(QStringLiteral("user_id"), QStringLiteral("INTEGER"), false)},
        {index(QStringLiteral("ix_profiles_user_id"), {"user_id"}, false),
         index(QStringLiteral("sqlite_autoindex_profiles_1"), {"user_id"}, true)},
        {},
        {}};
    SchemaTable createAll = blogDesk;
    createAll.indexes = {index(QStringLiteral("profiles_user_id_key"), {"USER_ID"}, true)};
    QCOMPARE(texts(compareSchemas(oneTable(blogDesk), oneTable(createAll))), QStringList());

    // The other way round, the UNIQUE constraint is missing and the plain index is not.
    SchemaTable plainOnly = blogDesk;
    plainOnly.indexes = {index(QStringLiteral("some_other_name"), {"user_id"}, false)};
    const QList<SchemaDifference> missingUnique =
        compareSchemas(oneTable(blogDesk), oneTable(plainOnly));
    QCOMPARE(
        texts(missingUnique),
        QStringList{"profiles: index sqlite_autoindex_profiles_1 unique (user_id) is missing"});
    QCOMPARE(missingUnique.first().kind, Kind::MissingIndex);
    QCOMPARE(missingUnique.first().expected, QStringLiteral("unique (user_id)"));

    // A unique index where a plain one is expected is a constraint BlogDesk does not know.
    SchemaTable plainExpected = blogDesk;
    plainExpected.indexes = {index(QStringLiteral("ix_profiles_user_id"), {"user_id"}, false)};
    QCOMPARE(texts(compareSchemas(oneTable(plainExpected), oneTable(createAll))),
             QStringList{"profiles: index profiles_user_id_key unique (USER_ID) is not in the "
                         "expected schema"});
}

void TestSchema::columnsAndForeignKeysCompare()
{
    const SchemaTable expected{
        QStringLiteral("posts"),
        {column(QStringLiteral("id"), QStringLiteral("INTEGER"), false, true),
         column(QStringLiteral("title"), QStringLiteral("VARCHAR(200)"), false),
         column(QStringLiteral("user_id"), QStringLiteral("INTEGER"), false)},
        {},
        {SchemaForeignKey{{"user_id"}, QStringLiteral("users"), {"id"}}},
        {}};
    // Another dialect's spelling, names in another case, and a primary key that the catalogue
    // reports as nullable: all the same schema.
    const SchemaTable sameOnMysql{
        QStringLiteral("Posts"),
        {column(QStringLiteral("ID"), QStringLiteral("int(11)"), true, true),
         column(QStringLiteral("title"), QStringLiteral("varchar(200)"), false),
         column(QStringLiteral("user_id"), QStringLiteral("int(11)"), false)},
        {},
        {SchemaForeignKey{{"USER_ID"}, QStringLiteral("USERS"), {"ID"}}},
        {}};
    QCOMPARE(texts(compareSchemas(oneTable(expected), oneTable(sameOnMysql))), QStringList());

    const SchemaTable changed{
        QStringLiteral("posts"),
        {column(QStringLiteral("id"), QStringLiteral("INTEGER"), false, true),
         column(QStringLiteral("title"), QStringLiteral("TEXT"), false),
         column(QStringLiteral("author_id"), QStringLiteral("INTEGER"), false)},
        {},
        {SchemaForeignKey{{"author_id"}, QStringLiteral("users"), {"id"}}},
        {}};
    const QList<SchemaDifference> differences =
        compareSchemas(oneTable(expected), oneTable(changed));
    QCOMPARE(texts(differences),
             (QStringList{"posts.title: expected varchar(200), found text",
                          "posts.user_id: column is missing (expected integer)",
                          "posts.author_id: column is not in the expected schema (integer)",
                          "posts: foreign key user_id -> users(id) is missing",
                          "posts: foreign key author_id -> users(id) is not in the expected "
                          "schema"}));
    QCOMPARE(differences.at(0).kind, Kind::ColumnType);
    QCOMPARE(differences.at(1).kind, Kind::MissingColumn);
    QCOMPARE(differences.at(2).kind, Kind::ExtraColumn);
    QCOMPARE(differences.at(3).kind, Kind::MissingForeignKey);
    QCOMPARE(differences.at(4).kind, Kind::ExtraForeignKey);

    const QList<SchemaDifference> tables = compareSchemas(oneTable(expected), SchemaSnapshot());
    QCOMPARE(texts(tables), QStringList{"posts: table is missing"});
    QCOMPARE(tables.first().kind, Kind::MissingTable);
}

// Four hand-made changes to a head database: exactly those four differences, and no revision
// matches, head being the closest.
void TestSchema::changedDatabaseReportsEachDifference()
{
    TempDatabase database;
    MigrationEngine engine(database.db(), m_history);
    QString error;
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    MigrationError migrationError;
    QVERIFY2(engine.upgrade(m_history.headIndex(), &migrationError),
             qPrintable(migrationError.text()));
    // tags.slug loses NOT NULL the SQLite way: the (empty) table is made again.
    QVERIFY2(
        execAll(database.db(),
                {QStringLiteral("ALTER TABLE users ADD COLUMN nickname VARCHAR(40)"),
                 QStringLiteral("DROP INDEX ix_posts_user_id"), QStringLiteral("DROP TABLE tags"),
                 QStringLiteral("CREATE TABLE tags (id INTEGER NOT NULL, name VARCHAR(50) "
                                "NOT NULL, slug VARCHAR(50), PRIMARY KEY (id))"),
                 QStringLiteral("CREATE UNIQUE INDEX ix_tags_name ON tags (name)"),
                 QStringLiteral("CREATE UNIQUE INDEX ix_tags_slug ON tags (slug)"),
                 QStringLiteral("CREATE TABLE notes (id INTEGER NOT NULL, body TEXT, "
                                "PRIMARY KEY (id))")},
                &error),
        qPrintable(error));

    SchemaSnapshot head;
    SchemaSnapshot live;
    QVERIFY2(ExpectedSchema::build(m_history, m_history.headIndex(), &head, &error),
             qPrintable(error));
    QVERIFY2(SchemaSnapshot::read(database.db(), &live, &error), qPrintable(error));
    const QList<SchemaDifference> differences = compareSchemas(head, live);
    const QStringList expectedTexts{
        "notes: table is not in the expected schema",
        "posts: index ix_posts_user_id (user_id) is missing",
        "tags.slug: expected NOT NULL, found NULL allowed",
        "users.nickname: column is not in the expected schema (varchar(40))"};
    QCOMPARE(texts(differences), expectedTexts);
    QCOMPARE(differences.at(0).kind, Kind::ExtraTable);
    QCOMPARE(differences.at(1).kind, Kind::MissingIndex);
    QCOMPARE(differences.at(1).table, QStringLiteral("posts"));
    QCOMPARE(differences.at(1).object, QStringLiteral("ix_posts_user_id"));
    QCOMPARE(differences.at(2).kind, Kind::ColumnNullability);
    QCOMPARE(differences.at(2).object, QStringLiteral("slug"));
    QCOMPARE(differences.at(2).expected, QStringLiteral("NOT NULL"));
    QCOMPARE(differences.at(2).actual, QStringLiteral("NULL allowed"));
    QCOMPARE(differences.at(3).kind, Kind::ExtraColumn);
    QCOMPARE(differences.at(3).actual, QStringLiteral("varchar(40)"));

    ExpectedSchema::Match match;
    QVERIFY2(ExpectedSchema::findMatch(database.db(), m_history, &match, &error),
             qPrintable(error));
    QCOMPARE(match.index, -1);
    QCOMPARE(match.closest, m_history.headIndex());
    QCOMPARE(texts(match.differences), expectedTexts);
}

// A Flask app's database has the guide's schema: that of bf2038b7def, the last revision before
// BlogDesk's own additions: the browse indexes (which the migrations panel offers there) and
// the full-text indexes, which upgrading adds.
void TestSchema::expectMatchesHead(const QSqlDatabase& db)
{
    const int guides = m_history.indexOf(QStringLiteral("bf2038b7def"));
    SchemaSnapshot head;
    SchemaSnapshot live;
    QString error;
    QVERIFY2(ExpectedSchema::build(m_history, guides, &head, &error), qPrintable(error));
    QVERIFY2(SchemaSnapshot::read(db, &live, &error), qPrintable(error));
    QCOMPARE(tableNames(live), tableNames(head));
    const QList<SchemaDifference> differences = compareSchemas(head, live);
    QVERIFY2(differences.isEmpty(), qPrintable(schemaDifferencesText(differences)));

    ExpectedSchema::Match match;
    QVERIFY2(ExpectedSchema::findMatch(db, m_history, &match, &error), qPrintable(error));
    QCOMPARE(match.index, guides);
    QVERIFY(match.differences.isEmpty());
    QCOMPARE(BrowseIndexes::missingFrom(live).size(), BrowseIndexList::all().size());
}

// The panel's list (BrowseIndexList) is what revision c71e5a2d9f0 makes: by name, table and
// columns, in both expected schemas.
void TestSchema::browseIndexListIsTheRevision()
{
    const int revision = m_history.indexOf(BrowseIndexList::revision());
    QCOMPARE(revision, m_history.indexOf(QStringLiteral("bf2038b7def")) + 1);
    SchemaSnapshot before;
    SchemaSnapshot after;
    QString error;
    QVERIFY2(ExpectedSchema::build(m_history, revision - 1, &before, &error), qPrintable(error));
    QVERIFY2(ExpectedSchema::build(m_history, revision, &after, &error), qPrintable(error));
    QStringList added;
    for (const SchemaDifference& difference : compareSchemas(after, before)) {
        QCOMPARE(difference.kind, SchemaDifference::Kind::MissingIndex);
        added << QStringLiteral("%1 %2 %3")
                     .arg(difference.table, difference.object, difference.expected);
    }
    QStringList listed;
    for (const BrowseIndex& index : BrowseIndexList::all()) {
        listed << QStringLiteral("%1 %2 (%3)")
                      .arg(index.table, index.name, index.columns.join(QStringLiteral(", ")));
        QVERIFY(!index.speedsUp.isEmpty() && !index.without.isEmpty());
    }
    added.sort();
    listed.sort();
    QCOMPARE(added, listed);
    QVERIFY(BrowseIndexes::missingFrom(after).isEmpty());
    QCOMPARE(BrowseIndexes::missingFrom(before).size(), listed.size());
    // Each dialect's section names every index, up and down.
    const Migration& migration = m_history.at(revision);
    for (SqlDialect dialect : {SqlDialect::SQLite, SqlDialect::PostgreSQL, SqlDialect::MySQL}) {
        for (MigrationDirection direction :
             {MigrationDirection::Upgrade, MigrationDirection::Downgrade}) {
            const QString script = migration.statements(direction, dialect).join(QLatin1Char('\n'));
            for (const QString& name : BrowseIndexList::names()) {
                QVERIFY2(script.contains(name),
                         qPrintable(name + QLatin1Char(' ') + sqlDialectName(dialect)));
            }
        }
    }
}

// On every back end: the live database lacks all of them before the revision, none after
// it, all again after its downgrade, whose schema is the one before (MySQL: the foreign keys'
// own indexes back).
void TestSchema::browseIndexesMissingUntilTheRevision()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString error;
    auto database = TestServers::BackendDatabase::create(dialect, QStringLiteral("test"), &error);
    QVERIFY2(database, qPrintable(error));
    MigrationEngine engine(database->db(), m_history);
    MigrationError failure;
    const int revision = m_history.indexOf(BrowseIndexList::revision());
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    QVERIFY2(engine.upgrade(revision - 1, &failure), qPrintable(failure.text()));
    const QStringList before = TestServers::schema(database->db(), dialect);
    QList<BrowseIndex> missing;
    QVERIFY2(BrowseIndexes::missing(database->db(), &missing, &error), qPrintable(error));
    QCOMPARE(missing.size(), BrowseIndexList::all().size());
    for (int round = 0; round < 2; ++round) { // down and up twice: nothing left behind
        QVERIFY2(engine.upgrade(revision, &failure), qPrintable(failure.text()));
        QVERIFY2(BrowseIndexes::missing(database->db(), &missing, &error), qPrintable(error));
        QVERIFY(missing.isEmpty());
        ExpectedSchema::Match match;
        QVERIFY2(ExpectedSchema::findMatch(database->db(), m_history, &match, &error),
                 qPrintable(error));
        QCOMPARE(match.index, revision);
        QVERIFY2(engine.downgrade(revision - 1, &failure), qPrintable(failure.text()));
        QCOMPARE(TestServers::schema(database->db(), dialect), before);
    }
}

void TestSchema::flaskCreateAllMatchesHead()
{
    TempDatabase database;
    database.close();
    const ProcessResult created = FlaskApp::runBlogApp({QStringLiteral("create")}, database.url());
    QVERIFY2(created.exited(0), qPrintable(created.describe()));
    QVERIFY(database.reopen());
    expectMatchesHead(database.db());
}

// Flask-Migrate's autogenerated revision writes the same tables in its own order and with
// its own alembic_version table, which is bookkeeping, not schema.
void TestSchema::flaskMigrateMatchesHead()
{
    TempDatabase database;
    database.close();
    const QTemporaryDir project;
    QVERIFY(project.isValid());
    const ProcessResult init =
        FlaskApp::runBlogApp({QStringLiteral("migrate-init"), project.path()}, database.url());
    QVERIFY2(init.exited(0), qPrintable(init.describe()));
    QVERIFY(database.reopen());
    QCOMPARE(
        TestSupport::column(database.db(), QStringLiteral("SELECT count(*) FROM alembic_version")),
        QStringList{QStringLiteral("1")});
    expectMatchesHead(database.db());
}

QTEST_GUILESS_MAIN(TestSchema)
#include "TestSchema.moc"
