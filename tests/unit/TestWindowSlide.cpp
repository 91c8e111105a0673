// The window that slides as the user scrolls (KeysetWindow Ahead/Behind) and the window read
// around one row for "Go to" (WindowJump), on the model with every back end: whatever the sort
// (the key, a nullable timestamp, a relation), the rows shown are always a run of the whole
// order with the right row numbers, and Reload reads the same run again.
#include <QTest>

#include <map>

#include "models/browse/PostsModel.h"
#include "models/browse/WindowJump.h"
#include "models/records/SampleBlog.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;
using TestSupport::testModel;

namespace {

QList<qint64> shownIds(const BlogTableModel& model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids << model.index(row, 0).data(Qt::EditRole).toLongLong();
    }
    return ids;
}

// Every row in the order, window by window with Next (test_tablewindow proves that walk).
QList<qint64> wholeOrder(BlogTableModel& model)
{
    QList<qint64> ids;
    model.moveWindow(KeysetWindow::Move::First);
    for (bool more = true; more; more = model.nextWindow()) {
        ids << shownIds(model);
    }
    model.moveWindow(KeysetWindow::Move::First);
    return ids;
}

// Whether the shown rows are the run of `order` the model's row numbers say.
bool showsItsRun(const BlogTableModel& model, const QList<qint64>& order)
{
    const qint64 before = model.rowsBeforeWindow();
    return before >= 0 && shownIds(model) == order.mid(before, model.rowCount());
}

} // namespace

class TestWindowSlide : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanupTestCase();
    void slidesShowEveryRunOfTheOrder_data();
    void slidesShowEveryRunOfTheOrder();
    void jumpsShowTheRunAroundTheRow_data();
    void jumpsShowTheRunAroundTheRow();

private:
    void addSorts();
    // Sorts `model` by `column` (a column name) going up or down and returns the whole order.
    QList<qint64> sortBy(PostsModel& model, const QString& column, bool descending);

    std::map<QString, std::unique_ptr<BackendDatabase>> m_blogs; // by back end
    BackendDatabase* m_temp = nullptr;
};

void TestWindowSlide::init()
{
    FETCH_GLOBAL_BACKEND();
    std::unique_ptr<BackendDatabase>& blog = m_blogs[backend];
    if (!blog) {
        QVERIFY(TestServers::openSampleDatabase(blog, dialect, QStringLiteral("slide-") + backend));
        QVERIFY(blog);
        SampleBlogOptions options;
        options.users = 20;
        options.postsPerUser = 15; // 300 more posts: several windows of 60
        options.commentsPerPost = 0;
        QString error;
        QVERIFY2(SampleBlog(blog->db(), options).populate(&error), qPrintable(error));
    }
    m_temp = blog.get();
}

void TestWindowSlide::cleanupTestCase()
{
    m_blogs.clear();
}

void TestWindowSlide::addSorts()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    QTest::newRow("id") << "id" << false;
    QTest::newRow("published_at up (NULLs last)") << "published_at" << false;
    QTest::newRow("published_at down (NULLs first)") << "published_at" << true;
    QTest::newRow("author up") << "username" << false;
    QTest::newRow("author down") << "username" << true;
}

QList<qint64> TestWindowSlide::sortBy(PostsModel& model, const QString& column, bool descending)
{
    model.setWindowSize(60);
    model.setSort(model.fieldIndex(column), descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    return wholeOrder(model);
}

void TestWindowSlide::slidesShowEveryRunOfTheOrder_data()
{
    addSorts();
}

void TestWindowSlide::slidesShowEveryRunOfTheOrder()
{
    QFETCH(QString, column);
    QFETCH(bool, descending);
    PostsModel model(m_temp->db());
    testModel(&model);
    const QList<qint64> order = sortBy(model, column, descending);
    QVERIFY(order.size() > 300);
    int slides = 0;
    while (model.hasNextWindow()) {
        QVERIFY(model.moveWindow(KeysetWindow::Move::Ahead));
        QCOMPARE(model.rowCount(), 60);
        QVERIFY(showsItsRun(model, order));
        if (++slides == 3) { // Reload reads the same run, from the row before it
            const QList<qint64> shown = shownIds(model);
            QVERIFY(model.moveWindow(KeysetWindow::Move::Reload));
            QCOMPARE(shownIds(model), shown);
        }
    }
    QCOMPARE(shownIds(model).constLast(), order.constLast());
    QVERIFY(slides >= (order.size() - 60) / 30);
    while (model.hasPreviousWindow()) {
        QVERIFY(model.moveWindow(KeysetWindow::Move::Behind));
        QVERIFY(showsItsRun(model, order));
        const QList<qint64> shown = shownIds(model);
        QVERIFY(model.moveWindow(KeysetWindow::Move::Reload)); // read backward, the same run
        QCOMPARE(shownIds(model), shown);
    }
    QCOMPARE(model.rowsBeforeWindow(), 0);
    QCOMPARE(shownIds(model), order.mid(0, 60));
}

void TestWindowSlide::jumpsShowTheRunAroundTheRow_data()
{
    addSorts();
}

void TestWindowSlide::jumpsShowTheRunAroundTheRow()
{
    QFETCH(QString, column);
    QFETCH(bool, descending);
    PostsModel model(m_temp->db());
    testModel(&model);
    const QList<qint64> order = sortBy(model, column, descending);
    QSqlDatabase db = m_temp->db();
    const int count = int(order.size());
    for (const int place : {0, 1, 29, 30, count / 2, count - 31, count - 1}) {
        const qint64 id = order.at(place);
        const WindowRequest request = model.windowRequest(KeysetWindow::Move::First);
        const WindowAround byId = WindowJump::aroundId(db, request, QStringLiteral("posts"), id);
        QVERIFY2(byId.ok(), qPrintable(byId.error));
        QCOMPARE(byId.outcome, WindowAround::Outcome::Found);
        QVERIFY(model.showAround(byId));
        QCOMPARE(shownIds(model).value(byId.targetIndex), id);
        QVERIFY(model.rowCount() <= 60);
        const RowCount before = WindowJump::countBefore(db, request, model.keyAt(byId.targetIndex));
        QCOMPARE(before.rows, qint64(place));
        model.placeRow(byId.targetIndex, before.rows);
        QVERIFY(showsItsRun(model, order));
        QVERIFY(model.moveWindow(KeysetWindow::Move::Reload));
        QVERIFY(showsItsRun(model, order));

        const WindowAround byRow = WindowJump::aroundRow(db, request, place + 1);
        QVERIFY2(byRow.ok(), qPrintable(byRow.error));
        QVERIFY(model.showAround(byRow));
        QCOMPARE(shownIds(model).value(byRow.targetIndex), id);
        QVERIFY(showsItsRun(model, order));
        if (model.hasNextWindow()) {
            QVERIFY(model.moveWindow(KeysetWindow::Move::Next));
            QVERIFY(showsItsRun(model, order));
        }
    }
    const WindowRequest request = model.windowRequest(KeysetWindow::Move::First);
    QCOMPARE(WindowJump::aroundRow(db, request, count + 1).outcome, WindowAround::Outcome::PastEnd);
    QCOMPARE(WindowJump::aroundId(db, request, QStringLiteral("posts"), order.constFirst() + 100000)
                 .outcome,
             WindowAround::Outcome::Missing);
}

QTEST_GUILESS_MAIN(TestWindowSlide)
#include "TestWindowSlide.moc"
