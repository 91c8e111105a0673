// "Nothing outside the history is dropped silently": what the data-impact report finds on the
// tables a plan rebuilds or drops, and what "keep" carries through a SQLite rebuild — on real
// SQLite files, and on the servers, where the slug revision alters a column in place.
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/impact/DataImpact.h"
#include "models/schema/DefaultDatabase.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/UnknownObjectsFixture.h"

using TestSupport::column;
using TestSupport::scalar;
using Kind = UnknownObject::Kind;

namespace {

constexpr int Profiles = 1; // ae1027a6acf
constexpr int Head = 4;     // e83b4f6a1c2

// A revision after head whose upgrade drops a table BlogDesk never made.
const char* const DropLegacyRevision = R"(-- revision: droplegacy01
-- down_revision: e83b4f6a1c2
-- message: Drop the legacy notes
-- [upgrade]
DROP TABLE IF EXISTS legacy_notes;
-- [downgrade]
SELECT 1;
)";

MigrationHistory builtInHistory()
{
    MigrationHistory history;
    QString error;
    if (!history.loadBuiltIn(&error)) {
        qFatal("built-in history unreadable: %s", qPrintable(error));
    }
    return history;
}

// The built-in history and DropLegacyRevision after it, written into `folder`.
bool loadWithDropLegacy(const QTemporaryDir& folder, MigrationHistory* history)
{
    QFile file(folder.filePath(QStringLiteral("0004_drop_legacy.sql")));
    QString error;
    const bool ok = TestSupport::copyBuiltInMigrations(folder.path()) &&
                    file.open(QIODevice::WriteOnly) && file.write(DropLegacyRevision) > 0 &&
                    file.flush() && history->load(folder.path(), &error);
    if (!ok) {
        qWarning("cannot load the history with the legacy revision: %s", qPrintable(error));
    }
    return ok;
}

QStringList texts(const QList<UnknownObject>& objects)
{
    QStringList lines;
    for (const UnknownObject& object : objects) {
        lines << object.fullText();
    }
    return lines;
}

bool exec(const QSqlDatabase& db, const QString& statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

bool migrate(const QSqlDatabase& db, const MigrationHistory& history, int target,
             const QList<TableCarry>& carries, QString* error)
{
    MigrationEngine engine(db, history);
    MigrationError migrationError;
    engine.setCarries(carries);
    if (!engine.refresh(error)) {
        return false;
    }
    const bool ok = target < engine.currentIndex() ? engine.downgrade(target, &migrationError)
                                                   : engine.upgrade(target, &migrationError);
    *error = migrationError.text();
    return ok;
}

} // namespace

class TestUnknownObjects : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void rebuildListsWhatTheHistoryDoesNotKnow();
    void keepCarriesEverythingThroughTheRebuild();
    void withoutCarriesTheRebuildDropsThem();
    void droppedTablesCannotKeep();
    void tableNotInTheHistoryIsListed();
    void silentUpgradeOfTheDefaultKeepsThem();
    void serversAlterInPlaceAndListDroppedTables_data();
    void serversAlterInPlaceAndListDroppedTables();

private:
    std::unique_ptr<TempDatabase> m_temp;
};

void TestUnknownObjects::init()
{
    QVERIFY(TestSupport::openSampleDatabase(m_temp));
    QString error;
    QVERIFY2(UnknownObjectsFixture::addToPosts(m_temp->db(), &error), qPrintable(error));
}

void TestUnknownObjects::cleanup()
{
    m_temp.reset();
}

void TestUnknownObjects::rebuildListsWhatTheHistoryDoesNotKnow()
{
    const QSqlDatabase db = m_temp->db();
    // Not on a table the plan touches: not listed.
    QVERIFY(exec(db, QStringLiteral("ALTER TABLE users ADD COLUMN nickname TEXT")));
    const qint64 subtitles = UnknownObjectsFixture::subtitleValues(db);
    const qint64 posts = scalar(db, QStringLiteral("SELECT COUNT(*) FROM posts")).toLongLong();
    QVERIFY(subtitles > 0 && subtitles < posts);

    DataImpactReport report;
    QString error;
    QVERIFY2(DataImpact::assess(db, builtInHistory(), Head, Profiles, &report, &error),
             qPrintable(error));
    const QString rebuild = QStringLiteral(" (revision bf2038b7def rebuilds posts)");
    QCOMPARE(texts(report.unknownObjects),
             QStringList({QStringLiteral("posts.subtitle: a column BlogDesk's history does not "
                                         "know; %1 rows hold a value")
                                  .arg(subtitles) +
                              rebuild,
                          QStringLiteral("posts.extra: a column BlogDesk's history does not "
                                         "know; 4 rows hold a value") +
                              rebuild,
                          QStringLiteral("posts.rank: a column BlogDesk's history does not "
                                         "know; %1 rows hold a value")
                                  .arg(posts) +
                              rebuild,
                          QStringLiteral("posts: index ix_posts_rank (rank), which BlogDesk's "
                                         "history does not know") +
                              rebuild,
                          QStringLiteral("posts: index ix_posts_subtitle (subtitle), which "
                                         "BlogDesk's history does not know") +
                              rebuild,
                          QStringLiteral("posts: trigger posts_rank_touch, which BlogDesk's "
                                         "history does not know") +
                              rebuild}));
    QCOMPARE(report.unknownObjects.first().rows, subtitles);
    QCOMPARE(report.carries.size(), 1);
    QCOMPARE(report.carries.first().revision, QStringLiteral("bf2038b7def"));
    QCOMPARE(report.carries.first().keyColumns, QStringList{QStringLiteral("id")});
    QCOMPARE(report.carries.first().columnDefinitions,
             QStringList({QStringLiteral("subtitle TEXT DEFAULT 'none'"), QStringLiteral("extra"),
                          QStringLiteral("rank INTEGER NOT NULL DEFAULT 0")}));
    QVERIFY(report.losesOrRebuilds());
    QVERIFY(!report.destructive());

    // The same data seen from the plan's items: the rebuild copies the rows.
    QCOMPARE(report.items.size(), 1);
    QVERIFY(report.items.first().rebuild);
}

void TestUnknownObjects::keepCarriesEverythingThroughTheRebuild()
{
    const QSqlDatabase db = m_temp->db();
    const QStringList values = UnknownObjectsFixture::postsValues(db);
    const QStringList declarations = UnknownObjectsFixture::postsDeclarations(db);
    const QStringList others = TestServers::portableDump(db, SqlDialect::SQLite);
    QCOMPARE(declarations.size(), 6);
    const MigrationHistory history = builtInHistory();

    for (int target : {Profiles, Head}) { // down over the rebuild, and up over it again
        DataImpactReport report;
        QString error;
        MigrationEngine engine(db, history);
        QVERIFY2(engine.refresh(&error), qPrintable(error));
        QVERIFY2(DataImpact::assess(db, history, engine.currentIndex(), target, &report, &error),
                 qPrintable(error));
        QCOMPARE(report.unknownObjects.size(), 6);
        QVERIFY2(migrate(db, history, target, report.carries, &error), qPrintable(error));
        QCOMPARE(UnknownObjectsFixture::postsValues(db), values);
        QCOMPARE(UnknownObjectsFixture::postsDeclarations(db), declarations);
        QCOMPARE(TestServers::portableDump(db, SqlDialect::SQLite), others);
        QCOMPARE(column(db, QStringLiteral("PRAGMA foreign_key_check")), QStringList());
        QCOMPARE(column(db, QStringLiteral("SELECT name FROM sqlite_master WHERE name LIKE "
                                           "'\\_blogdesk%' ESCAPE '\\'")),
                 QStringList());
    }
    QCOMPARE(column(db, QStringLiteral("SELECT revision FROM blogdesk_migrations "
                                       "ORDER BY revision")),
             QStringList({QStringLiteral("5678abcd"), QStringLiteral("ae1027a6acf"),
                          QStringLiteral("bf2038b7def"), QStringLiteral("c71e5a2d9f0"),
                          QStringLiteral("e83b4f6a1c2")}));
    // The trigger works, and the unique index still holds.
    const QString first = column(db, QStringLiteral("SELECT MIN(id) FROM posts")).first();
    QVERIFY(
        exec(db, QStringLiteral("UPDATE posts SET title = title || '!' WHERE id = %1").arg(first)));
    QCOMPARE(scalar(db, QStringLiteral("SELECT rank FROM posts WHERE id = %1").arg(first)).toInt(),
             first.toInt() * 10 + 1);
    QVERIFY(!QSqlQuery(db).exec(QStringLiteral("UPDATE posts SET rank = 0")));
}

void TestUnknownObjects::withoutCarriesTheRebuildDropsThem()
{
    const QSqlDatabase db = m_temp->db();
    QString error;
    QVERIFY2(migrate(db, builtInHistory(), Profiles, {}, &error), qPrintable(error));
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(db), QStringList());
}

void TestUnknownObjects::droppedTablesCannotKeep()
{
    const QSqlDatabase db = m_temp->db();
    QVERIFY(exec(db, QStringLiteral("ALTER TABLE profiles ADD COLUMN nickname TEXT")));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO profiles (bio, user_id, nickname) "
                                    "SELECT 'bio', id, 'nick' FROM users WHERE id NOT IN "
                                    "(SELECT user_id FROM profiles)")));
    QVERIFY(exec(db, QStringLiteral("UPDATE profiles SET nickname = 'nick'")));
    const qint64 profiles =
        scalar(db, QStringLiteral("SELECT COUNT(*) FROM profiles")).toLongLong();
    DataImpactReport report;
    QString error;
    // Down to 5678abcd: posts is rebuilt (keepable), profiles dropped (not).
    QVERIFY2(DataImpact::assess(db, builtInHistory(), Head, 0, &report, &error), qPrintable(error));
    QCOMPARE(report.unknownObjects.size(), 7);
    QCOMPARE(report.unknownObjects.last().fullText(),
             QStringLiteral("profiles.nickname: a column BlogDesk's history does not know; %1 "
                            "rows hold a value (revision ae1027a6acf drops profiles); it cannot "
                            "be kept: the migration drops its table")
                 .arg(profiles));
    QList<UnknownObject> inTheWay;
    QVERIFY(!UnknownObjects::allowed(report.unknownObjects, UnknownObjectsPolicy::Keep, &inTheWay));
    QCOMPARE(inTheWay.size(), 1);
    QVERIFY(UnknownObjects::allowed(report.unknownObjects, UnknownObjectsPolicy::Drop, &inTheWay));
    QVERIFY(
        !UnknownObjects::allowed(report.unknownObjects, UnknownObjectsPolicy::Refuse, &inTheWay));
    QCOMPARE(inTheWay.size(), 7);

    // Down to base: posts is dropped at last, so what it carries cannot be kept either.
    QVERIFY2(DataImpact::assess(db, builtInHistory(), Head, -1, &report, &error),
             qPrintable(error));
    for (const UnknownObject& object : std::as_const(report.unknownObjects)) {
        QVERIFY2(!object.keepable(), qPrintable(object.fullText()));
    }
    QVERIFY2(report.unknownObjects.first().fullText().contains(
                 QLatin1String("(revision 5678abcd drops posts)")),
             qPrintable(report.unknownObjects.first().fullText()));
}

void TestUnknownObjects::tableNotInTheHistoryIsListed()
{
    const QSqlDatabase db = m_temp->db();
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, t TEXT)")));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO legacy_notes (t) VALUES ('a'), ('b'), ('c')")));
    QTemporaryDir folder;
    MigrationHistory history;
    QString error;
    QVERIFY(loadWithDropLegacy(folder, &history));
    DataImpactReport report;
    QVERIFY2(DataImpact::assess(db, history, Head, Head + 1, &report, &error), qPrintable(error));
    QCOMPARE(texts(report.unknownObjects),
             QStringList{QStringLiteral("legacy_notes: a table BlogDesk's history does not know; "
                                        "3 rows (revision droplegacy01 drops legacy_notes); it "
                                        "cannot be kept: the migration drops the table")});
    QVERIFY(report.destructive()); // the rows are counted as lost too
}

// The embedded default is upgraded without asking anybody: what the history does not know is
// carried through, and what cannot be is not dropped.
void TestUnknownObjects::silentUpgradeOfTheDefaultKeepsThem()
{
    const QSqlDatabase db = m_temp->db();
    const MigrationHistory history = builtInHistory();
    DataImpactReport report;
    QString error;
    QVERIFY2(DataImpact::assess(db, history, Head, Profiles, &report, &error), qPrintable(error));
    QVERIFY2(migrate(db, history, Profiles, report.carries, &error), qPrintable(error));
    const QStringList values = UnknownObjectsFixture::postsValues(db);
    const QStringList declarations = UnknownObjectsFixture::postsDeclarations(db);
    QString summary;
    QVERIFY2(DefaultDatabase::prepare(db, history, &summary, &error), qPrintable(error));
    QCOMPARE(summary, QStringLiteral("upgraded to e83b4f6a1c2"));
    QCOMPARE(UnknownObjectsFixture::postsValues(db), values);
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(db), declarations);

    // A history whose next revision drops a table nobody declared: refused, nothing changed.
    QVERIFY(exec(db, QStringLiteral("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY)")));
    QTemporaryDir folder;
    MigrationHistory longer;
    QVERIFY(loadWithDropLegacy(folder, &longer));
    QVERIFY(!DefaultDatabase::prepare(db, longer, &summary, &error));
    QVERIFY2(error.contains(QLatin1String("legacy_notes: a table BlogDesk's history does not "
                                          "know")),
             qPrintable(error));
    QVERIFY(db.tables().contains(QStringLiteral("legacy_notes")));
}

void TestUnknownObjects::serversAlterInPlaceAndListDroppedTables_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

// On the servers the slug revision alters posts.slug in place: the column someone added stays,
// values and all, and nothing is listed. Dropping profiles takes its unknown column, index
// and trigger along: listed, and never keepable.
void TestUnknownObjects::serversAlterInPlaceAndListDroppedTables()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    std::unique_ptr<TestServers::BackendDatabase> server;
    QVERIFY(TestServers::openSampleDatabase(server, dialect, QStringLiteral("server")));
    if (QTest::currentTestFailed()) {
        return;
    }
    const QSqlDatabase db = server->db();
    const bool postgres = dialect == SqlDialect::PostgreSQL;
    QStringList setup{
        "ALTER TABLE posts ADD COLUMN subtitle VARCHAR(100)",
        "UPDATE posts SET subtitle = 'sub' WHERE MOD(id, 2) = 0",
        "ALTER TABLE profiles ADD COLUMN nickname VARCHAR(40)",
        "INSERT INTO profiles (bio, user_id, nickname) SELECT 'bio', id, 'nick' FROM users "
        "WHERE id NOT IN (SELECT user_id FROM profiles)",
        "UPDATE profiles SET nickname = 'nick'",
        "CREATE INDEX ix_profiles_nickname ON profiles (nickname)",
    };
    setup << (postgres ? QStringList{"CREATE FUNCTION keep_bio() RETURNS trigger AS $$ BEGIN "
                                     "RETURN NEW; END $$ LANGUAGE plpgsql",
                                     "CREATE TRIGGER profiles_touch BEFORE UPDATE ON profiles "
                                     "FOR EACH ROW EXECUTE FUNCTION keep_bio()"}
                       : QStringList{"CREATE TRIGGER profiles_touch BEFORE UPDATE ON profiles "
                                     "FOR EACH ROW SET NEW.bio = NEW.bio"});
    for (const QString& statement : setup) {
        QVERIFY(exec(db, statement));
    }
    const QString subtitles = QStringLiteral("SELECT id, subtitle FROM posts ORDER BY id");
    const QStringList before = column(db, subtitles);
    const qint64 profiles =
        scalar(db, QStringLiteral("SELECT COUNT(*) FROM profiles")).toLongLong();
    const MigrationHistory history = builtInHistory();

    DataImpactReport report;
    QString error;
    QVERIFY2(DataImpact::assess(db, history, Head, Profiles, &report, &error), qPrintable(error));
    QCOMPARE(texts(report.unknownObjects), QStringList());
    QVERIFY2(migrate(db, history, Profiles, {}, &error), qPrintable(error));
    QCOMPARE(column(db, subtitles), before);

    QVERIFY2(DataImpact::assess(db, history, Profiles, 0, &report, &error), qPrintable(error));
    const QString drop = QStringLiteral(
        " (revision ae1027a6acf drops profiles); it cannot be kept: the migration drops its table");
    QCOMPARE(texts(report.unknownObjects),
             QStringList({QStringLiteral("profiles.nickname: a column BlogDesk's history does not "
                                         "know; %1 rows hold a value")
                                  .arg(profiles) +
                              drop,
                          QStringLiteral("profiles: index ix_profiles_nickname (nickname), which "
                                         "BlogDesk's history does not know") +
                              drop,
                          QStringLiteral("profiles: trigger profiles_touch, which BlogDesk's "
                                         "history does not know") +
                              drop}));
    QVERIFY(report.carries.isEmpty());
}

QTEST_GUILESS_MAIN(TestUnknownObjects)
#include "TestUnknownObjects.moc"
