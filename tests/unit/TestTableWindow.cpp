#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <map>

#include "models/browse/CommentsModel.h"
#include "models/browse/PostsModel.h"
#include "models/browse/UsersModel.h"
#include "models/records/SampleBlog.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestSupport::testModel;

using TestServers::BackendDatabase;
using TestSupport::column;

namespace {

// Every row of every window, in order, as `column`'s display text.
QStringList walkWindows(BlogTableModel& model, int column)
{
    QStringList seen;
    for (bool more = true; more; more = model.nextWindow()) {
        while (model.canFetchMore()) {
            model.fetchMore();
        }
        for (int row = 0; row < model.rowCount(); ++row) {
            seen << model.index(row, column).data(Qt::EditRole).toString();
        }
    }
    return seen;
}

int columnNamed(const QAbstractItemModel& model, const QString& header)
{
    for (int c = 0; c < model.columnCount(); ++c) {
        if (model.headerData(c, Qt::Horizontal).toString() == header) {
            return c;
        }
    }
    return -1;
}

} // namespace

class TestTableWindow : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql"), each back end with its own big blog, made once.
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanupTestCase();
    void windowsCoverEveryRowOnce();
    void windowsFollowARelationSortBothWays_data();
    void windowsFollowARelationSortBothWays();
    void nullsSortLastGoingUp();
    void windowsTellMicrosecondsApart();
    void previousWindowGoesBack();
    void walkingBackFromTheLastWindowVisitsEveryRowOnce_data();
    void walkingBackFromTheLastWindowVisitsEveryRowOnce();
    void conditionValuesAreBound();
    void selectReadsABoundedWindow();
    void aMissingTableIsSaidInWords();
    void theWindowIsReadWhole();

private:
    std::map<QString, std::unique_ptr<BackendDatabase>> m_blogs; // by back end
    BackendDatabase* m_temp = nullptr;                           // the current row's
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestTableWindow::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    std::unique_ptr<BackendDatabase>& blog = m_blogs[backend];
    if (!blog) {
        QVERIFY(TestServers::openSampleDatabase(blog, dialect, QStringLiteral("blog-") + backend));
        QVERIFY(blog);
        SampleBlogOptions options;
        options.users = 40;
        options.postsPerUser = 30; // 1,200 more posts: several windows
        options.commentsPerPost = 1;
        QString error;
        QVERIFY2(SampleBlog(blog->db(), options).populate(&error), qPrintable(error));
    }
    m_temp = blog.get();
}

void TestTableWindow::cleanupTestCase()
{
    m_blogs.clear();
}

void TestTableWindow::windowsCoverEveryRowOnce()
{
    PostsModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(500);
    model.setSort(0, Qt::AscendingOrder);
    QVERIFY(model.select());
    QCOMPARE(model.totalRowCount(), 1218);
    QCOMPARE(walkWindows(model, 0),
             column(m_temp->db(), QStringLiteral("SELECT id FROM posts ORDER BY id")));
    QCOMPARE(model.rowsBeforeWindow(), 1000);
    QVERIFY(!model.hasNextWindow());
}

void TestTableWindow::windowsFollowARelationSortBothWays_data()
{
    QTest::addColumn<bool>("descending");
    QTest::newRow("up") << false;
    QTest::newRow("down") << true;
}

void TestTableWindow::windowsFollowARelationSortBothWays()
{
    QFETCH(bool, descending);
    PostsModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(97);
    const int author = columnNamed(model, QStringLiteral("Author"));
    model.setSort(author, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QVERIFY(model.select());
    const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QStringList expected =
        column(m_temp->db(), QStringLiteral("SELECT u.username FROM posts p LEFT JOIN users u ON "
                                            "u.id = p.user_id ORDER BY u.username %1, p.id %1")
                                 .arg(direction));
    QCOMPARE(walkWindows(model, author), expected);
}

void TestTableWindow::nullsSortLastGoingUp()
{
    PostsModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(50);
    const int published = model.fieldIndex(QStringLiteral("published_at"));
    model.setSort(published, Qt::AscendingOrder);
    QVERIFY(model.select());
    const QStringList up = walkWindows(model, published);
    QCOMPARE(up.size(), 1218);
    const int firstEmpty = up.indexOf(QString());
    QVERIFY(firstEmpty > 0);
    for (int i = firstEmpty; i < up.size(); ++i) {
        QVERIFY2(up.at(i).isEmpty(), "a NULL went before a value");
    }
    model.setSort(published, Qt::DescendingOrder);
    QVERIFY(model.select());
    const QStringList down = walkWindows(model, published);
    QCOMPARE(down.size(), 1218);
    QVERIFY(down.constFirst().isEmpty());
    QVERIFY(!down.constLast().isEmpty());
}

// The servers' drivers hand timestamps over as QDateTime, which keeps milliseconds only: a
// window that started after such a value would show again the rows of the same millisecond.
void TestTableWindow::windowsTellMicrosecondsApart()
{
    QSqlDatabase db = m_temp->db();
    QVERIFY(db.transaction());
    QSqlQuery update(db);
    QVERIFY(update.prepare(QStringLiteral("UPDATE posts SET updated_at = ? WHERE id = ?")));
    for (qint64 id = 1; id <= 600; ++id) {
        // Two rows per microsecond, all in one millisecond and in an order that is not the ids'.
        const qint64 microsecond = (id * 7) % 300;
        update.addBindValue(
            QStringLiteral("2024-06-01 12:00:00.000%1").arg(microsecond, 3, 10, QLatin1Char('0')));
        update.addBindValue(id);
        QVERIFY2(update.exec(), qPrintable(update.lastError().text()));
    }
    QVERIFY(db.commit());
    for (const bool descending : {false, true}) {
        PostsModel model(db);
        testModel(&model);
        model.setWindowSize(97);
        const int updated = model.fieldIndex(QStringLiteral("updated_at"));
        model.setSort(updated, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QVERIFY(model.select());
        const QString direction = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
        const QStringList expected =
            column(db, QStringLiteral("SELECT id FROM posts ORDER BY (updated_at IS NULL) %1, "
                                      "updated_at %1, id %1")
                           .arg(direction));
        QCOMPARE(walkWindows(model, 0), expected);
    }
}

void TestTableWindow::previousWindowGoesBack()
{
    UsersModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(10);
    model.setSort(model.fieldIndex(QStringLiteral("username")), Qt::AscendingOrder);
    QVERIFY(model.select());
    const QString first = model.index(0, 1).data().toString();
    QVERIFY(!model.hasPreviousWindow());
    QVERIFY(model.nextWindow());
    QVERIFY(model.nextWindow());
    QCOMPARE(model.rowsBeforeWindow(), 20);
    QVERIFY(model.previousWindow());
    QVERIFY(model.previousWindow());
    QCOMPARE(model.rowsBeforeWindow(), 0);
    QCOMPARE(model.index(0, 1).data().toString(), first);
    QVERIFY(!model.previousWindow());
}

void TestTableWindow::walkingBackFromTheLastWindowVisitsEveryRowOnce_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("sortSql"); // the same order in SQL, NULLs largest
    QTest::addColumn<bool>("descending");
    const QString author = QStringLiteral("u.username");
    const QString published = QStringLiteral("p.published_at");
    QTest::newRow("author up") << QStringLiteral("Author") << author << false;
    QTest::newRow("author down") << QStringLiteral("Author") << author << true;
    QTest::newRow("published up") << QStringLiteral("Published (UTC)") << published << false;
    QTest::newRow("published down") << QStringLiteral("Published (UTC)") << published << true;
}

// Last, then Previous to the start: every row once, in reverse, and each window knows how
// many rows come before it once the total is known.
void TestTableWindow::walkingBackFromTheLastWindowVisitsEveryRowOnce()
{
    QFETCH(QString, header);
    QFETCH(QString, sortSql);
    QFETCH(bool, descending);
    PostsModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(97); // 1,218 posts: the first window is not full
    const int sortColumn = columnNamed(model, header);
    QVERIFY(sortColumn >= 0);
    model.setSort(sortColumn, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QVERIFY(model.moveWindow(KeysetWindow::Move::Last));
    QVERIFY(!model.hasNextWindow());
    QCOMPARE(model.totalRowCount(), 1218);
    QStringList backwards;
    for (bool more = true; more; more = model.previousWindow()) {
        QCOMPARE(model.rowsBeforeWindow(), 1218 - backwards.size() - model.rowCount());
        for (int row = model.rowCount() - 1; row >= 0; --row) {
            backwards << model.index(row, 0).data(Qt::EditRole).toString();
        }
    }
    QVERIFY(!model.hasPreviousWindow());
    QCOMPARE(model.rowsBeforeWindow(), 0);
    const QString direction = descending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    const QStringList expected =
        column(m_temp->db(), QStringLiteral("SELECT p.id FROM posts p LEFT JOIN users u ON u.id = "
                                            "p.user_id ORDER BY (%1 IS NULL) %2, %1 %2, p.id %2")
                                 .arg(sortSql, direction));
    QCOMPARE(backwards.size(), 1218);
    QCOMPARE(backwards, expected);
}

void TestTableWindow::conditionValuesAreBound()
{
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO tags (name, slug) VALUES "
                                      "('O''Brien; DROP TABLE tags', 'obrien')")));
    CommentsModel model(m_temp->db());
    testModel(&model);
    model.setCondition({QStringLiteral("comments.content = ?"), {QStringLiteral("x' OR '1'='1")}});
    QVERIFY(model.select());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalRowCount(), 0);
    UsersModel users(m_temp->db());
    testModel(&users);
    users.setCondition({QStringLiteral("users.is_active = ?"), {false}});
    QVERIFY(users.select());
    QCOMPARE(users.totalRowCount(), 2); // the last user of each sample is inactive
}

void TestTableWindow::selectReadsABoundedWindow()
{
    CommentsModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(100);
    QVERIFY(model.select());
    while (model.canFetchMore()) {
        model.fetchMore();
    }
    QCOMPARE(model.rowCount(), 100);
    QVERIFY(model.totalRowCount() > 100);
    QVERIFY(model.hasNextWindow());
}

void TestTableWindow::aMissingTableIsSaidInWords()
{
    QString error;
    const auto empty = BackendDatabase::create(m_dialect, QStringLiteral("empty"), &error);
    QVERIFY2(empty, qPrintable(error));
    CommentsModel model(empty->db());
    testModel(&model);
    QVERIFY(!model.select());
    QCOMPARE(model.lastError().text(), QStringLiteral("this database has no table 'comments'"));
    QCOMPARE(model.rowCount(), 0);
}

// A window is read to its end by select() on every back end (Qt alone would fetch 255 rows of
// it on SQLite and leave the statement open, holding SQLite's shared lock).
void TestTableWindow::theWindowIsReadWhole()
{
    PostsModel model(m_temp->db());
    testModel(&model);
    model.setWindowSize(500);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.select());
    QCOMPARE(model.rowsInWindow(), 500);
    QVERIFY(model.hasNextWindow());
    QCOMPARE(model.rowCount(), 500);
    QVERIFY(!model.canFetchMore());
    QCOMPARE(resets.count(), 1); // one reset, with every row in it
}

QTEST_GUILESS_MAIN(TestTableWindow)
#include "TestTableWindow.moc"
