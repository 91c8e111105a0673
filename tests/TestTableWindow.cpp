#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "models/CommentsModel.h"
#include "models/DefaultDatabase.h"
#include "models/PostsModel.h"
#include "models/SampleBlog.h"
#include "models/UsersModel.h"
#include "tests/support/TestSupport.h"

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
    void initTestCase();
    void cleanupTestCase();
    void windowsCoverEveryRowOnce();
    void windowsFollowARelationSortBothWays_data();
    void windowsFollowARelationSortBothWays();
    void nullsSortLastGoingUp();
    void previousWindowGoesBack();
    void conditionValuesAreBound();
    void selectReadsABoundedWindow();
    void aMissingTableIsSaidInWords();
    void theWindowIsFetchedAsTheViewScrolls();

private:
    std::unique_ptr<TempDatabase> m_temp;
};

void TestTableWindow::initTestCase()
{
    m_temp = std::make_unique<TempDatabase>();
    MigrationHistory history;
    QString error;
    QString summary;
    QVERIFY(history.loadBuiltIn(&error));
    QVERIFY(DefaultDatabase::prepare(m_temp->db(), history, &summary, &error));
    SampleBlogOptions options;
    options.users = 40;
    options.postsPerUser = 30; // 1,200 more posts: several windows
    options.commentsPerPost = 1;
    QVERIFY2(SampleBlog(m_temp->db(), options).populate(&error), qPrintable(error));
}

void TestTableWindow::cleanupTestCase()
{
    m_temp.reset();
}

void TestTableWindow::windowsCoverEveryRowOnce()
{
    // No QAbstractItemModelTester here: Qt 6.4's own QSqlQueryModel::setQuery() inserts rows
    // in the middle of its model reset, which the tester reports for any SQL table model.
    PostsModel model(m_temp->db());
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

void TestTableWindow::previousWindowGoesBack()
{
    UsersModel model(m_temp->db());
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

void TestTableWindow::conditionValuesAreBound()
{
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO tags (name, slug) VALUES "
                                      "('O''Brien; DROP TABLE tags', 'obrien')")));
    CommentsModel model(m_temp->db());
    model.setCondition({QStringLiteral("comments.content = ?"), {QStringLiteral("x' OR '1'='1")}});
    QVERIFY(model.select());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalRowCount(), 0);
    UsersModel users(m_temp->db());
    users.setCondition({QStringLiteral("users.is_active = ?"), {false}});
    QVERIFY(users.select());
    QCOMPARE(users.totalRowCount(), 2); // the last user of each sample is inactive
}

void TestTableWindow::selectReadsABoundedWindow()
{
    CommentsModel model(m_temp->db());
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
    TempDatabase empty(QStringLiteral("empty"));
    CommentsModel model(empty.db());
    QVERIFY(!model.select());
    QCOMPARE(model.lastError().text(), QStringLiteral("this database has no table 'comments'"));
    QCOMPARE(model.rowCount(), 0);
}

void TestTableWindow::theWindowIsFetchedAsTheViewScrolls()
{
    PostsModel model(m_temp->db());
    model.setWindowSize(500);
    QVERIFY(model.select());
    QCOMPARE(model.rowsInWindow(), 500);
    QVERIFY(model.hasNextWindow());
    QVERIFY2(model.rowCount() < 500, "the whole window was read before anyone scrolled");
    QVERIFY(model.canFetchMore());
}

QTEST_GUILESS_MAIN(TestTableWindow)
#include "TestTableWindow.moc"
