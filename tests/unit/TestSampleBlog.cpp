#include "sql/SqlTime.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "models/records/PasswordHash.h"
#include "models/records/SampleBlog.h"
#include "models/schema/DefaultDatabase.h"
#include "tests/support/FlaskApp.h"
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
    // The full-text triggers are paused for the load and the index rebuilt: it matches.
    void fullTextIndexCoversTheSample();
    void indexesComeBackAfterTheLoad();
    void brokenUniqueIndexRollsTheLoadBack();

    // The generator at sizes where every feature appears: exact totals, the same rows on
    // every back end, and the Flask app reading them.
    void totalsAreExact_data() { TestServers::addBackendRows(); }
    void totalsAreExact();
    void largerSampleSameOnEveryBackEnd_data() { TestServers::addBackendRows(); }
    void largerSampleSameOnEveryBackEnd();
    void flaskAppReadsTheSample_data() { TestServers::addBackendRows(); }
    void flaskAppReadsTheSample();
    // SQLite: threads, the big thread, users, drafts, tags and the scripts of the texts.
    void threadsStopAtDepthEight();
    void bigThreadFromTwentyThousandComments();
    void usersDraftsAndTags();
    void textsMixScriptsAndEmoji();
    void failureHalfWayLeavesNothing();
    // The generator's fast timestamps against QDateTime's.
    void fastTimestampsMatchQDateTime();
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
    QCOMPARE(count(db, QStringLiteral("users")), int(sample.counts().users));
    QVERIFY(sample.counts().users >= 5);
    // Booleans are tested as truth values: PostgreSQL has no boolean = integer.
    QCOMPARE(count(db, QStringLiteral("users WHERE NOT is_active")), 1);
    // Soft-deleted as the guide's SoftDeleteMixin does it: deleted_at set, nothing else.
    QCOMPARE(count(db, QStringLiteral("users WHERE deleted_at IS NOT NULL AND is_active")), 1);
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

void TestSampleBlog::fullTextIndexCoversTheSample()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QString error;
    QVERIFY2(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QVERIFY2(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QSqlQuery query(temp.db());
    // With rank 1, FTS5 compares its index with the rows of the table it indexes.
    for (const QString& table : {QStringLiteral("posts_fts"), QStringLiteral("comments_fts")}) {
        QVERIFY2(query.exec(QStringLiteral("INSERT INTO %1(%1, rank) VALUES ('integrity-check', 1)")
                                .arg(table)),
                 qPrintable(table + QStringLiteral(": ") + query.lastError().text()));
    }
    QCOMPARE(count(temp.db(), QStringLiteral("sqlite_master WHERE type = 'trigger' AND name "
                                             "LIKE '%\\_fts\\_%' ESCAPE '\\'")),
             8);
    // The insert trigger is back: a post written afterwards is found.
    QVERIFY(query.exec(
        QStringLiteral("INSERT INTO posts (title, content, slug, is_published, user_id) VALUES "
                       "('Zyxwvut', 'text', 'zyxwvut', 0, 1)")));
    QCOMPARE(count(temp.db(), QStringLiteral("posts_fts WHERE posts_fts MATCH 'zyxwvut'")), 1);
}

// The load drops the indexes and builds them again at the end (SqliteBulkLoad).
void TestSampleBlog::indexesComeBackAfterTheLoad()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    const QString indexes = QStringLiteral(
        "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' ORDER BY name");
    const QStringList before = column(temp.db(), indexes);
    QVERIFY(before.size() > 10);
    QString error;
    QVERIFY2(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QCOMPARE(column(temp.db(), indexes), before);
    QCOMPARE(column(temp.db(), QStringLiteral("PRAGMA integrity_check")),
             QStringList{QStringLiteral("ok")});
}

void TestSampleBlog::brokenUniqueIndexRollsTheLoadBack()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QSqlQuery query(temp.db());
    // One post per author at most: the sample's authors have several.
    QVERIFY(query.exec(QStringLiteral("CREATE UNIQUE INDEX one_post_each ON posts (user_id)")));
    QString error;
    QVERIFY(!SampleBlog(temp.db(), SampleBlogOptions()).populate(&error));
    QVERIFY2(error.contains(QLatin1String("one_post_each")), qPrintable(error));
    QCOMPARE(count(temp.db(), QStringLiteral("users")), 0);
    QCOMPARE(count(temp.db(), QStringLiteral("sqlite_master WHERE name = 'one_post_each'")), 1);
    QCOMPARE(count(temp.db(), QStringLiteral("sqlite_master WHERE name = 'ix_posts_slug'")), 1);
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

// ---------------------------------------------------------------------------------------------
// Larger samples

namespace {

// 1,000 posts and 20,000 comments: the smallest sample with the 5,000-comment thread.
SampleBlogOptions largerOptions()
{
    SampleBlogOptions options;
    options.users = 100;
    options.postsPerUser = 10;
    options.commentsPerPost = 20;
    options.seed = 42;
    return options;
}

// A fresh SQLite blog with the larger sample, shared by the SQLite-only checks.
bool fillLarger(TempDatabase& temp, const SampleBlogOptions& options = largerOptions())
{
    QString error;
    HELPER_VERIFY(upgradeToHead(temp.db()));
    HELPER_VERIFY2(SampleBlog(temp.db(), options).populate(&error), qPrintable(error));
    return true;
}

// Each comment's depth (1 for a top-level one) by one recursive query on every back end.
const char* const DepthQuery =
    "WITH RECURSIVE thread(id, depth) AS (SELECT id, 1 FROM comments WHERE parent_id IS NULL "
    "UNION ALL SELECT c.id, t.depth + 1 FROM comments c JOIN thread t ON c.parent_id = t.id) ";

// Which scripts `text` has characters of.
QSet<QString> scriptsIn(const QString& text)
{
    QSet<QString> found;
    for (const uint c : text.toUcs4()) {
        if (c >= 0xC0 && c <= 0x24F) {
            found << QStringLiteral("latin-accented");
        } else if (c >= 0x370 && c <= 0x3FF) {
            found << QStringLiteral("greek");
        } else if (c >= 0x400 && c <= 0x4FF) {
            found << QStringLiteral("cyrillic");
        } else if (c >= 0x590 && c <= 0x5FF) {
            found << QStringLiteral("hebrew");
        } else if (c >= 0x600 && c <= 0x6FF) {
            found << QStringLiteral("arabic");
        } else if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF)) {
            found << QStringLiteral("cjk");
        } else if (c >= 0x1F300) {
            found << QStringLiteral("emoji");
        }
    }
    return found;
}

} // namespace

void TestSampleBlog::totalsAreExact()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(temp, "test");
    SampleBlogOptions options;
    options.users = 7;
    options.postsPerUser = 3;
    options.commentsPerPost = 4;
    SampleBlog sample(temp->db(), options);
    QString error;
    QVERIFY2(sample.populate(&error), qPrintable(error));
    QCOMPARE(count(temp->db(), QStringLiteral("posts")), 21);
    QCOMPARE(count(temp->db(), QStringLiteral("comments")), 84);
    QCOMPARE(sample.counts().comments, 84);
    QCOMPARE(count(temp->db(), QStringLiteral("post_tags")), int(sample.counts().postTags));
    options.commentsPerPost = 0;
    QVERIFY2(SampleBlog(temp->db(), options).populate(&error), qPrintable(error));
    QCOMPARE(count(temp->db(), QStringLiteral("posts")), 42);
    QCOMPARE(count(temp->db(), QStringLiteral("comments")), 84);
}

void TestSampleBlog::largerSampleSameOnEveryBackEnd()
{
    FETCH_BACKEND();
    OPEN_EMPTY_BLOG(blog, "blog");
    TempDatabase reference(QStringLiteral("reference"));
    QVERIFY(fillLarger(reference));
    QString error;
    QVERIFY2(SampleBlog(blog->db(), largerOptions()).populate(&error), qPrintable(error));
    QCOMPARE(count(blog->db(), QStringLiteral("comments")), 20000);
    QCOMPARE(portableDump(blog->db(), dialect), portableDump(reference.db(), SqlDialect::SQLite));
}

// The Flask models load every row and relationship of a sample in all its scripts, with
// soft-deleted users and deep threads, and check every user's password.
void TestSampleBlog::flaskAppReadsTheSample()
{
    FETCH_BACKEND();
    QString problem;
    QVERIFY2(FlaskApp::available(&problem), qPrintable(problem));
    OPEN_EMPTY_BLOG(temp, "test");
    SampleBlogOptions options;
    options.users = 12;
    options.postsPerUser = 5;
    options.commentsPerPost = 8;
    QString error;
    QVERIFY2(SampleBlog(temp->db(), options).populate(&error), qPrintable(error));
    const ProcessResult read =
        FlaskApp::runBlogApp({QStringLiteral("read"), QStringLiteral("--password"),
                              QString::fromLatin1(SampleBlog::samplePassword())},
                             FlaskApp::sqlAlchemyUrl(temp->url()));
    QVERIFY2(read.exited(0), qPrintable(read.describe()));
    QVERIFY2(read.out.contains(QLatin1String("\"passwords_checked\": 12")), qPrintable(read.out));
    QVERIFY2(read.out.contains(QLatin1String("\"comments\": 480")), qPrintable(read.out));
}

void TestSampleBlog::threadsStopAtDepthEight()
{
    TempDatabase temp;
    QVERIFY(fillLarger(temp));
    const QSqlDatabase db = temp.db();
    QCOMPARE(scalar(db, QLatin1String(DepthQuery) + QStringLiteral("SELECT MAX(depth) FROM thread"))
                 .toInt(),
             SampleBlog::MaxDepth);
    // Every comment is reached from a top-level one: no loops, no orphans.
    QCOMPARE(scalar(db, QLatin1String(DepthQuery) + QStringLiteral("SELECT COUNT(*) FROM thread"))
                 .toInt(),
             20000);
    QCOMPARE(count(db, QStringLiteral("comments c JOIN comments p ON c.parent_id = p.id "
                                      "WHERE p.post_id <> c.post_id OR c.created_at < "
                                      "p.created_at")),
             0);
    QCOMPARE(count(db, QStringLiteral("comments c JOIN posts p ON c.post_id = p.id "
                                      "WHERE c.created_at < p.created_at")),
             0);
    QCOMPARE(TestServers::danglingReferences(db), QStringList());
}

void TestSampleBlog::bigThreadFromTwentyThousandComments()
{
    const QString largest = QStringLiteral(
        "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM comments GROUP BY post_id) c");
    TempDatabase temp;
    QVERIFY(fillLarger(temp));
    QCOMPARE(scalar(temp.db(), largest).toInt(), SampleBlog::BigThread);
    QCOMPARE(count(temp.db(), QStringLiteral("comments WHERE post_id = 1")), SampleBlog::BigThread);
    QVERIFY(count(temp.db(), QStringLiteral("comments WHERE post_id = 1 AND parent_id IS NULL")) >
            100);
    // One comment fewer per post and there is no big thread: the rest share evenly-ish.
    TempDatabase smaller(QStringLiteral("smaller"));
    SampleBlogOptions options = largerOptions();
    options.commentsPerPost = 19;
    QVERIFY(fillLarger(smaller, options));
    QCOMPARE(count(smaller.db(), QStringLiteral("comments")), 19000);
    QVERIFY(scalar(smaller.db(), largest).toInt() < 100);
    // Every post has a thread to show while there are comments enough.
    QCOMPARE(count(smaller.db(), QStringLiteral("posts p WHERE NOT EXISTS (SELECT 1 FROM "
                                                "comments c WHERE c.post_id = p.id)")),
             0);
}

void TestSampleBlog::usersDraftsAndTags()
{
    TempDatabase temp;
    QVERIFY(fillLarger(temp));
    const QSqlDatabase db = temp.db();
    QVERIFY(count(db, QStringLiteral("users WHERE NOT is_active")) > 1);
    QVERIFY(count(db, QStringLiteral("users WHERE deleted_at IS NOT NULL")) >= 1);
    QVERIFY(count(db, QStringLiteral("users WHERE deleted_at < created_at")) == 0);
    const QRegularExpression username(QStringLiteral("^[a-z]+[0-9]*$"));
    QSqlQuery users(db);
    QVERIFY(users.exec(QStringLiteral("SELECT username, email FROM users")));
    while (users.next()) {
        const QString name = users.value(0).toString();
        QVERIFY2(username.match(name).hasMatch(), qPrintable(name));
        QCOMPARE(users.value(1).toString(), name + QStringLiteral("@example.com"));
    }
    QCOMPARE(count(db, QStringLiteral("posts WHERE NOT is_published")), 200);
    QCOMPARE(count(db, QStringLiteral("posts WHERE NOT is_published AND published_at IS NULL")),
             200);
    QCOMPARE(count(db, QStringLiteral("posts WHERE is_published AND published_at < created_at")),
             0);
    // A long tail: the most used tag is on many times as many posts as the least used one.
    QCOMPARE(count(db, QStringLiteral("tags")), 9);
    const QStringList perTag = column(db, QStringLiteral("SELECT COUNT(*) FROM post_tags GROUP "
                                                         "BY tag_id ORDER BY COUNT(*) DESC"));
    QCOMPARE(perTag.size(), 9);
    QVERIFY2(perTag.constFirst().toInt() > 4 * perTag.constLast().toInt(),
             qPrintable(perTag.join(QLatin1Char(' '))));
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(DISTINCT slug) FROM posts")).toInt(), 1000);
}

void TestSampleBlog::textsMixScriptsAndEmoji()
{
    TempDatabase temp;
    QVERIFY(fillLarger(temp));
    const QSet<QString> all{QStringLiteral("latin-accented"), QStringLiteral("greek"),
                            QStringLiteral("cyrillic"),       QStringLiteral("hebrew"),
                            QStringLiteral("arabic"),         QStringLiteral("cjk"),
                            QStringLiteral("emoji")};
    const auto scriptsOf = [&](const QString& statement) {
        QSet<QString> found;
        for (const QString& text : column(temp.db(), statement)) {
            found.unite(scriptsIn(text));
        }
        return found;
    };
    QCOMPARE(scriptsOf(QStringLiteral("SELECT title FROM posts")), all);
    QCOMPARE(scriptsOf(QStringLiteral("SELECT content FROM comments")), all);
    QSet<QString> allButEmoji = all;
    allButEmoji.remove(QStringLiteral("emoji"));
    QCOMPARE(scriptsOf(QStringLiteral("SELECT content FROM posts")), allButEmoji);
    QVERIFY(scriptsOf(QStringLiteral("SELECT bio || location FROM profiles")).size() >= 3);
    // Right-to-left posts mixed with English sentences: both directions in one text.
    QVERIFY(count(temp.db(), QStringLiteral("posts WHERE content LIKE '%the%' AND (title LIKE "
                                            "'%مقدمة%' OR title LIKE '%נתונים%' OR title LIKE "
                                            "'%الفهارس%' OR title LIKE '%אינדקסים%')")) > 0);
}

// A failure deep into the comments (a trigger refuses the 15,000th) takes every row back.
void TestSampleBlog::failureHalfWayLeavesNothing()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QSqlQuery query(temp.db());
    QVERIFY(query.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON comments WHEN "
                                      "NEW.id = 15000 BEGIN SELECT RAISE(ABORT, 'refused'); END")));
    const QString cacheBefore = scalar(temp.db(), QStringLiteral("PRAGMA cache_size")).toString();
    QString error;
    SampleBlog sample(temp.db(), largerOptions());
    QVERIFY(!sample.populate(&error));
    QVERIFY2(error.contains(QLatin1String("refused")), qPrintable(error));
    for (const char* table : {"users", "profiles", "tags", "posts", "post_tags", "comments"}) {
        QCOMPARE(count(temp.db(), QLatin1String(table)), 0);
    }
    QCOMPARE(scalar(temp.db(), QStringLiteral("PRAGMA cache_size")).toString(), cacheBefore);
}

void TestSampleBlog::fastTimestampsMatchQDateTime()
{
    const QDateTime firsts[] = {QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC),
                                QDateTime(QDate(1900, 2, 28), QTime(23, 59, 59), Qt::UTC),
                                QDateTime(QDate(2000, 2, 28), QTime(12, 0), Qt::UTC),
                                QDateTime(QDate(2024, 12, 31), QTime(23, 0), Qt::UTC),
                                QDateTime(QDate(9999, 12, 30), QTime(1, 2, 3), Qt::UTC)};
    for (const QDateTime& first : firsts) {
        // Every 7 hours and 123 ms for a good while: all months, leap days, day ends.
        for (int step = 0; step < 2000; ++step) {
            const QDateTime when = first.addMSecs(qint64(step) * (7 * 3600 * 1000 + 123));
            if (when.date().year() > 9999) {
                break;
            }
            const qint64 micros = when.toMSecsSinceEpoch() * 1000 + step % 1000;
            QString expected = SqlTime::format(when);
            expected.replace(expected.size() - 3, 3,
                             QStringLiteral("%1").arg(step % 1000, 3, 10, QLatin1Char('0')));
            QCOMPARE(SqlTime::fromEpochMicros(micros), expected);
        }
    }
}

QTEST_GUILESS_MAIN(TestSampleBlog)
#include "TestSampleBlog.moc"
