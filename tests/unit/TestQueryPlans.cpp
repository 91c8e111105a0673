// The plans of every statement the views run, on SQLite, PostgreSQL and MariaDB: each uses
// the index meant for it (migrations/versions/0004_add_browse_indexes.sql) and walks it,
// without reading a whole table or sorting, wherever an index can give the order. Where no
// index can (a sort on a column left unindexed on purpose, the author sort on PostgreSQL and
// MariaDB), the test says so and expects the sort, so a change in either direction shows.
//
// Scale: the planners prefer reading a tiny table whole, so each back end gets the sample
// blog with 300 users (900 posts, 4,500 comments) and ANALYZE. PostgreSQL still prefers
// hashing and sorting at that size, so its session also sets enable_seqscan and enable_sort
// off: that only makes both look expensive, so a plan that still scans or sorts has no index
// that could serve it, which is the question here.
#include "sql/Dialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/schema/QueryPlan.h"
#include "models/browse/RelatedRecords.h"
#include "models/records/SampleBlog.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

namespace {

// ---- Window statement builder: a stand-in for the worker's key query (models/read, being
// written by the lead), in the shape it will use. Switch these entries to the real builder
// at merge. ----
struct WindowQuery
{
    QString table;       // "posts"
    QString sort;        // qualified sort expression; empty: by id alone
    QString join;        // "users ON users.id = posts.user_id" for a relation sort
    SqlCondition filter; // on the table's own columns
    bool descending = false;
    QVariant start; // the sort value of the row the window starts after
    qint64 startId = 0;
    // A UNIQUE NOT NULL sort column orders alone: with the id tie-break PostgreSQL and
    // MariaDB do not see that its unique index already gives the order, and sort.
    bool unique = false;
};

SqlCondition windowStatement(SqlDialect dialect, const WindowQuery& window)
{
    const QString id = window.table + QStringLiteral(".id");
    const QString cmp = window.descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = window.descending ? QStringLiteral(" DESC") : QString();
    QString from = window.table;
    if (!window.join.isEmpty()) {
        // MariaDB plans the join from the other side and filesorts unless told the order.
        from += (dialect == SqlDialect::MySQL ? QStringLiteral(" STRAIGHT_JOIN ")
                                              : QStringLiteral(" JOIN ")) +
                window.join;
    }
    SqlCondition where = window.filter;
    QString select = id;
    QString order = id + dir;
    if (window.unique) {
        where = where && SqlCondition{window.sort + QLatin1Char(' ') + cmp + QStringLiteral(" ?"),
                                      {window.start}};
        select += QStringLiteral(", ") + window.sort;
        order = window.sort + dir;
    } else if (window.sort.isEmpty()) {
        where = where &&
                SqlCondition{id + QLatin1Char(' ') + cmp + QStringLiteral(" ?"), {window.startId}};
    } else {
        where = where &&
                SqlCondition{
                    QStringLiteral("%1 %2= ? AND (%1 %2 ? OR %3 %2 ?)").arg(window.sort, cmp, id),
                    {window.start, window.start, window.startId}};
        select += QStringLiteral(", ") + window.sort;
        order = window.sort + dir + QStringLiteral(", ") + order;
    }
    return {QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 LIMIT 500")
                .arg(select, from, where.sql, order),
            where.values};
}
// ---- end of the stand-in ----

// What a statement's plan must show.
struct Expectation
{
    QStringList anyIndex;         // at least one of these is used (empty: no index required)
    bool walk = true;             // no sort and no table read whole, but those allowed below
    QStringList mayScan;          // e.g. a recursive query's own working table
    bool sortsWithinRuns = false; // an Incremental Sort is what the best plan does
};

QString primaryKey(SqlDialect dialect, const QString& table)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return table == QLatin1String("post_tags") ? QStringLiteral("sqlite_autoindex_post_tags_1")
                                                   : QStringLiteral("PRIMARY KEY");
    case SqlDialect::PostgreSQL:
        return table + QStringLiteral("_pkey");
    case SqlDialect::MySQL:
        return QStringLiteral("PRIMARY");
    }
    return {};
}

// "<pk:users>" in an expectation is the table's primary key on the back end: the data
// functions run once, before any back end is chosen.
Expectation resolved(SqlDialect dialect, Expectation expected)
{
    for (QString& index : expected.anyIndex) {
        if (index.startsWith(QLatin1String("<pk:"))) {
            index = primaryKey(dialect, index.mid(4).chopped(1));
        }
    }
    return expected;
}

QString pk(const char* table)
{
    return QStringLiteral("<pk:%1>").arg(QLatin1String(table));
}

// By author: users walked by username, each author's rows by (user_id, id). Only SQLite sees
// that this gives (username, id) order; PostgreSQL sorts each author's rows (an Incremental
// Sort: runs of one author, never the table), and MariaDB cannot take an ORDER BY spanning two
// tables from an index, so it filesorts all that follows the keyset.
Expectation authorSort(SqlDialect dialect, const QString& authorIndex)
{
    // On posts ix_posts_user_id_id repeats ix_posts_user_id here; either will do.
    const QStringList authorIndexes{authorIndex, authorIndex + QStringLiteral("_id")};
    switch (dialect) {
    case SqlDialect::SQLite:
        return {authorIndexes, true, {}, false};
    case SqlDialect::PostgreSQL:
        return {{QStringLiteral("ix_users_username")}, true, {}, true};
    case SqlDialect::MySQL:
        break;
    }
    return {authorIndexes + QStringList{QStringLiteral("ix_users_username")}, false, {}, false};
}

// The thread dock's one query, copied from models/browse/CommentThreadModel.cpp (ThreadSql,
// private there) with its named values as placeholders.
const char* const ThreadSql = R"(
WITH RECURSIVE thread (id, depth) AS (
    SELECT c.id, 0
    FROM comments c
    WHERE c.post_id = ?
      AND (c.parent_id IS NULL
           OR NOT EXISTS (SELECT 1 FROM comments p
                          WHERE p.id = c.parent_id AND p.post_id = c.post_id))
    UNION ALL
    SELECT r.id, t.depth + 1
    FROM thread t
    JOIN comments r ON r.parent_id = t.id
    WHERE r.post_id = ? AND t.depth < ?
)
SELECT c.id, c.parent_id, t.depth, c.content, c.created_at, c.user_id, u.username
FROM comments c
LEFT JOIN thread t ON t.id = c.id
LEFT JOIN users u ON u.id = c.user_id
WHERE c.post_id = ?
ORDER BY CASE WHEN c.created_at IS NULL THEN 0 ELSE 1 END, c.created_at, c.id
)";

} // namespace

class TestQueryPlans : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void cleanupTestCase() { m_databases.clear(); }
    void parsersReadEachForm();
    void parsersRefuseGarbage();
    void pageWindows_data();
    void pageWindows();
    void threadQuery();
    void relatedDock_data();
    void relatedDock();
    void navigationWindows_data();
    void navigationWindows();
    void counts_data();
    void counts();

private:
    bool prepare(SqlDialect dialect);
    void check(SqlDialect dialect, const SqlCondition& statement, const Expectation& expected);

    std::map<SqlDialect, std::unique_ptr<TestServers::BackendDatabase>> m_databases;
};

// The sample blog at 300 users on the back end, migrated to head, analysed; once per run.
bool TestQueryPlans::prepare(SqlDialect dialect)
{
    if (m_databases.count(dialect) != 0) {
        return true;
    }
    QString error;
    auto database = TestServers::BackendDatabase::create(
        dialect, QStringLiteral("plans-") + sqlDialectName(dialect), &error);
    HELPER_VERIFY2(database, qPrintable(error));
    QSqlDatabase db = database->db();
    MigrationHistory history;
    MigrationError failure;
    HELPER_VERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    MigrationEngine engine(db, history);
    HELPER_VERIFY2(engine.refresh(&error), qPrintable(error));
    HELPER_VERIFY2(engine.upgrade(history.headIndex(), &failure), qPrintable(failure.text()));
    SampleBlog sample(db, SampleBlogOptions{300, 3, 5, 1});
    HELPER_VERIFY2(sample.populate(&error), qPrintable(error));
    QStringList statements;
    switch (dialect) {
    case SqlDialect::SQLite:
        statements << QStringLiteral("ANALYZE");
        break;
    case SqlDialect::PostgreSQL:
        for (const char* table : {"users", "profiles", "posts", "tags", "post_tags", "comments"}) {
            statements << QStringLiteral("ANALYZE ") + QLatin1String(table);
        }
        statements << QStringLiteral("SET enable_seqscan = off")
                   << QStringLiteral("SET enable_sort = off");
        break;
    case SqlDialect::MySQL:
        statements << QStringLiteral(
            "ANALYZE TABLE users, profiles, posts, tags, post_tags, comments");
        break;
    }
    for (const QString& statement : statements) {
        QSqlQuery query(db);
        HELPER_VERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
    }
    m_databases[dialect] = std::move(database);
    return true;
}

void TestQueryPlans::check(SqlDialect dialect, const SqlCondition& statement,
                           const Expectation& expected)
{
    QueryPlan plan;
    QString error;
    QVERIFY2(QueryPlan::explain(m_databases.at(dialect)->db(), statement.sql, statement.values,
                                &plan, &error),
             qPrintable(error + QStringLiteral("\n") + statement.sql));
    const QString why =
        QStringLiteral("%1\nplan: %2\n%3").arg(statement.sql, plan.summary(), plan.text.left(3000));
    if (!expected.anyIndex.isEmpty()) {
        const bool used = std::any_of(expected.anyIndex.cbegin(), expected.anyIndex.cend(),
                                      [&](const QString& index) { return plan.uses(index); });
        QVERIFY2(used, qPrintable(QStringLiteral("none of %1 used: ")
                                      .arg(expected.anyIndex.join(QStringLiteral(", "))) +
                                  why));
    }
    QCOMPARE(plan.sortsWithinRuns, expected.sortsWithinRuns);
    if (!expected.walk) {
        QVERIFY2(plan.sorts,
                 qPrintable(QStringLiteral("expected a sort (no index for it): ") + why));
        return;
    }
    QVERIFY2(!plan.sorts, qPrintable(QStringLiteral("sorts: ") + why));
    for (const QString& table : plan.scannedTables) {
        // MariaDB names its own temporary tables "<subquery2>", "<union2,4>".
        QVERIFY2(expected.mayScan.contains(table) || table.startsWith(QLatin1Char('<')),
                 qPrintable(QStringLiteral("reads %1 whole: ").arg(table) + why));
    }
}

Q_DECLARE_METATYPE(WindowQuery)
Q_DECLARE_METATYPE(Expectation)

namespace {

// Each page's sortable columns: the indexed ones walk, the others sort (left unindexed on
// purpose, see the revision's header). Relation columns sort by the joined label. `author`
// names the index of a sort by author, whose plan differs per back end (authorSort()).
void addPageRows()
{
    QTest::addColumn<WindowQuery>("window");
    QTest::addColumn<Expectation>("expected");
    QTest::addColumn<QString>("author");
    const auto walk = [](const QString& index) {
        return Expectation{{index}, true, {}, false};
    };
    const Expectation sorts{{}, false, {}, false};
    const auto row = [](const QString& table, const QString& column, const Expectation& expected,
                        bool descending = false, const QString& join = QString(),
                        const QString& author = QString(), bool unique = false) {
        const QString sort = column.isEmpty() || column.contains(QLatin1Char('.'))
                                 ? column
                                 : table + QLatin1Char('.') + column;
        QTest::addRow("%s by %s%s", qPrintable(table),
                      qPrintable(column.isEmpty() ? QStringLiteral("id") : column),
                      descending ? " desc" : "")
            << WindowQuery{table, sort, join, {}, descending, {}, 0, unique} << expected << author;
    };
    const auto uniqueRow = [&](const char* table, const char* column, const char* index) {
        row(table, column, walk(index), false, QString(), QString(), true);
    };
    for (const char* table : {"users", "posts", "tags", "comments"}) {
        row(table, QString(), walk(pk(table)));
        row(table, QString(), walk(pk(table)), true);
    }
    uniqueRow("users", "username", "ix_users_username");
    uniqueRow("users", "email", "ix_users_email");
    row("users", "created_at", walk("ix_users_created_at"));
    row("users", "created_at", walk("ix_users_created_at"), true);
    for (const char* column :
         {"password_hash", "is_active", "updated_at", "last_login", "deleted_at"}) {
        row("users", column, sorts);
    }
    uniqueRow("posts", "slug", "ix_posts_slug");
    row("posts", "created_at", walk("ix_posts_created_at"));
    row("posts", "created_at", walk("ix_posts_created_at"), true);
    for (const char* column : {"title", "content", "is_published", "published_at", "updated_at"}) {
        row("posts", column, sorts);
    }
    uniqueRow("tags", "name", "ix_tags_name");
    uniqueRow("tags", "slug", "ix_tags_slug");
    row("comments", "created_at", walk("ix_comments_created_at"));
    row("comments", "created_at", walk("ix_comments_created_at"), true);
    row("comments", "parent_id", walk("ix_comments_parent_id"));
    row("comments", "content", sorts);
    // No index on posts.title: comments sorted by their post's title read every post.
    row("comments", "posts.title", sorts, false, "posts ON posts.id = comments.post_id");
    row("posts", "users.username", sorts, false, "users ON users.id = posts.user_id",
        "ix_posts_user_id");
    row("comments", "users.username", sorts, false, "users ON users.id = comments.user_id",
        "ix_comments_user_id");
}

} // namespace

// The parsers alone, once (on the sqlite row): what each back end writes, and what it never
// would. Garbage is an error, never a crash.
void TestQueryPlans::parsersReadEachForm()
{
    FETCH_GLOBAL_BACKEND();
    if (dialect != SqlDialect::SQLite) {
        QSKIP("no database needed: run once");
    }
    QueryPlan plan;
    QString error;
    QVERIFY(QueryPlan::fromSqlite({"SCAN TABLE posts", "SEARCH c USING INDEX ix_a (post_id=?)",
                                   "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)",
                                   "SEARCH t USING AUTOMATIC COVERING INDEX (id=?)",
                                   "SCAN CONSTANT ROW", "USE TEMP B-TREE FOR ORDER BY"},
                                  &plan, &error));
    QCOMPARE(plan.indexes, (QStringList{"ix_a", "PRIMARY KEY"}));
    QCOMPARE(plan.scannedTables, (QStringList{"posts", "t"}));
    QVERIFY(plan.sorts && !plan.sortsWithinRuns);
    QVERIFY(QueryPlan::fromPostgresJson(
        R"([{"Plan": {"Node Type": "Incremental Sort", "Plans": [{"Node Type": "Seq Scan",
            "Relation Name": "posts", "Alias": "p"}, {"Node Type": "Index Scan",
            "Index Name": "ix_b"}]}}])",
        &plan, &error));
    QCOMPARE(plan.indexes, QStringList{"ix_b"});
    QCOMPARE(plan.scannedTables, QStringList{"p"});
    QVERIFY(!plan.sorts && plan.sortsWithinRuns);
    QVERIFY(QueryPlan::fromMysqlJson(
        R"({"query_block": {"filesort": {"temporary_table": {"nested_loop": [
            {"table": {"table_name": "posts", "access_type": "ALL"}},
            {"table": {"table_name": "u", "access_type": "eq_ref", "key": "PRIMARY"}}]}}}})",
        &plan, &error));
    QCOMPARE(plan.indexes, QStringList{"PRIMARY"});
    QCOMPARE(plan.scannedTables, QStringList{"posts"});
    QVERIFY(plan.sorts);
}

void TestQueryPlans::parsersRefuseGarbage()
{
    FETCH_GLOBAL_BACKEND();
    if (dialect != SqlDialect::SQLite) {
        QSKIP("no database needed: run once");
    }
    QueryPlan plan;
    QString error;
    const QByteArray deep = QByteArray(5000, '[') + QByteArray(5000, ']');
    const QByteArray deepObjects = QByteArray("{\"query_block\": ") +
                                   QByteArray("{\"a\": ").repeated(400) + "1" +
                                   QByteArray(401, '}');
    for (const QByteArray& garbage :
         {QByteArray(), QByteArray("\xff\xfe\x00garbage"), QByteArray("[]"), QByteArray("{}"),
          QByteArray("[{\"Plan\": 3}]"), QByteArray("{\"query_block\": []}"),
          QByteArray("[{\"Plan\": {\"Node Type\": "), deep, deepObjects}) {
        for (SqlDialect each : {SqlDialect::PostgreSQL, SqlDialect::MySQL}) {
            error.clear();
            QVERIFY2(!QueryPlan::parse(each, garbage, &plan, &error), garbage.left(40).constData());
            QVERIFY(!error.isEmpty());
        }
    }
    QVERIFY(!QueryPlan::parse(SqlDialect::SQLite, QByteArray(), &plan, &error));
    // Odd lines are no access and no sort: read, not refused.
    QVERIFY(QueryPlan::parse(SqlDialect::SQLite, "\xff\x00SCAN\nSEARCH\nUSE TEMP", &plan, &error));
    QVERIFY(plan.indexes.isEmpty() && plan.scannedTables.isEmpty() && !plan.sorts);
}

void TestQueryPlans::pageWindows_data()
{
    addPageRows();
}

void TestQueryPlans::pageWindows()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(WindowQuery, window);
    QFETCH(Expectation, expected);
    QFETCH(QString, author);
    QVERIFY(prepare(dialect));
    // The window starts after a row in the middle, with its sort value as exact text.
    window.startId = window.table == QLatin1String("users")  ? 150
                     : window.table == QLatin1String("tags") ? 4
                                                             : 450;
    if (!window.sort.isEmpty()) {
        // The first row from there whose sort value is not NULL: a NULL start (a top-level
        // comment's parent_id in the sample) is a comparison no row passes, and no plan.
        QSqlQuery query(m_databases.at(dialect)->db());
        QVERIFY(query.exec(
            QStringLiteral("SELECT %3.id, %1 FROM %2 WHERE %3.id >= %4 AND %5 IS NOT NULL "
                           "ORDER BY %3.id LIMIT 1")
                .arg(Dialect(dialect).exactText(window.sort),
                     window.table + (window.join.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" JOIN ") + window.join),
                     window.table)
                .arg(window.startId)
                .arg(window.sort)));
        QVERIFY2(query.next(), qPrintable(query.lastError().text()));
        window.startId = query.value(0).toLongLong();
        window.start = query.value(1);
    }
    check(dialect, windowStatement(dialect, window),
          author.isEmpty() ? resolved(dialect, expected) : authorSort(dialect, author));
}

void TestQueryPlans::threadQuery()
{
    FETCH_GLOBAL_BACKEND();
    QVERIFY(prepare(dialect));
    // The thread sorts one post's comments (a few thousand at most): that sort is allowed,
    // reading all comments is not. SQLite and MariaDB name the recursive table itself.
    // Each level's replies come by ix_comments_parent_id, or by ix_comments_post_id when the
    // planner finds one post's comments fewer (PostgreSQL at this scale): bounded either way.
    Expectation expected{{QStringLiteral("ix_comments_post_id")}, true, {"t", "thread"}, false};
    QueryPlan plan;
    QString error;
    const SqlCondition statement{QString::fromUtf8(ThreadSql), {5, 5, 1000, 5}};
    QVERIFY2(QueryPlan::explain(m_databases.at(dialect)->db(), statement.sql, statement.values,
                                &plan, &error),
             qPrintable(error));
    const QString why = plan.summary() + QLatin1Char('\n') + plan.text.left(3000);
    QVERIFY2(plan.uses(QStringLiteral("ix_comments_post_id")), qPrintable(why));
    for (const QString& table : plan.scannedTables) {
        // MariaDB names its own temporary tables "<union2,4>", "<derived2>".
        QVERIFY2(expected.mayScan.contains(table) || table.startsWith(QLatin1Char('<')),
                 qPrintable(table + QStringLiteral(": ") + why));
    }
}

// The Related dock's statements, copied from models/browse/RelatedRecords.cpp (private there):
// each list is a COUNT(*) and its first 20 items.
void TestQueryPlans::relatedDock_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<Expectation>("expected");
    const auto list = [&](const char* name, const QString& select, const QString& from,
                          const QString& orderBy, const QStringList& indexes) {
        QTest::addRow("%s count", name)
            << QStringLiteral("SELECT COUNT(*) ") + from << Expectation{indexes, true, {}, false};
        QTest::addRow("%s items", name)
            << QStringLiteral("SELECT %1 %2 ORDER BY %3 LIMIT 20").arg(select, from, orderBy)
            << Expectation{indexes, true, {}, false};
    };
    const auto single = [&](const char* name, const QString& sql, const QStringList& indexes) {
        QTest::addRow("%s", name) << sql << Expectation{indexes, true, {}, false};
    };
    const QStringList byAuthor{"ix_posts_user_id_id", "ix_posts_user_id"};
    single(
        "user: profile",
        "SELECT user_id, COALESCE(location, website, '') FROM profiles WHERE user_id = ?",
        {"ix_profiles_user_id", "sqlite_autoindex_profiles_1", "user_id", "profiles_user_id_key"});
    list("user: posts", "id, title", "FROM posts WHERE user_id = ?", "id", byAuthor);
    list("user: comments", "id, content", "FROM comments WHERE user_id = ?", "id",
         {"ix_comments_user_id"});
    single("post: author",
           "SELECT u.id, u.username FROM posts p JOIN users u ON u.id = p.user_id WHERE p.id = ?",
           {pk("users")});
    list("post: tags", "t.id, t.name",
         "FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = ?", "t.name, t.id",
         {pk("post_tags")});
    list("post: comments", "id, content", "FROM comments WHERE post_id = ?", "id",
         {"ix_comments_post_id"});
    list("tag: posts", "p.id, p.title",
         "FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.tag_id = ?", "p.id",
         {"ix_post_tags_tag_id"});
    single("comment: post",
           "SELECT p.id, p.title FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.id = ?",
           {pk("posts")});
    single("comment: author",
           "SELECT u.id, u.username FROM comments c JOIN users u ON u.id = c.user_id "
           "WHERE c.id = ?",
           {pk("users")});
    single("comment: in reply to",
           "SELECT p.id, p.content FROM comments c JOIN comments p ON p.id = c.parent_id "
           "WHERE c.id = ?",
           {pk("comments")});
    list("comment: replies", "id, content", "FROM comments WHERE parent_id = ?", "id",
         {"ix_comments_parent_id"});
}

void TestQueryPlans::relatedDock()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(QString, sql);
    QFETCH(Expectation, expected);
    QVERIFY(prepare(dialect));
    // A comment's relations are read for a reply (a NULL parent_id is no plan on MariaDB).
    qint64 id = 7;
    if (QString::fromLatin1(QTest::currentDataTag()).startsWith(QLatin1String("comment:"))) {
        QSqlQuery query(m_databases.at(dialect)->db());
        QVERIFY(query.exec(
                    QStringLiteral("SELECT MIN(id) FROM comments WHERE parent_id IS NOT NULL")) &&
                query.next());
        id = query.value(0).toLongLong();
    }
    // SQLite does not see that ORDER BY p.id is the order of pt.post_id, which its index
    // gives, and sorts the tag's posts; ORDER BY pt.post_id walks (left to RelatedRecords).
    if (dialect == SqlDialect::SQLite &&
        QString::fromLatin1(QTest::currentDataTag()) == QLatin1String("tag: posts items")) {
        expected.walk = false;
    }
    // A short list (one post's tags) may be sorted; reading a table whole may not.
    if (sql.contains(QLatin1String("t.name, t.id"))) {
        QueryPlan plan;
        QString error;
        QVERIFY2(QueryPlan::explain(m_databases.at(dialect)->db(), sql, {id}, &plan, &error),
                 qPrintable(error));
        QVERIFY2(plan.scannedTables.isEmpty() || plan.scannedTables == QStringList{"t"} ||
                     plan.scannedTables == QStringList{"tags"},
                 qPrintable(plan.summary()));
        return;
    }
    check(dialect, SqlCondition{sql, {id}}, resolved(dialect, expected));
}

// "Posts by this user", "comments on this post", ...: the conditions RelatedRecords hands the
// target page (real code), paged there by id.
void TestQueryPlans::navigationWindows_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("indexes");
    QTest::addRow("posts by user") << int(BlogTable::Users) << "Posts"
                                   << QStringList{"ix_posts_user_id_id", "ix_posts_user_id"};
    QTest::addRow("comments by user")
        << int(BlogTable::Users) << "Comments" << QStringList{"ix_comments_user_id"};
    QTest::addRow("comments on post")
        << int(BlogTable::Posts) << "Comments" << QStringList{"ix_comments_post_id"};
    QTest::addRow("tags of post") << int(BlogTable::Posts) << "Tags"
                                  << QStringList{pk("post_tags")};
    QTest::addRow("posts with tag")
        << int(BlogTable::Tags) << "Posts" << QStringList{"ix_post_tags_tag_id"};
    QTest::addRow("replies to comment")
        << int(BlogTable::Comments) << "Replies" << QStringList{"ix_comments_parent_id"};
}

void TestQueryPlans::navigationWindows()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(int, source);
    QFETCH(QString, title);
    QFETCH(QStringList, indexes);
    QVERIFY(prepare(dialect));
    const QList<RelatedGroup> groups =
        RelatedRecords::of(m_databases.at(dialect)->db(), BlogTable(source), 7);
    const auto group = std::find_if(groups.cbegin(), groups.cend(),
                                    [&](const RelatedGroup& g) { return g.title == title; });
    QVERIFY2(group != groups.cend(), qPrintable(title));
    WindowQuery window{
        BlogTables::name(group->table), QString(), QString(), group->condition, false, {}, 0};
    check(dialect, windowStatement(dialect, window),
          resolved(dialect, Expectation{indexes, true, {}, false}));
}

// The page's count with a navigation condition or a date range: an index range, never the
// table. (The whole table's count is an estimate first; see the lead's count path.)
void TestQueryPlans::counts_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QVariantList>("values");
    QTest::addColumn<QStringList>("indexes");
    const QVariantList range{QStringLiteral("2024-01-01 00:00:00"),
                             QStringLiteral("2024-01-02 00:00:00")};
    for (const char* table : {"users", "posts", "comments"}) {
        QTest::addRow("%s by date", table)
            << QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %1.created_at >= ? AND "
                              "%1.created_at < ?")
                   .arg(QLatin1String(table))
            << range << QStringList{QStringLiteral("ix_%1_created_at").arg(QLatin1String(table))};
    }
    QTest::addRow("comments on post") << "SELECT COUNT(*) FROM comments WHERE comments.post_id = ?"
                                      << QVariantList{7} << QStringList{"ix_comments_post_id"};
    QTest::addRow("top-level comments")
        << "SELECT COUNT(*) FROM comments WHERE comments.parent_id IS NULL" << QVariantList{}
        << QStringList{"ix_comments_parent_id"};
}

void TestQueryPlans::counts()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(QString, sql);
    QFETCH(QVariantList, values);
    QFETCH(QStringList, indexes);
    QVERIFY(prepare(dialect));
    check(dialect, SqlCondition{sql, values}, Expectation{indexes, true, {}, false});
}

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "TestQueryPlans.moc"
