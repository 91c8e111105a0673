// Every sort each page offers (every column header, both ways) pages through the same rows in
// the same order as one plain ORDER BY over the whole table, forwards from First and
// backwards from Last, on SQLite, PostgreSQL and MariaDB. The sorts by author (a related
// unique column) read author by author (WindowReader's walk by groups), so the blog has
// what could trip that walk: authors without posts between others, one author whose posts
// span several windows, filters combined with the sort. Under the filter bar's text filter the
// windows are probed first (WindowRequest::probeRows): probes shorter than a window, longer
// than what is left, and between, for texts common, rare, absent and with LIKE's wildcards.
#include "sql/TextSearch.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <map>
#include <memory>

#include "models/browse/BlogTableModel.h"
#include "models/records/SampleBlog.h"
#include "tests/support/BrowseCheck.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/browse/TableFilters.h"

using TestServers::BackendDatabase;

namespace {

// Several windows of every table: the sample has a few dozen users and a few tags.
int windowRows(const QString& table)
{
    if (table == QLatin1String("tags")) {
        return 3;
    }
    return table == QLatin1String("users") ? 7 : 97;
}
constexpr int HeavyAuthorPosts = 250; // more than two windows of one author

QString idOf(const BlogTableModel& model, int row)
{
    return model.index(row, model.fieldIndex(QStringLiteral("id"))).data(Qt::EditRole).toString();
}

// The ids of every window from First on, in order.
QStringList walkForward(BlogTableModel& model)
{
    QStringList ids;
    bool more = model.moveWindow(KeysetWindow::Move::First);
    for (; more; more = model.nextWindow()) {
        for (int row = 0; row < model.rowCount(); ++row) {
            ids << idOf(model, row);
        }
    }
    return ids;
}

// The ids of every window from Last back to the start, in the order seen (reversed).
QStringList walkBackward(BlogTableModel& model)
{
    QStringList ids;
    bool more = model.moveWindow(KeysetWindow::Move::Last);
    for (; more; more = model.previousWindow()) {
        for (int row = model.rowCount() - 1; row >= 0; --row) {
            ids << idOf(model, row);
        }
    }
    return ids;
}

// The whole order in one statement: the sort value with NULLs largest, then the id.
QString expectedOrder(BlogTableModel& model, int column, bool descending,
                      const SqlCondition& condition)
{
    const QString table = model.tableName();
    const QString name = model.columnName(column);
    const QSqlRelation relation = model.relation(column);
    QString from = table;
    QString sort = table + QLatin1Char('.') + name;
    if (relation.isValid()) {
        from += QStringLiteral(" LEFT JOIN %1 r ON r.id = %2.%3")
                    .arg(relation.tableName(), table, name);
        sort = QStringLiteral("r.") + relation.displayColumn();
    }
    const QString how = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QString order = QStringLiteral("(%1 IS NULL)%2, %1%2, ").arg(sort, how);
    if (name == QLatin1String("id")) {
        order.clear();
    }
    return QStringLiteral("SELECT %1.id FROM %2%3 ORDER BY %4%1.id%5")
        .arg(table, from,
             condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition.sql, order,
             how);
}

QStringList ids(const QSqlDatabase& db, const QString& sql, const QVariantList& values)
{
    QSqlQuery query(db);
    QStringList result;
    if (!query.prepare(sql)) {
        return {QStringLiteral("prepare failed: ") + query.lastError().text()};
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return {QStringLiteral("exec failed: ") + query.lastError().text()};
    }
    while (query.next()) {
        result << query.value(0).toString();
    }
    return result;
}

bool exec(QSqlDatabase db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

// Authors with no posts whose names fall before, between and after the others', and one
// author with many posts and comments.
bool addAwkwardAuthors(QSqlDatabase db, QString* error)
{
    const QString user =
        QStringLiteral("INSERT INTO users (username, email, password_hash, is_active, created_at) "
                       "VALUES (?, ?, 'x', ?, '2024-01-01 00:00:00')");
    for (const char* name : {"!first-silent", "m-silent", "zzzz-silent", "heavy-writer"}) {
        const QString username = QLatin1String(name);
        if (!exec(db, user, {username, username + QStringLiteral("@example.com"), true})) {
            *error = QStringLiteral("cannot add the user ") + username;
            return false;
        }
    }
    const QString post = QStringLiteral(
        "INSERT INTO posts (title, content, slug, is_published, created_at, user_id) "
        "SELECT ?, 'text', ?, ?, '2024-02-01 00:00:00', id FROM users "
        "WHERE username = 'heavy-writer'");
    const QString comment =
        QStringLiteral("INSERT INTO comments (content, created_at, user_id, post_id) "
                       "SELECT 'heavy reply', '2024-03-01 00:00:00', u.id, ? FROM users u "
                       "WHERE u.username = 'heavy-writer'");
    for (int i = 0; i < HeavyAuthorPosts; ++i) {
        if (!exec(db, post,
                  {QStringLiteral("Heavy %1").arg(i), QStringLiteral("heavy-%1").arg(i),
                   i % 3 == 0}) ||
            !exec(db, comment, {i % 40 + 1})) {
            *error = QStringLiteral("cannot add the heavy author's rows");
            return false;
        }
    }
    return true;
}

} // namespace

class TestWindowOrders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanupTestCase() { m_blogs.clear(); }
    void theListNamesEveryColumn();
    void everySortPagesLikeOneOrderBy_data();
    void everySortPagesLikeOneOrderBy();
    void theAuthorSortWithAFilter_data();
    void theAuthorSortWithAFilter();
    void everySortUnderAProbedTextFilter_data();
    void everySortUnderAProbedTextFilter();

private:
    void compareWalks(const QString& table, const QString& column, bool descending,
                      const SqlCondition& condition, int probeRows = 0, int minimum = -1);

    std::map<QString, std::unique_ptr<BackendDatabase>> m_blogs; // by back end
    BackendDatabase* m_blog = nullptr;
};

void TestWindowOrders::init()
{
    FETCH_GLOBAL_BACKEND();
    std::unique_ptr<BackendDatabase>& blog = m_blogs[backend];
    if (!blog) {
        QVERIFY(
            TestServers::openSampleDatabase(blog, dialect, QStringLiteral("orders-") + backend));
        SampleBlogOptions options;
        options.users = 30;
        options.postsPerUser = 8;
        options.commentsPerPost = 2;
        QString error;
        QVERIFY2(SampleBlog(blog->db(), options).populate(&error), qPrintable(error));
        QVERIFY2(addAwkwardAuthors(blog->db(), &error), qPrintable(error));
    }
    m_blog = blog.get();
}

// `minimum`: how many rows must match at least (-1: more than two windows).
void TestWindowOrders::compareWalks(const QString& table, const QString& column, bool descending,
                                    const SqlCondition& condition, int probeRows, int minimum)
{
    const std::unique_ptr<BlogTableModel> model = BrowseCheck::modelFor(table, m_blog->db());
    TestSupport::testModel(model.get());
    model->setWindowSize(windowRows(table));
    model->setProbeRows(probeRows);
    model->setCondition(condition);
    const int index = model->fieldIndex(column);
    QVERIFY2(index >= 0, qPrintable(column));
    model->setSort(index, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    const QStringList expected =
        ids(m_blog->db(), expectedOrder(*model, index, descending, condition), condition.values);
    QVERIFY2(minimum >= 0 ? expected.size() >= minimum : expected.size() > 2 * windowRows(table),
             qPrintable(expected.value(0)));
    QCOMPARE(walkForward(*model), expected);
    QStringList reversed = expected;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(walkBackward(*model), reversed);
}

// BrowseCheck::pageColumns() (which test_queryplans reads too) is every sort a page offers.
void TestWindowOrders::theListNamesEveryColumn()
{
    for (const auto& [table, names] : BrowseCheck::pageColumns()) {
        const std::unique_ptr<BlogTableModel> model = BrowseCheck::modelFor(table, m_blog->db());
        QStringList columns;
        for (int column = 0; column < model->columnCount(); ++column) {
            columns << model->columnName(column);
        }
        QStringList listed = names;
        columns.sort();
        listed.sort();
        QCOMPARE(columns, listed);
    }
}

void TestWindowOrders::everySortPagesLikeOneOrderBy_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    for (const auto& [table, names] : BrowseCheck::pageColumns()) {
        for (const QString& name : names) {
            for (const bool descending : {false, true}) {
                QTest::addRow("%s by %s%s", qPrintable(table), qPrintable(name),
                              descending ? " desc" : "")
                    << table << name << descending;
            }
        }
    }
}

void TestWindowOrders::everySortPagesLikeOneOrderBy()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(bool, descending);
    compareWalks(table, column, descending, {});
}

void TestWindowOrders::theAuthorSortWithAFilter_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<bool>("descending");
    for (const bool descending : {false, true}) {
        const char* how = descending ? " desc" : "";
        QTest::addRow("posts, title%s", how)
            << "posts"
            << "posts.title LIKE ?" << QVariant("%e%") << descending;
        QTest::addRow("posts, published%s", how)
            << "posts"
            << "posts.is_published = ?" << QVariant(true) << descending;
        QTest::addRow("comments, content%s", how)
            << "comments"
            << "comments.content LIKE ?" << QVariant("%e%") << descending;
    }
}

void TestWindowOrders::theAuthorSortWithAFilter()
{
    QFETCH(QString, table);
    QFETCH(QString, filter);
    QFETCH(QVariant, value);
    QFETCH(bool, descending);
    compareWalks(table, QStringLiteral("user_id"), descending, {filter, {value}});
}

void TestWindowOrders::everySortUnderAProbedTextFilter_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("probeRows");
    for (const auto& [table, names] : BrowseCheck::pageColumns()) {
        for (const QString& name : names) {
            for (const bool descending : {false, true}) {
                // Shorter than a window (the rest read on), about one, longer than the table.
                for (const int probe : {5, windowRows(table) + 3, 100000}) {
                    QTest::addRow("%s by %s%s, probe %d", qPrintable(table), qPrintable(name),
                                  descending ? " desc" : "", probe)
                        << table << name << descending << probe;
                }
            }
        }
    }
}

// The filter bar's own condition (TableFilters' columns, scansRows set as FilterBar sets it)
// pages exactly as one ORDER BY does: a common text (several windows), one that a single row
// holds (each window read on past its probe), one no row holds, and LIKE's wildcards, which
// must match only themselves.
void TestWindowOrders::everySortUnderAProbedTextFilter()
{
    FETCH_GLOBAL_BACKEND();
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(bool, descending);
    QFETCH(int, probeRows);
    const std::map<QString, FilterSpec> specs{{"users", TableFilters::users()},
                                              {"posts", TableFilters::posts()},
                                              {"comments", TableFilters::comments()},
                                              {"tags", TableFilters::tags()}};
    const QStringList columns = specs.at(table).textColumns;
    const std::map<QString, QString> rare{{"users", "heavy-writer@"},
                                          {"posts", "heavy-17"},
                                          {"comments", "heavy reply"},
                                          {"tags", "python"}};
    const QList<std::pair<QString, int>> texts{
        {QStringLiteral("e"), table == QLatin1String("tags") ? 2 : -1},
        {rare.at(table), 1},
        {QStringLiteral("no such text"), 0},
        {QStringLiteral("%"), 0},
        {QStringLiteral("_"), 0}};
    for (const auto& [text, minimum] : texts) {
        const TextSearchCondition found = TextSearch::contains(dialect, columns, text);
        compareWalks(table, column, descending, SqlCondition{found.sql, found.values, true},
                     probeRows, minimum);
        if (QTest::currentTestFailed()) {
            qWarning("text: %s", qPrintable(text));
            return;
        }
    }
}

QTEST_GUILESS_MAIN(TestWindowOrders)
#include "TestWindowOrders.moc"
