// The plans of every statement the views run, on SQLite, PostgreSQL and MariaDB: each uses
// the index meant for it (migrations/versions/0004_add_browse_indexes.sql) and walks it,
// without reading a whole table or sorting, wherever an index can give the order. Where no
// index can (a sort on a column left unindexed on purpose, comments by their post's title),
// the test says so and expects the sort, so a change in either direction shows. The page
// windows are the real ones: each page's model, sorted by each of its columns both ways,
// hands its WindowRequest to WindowReader::statements(), which builds what read() runs.
//
// Scale: the planners prefer reading a tiny table whole, so each back end gets the sample
// blog with 300 users (900 posts, 4,500 comments) and ANALYZE. PostgreSQL still prefers
// hashing and sorting at that size, so its session also sets enable_seqscan and enable_sort
// off: that only makes both look expensive, so a plan that still scans or sorts has no index
// that could serve it, which is the question here.
#include "sql/Dialect.h"
#include "sql/TextSearch.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/schema/QueryPlan.h"
#include "models/browse/BlogTableModel.h"
#include "models/browse/RelatedRecords.h"
#include "models/browse/ThreadRead.h"
#include "models/records/SampleBlog.h"
#include "models/search/FullTextSearchSql.h"
#include "tests/support/BrowseCheck.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/browse/TableFilters.h"

namespace {

// What a statement's plan must show.
struct Expectation
{
    QStringList anyIndex;         // at least one of these is used (empty: no index required)
    bool walk = true;             // no sort and no table read whole, but those allowed below
    QStringList mayScan;          // e.g. a recursive query's own working table
    bool sortsWithinRuns = false; // an Incremental Sort is what the best plan does
    QStringList allOf;            // each of these is used too
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

QString valuesText(const QVariantList& values)
{
    QStringList texts;
    for (const QVariant& value : values) {
        texts << (value.isNull() ? QStringLiteral("NULL") : value.toString());
    }
    return texts.join(QStringLiteral(", "));
}

QString pk(const char* table)
{
    return QStringLiteral("<pk:%1>").arg(QLatin1String(table));
}

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
    void fullTextSearch_data();
    void fullTextSearch();

private:
    bool prepare(SqlDialect dialect);
    bool explain(SqlDialect dialect, const SqlCondition& statement, QueryPlan* plan,
                 QString* error);
    void check(SqlDialect dialect, const SqlCondition& statement, const Expectation& expected,
               const QString& what = QString());

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

// PostgreSQL's plans are read with seq scans and sorts made expensive (see the top), only
// then: the models' own reads in between run as usual.
bool TestQueryPlans::explain(SqlDialect dialect, const SqlCondition& statement, QueryPlan* plan,
                             QString* error)
{
    QSqlDatabase db = m_databases.at(dialect)->db();
    const bool discouraged = dialect == SqlDialect::PostgreSQL;
    QSqlQuery settings(db);
    if (discouraged && !(settings.exec(QStringLiteral("SET enable_seqscan = off")) &&
                         settings.exec(QStringLiteral("SET enable_sort = off")))) {
        *error = settings.lastError().text();
        return false;
    }
    const bool explained = QueryPlan::explain(db, statement.sql, statement.values, plan, error);
    if (discouraged) {
        settings.exec(QStringLiteral("RESET enable_seqscan"));
        settings.exec(QStringLiteral("RESET enable_sort"));
    }
    return explained;
}

void TestQueryPlans::check(SqlDialect dialect, const SqlCondition& statement,
                           const Expectation& expected, const QString& what)
{
    QueryPlan plan;
    QString error;
    QVERIFY2(explain(dialect, statement, &plan, &error),
             qPrintable(error + QStringLiteral("\n") + statement.sql));
    const QString why = QStringLiteral("%1%2\nvalues: %3\nplan: %4\n%5")
                            .arg(what, statement.sql, valuesText(statement.values), plan.summary(),
                                 plan.text.left(4000));
    if (plan.text.contains(QLatin1String("Impossible WHERE"))) {
        return; // MariaDB saw that no row can match (a date range and IS NULL): reads nothing
    }
    if (!expected.anyIndex.isEmpty()) {
        const bool used = std::any_of(expected.anyIndex.cbegin(), expected.anyIndex.cend(),
                                      [&](const QString& index) { return plan.uses(index); });
        QVERIFY2(used, qPrintable(QStringLiteral("none of %1 used: ")
                                      .arg(expected.anyIndex.join(QStringLiteral(", "))) +
                                  why));
    }
    for (const QString& index : expected.allOf) {
        QVERIFY2(plan.uses(index), qPrintable(index + QStringLiteral(" not used: ") + why));
    }
    QVERIFY2(plan.sortsWithinRuns == expected.sortsWithinRuns,
             qPrintable(QStringLiteral("sorts within runs: %1, expected %2: ")
                            .arg(plan.sortsWithinRuns)
                            .arg(expected.sortsWithinRuns) +
                        why));
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

Q_DECLARE_METATYPE(Expectation)

namespace {

// The index meant for each sort (the key, a unique column, one of the revision's), and for a
// sort by author also the users' index on username, which walks the authors in order (each
// author's rows come by the foreign key's index). None: no index serves the sort (left out
// on purpose, see the revision's header; comments by their post's title would need one on
// posts.title), and the rows are sorted.
struct SortIndexes
{
    QStringList own;
    QStringList related;
};

SortIndexes sortIndexes(SqlDialect dialect, const QString& table, const QString& column)
{
    if (column == QLatin1String("id")) {
        return {{primaryKey(dialect, table)}, {}};
    }
    static const std::map<QString, QStringList> indexes{
        {"users.username", {"ix_users_username"}},
        {"users.email", {"ix_users_email"}},
        {"users.created_at", {"ix_users_created_at"}},
        {"posts.slug", {"ix_posts_slug"}},
        {"posts.created_at", {"ix_posts_created_at"}},
        // ix_posts_user_id_id repeats ix_posts_user_id on SQLite and InnoDB: either will do.
        {"posts.user_id", {"ix_posts_user_id_id", "ix_posts_user_id"}},
        {"comments.created_at", {"ix_comments_created_at"}},
        {"comments.parent_id", {"ix_comments_parent_id"}},
        {"comments.user_id", {"ix_comments_user_id"}},
        {"tags.name", {"ix_tags_name"}},
        {"tags.slug", {"ix_tags_slug"}},
    };
    const auto found = indexes.find(table + QLatin1Char('.') + column);
    if (found == indexes.end()) {
        return {};
    }
    const bool byAuthor = column == QLatin1String("user_id");
    return {found->second, byAuthor ? QStringList{"ix_users_username"} : QStringList()};
}

const char* moveName(KeysetWindow::Move move)
{
    switch (move) {
    case KeysetWindow::Move::Reload:
        return "reload";
    case KeysetWindow::Move::First:
        return "first";
    case KeysetWindow::Move::Next:
        return "next";
    case KeysetWindow::Move::Previous:
        return "previous";
    case KeysetWindow::Move::Last:
        return "last";
    case KeysetWindow::Move::Ahead:
        return "ahead";
    case KeysetWindow::Move::Behind:
        return "behind";
    }
    return "";
}

// Every sort of every page, both ways, read by each move; the sorts an index serves also
// with the page's text filter (which no index can serve: the walk stays, filtering as it
// goes) and, by date, with a date range.
void addPageRows()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("move");
    QTest::addColumn<QString>("filter");
    const auto add = [](const QString& table, const QString& column, bool descending,
                        KeysetWindow::Move move, const char* filter) {
        QTest::addRow("%s by %s%s, %s%s%s", qPrintable(table), qPrintable(column),
                      descending ? " desc" : "", moveName(move), *filter ? ", filter " : "", filter)
            << table << column << descending << int(move) << QString::fromLatin1(filter);
    };
    for (const auto& [table, columns] : BrowseCheck::pageColumns()) {
        for (const QString& column : columns) {
            const bool indexed = !sortIndexes(SqlDialect::SQLite, table, column).own.isEmpty();
            for (const bool descending : {false, true}) {
                for (const KeysetWindow::Move move :
                     {KeysetWindow::Move::First, KeysetWindow::Move::Next,
                      KeysetWindow::Move::Previous, KeysetWindow::Move::Last}) {
                    add(table, column, descending, move, "");
                }
                if (indexed && table != QLatin1String("tags")) {
                    add(table, column, descending, KeysetWindow::Move::Next, "text");
                    add(table, column, descending, KeysetWindow::Move::Previous, "text");
                }
                if (column == QLatin1String("created_at")) {
                    add(table, column, descending, KeysetWindow::Move::Next, "date");
                }
            }
        }
    }
}

// The page's filter bar with "e" typed (TableFilters: the columns it searches), or its date
// range as FilterBar writes it.
SqlCondition pageFilter(SqlDialect dialect, const QString& table, const QString& filter)
{
    const std::map<QString, FilterSpec> specs{{"users", TableFilters::users()},
                                              {"posts", TableFilters::posts()},
                                              {"comments", TableFilters::comments()},
                                              {"tags", TableFilters::tags()}};
    const FilterSpec& spec = specs.at(table);
    if (filter == QLatin1String("text")) {
        const TextSearchCondition text =
            TextSearch::contains(dialect, spec.textColumns, QStringLiteral("e"));
        return {text.sql, text.values, true}; // as FilterBar says it: the windows probe first
    }
    if (filter == QLatin1String("date")) {
        return SqlCondition{spec.dateColumn + QStringLiteral(" >= ?"),
                            {QStringLiteral("2000-01-01 00:00:00")}} &&
               SqlCondition{spec.dateColumn + QStringLiteral(" < ?"),
                            {QStringLiteral("2100-01-01 00:00:00")}};
    }
    return {};
}

// Runs a probe end statement of `request`: the row where the probe ends, if any.
bool readProbeEnd(const QSqlDatabase& db, const WindowRequest& request,
                  const SqlCondition& statement, RowKey* end, bool* found)
{
    QSqlQuery query(db);
    HELPER_VERIFY2(query.prepare(statement.sql), qPrintable(query.lastError().text()));
    for (const QVariant& value : statement.values) {
        query.addBindValue(value);
    }
    HELPER_VERIFY2(query.exec(), qPrintable(statement.sql));
    *found = query.next();
    for (int i = 0; *found && i < request.keyExpressions.size(); ++i) {
        end->key << query.value(i);
    }
    if (*found && !request.sortExpression.isEmpty()) {
        end->value = query.value(int(request.keyExpressions.size()));
    }
    return true;
}

// The statements WindowReader::read() may run for `request`, each probe up to where its
// segment's probe ends (left out when the segment is shorter than the probe: read() does not
// run it then). The group read again is an author in the middle (a sort by author).
bool statementsRead(const QSqlDatabase& db, const WindowRequest& request,
                    QList<WindowStatement>* statements)
{
    *statements = WindowReader::statements(request, 150);
    for (int i = 0; i + 1 < statements->size(); ++i) {
        if (statements->at(i).reads != QLatin1String("probe end")) {
            continue;
        }
        RowKey end;
        bool found = false;
        HELPER_VERIFY(readProbeEnd(db, request, statements->at(i).statement, &end, &found));
        if (found) {
            (*statements)[i + 1] = WindowReader::statements(request, 150, end).at(i + 1);
        } else {
            statements->removeAt(i + 1);
        }
    }
    return true;
}

// Windows of about half a table, so that Next and Previous start in the middle.
int halfWindow(const QString& table)
{
    const std::map<QString, int> rows{{"users", 150}, {"posts", 450}, {"comments", 2000}};
    const auto found = rows.find(table);
    return found == rows.end() ? 3 : found->second;
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
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(bool, descending);
    QFETCH(int, move);
    QFETCH(QString, filter);
    QVERIFY(prepare(dialect));
    const std::unique_ptr<BlogTableModel> model =
        BrowseCheck::modelFor(table, m_databases.at(dialect)->db());
    model->setWindowSize(halfWindow(table));
    model->setProbeRows(50); // ends inside the rest of every table
    model->setCondition(pageFilter(dialect, table, filter));
    model->setSort(model->fieldIndex(column),
                   descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QVERIFY2(model->moveWindow(KeysetWindow::Move::First), qPrintable(model->lastError().text()));
    if (KeysetWindow::Move(move) == KeysetWindow::Move::Previous) {
        QVERIFY(model->nextWindow()); // Previous from the second window: an anchor in the middle
    }
    const WindowRequest request = model->windowRequest(KeysetWindow::Move(move));
    const SortIndexes indexes = sortIndexes(dialect, table, column);
    QList<WindowStatement> statements;
    QVERIFY(statementsRead(m_databases.at(dialect)->db(), request, &statements));
    QCOMPARE(statements.constFirst().reads == QLatin1String("probe end"),
             filter == QLatin1String("text") && column != QLatin1String("user_id"));
    QVERIFY(!statements.isEmpty());
    for (const WindowStatement& each : statements) {
        const QString what = QStringLiteral("[%1] ").arg(each.reads);
        if (dialect == SqlDialect::MySQL && filter == QLatin1String("text")) {
            // MariaDB weighs walking the sort's index (stopping at the window's end) against
            // reading the few hundred rows here whole and sorting the matches, and at this
            // size picks either; on 10,000 users and 100,000 posts it walks. The statement
            // must still be one it plans.
            QueryPlan plan;
            QString error;
            QVERIFY2(explain(dialect, each.statement, &plan, &error), qPrintable(error));
            continue;
        }
        if (indexes.own.isEmpty()) {
            // No index serves the sort: the values are sorted; the NULLs (by id alone) may
            // walk the key and filter, or be read whole.
            if (each.reads == QLatin1String("values")) {
                check(dialect, each.statement, Expectation{{}, false, {}, false, {}}, what);
            }
            continue;
        }
        Expectation expected{indexes.own, true, {}, false, {}};
        if (each.reads == QLatin1String("values")) {
            expected.allOf = indexes.related;
        }
        if (dialect == SqlDialect::SQLite && column == QLatin1String("id") &&
            each.statement.values.isEmpty()) {
            // From either end by rowid: SQLite walks the table's own b-tree ("SCAN users").
            expected = Expectation{{}, true, {table}, false, {}};
        }
        check(dialect, each.statement, expected, what);
    }
}

void TestQueryPlans::threadQuery()
{
    FETCH_GLOBAL_BACKEND();
    QVERIFY(prepare(dialect));
    // The thread sorts one post's comments (a few thousand at most): that sort is allowed,
    // reading a table whole is not - neither comments nor users (each author's name is a key
    // lookup, where a join let PostgreSQL hash all users).
    Expectation expected{{QStringLiteral("ix_comments_post_id")}, true, {}, false, {}};
    QueryPlan plan;
    QString error;
    const SqlCondition statement = ThreadReader::statement(5);
    QVERIFY2(explain(dialect, statement, &plan, &error), qPrintable(error));
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
        QTest::addRow("%s count", name) << QStringLiteral("SELECT COUNT(*) ") + from
                                        << Expectation{indexes, true, {}, false, {}};
        QTest::addRow("%s items", name)
            << QStringLiteral("SELECT %1 %2 ORDER BY %3 LIMIT 20").arg(select, from, orderBy)
            << Expectation{indexes, true, {}, false, {}};
    };
    const auto single = [&](const char* name, const QString& sql, const QStringList& indexes) {
        QTest::addRow("%s", name) << sql << Expectation{indexes, true, {}, false, {}};
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
        QVERIFY2(explain(dialect, SqlCondition{sql, {id}}, &plan, &error), qPrintable(error));
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
    const std::unique_ptr<BlogTableModel> model =
        BrowseCheck::modelFor(BlogTables::name(group->table), m_databases.at(dialect)->db());
    model->setWindowSize(1); // Next starts after a row: the keyset form
    model->setCondition(group->condition);
    QVERIFY(model->moveWindow(KeysetWindow::Move::First));
    for (const WindowStatement& each :
         WindowReader::statements(model->windowRequest(KeysetWindow::Move::Next))) {
        check(dialect, each.statement, resolved(dialect, Expectation{indexes, true, {}, false, {}}),
              QStringLiteral("[%1] ").arg(each.reads));
    }
}

// The page's count with a navigation condition or a date range: an index range, never the
// table. (The whole table's count is an estimate first; see the lead's count path.)
void TestQueryPlans::counts_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QVariantList>("values");
    QTest::addColumn<QStringList>("indexes");
    const QVariantList range{QStringLiteral("2024-01-01 00:00:00"),
                             QStringLiteral("2024-01-02 00:00:00")};
    for (const char* table : {"users", "posts", "comments"}) {
        QTest::addRow("%s by date", table)
            << table
            << QStringLiteral("%1.created_at >= ? AND %1.created_at < ?").arg(QLatin1String(table))
            << range << QStringList{QStringLiteral("ix_%1_created_at").arg(QLatin1String(table))};
    }
    QTest::addRow("comments on post")
        << "comments"
        << "comments.post_id = ?" << QVariantList{7} << QStringList{"ix_comments_post_id"};
    QTest::addRow("top-level comments")
        << "comments"
        << "comments.parent_id IS NULL" << QVariantList{} << QStringList{"ix_comments_parent_id"};
}

void TestQueryPlans::counts()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(QString, table);
    QFETCH(QString, where);
    QFETCH(QVariantList, values);
    QFETCH(QStringList, indexes);
    QVERIFY(prepare(dialect));
    const SqlCondition statement =
        WindowReader::countStatement(m_databases.at(dialect)->db(), table, {where, values});
    check(dialect, statement, Expectation{indexes, true, {}, false, {}});
}

// The full-text search's statements: the first rows by the primary key, a rare word by the
// full-text index, never the table read whole (walking posts and parsing each one's text took
// 37 s for a word no post holds). SQLite's FTS5 table is its own index, in one statement.
void TestQueryPlans::fullTextSearch_data()
{
    QTest::addColumn<bool>("throughIndex");
    QTest::newRow("first rows") << false;
    QTest::newRow("through the index") << true;
}

void TestQueryPlans::fullTextSearch()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(bool, throughIndex);
    if (throughIndex && dialect == SqlDialect::SQLite) {
        QSKIP("SQLite searches its FTS5 table in one statement");
    }
    QVERIFY(prepare(dialect));
    const QList<SearchTerm> terms = SearchQuery::parse(QStringLiteral("data"));
    const int limit = FullTextSearch::DefaultLimit;
    QList<FullTextSearchSql::Statement> statements =
        FullTextSearchSql::firstStatements(dialect, terms, {}, limit);
    if (throughIndex && dialect == SqlDialect::PostgreSQL) {
        statements = FullTextSearchSql::postgresIndexStatements(terms, limit,
                                                                FullTextSearch::DefaultCandidates);
    } else if (throughIndex && dialect == SqlDialect::MySQL) {
        statements = FullTextSearchSql::mysqlIndexStatements(terms, {}, limit);
    }
    QCOMPARE(statements.size(), 2);
    for (const FullTextSearchSql::Statement& statement : std::as_const(statements)) {
        const QString table = BlogTables::name(statement.table);
        QueryPlan plan;
        QString error;
        QVERIFY2(explain(dialect, {statement.sql, statement.values}, &plan, &error),
                 qPrintable(error + QStringLiteral("\n") + statement.sql));
        const QString why = statement.sql + QStringLiteral("\nplan: ") + plan.summary();
        QVERIFY2(!plan.scans(table), qPrintable(QStringLiteral("reads whole: ") + why));
        if (dialect != SqlDialect::SQLite) {
            const QString index =
                throughIndex ? table + QStringLiteral("_fts") : primaryKey(dialect, table);
            QVERIFY2(plan.uses(index), qPrintable(index + QStringLiteral(" not used: ") + why));
        }
    }
}

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "TestQueryPlans.moc"
