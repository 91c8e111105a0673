#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "models/records/PasswordHash.h"
#include "models/records/SampleBlog.h"
#include "models/schema/DefaultDatabase.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;
using TestServers::portableDump;
using TestSupport::column;
using TestSupport::scalar;

namespace {

bool upgradeToHead(const QSqlDatabase& db)
{
    MigrationHistory history;
    QString error;
    if (!history.loadBuiltIn(&error)) {
        return false;
    }
    MigrationEngine engine(db, history);
    MigrationError failure;
    return engine.refresh(&error) && engine.upgrade(history.headIndex(), &failure);
}

int count(const QSqlDatabase& db, const QString& where)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM ") + where).toInt();
}

} // namespace

// In a test over the back ends (data from TestServers::addBackendRows): declares `dialect`,
// the row's back end, skipping (or failing, where servers are required) without its server.
#define FETCH_BACKEND()                                                                            \
    QFETCH(QString, backend);                                                                      \
    const SqlDialect dialect = TestServers::dialectNamed(backend);                                 \
    BLOGDESK_REQUIRE_SERVER(dialect)

// Declares `database`, a fresh database on `dialect` migrated to head, opened as `connection`.
#define OPEN_EMPTY_BLOG(database, connection)                                                      \
    QString database##Error;                                                                       \
    const auto database =                                                                          \
        BackendDatabase::create(dialect, QStringLiteral(connection), &database##Error);            \
    QVERIFY2(database, qPrintable(database##Error));                                               \
    QVERIFY(upgradeToHead(database->db()))

class TestSampleBlog : public QObject
{
    Q_OBJECT

private slots:
    // These run on SQLite, PostgreSQL and MariaDB (rows "sqlite", "postgresql", "mysql").
    void sameSeedSameBlog_data() { TestServers::addBackendRows(); }
    void sameSeedSameBlog();
    void hasWhatANewcomerShouldSee_data() { TestServers::addBackendRows(); }
    void hasWhatANewcomerShouldSee();
    void passwordsAreWerkzeugHashes_data() { TestServers::addBackendRows(); }
    void passwordsAreWerkzeugHashes();
    void failureLeavesNothingBehind_data() { TestServers::addBackendRows(); }
    void failureLeavesNothingBehind();
    void addsToABlogThatHasRows_data() { TestServers::addBackendRows(); }
    void addsToABlogThatHasRows();
    void defaultDatabaseGetsSampleOnlyOnce_data() { TestServers::addBackendRows(); }
    void defaultDatabaseGetsSampleOnlyOnce();
    // Every back end against SQLite.
    void sameBlogOnEveryBackEnd_data();
    void sameBlogOnEveryBackEnd();

    // SQLite only: the text SQLite stores is what SQLAlchemy reads back.
    void valuesAreInSqlAlchemyFormat();
};

void TestSampleBlog::sameSeedSameBlog()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(first, "first");
    OPEN_EMPTY_BLOG(second, "second");
    OPEN_EMPTY_BLOG(other, "other");
    SampleBlogOptions options;
    options.seed = 7;
    QString error;
    QVERIFY2(SampleBlog(first->db(), options).populate(&error), qPrintable(error));
    QVERIFY2(SampleBlog(second->db(), options).populate(&error), qPrintable(error));
    options.seed = 8;
    QVERIFY2(SampleBlog(other->db(), options).populate(&error), qPrintable(error));
    QCOMPARE(portableDump(first->db(), dialect), portableDump(second->db(), dialect));
    QVERIFY(portableDump(first->db(), dialect) != portableDump(other->db(), dialect));
}

void TestSampleBlog::sameBlogOnEveryBackEnd_data()
{
    TestServers::addBackendRows();
}

// The sample is deterministic across back ends too ("same options, same rows on every back
// end"), compared with SQLite's in the portable form.
void TestSampleBlog::sameBlogOnEveryBackEnd()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(blog, "blog");
    TempDatabase reference(QStringLiteral("reference"));
    QVERIFY(upgradeToHead(reference.db()));
    QString error;
    QVERIFY2(SampleBlog(blog->db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QVERIFY2(SampleBlog(reference.db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QCOMPARE(portableDump(blog->db(), dialect), portableDump(reference.db(), SqlDialect::SQLite));
}

void TestSampleBlog::hasWhatANewcomerShouldSee()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(temp, "test");
    SampleBlog sample(temp->db(), SampleBlogOptions());
    QString error;
    QVERIFY2(sample.populate(&error), qPrintable(error));
    const QSqlDatabase db = temp->db();
    QCOMPARE(count(db, QStringLiteral("users")), sample.counts().users);
    QVERIFY(sample.counts().users >= 5);
    // Booleans are tested as truth values: PostgreSQL has no boolean = integer.
    QCOMPARE(count(db, QStringLiteral("users WHERE NOT is_active")), 1);
    QVERIFY(count(db, QStringLiteral("posts WHERE NOT is_published AND published_at IS NULL")) > 0);
    QVERIFY(count(db, QStringLiteral("posts WHERE is_published AND published_at IS NOT NULL")) > 0);
    QCOMPARE(count(db, QStringLiteral("posts p WHERE NOT EXISTS (SELECT 1 FROM post_tags t "
                                      "WHERE t.post_id = p.id)")),
             0);
    QVERIFY(count(db, QStringLiteral("comments WHERE parent_id IS NULL")) > 0);
    // A reply to a reply: threads are nested, not flat.
    QVERIFY(count(db, QStringLiteral("comments c JOIN comments p ON c.parent_id = p.id "
                                     "WHERE p.parent_id IS NOT NULL")) > 0);
    QCOMPARE(count(db, QStringLiteral("comments c JOIN comments p ON c.parent_id = p.id "
                                      "WHERE p.post_id <> c.post_id")),
             0);
    QVERIFY(count(db, QStringLiteral("profiles")) > 0);
    QCOMPARE(TestServers::danglingReferences(db), QStringList());
}

void TestSampleBlog::valuesAreInSqlAlchemyFormat()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QString error;
    QVERIFY(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error));
    const QRegularExpression format(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));
    const QStringList timestamps = column(
        temp.db(), QStringLiteral("SELECT created_at FROM users UNION ALL SELECT updated_at FROM "
                                  "posts UNION ALL SELECT published_at FROM posts WHERE "
                                  "published_at IS NOT NULL UNION ALL SELECT created_at FROM "
                                  "comments UNION ALL SELECT created_at FROM post_tags"));
    QVERIFY(timestamps.size() > 50);
    for (const QString& value : timestamps) {
        QVERIFY2(format.match(value).hasMatch(), qPrintable(value));
    }
    QCOMPARE(column(temp.db(), QStringLiteral("SELECT DISTINCT typeof(is_active) || is_active "
                                              "FROM users ORDER BY 1")),
             (QStringList{"integer0", "integer1"}));
}

void TestSampleBlog::passwordsAreWerkzeugHashes()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(temp, "test");
    QString error;
    QVERIFY2(SampleBlog(temp->db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    const QStringList hashes =
        column(temp->db(), QStringLiteral("SELECT DISTINCT password_hash FROM users"));
    QCOMPARE(hashes.size(), 1);
    QVERIFY(hashes.constFirst().startsWith(QLatin1String("pbkdf2:sha256:600000$")));
    QVERIFY(PasswordHash::check(hashes.constFirst(),
                                QString::fromLatin1(SampleBlog::samplePassword())));
    QVERIFY(!PasswordHash::check(hashes.constFirst(), QStringLiteral("Password")));
}

void TestSampleBlog::failureLeavesNothingBehind()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(temp, "test");
    QSqlQuery query(temp->db());
    // Without comments the sample fails at its last table: what came before must go too.
    QVERIFY(query.exec(QStringLiteral("DROP TABLE comments")));
    SampleBlog sample(temp->db(), SampleBlogOptions());
    QString error;
    QVERIFY(!sample.populate(&error));
    QVERIFY2(error.contains(QLatin1String("comments")), qPrintable(error));
    QCOMPARE(count(temp->db(), QStringLiteral("users")), 0);
    QCOMPARE(count(temp->db(), QStringLiteral("tags")), 0);
    QCOMPARE(count(temp->db(), QStringLiteral("posts")), 0);
}

void TestSampleBlog::addsToABlogThatHasRows()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(temp, "test");
    QString error;
    QVERIFY2(SampleBlog(temp->db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QVERIFY2(SampleBlog(temp->db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QCOMPARE(count(temp->db(), QStringLiteral("users")), 12);
    QCOMPARE(count(temp->db(), QStringLiteral("tags")), 8);
    QCOMPARE(scalar(temp->db(), QStringLiteral("SELECT COUNT(DISTINCT slug) FROM posts")).toInt(),
             count(temp->db(), QStringLiteral("posts")));
}

void TestSampleBlog::defaultDatabaseGetsSampleOnlyOnce()
{
    FETCH_BACKEND();
    QString databaseError;
    const auto database = BackendDatabase::create(dialect, QStringLiteral("test"), &databaseError);
    QVERIFY2(database, qPrintable(databaseError));
    BackendDatabase& temp = *database;
    MigrationHistory history;
    QString error;
    QVERIFY(history.loadBuiltIn(&error));
    QVERIFY(DefaultDatabase::isEmpty(temp.db()));
    QString summary;
    QVERIFY2(DefaultDatabase::prepare(temp.db(), history, &summary, &error), qPrintable(error));
    QVERIFY(!summary.isEmpty());
    const int users = count(temp.db(), QStringLiteral("users"));
    QVERIFY(users > 0);
    summary.clear();
    QVERIFY(DefaultDatabase::prepare(temp.db(), history, &summary, &error));
    QVERIFY(summary.isEmpty());
    QCOMPARE(count(temp.db(), QStringLiteral("users")), users);
}

QTEST_GUILESS_MAIN(TestSampleBlog)
#include "TestSampleBlog.moc"
