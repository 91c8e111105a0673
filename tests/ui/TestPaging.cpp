// Navigation at scale, driven as a person does in the real window on every back end: "Go to"
// an id or a row number, scrolling on across the ends of the window (its next rows read ahead
// and swapped in), and column widths that stay as the user set them while paging.
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include "models/browse/BlogTableModel.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"

using TestServers::BackendDatabase;
using TestSupport::column;

namespace {

// The posts in the order of the Author column going up: by username, NULL authors last.
const QString PostsByAuthor =
    QStringLiteral("SELECT posts.id FROM posts LEFT JOIN users ON users.id = posts.user_id "
                   "ORDER BY (users.username IS NULL), users.username, posts.id");

QList<qint64> idsOf(const QStringList& texts)
{
    QList<qint64> ids;
    for (const QString& text : texts) {
        ids << text.toLongLong();
    }
    return ids;
}

} // namespace

class TestPaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void goToIdShowsItsWindowWithTheRowSelected();
    void goToIdUnderTheAuthorSortNumbersItsRows();
    void goToSaysWhenTheFilterHidesTheId();
    void goToSaysWhenNoRowHasTheId();
    void goToRowShowsThatRow();
    void goToRefusesWhatIsNoIdOrRow();
    void goToIsInTheGoMenuAndWorksFromTheFilterBar();
    void holdingDownScrollsOnAcrossWindows();
    void pageDownAndUpScrollOnAcrossWindows();
    void scrollingAwayKeepsTheSelection();
    void columnWidthsStayAsTheUserSetThem();

private:
    TablePage* postsInWindowsOf(int rows);
    void goTo(TablePage* page, const QString& text);
    QList<qint64> shownIds(TablePage* page) const;
    // The label the pager must show for the window shown, given the whole order `ids`.
    QString expectedPosition(TablePage* page, const QList<qint64>& ids) const;
    QString goToMessage(const QString& table) const;
    // Adds tags until the table holds `total` rows; their ids in order.
    QList<qint64> fillTags(int total);

    std::unique_ptr<BackendDatabase> m_temp;
    std::unique_ptr<MainWindow> m_window;
};

void TestPaging::init()
{
    FETCH_GLOBAL_BACKEND();
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
    if (QTest::currentTestFailed()) {
        return;
    }
    QString error;
    m_window = WindowSupport::openActiveWindow(m_temp->db(), m_temp->url(), &error);
    QVERIFY2(m_window, qPrintable(error));
}

void TestPaging::cleanup()
{
    m_window.reset();
    m_temp.reset();
}

TablePage* TestPaging::postsInWindowsOf(int rows)
{
    TablePage* posts = WindowSupport::showPage(*m_window, QStringLiteral("posts"));
    if (posts == nullptr) {
        return nullptr;
    }
    posts->model()->setWindowSize(rows);
    posts->reload();
    return WindowSupport::waitUntilIdle(*posts) ? posts : nullptr;
}

void TestPaging::goTo(TablePage* page, const QString& text)
{
    auto* field = m_window->findChild<QLineEdit*>(page->name() + QStringLiteral("GoToField"));
    QVERIFY(field);
    page->view()->setFocus();
    QTRY_VERIFY(page->view()->hasFocus());
    QTest::keyClick(page->view(), Qt::Key_G, Qt::ControlModifier); // Ctrl+G: to the field
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(WindowSupport::waitUntilIdle(*page));
}

QList<qint64> TestPaging::shownIds(TablePage* page) const
{
    QList<qint64> ids;
    const int idColumn = page->model()->fieldIndex(QStringLiteral("id"));
    for (int row = 0; row < page->model()->rowCount(); ++row) {
        ids << page->model()->index(row, idColumn).data(Qt::EditRole).toLongLong();
    }
    return ids;
}

QString TestPaging::expectedPosition(TablePage* page, const QList<qint64>& ids) const
{
    const QList<qint64> shown = shownIds(page);
    const qint64 first = ids.indexOf(shown.value(0)) + 1;
    const QLocale locale;
    return QStringLiteral("Rows %1–%2 of %3")
        .arg(locale.toString(first), locale.toString(first + shown.size() - 1),
             locale.toString(ids.size()));
}

QString TestPaging::goToMessage(const QString& table) const
{
    auto* label = m_window->findChild<QLabel*>(table + QStringLiteral("GoToMessage"));
    return label != nullptr ? label->text() : QStringLiteral("(no GoToMessage label)");
}

QList<qint64> TestPaging::fillTags(int total)
{
    QSqlDatabase db = m_temp->db();
    const int existing =
        TestSupport::scalar(db, QStringLiteral("SELECT COUNT(*) FROM tags")).toInt();
    db.transaction();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO tags (name, slug) VALUES (?, ?)"));
    for (int i = existing; i < total; ++i) {
        const QString name = QStringLiteral("paging-%1").arg(i, 5, 10, QLatin1Char('0'));
        insert.addBindValue(name);
        insert.addBindValue(name);
        if (!insert.exec()) {
            qWarning() << insert.lastError().text();
            db.rollback();
            return {};
        }
    }
    db.commit();
    return idsOf(column(db, QStringLiteral("SELECT id FROM tags ORDER BY id")));
}

// A window of five in the middle of the posts: the id's row is current, selected and numbered.
void TestPaging::goToIdShowsItsWindowWithTheRowSelected()
{
    TablePage* posts = postsInWindowsOf(5);
    QVERIFY(posts);
    const QList<qint64> ids =
        idsOf(column(m_temp->db(), QStringLiteral("SELECT id FROM posts ORDER BY id")));
    QVERIFY2(ids.size() > 12, "too few posts");
    const qint64 target = ids.at(10);
    goTo(posts, QStringLiteral("#%1").arg(target));
    QCOMPARE(goToMessage(QStringLiteral("posts")), QString());
    QCOMPARE(posts->currentId(), target);
    QCOMPARE(posts->selectedIds(), QList<qint64>{target});
    QVERIFY(shownIds(posts).contains(target));
    QCOMPARE(shownIds(posts), ids.mid(ids.indexOf(shownIds(posts).constFirst()), 5));
    auto* count = m_window->findChild<QLabel*>(QStringLiteral("postsCountLabel"));
    QCOMPARE(count->text(), expectedPosition(posts, ids));
    QVERIFY(posts->view()->hasFocus());
    // Paging on from there keeps the numbers right.
    auto* next = m_window->findChild<QPushButton*>(QStringLiteral("postsNextButton"));
    QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    QCOMPARE(count->text(), expectedPosition(posts, ids));
}

// Under a relation sort the window follows the joined order, and the row's number (counted
// after the window shows) is its place in that order.
void TestPaging::goToIdUnderTheAuthorSortNumbersItsRows()
{
    TablePage* posts = postsInWindowsOf(4);
    QVERIFY(posts);
    const int author = posts->model()->fieldIndex(QStringLiteral("username"));
    QVERIFY(author >= 0);
    posts->view()->sortByColumn(author, Qt::AscendingOrder);
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    const QList<qint64> order = idsOf(column(m_temp->db(), PostsByAuthor));
    for (const int place : {int(order.size()) / 2, 1, int(order.size()) - 1}) {
        const qint64 target = order.at(place);
        goTo(posts, QString::number(target));
        QCOMPARE(posts->currentId(), target);
        const QList<qint64> shown = shownIds(posts);
        QCOMPARE(shown, order.mid(order.indexOf(shown.constFirst()), shown.size()));
        auto* count = m_window->findChild<QLabel*>(QStringLiteral("postsCountLabel"));
        QCOMPARE(count->text(), expectedPosition(posts, order));
    }
}

void TestPaging::goToSaysWhenTheFilterHidesTheId()
{
    TablePage* posts = postsInWindowsOf(5);
    QVERIFY(posts);
    auto* state = m_window->findChild<QComboBox*>(QStringLiteral("postsPublishedChoice"));
    QVERIFY(state);
    state->setCurrentIndex(2); // drafts
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    const qint64 published =
        TestSupport::scalar(m_temp->db(),
                            QStringLiteral("SELECT MAX(id) FROM posts WHERE is_published"))
            .toLongLong();
    const QList<qint64> before = shownIds(posts);
    goTo(posts, QString::number(published));
    QCOMPARE(goToMessage(QStringLiteral("posts")),
             QStringLiteral("Id %1 is not shown: the filter hides it.").arg(published));
    QCOMPARE(shownIds(posts), before); // nothing else changed
}

void TestPaging::goToSaysWhenNoRowHasTheId()
{
    TablePage* posts = postsInWindowsOf(5);
    QVERIFY(posts);
    const qint64 missing =
        TestSupport::scalar(m_temp->db(), QStringLiteral("SELECT MAX(id) FROM posts"))
            .toLongLong() +
        1000;
    goTo(posts, QString::number(missing));
    QCOMPARE(goToMessage(QStringLiteral("posts")),
             QStringLiteral("No row of Posts has id %1.").arg(QLocale().toString(missing)));
    goTo(posts, QStringLiteral("row 100000"));
    QCOMPARE(goToMessage(QStringLiteral("posts")),
             QStringLiteral("There is no row %1: fewer rows are shown.")
                 .arg(QLocale().toString(100000)));
}

void TestPaging::goToRowShowsThatRow()
{
    TablePage* posts = postsInWindowsOf(4);
    QVERIFY(posts);
    const int author = posts->model()->fieldIndex(QStringLiteral("username"));
    posts->view()->sortByColumn(author, Qt::DescendingOrder);
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    QList<qint64> order = idsOf(column(m_temp->db(), PostsByAuthor));
    std::reverse(order.begin(), order.end());
    auto* count = m_window->findChild<QLabel*>(QStringLiteral("postsCountLabel"));
    for (const int row : {7, 1, int(order.size())}) {
        goTo(posts, QStringLiteral("row %1").arg(row));
        QCOMPARE(goToMessage(QStringLiteral("posts")), QString());
        QCOMPARE(posts->currentId(), order.at(row - 1));
        QCOMPARE(count->text(), expectedPosition(posts, order));
    }
}

void TestPaging::goToRefusesWhatIsNoIdOrRow()
{
    TablePage* posts = postsInWindowsOf(5);
    QVERIFY(posts);
    const QList<qint64> before = shownIds(posts);
    goTo(posts, QStringLiteral("1; DROP TABLE posts"));
    QVERIFY(goToMessage(QStringLiteral("posts")).startsWith(QStringLiteral("Not an id")));
    QCOMPARE(shownIds(posts), before);
}

// Ctrl+G is the Go menu's window-wide action: typed in the filter bar it still reaches the
// shown page's field, and after a tab change the menu entry leads to the new page's field.
void TestPaging::goToIsInTheGoMenuAndWorksFromTheFilterBar()
{
    TablePage* posts = postsInWindowsOf(5);
    QVERIFY(posts);
    auto* filter = m_window->findChild<QLineEdit*>(QStringLiteral("postsSearchEdit"));
    QVERIFY(filter);
    filter->setFocus();
    QTRY_VERIFY(filter->hasFocus());
    QTest::keyClick(filter, Qt::Key_G, Qt::ControlModifier);
    auto* postsField = m_window->findChild<QLineEdit*>(QStringLiteral("postsGoToField"));
    QTRY_VERIFY(postsField->hasFocus());
    QCOMPARE(filter->text(), QString()); // the key went to the action, not into the filter

    TablePage* tags = WindowSupport::showPage(*m_window, QStringLiteral("tags"));
    QVERIFY(tags);
    auto* goToAction = m_window->findChild<QAction*>(QStringLiteral("actionGoTo"));
    QVERIFY(goToAction);
    QCOMPARE(goToAction->shortcut(), QKeySequence(QStringLiteral("Ctrl+G")));
    auto* goMenu = m_window->findChild<QMenu*>(QStringLiteral("goMenu"));
    QVERIFY(goMenu && goMenu->actions().contains(goToAction));
    goToAction->trigger();
    auto* tagsField = m_window->findChild<QLineEdit*>(QStringLiteral("tagsGoToField"));
    QTRY_VERIFY(tagsField->hasFocus());
    const qint64 tag =
        TestSupport::scalar(m_temp->db(), QStringLiteral("SELECT MAX(id) FROM tags")).toLongLong();
    QTest::keyClicks(tagsField, QString::number(tag));
    QTest::keyClick(tagsField, Qt::Key_Return);
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QCOMPARE(tags->currentId(), tag);
}

// Down held from the first tag to the last and back: every tag is current once, in order, as
// the windows of 500 slide on under the keys; the pager's numbers follow.
void TestPaging::holdingDownScrollsOnAcrossWindows()
{
    const QList<qint64> ids = fillTags(1200);
    QCOMPARE(ids.size(), 1200);
    TablePage* tags = WindowSupport::showPage(*m_window, QStringLiteral("tags"));
    QVERIFY(tags);
    QVERIFY(tags->reload());
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QCOMPARE(tags->model()->rowCount(), 500);
    QVERIFY(tags->selectId(ids.constFirst()));
    auto* count = m_window->findChild<QLabel*>(QStringLiteral("tagsCountLabel"));
    const auto press = [tags](Qt::Key key) {
        QTest::keyClick(tags->view(), key);
        QCoreApplication::processEvents(); // what arrived meanwhile, as while a key is held
    };
    for (int i = 1; i < ids.size(); ++i) {
        press(Qt::Key_Down);
        if (tags->currentId() == ids.at(i - 1)) { // at the window's end before its next rows
            QVERIFY(WindowSupport::waitUntilIdle(*tags));
            press(Qt::Key_Down);
        }
        QCOMPARE(tags->currentId(), ids.at(i));
        QCOMPARE(tags->selectedIds(), QList<qint64>{ids.at(i)});
    }
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QCOMPARE(count->text(), expectedPosition(tags, ids));
    QVERIFY(shownIds(tags).contains(ids.constLast()));
    for (int i = int(ids.size()) - 2; i >= 0; --i) {
        press(Qt::Key_Up);
        if (tags->currentId() == ids.at(i + 1)) {
            QVERIFY(WindowSupport::waitUntilIdle(*tags));
            press(Qt::Key_Up);
        }
        QCOMPARE(tags->currentId(), ids.at(i));
    }
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QCOMPARE(count->text(), expectedPosition(tags, ids));
}

// PageDown moves by one screen all the way down, across the windows, and PageUp back. A press
// may stop short at the window's last row when its next rows are not there yet (the keys here
// come faster than any person's); the next press goes on from there.
void TestPaging::pageDownAndUpScrollOnAcrossWindows()
{
    const QList<qint64> ids = fillTags(1200);
    QCOMPARE(ids.size(), 1200);
    TablePage* tags = WindowSupport::showPage(*m_window, QStringLiteral("tags"));
    QVERIFY(tags);
    QVERIFY(tags->reload());
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QVERIFY(tags->selectId(ids.constFirst()));
    // Each press's place in `ids`, and whether it stopped at the end of the window shown.
    struct Landing
    {
        int place;
        bool atWindowEnd;
    };
    const auto walk = [tags, &ids](Qt::Key key, int towards) {
        const auto landing = [tags, &ids, key] {
            const int row = tags->view()->currentIndex().row();
            const int end = key == Qt::Key_PageDown ? tags->model()->rowCount() - 1 : 0;
            return Landing{int(ids.indexOf(tags->currentId())), row == end};
        };
        QList<Landing> landings{landing()};
        while (landings.constLast().place != towards && landings.size() < 500) {
            QTest::keyClick(tags->view(), key);
            QCoreApplication::processEvents();
            if (landing().place == landings.constLast().place) {
                if (!WindowSupport::waitUntilIdle(*tags)) {
                    break;
                }
                QTest::keyClick(tags->view(), key);
            }
            landings << landing();
        }
        return landings;
    };
    const auto checkSteps = [](const QList<Landing>& landings, int step) {
        for (int i = 1; i < landings.size(); ++i) {
            const int moved = qAbs(landings.at(i).place - landings.at(i - 1).place);
            const bool stoppedShort = landings.at(i).atWindowEnd || i + 1 == landings.size();
            if (moved == 0 || moved > step || (moved < step && !stoppedShort)) {
                return false;
            }
        }
        return true;
    };
    const QList<Landing> down = walk(Qt::Key_PageDown, int(ids.size()) - 1);
    QVERIFY(down.size() > 3);
    QCOMPARE(down.constLast().place, int(ids.size()) - 1);
    const int step = down.at(1).place - down.at(0).place;
    QVERIFY(step > 1);
    QVERIFY(checkSteps(down, step));
    const QList<Landing> up = walk(Qt::Key_PageUp, 0);
    QCOMPARE(up.constLast().place, 0);
    QVERIFY(checkSteps(up, step));
}

// The wheel (here: the scroll bar, as the wheel moves it) carries the selected row out of the
// window and back: it stays the row actions act on meanwhile, and is selected again when a
// window has it; a click elsewhere lets it go.
void TestPaging::scrollingAwayKeepsTheSelection()
{
    const QList<qint64> ids = fillTags(1200);
    TablePage* tags = WindowSupport::showPage(*m_window, QStringLiteral("tags"));
    QVERIFY(tags);
    QVERIFY(tags->reload());
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    const qint64 chosen = ids.at(3);
    QVERIFY(tags->selectId(chosen));
    QScrollBar* bar = tags->view()->verticalScrollBar();
    const auto scrollUntil = [tags, bar](int value, const std::function<bool()>& done) {
        for (int step = 0; step < 20 && !done(); ++step) {
            bar->setValue(value < 0 ? bar->maximum() : value);
            QVERIFY(WindowSupport::waitUntilIdle(*tags));
        }
    };
    scrollUntil(-1, [&] { return !shownIds(tags).contains(chosen); });
    QVERIFY(!shownIds(tags).contains(chosen));
    QCOMPARE(tags->currentId(), chosen);
    QCOMPARE(tags->selectedIds(), QList<qint64>{chosen});
    scrollUntil(0, [&] { return shownIds(tags).contains(chosen); });
    QVERIFY(shownIds(tags).contains(chosen));
    const QModelIndexList selected = tags->view()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(shownIds(tags).at(selected.constFirst().row()), chosen);
    QCOMPARE(tags->currentId(), chosen);

    scrollUntil(-1, [&] { return !shownIds(tags).contains(chosen); });
    const QModelIndex other = tags->model()->index(tags->view()->rowAt(0), 0);
    QTest::mouseClick(tags->view()->viewport(), Qt::LeftButton, {},
                      tags->view()->visualRect(other).center());
    QCOMPARE(tags->selectedIds(), QList<qint64>{shownIds(tags).at(other.row())});
    QVERIFY(tags->currentId() != chosen);
}

// Widths are measured once; a column the user widened keeps its width through paging and
// sorting.
void TestPaging::columnWidthsStayAsTheUserSetThem()
{
    TablePage* posts = postsInWindowsOf(4);
    QVERIFY(posts);
    QHeaderView* header = posts->view()->horizontalHeader();
    const int title = posts->model()->fieldIndex(QStringLiteral("title"));
    const int slug = posts->model()->fieldIndex(QStringLiteral("slug"));
    QVERIFY(title >= 0 && slug >= 0);
    QVERIFY(header->sectionSize(title) > 40); // measured: wider than a bare default
    const int slugWidth = header->sectionSize(slug);
    header->resizeSection(title, 77); // as a drag on the section's edge leaves it
    auto* next = m_window->findChild<QPushButton*>(QStringLiteral("postsNextButton"));
    auto* last = m_window->findChild<QPushButton*>(QStringLiteral("postsLastButton"));
    QTest::mouseClick(next, Qt::LeftButton);
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    QCOMPARE(header->sectionSize(title), 77);
    QTest::mouseClick(last, Qt::LeftButton);
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    posts->view()->sortByColumn(slug, Qt::DescendingOrder);
    QVERIFY(WindowSupport::waitUntilIdle(*posts));
    QCOMPARE(header->sectionSize(title), 77);
    QCOMPARE(header->sectionSize(slug), slugWidth);
}

QTEST_MAIN(TestPaging)
#include "TestPaging.moc"
