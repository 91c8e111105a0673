// Full-text search (revision e83b4f6a1c2, FullTextSearch) on SQLite, PostgreSQL and MariaDB:
// ranking, highlighting, the index following every INSERT, UPDATE and DELETE (SQLite's
// triggers, the servers' own indexes), the Flask app writing beside it, the revision going up
// and down cleanly, and hostile search text against the real back ends.
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <memory>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/impact/DataImpact.h"
#include "migrations/schema/ExpectedSchema.h"
#include "models/search/FullTextSearch.h"
#include "tests/support/FlaskApp.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestSupport::column;
using TestSupport::scalar;

namespace {

const QString FullTextRevision = QString::fromLatin1(FullTextSearch::Revision);

bool exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
{
    QSqlQuery query(db);
    HELPER_VERIFY2(query.prepare(statement), qPrintable(query.lastError().text()));
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    HELPER_VERIFY2(query.exec(), qPrintable(query.lastError().text() + ": " + statement));
    return true;
}

qint64 insertId(const QSqlDatabase& db, const QString& statement, const QVariantList& values,
                const QString& table)
{
    if (!exec(db, statement, values)) {
        return -1;
    }
    return scalar(db, QStringLiteral("SELECT MAX(id) FROM %1").arg(table)).toLongLong();
}

QList<qint64> ids(const QList<SearchHit>& hits)
{
    QList<qint64> result;
    for (const SearchHit& hit : hits) {
        result << hit.id;
    }
    return result;
}

QList<qint64> sortedIds(const QStringList& column)
{
    QList<qint64> result;
    for (const QString& value : column) {
        result << value.toLongLong();
    }
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace

class TestFullTextSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup() { m_database.reset(); }

    void ranksTitleAboveContentAndMoreMatchesHigher();
    void highlightsMatchedWordsAsSafeRichText();
    void prefixAndPhrase();
    void manyMatchesRankTheFirstCandidates();
    void countsTheMatches();
    void indexFollowsInsertUpdateDelete();
    void flaskAppWritesBesideTheIndexes();
    void upgradeAndDowngradeAreClean();
    void schemaMatchesTheHistoryAtHead();
    void olderRevisionNeedsTheRevision();
    void hostileInputNeverFails_data();
    void hostileInputNeverFails();

private:
    bool migrateTo(int index);
    qint64 addPost(const QString& title, const QString& content);
    qint64 addComment(qint64 postId, const QString& content);
    SearchResults search(const QString& typed, int limit = FullTextSearch::DefaultLimit,
                         int candidates = FullTextSearch::DefaultCandidates);
    bool sqliteIndexIntact();

    std::unique_ptr<TestServers::BackendDatabase> m_database;
    MigrationHistory m_history;
    SqlDialect m_dialect = SqlDialect::SQLite;
    qint64 m_userId = 0;
    int m_slug = 0;
};

void TestFullTextSearch::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QString error;
    m_database = TestServers::BackendDatabase::create(dialect, QStringLiteral("test"), &error);
    QVERIFY2(m_database, qPrintable(error));
    QVERIFY2(m_history.loadBuiltIn(&error), qPrintable(error));
    QCOMPARE(m_history.at(m_history.headIndex()).revision, FullTextRevision);
    QVERIFY(migrateTo(m_history.headIndex()));
    m_userId = insertId(m_database->db(),
                        QStringLiteral("INSERT INTO users (username, email, password_hash, "
                                       "is_active, created_at) VALUES (?, ?, ?, ?, ?)"),
                        {QStringLiteral("ada"), QStringLiteral("ada@example.com"),
                         QStringLiteral("x"), true, QStringLiteral("2024-01-01 00:00:00.000000")},
                        QStringLiteral("users"));
    QVERIFY(m_userId > 0);
    // InnoDB weighs a word by how rare it is: with it in every row, it would weigh nothing.
    for (int filler = 0; filler < 12; ++filler) {
        QVERIFY(addPost(QStringLiteral("Filler %1").arg(filler),
                        QStringLiteral("Nothing to see in filler number %1.").arg(filler)) > 0);
    }
}

bool TestFullTextSearch::migrateTo(int index)
{
    MigrationEngine engine(m_database->db(), m_history);
    QString failure;
    HELPER_VERIFY2(engine.refresh(&failure), qPrintable(failure));
    MigrationError error;
    const bool moved = index >= engine.currentIndex() ? engine.upgrade(index, &error)
                                                      : engine.downgrade(index, &error);
    HELPER_VERIFY2(moved, qPrintable(error.text()));
    return true;
}

qint64 TestFullTextSearch::addPost(const QString& title, const QString& content)
{
    return insertId(m_database->db(),
                    QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                   "created_at, user_id) VALUES (?, ?, ?, ?, ?, ?)"),
                    {title, content, QStringLiteral("post-%1").arg(++m_slug), true,
                     QStringLiteral("2024-01-02 00:00:00.000000"), m_userId},
                    QStringLiteral("posts"));
}

qint64 TestFullTextSearch::addComment(qint64 postId, const QString& content)
{
    return insertId(m_database->db(),
                    QStringLiteral("INSERT INTO comments (content, created_at, user_id, post_id) "
                                   "VALUES (?, ?, ?, ?)"),
                    {content, QStringLiteral("2024-01-03 00:00:00.000000"), m_userId, postId},
                    QStringLiteral("comments"));
}

SearchResults TestFullTextSearch::search(const QString& typed, int limit, int candidates)
{
    QSqlDatabase db = m_database->db();
    return FullTextSearch::search(db, typed, limit, candidates);
}

// FTS5 compares its index with the content table and fails when they differ.
bool TestFullTextSearch::sqliteIndexIntact()
{
    if (m_dialect != SqlDialect::SQLite) {
        return true;
    }
    HELPER_VERIFY(
        exec(m_database->db(),
             QStringLiteral("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')")));
    HELPER_VERIFY(exec(m_database->db(), QStringLiteral("INSERT INTO comments_fts (comments_fts) "
                                                        "VALUES ('integrity-check')")));
    return true;
}

void TestFullTextSearch::ranksTitleAboveContentAndMoreMatchesHigher()
{
    const qint64 once = addPost(QStringLiteral("Plain title"), QStringLiteral("A zebra appears."));
    const qint64 title = addPost(QStringLiteral("Zebra crossing"), QStringLiteral("Plain text."));
    const qint64 often = addPost(QStringLiteral("Other title"),
                                 QStringLiteral("Zebra after zebra, a zebra and one more zebra."));
    const qint64 comment = addComment(once, QStringLiteral("I saw the zebra too"));
    addComment(once, QStringLiteral("Nothing striped here"));

    const SearchResults results = search(QStringLiteral("zebra "));
    QCOMPARE(results.state, SearchResults::State::Found);
    QCOMPARE(ids(results.posts), (QList<qint64>{title, often, once}));
    QCOMPARE(ids(results.comments), QList<qint64>{comment});
    QCOMPARE(results.comments.first().table, BlogTable::Comments);
    QVERIFY(results.comments.first().titleHtml.isEmpty());
}

void TestFullTextSearch::highlightsMatchedWordsAsSafeRichText()
{
    const qint64 post = addPost(QStringLiteral("<b>Bold</b> & Zebra"),
                                QStringLiteral("<script>alert(1)</script> zebra stripes"));
    const SearchResults results = search(QStringLiteral("zebra "));
    QCOMPARE(ids(results.posts), QList<qint64>{post});
    const SearchHit hit = results.posts.first();
    QCOMPARE(hit.titleHtml, QStringLiteral("&lt;b&gt;Bold&lt;/b&gt; &amp; <b>Zebra</b>"));
    // PostgreSQL's ts_headline may leave out the words before the match; what it keeps of the
    // markup is escaped.
    QVERIFY2(hit.snippetHtml.contains(QLatin1String("<b>zebra</b> stripes")) &&
                 !hit.snippetHtml.contains(QLatin1String("<script")) &&
                 (m_dialect == SqlDialect::PostgreSQL ||
                  hit.snippetHtml.contains(QLatin1String("&lt;script&gt;alert"))),
             qPrintable(hit.snippetHtml));
}

void TestFullTextSearch::prefixAndPhrase()
{
    const qint64 deep = addPost(QStringLiteral("Deep dive"), QStringLiteral("into indexes"));
    const qint64 dive = addPost(QStringLiteral("Dive deep"), QStringLiteral("into tables"));
    QCOMPARE(ids(search(QStringLiteral("inde")).posts), QList<qint64>{deep});
    QCOMPARE(ids(search(QStringLiteral("\"deep dive\"")).posts), QList<qint64>{deep});
    QCOMPARE(sortedIds({QString::number(deep), QString::number(dive)}), sortedIds([&] {
                 QStringList found;
                 for (const qint64 id : ids(search(QStringLiteral("dive deep ")).posts)) {
                     found << QString::number(id);
                 }
                 return found;
             }()));
}

// Five matching posts, three candidates: the best post (the word in its title) is the fifth,
// so the bounded search ranks the first three, best first, and says there were more.
void TestFullTextSearch::manyMatchesRankTheFirstCandidates()
{
    const qint64 first = addPost(QStringLiteral("Plain one"), QStringLiteral("A zebra."));
    const qint64 often =
        addPost(QStringLiteral("Plain two"), QStringLiteral("Zebra, zebra and zebra."));
    const qint64 third = addPost(QStringLiteral("Plain three"), QStringLiteral("One zebra here."));
    addPost(QStringLiteral("Plain four"), QStringLiteral("Another zebra."));
    const qint64 title =
        addPost(QStringLiteral("Zebra crossing"), QStringLiteral("Zebra zebra zebra zebra."));
    addComment(first, QStringLiteral("A zebra comment"));

    const SearchResults bounded = search(QStringLiteral("zebra "), 20, 3);
    QCOMPARE(bounded.state, SearchResults::State::Found);
    QCOMPARE(bounded.candidates, 3);
    QVERIFY(bounded.postsScope.bounded);
    QVERIFY(!bounded.commentsScope.bounded);
    QCOMPARE(bounded.posts.size(), 3);
    QCOMPARE(bounded.posts.first().id, often);
    QCOMPARE(sortedIds({QString::number(bounded.posts.at(1).id),
                        QString::number(bounded.posts.at(2).id)}),
             sortedIds({QString::number(first), QString::number(third)}));
    QCOMPARE(bounded.comments.size(), 1);

    const SearchResults all = search(QStringLiteral("zebra "), 20, 0);
    QVERIFY(!all.postsScope.bounded);
    QCOMPARE(all.posts.size(), 5);
    QCOMPARE(all.posts.first().id, title);
    QCOMPARE(all.posts.at(1).id, often);
    // As many matches as candidates: every match was ranked.
    QVERIFY(!search(QStringLiteral("zebra "), 20, 5).postsScope.bounded);
    QVERIFY(search(QStringLiteral("zebra "), 20, 4).postsScope.bounded);
    // Fewer hits wanted than candidates: still the best of the candidates.
    QCOMPARE(ids(search(QStringLiteral("zebra "), 1, 3).posts), QList<qint64>{often});
}

void TestFullTextSearch::countsTheMatches()
{
    const qint64 post =
        addPost(QStringLiteral("Okapi"), QStringLiteral("An okapi, another okapi."));
    addPost(QStringLiteral("Giraffe"), QStringLiteral("Related to the okapi."));
    addComment(post, QStringLiteral("Okapi!"));
    QSqlDatabase db = m_database->db();

    SearchCounts counts = FullTextSearch::count(db, QStringLiteral("okapi "));
    QVERIFY2(counts.ok(), qPrintable(counts.error));
    QCOMPARE(counts.posts, 2);
    QCOMPARE(counts.comments, 1);
    counts = FullTextSearch::count(db, QStringLiteral("okap"));
    QCOMPARE(counts.posts, 2);
    counts = FullTextSearch::count(db, QStringLiteral("okapi giraffe "));
    QCOMPARE(counts.posts, 1);
    QCOMPARE(counts.comments, 0);

    counts = FullTextSearch::count(db, QStringLiteral("narwhal "));
    QVERIFY2(counts.ok(), qPrintable(counts.error));
    QCOMPARE(counts.posts, 0);
    QCOMPARE(counts.comments, 0);
    const SearchResults none = search(QStringLiteral("narwhal "));
    QCOMPARE(none.state, SearchResults::State::Found);
    QVERIFY(none.posts.isEmpty() && none.comments.isEmpty());
    QVERIFY(!none.postsScope.bounded && !none.commentsScope.bounded);

    counts = FullTextSearch::count(db, QStringLiteral(" ,; "));
    QVERIFY(counts.ok());
    QCOMPARE(counts.posts, -1);
}

void TestFullTextSearch::indexFollowsInsertUpdateDelete()
{
    const qint64 post = addPost(QStringLiteral("Quokka news"), QStringLiteral("A happy animal."));
    const qint64 comment = addComment(post, QStringLiteral("Numbat facts"));
    QCOMPARE(ids(search(QStringLiteral("quokka ")).posts), QList<qint64>{post});
    QCOMPARE(ids(search(QStringLiteral("numbat ")).comments), QList<qint64>{comment});

    QVERIFY(exec(m_database->db(), QStringLiteral("UPDATE posts SET title = ? WHERE id = ?"),
                 {QStringLiteral("Wombat news"), post}));
    QVERIFY(exec(m_database->db(), QStringLiteral("UPDATE comments SET content = ? WHERE id = ?"),
                 {QStringLiteral("Bilby facts"), comment}));
    QVERIFY(exec(m_database->db(), QStringLiteral("UPDATE posts SET is_published = ? WHERE id = ?"),
                 {false, post}));
    QVERIFY(search(QStringLiteral("quokka ")).posts.isEmpty());
    QCOMPARE(ids(search(QStringLiteral("wombat ")).posts), QList<qint64>{post});
    QCOMPARE(ids(search(QStringLiteral("happy ")).posts), QList<qint64>{post});
    QVERIFY(search(QStringLiteral("numbat ")).comments.isEmpty());
    QCOMPARE(ids(search(QStringLiteral("bilby ")).comments), QList<qint64>{comment});
    QVERIFY(sqliteIndexIntact());

    QVERIFY(exec(m_database->db(), QStringLiteral("DELETE FROM comments WHERE id = ?"), {comment}));
    QVERIFY(exec(m_database->db(), QStringLiteral("DELETE FROM posts WHERE id = ?"), {post}));
    QVERIFY(search(QStringLiteral("wombat ")).posts.isEmpty());
    QVERIFY(search(QStringLiteral("bilby ")).comments.isEmpty());
    QVERIFY(sqliteIndexIntact());
}

// The guide's app adds, retitles and deletes through its ORM while the triggers are there
// (on the servers, while the indexes are): every write succeeds and the search sees exactly
// the rows that hold the word.
void TestFullTextSearch::flaskAppWritesBesideTheIndexes()
{
    QString problem;
    QVERIFY2(FlaskApp::available(&problem), qPrintable(problem));
    m_database.reset(); // the sample blog's database takes the connection's name
    QVERIFY(TestServers::openSampleDatabase(m_database, m_dialect));
    const QString neverThere =
        QFileInfo(QDir::temp().filePath(QStringLiteral("blogdesk-no-such-stop-file")))
            .absoluteFilePath();
    const ProcessResult churn =
        FlaskApp::runBlogApp({QStringLiteral("churn"), QStringLiteral("--stop-file"), neverThere,
                              QStringLiteral("--max-seconds"), QStringLiteral("2")},
                             FlaskApp::sqlAlchemyUrl(m_database->url()));
    QVERIFY2(churn.exited(0), qPrintable(churn.describe()));
    QVERIFY2(churn.out.contains(QLatin1String("\"locked\": 0")), qPrintable(churn.out));

    const SearchResults results = search(QStringLiteral("churn "), 5000, 0);
    QCOMPARE(results.state, SearchResults::State::Found);
    QVERIFY(!results.posts.isEmpty() && !results.comments.isEmpty());
    QList<qint64> found = ids(results.posts);
    std::sort(found.begin(), found.end());
    QCOMPARE(found, sortedIds(column(m_database->db(),
                                     QStringLiteral("SELECT id FROM posts WHERE LOWER(title) "
                                                    "LIKE '%churn%' OR LOWER(content) LIKE "
                                                    "'%churn%'"))));
    found = ids(results.comments);
    std::sort(found.begin(), found.end());
    QCOMPARE(found,
             sortedIds(column(m_database->db(), QStringLiteral("SELECT id FROM comments WHERE "
                                                               "LOWER(content) LIKE '%churn%'"))));
    QVERIFY(sqliteIndexIntact());
}

void TestFullTextSearch::upgradeAndDowngradeAreClean()
{
    const qint64 post = addPost(QStringLiteral("Platypus"), QStringLiteral("Lays eggs."));
    const int before = m_history.headIndex() - 1;
    QList<DataImpactItem> impact;
    QString error;
    QVERIFY2(DataImpact::assess(m_database->db(), m_history, m_history.headIndex(), before, &impact,
                                &error),
             qPrintable(error));
    QVERIFY2(impact.isEmpty(), qPrintable(impact.value(0).description));
    QVERIFY(migrateTo(before));

    SchemaSnapshot expected;
    QVERIFY2(ExpectedSchema::build(m_history, before, &expected, &error), qPrintable(error));
    SchemaSnapshot live;
    QVERIFY2(SchemaSnapshot::read(m_database->db(), &live, &error), qPrintable(error));
    QVERIFY(compareSchemas(expected, live).isEmpty());
    const QStringList leftovers =
        column(m_database->db(),
               m_dialect == SqlDialect::SQLite
                   ? QStringLiteral("SELECT name FROM sqlite_master WHERE name LIKE '%fts%'")
               : m_dialect == SqlDialect::PostgreSQL
                   ? QStringLiteral("SELECT relname FROM pg_class WHERE relname LIKE '%fts%'")
                   : QStringLiteral("SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE "
                                    "TABLE_SCHEMA = DATABASE() AND INDEX_TYPE = 'FULLTEXT'"));
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    QCOMPARE(search(QStringLiteral("platypus ")).state, SearchResults::State::NeedsRevision);

    QVERIFY(migrateTo(m_history.headIndex())); // the existing rows are indexed
    QCOMPARE(ids(search(QStringLiteral("platypus ")).posts), QList<qint64>{post});
    QVERIFY(sqliteIndexIntact());
}

void TestFullTextSearch::schemaMatchesTheHistoryAtHead()
{
    ExpectedSchema::Match match;
    QString error;
    QVERIFY2(ExpectedSchema::findMatch(m_database->db(), m_history, &match, &error),
             qPrintable(error));
    QCOMPARE(match.index, m_history.headIndex());
    SchemaSnapshot live;
    QVERIFY2(SchemaSnapshot::read(m_database->db(), &live, &error), qPrintable(error));
    QStringList tables;
    for (const SchemaTable& table : live.tables) {
        tables << table.name;
    }
    QCOMPARE(tables, (QStringList{"comments", "post_tags", "posts", "profiles", "tags", "users"}));
    const SchemaTable* posts = live.table(QStringLiteral("posts"));
    const auto fullText = std::find_if(posts->indexes.begin(), posts->indexes.end(),
                                       [](const SchemaIndex& index) { return index.fullText; });
    QVERIFY(fullText != posts->indexes.end());
    QCOMPARE(fullText->name, QStringLiteral("posts_fts"));
    QCOMPARE(fullText->columns, (QStringList{"title", "content"}));
}

void TestFullTextSearch::olderRevisionNeedsTheRevision()
{
    QVERIFY(migrateTo(m_history.headIndex() - 1));
    QCOMPARE(search(QStringLiteral("anything")).state, SearchResults::State::NeedsRevision);
    QCOMPARE(search(QStringLiteral(" ,; ")).state, SearchResults::State::NothingToSearch);
}

void TestFullTextSearch::hostileInputNeverFails_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("findsZebra");
    QTest::newRow("operators") << QStringLiteral("a OR b AND NOT c NEAR(d e, 2) -x +y ~z *")
                               << false;
    QTest::newRow("parentheses") << QStringLiteral("((zebra)) ") << true;
    QTest::newRow("quotes") << QStringLiteral("\"zebra \"\"\" 'it''s' \"unclosed") << false;
    QTest::newRow("columns and colons")
        << QStringLiteral("title:zebra content : x :* {a b}") << false;
    QTest::newRow("backslashes") << QStringLiteral("\\ \\\\ \\\" \\' zebra\\") << true;
    QTest::newRow("nul") << QStringLiteral("zeb") + QChar(0) + QStringLiteral("ra") + QChar(0)
                         << false;
    QTest::newRow("sql") << QStringLiteral("'); DROP TABLE posts; -- zebra") << false;
    QTest::newRow("tsquery") << QStringLiteral("zebra:* & !x | y <-> z <2> 'q':A") << false;
    QTest::newRow("marks only") << QString::fromUtf16(u"\u0301\u0301 \u0308") << false;
    QTest::newRow("10,000 characters") << QString(10000, QLatin1Char('z')) << false;
    QTest::newRow("10,000 operators") << QStringLiteral("(\"*:-+").repeated(1700) << false;
}

void TestFullTextSearch::hostileInputNeverFails()
{
    QFETCH(QString, typed);
    QFETCH(bool, findsZebra);
    const qint64 post = addPost(QStringLiteral("Zebra"), QStringLiteral("Stripes"));
    const SearchResults results = search(typed);
    QVERIFY2(results.state != SearchResults::State::Failed, qPrintable(results.error));
    QCOMPARE(ids(results.posts).contains(post), findsZebra);
    QCOMPARE(scalar(m_database->db(), QStringLiteral("SELECT COUNT(*) FROM posts")).toInt(), 13);
}

QTEST_GUILESS_MAIN(TestFullTextSearch)
#include "TestFullTextSearch.moc"
