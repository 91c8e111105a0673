#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

#include "models/browse/BlogTableModel.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/NavigationHistory.h"
#include "views/browse/TablePage.h"

using TestServers::BackendDatabase;
using TestSupport::column;
using TestSupport::scalar;
using TestSupport::triggerAction;

namespace {

qint64 idOf(const QSqlDatabase& db, const QString& statement)
{
    return scalar(db, statement).toLongLong();
}

// The ids the page shows (one bounded window), sorted as numbers.
QList<qint64> shownIds(TablePage* page)
{
    BlogTableModel* model = page->model();
    while (model->canFetchMore()) {
        model->fetchMore();
    }
    QList<qint64> ids;
    for (int row = 0; row < model->rowCount(); ++row) {
        ids << model->index(row, 0).data(Qt::EditRole).toLongLong();
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<qint64> sqlIds(const QSqlDatabase& db, const QString& statement)
{
    QList<qint64> ids;
    for (const QString& id : column(db, statement)) {
        ids << id.toLongLong();
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

int columnOf(QAbstractItemModel* model, const QString& header)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == header) {
            return c;
        }
    }
    return -1;
}

// A double-click as a mouse makes it: press, release, then the double-click.
void doubleClick(QTableView* view, const QPoint& point)
{
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, point);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, point);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, point);
}

NavigationLocation at(BlogTable page, qint64 id)
{
    return {page, {}, {}, {}, id};
}

} // namespace

class TestNavigation : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void historyWalksBackAndForward();
    void init();
    void cleanup();
    void relatedPanelFollowsAUsersPosts();
    void navigationLabelCrossRemovesTheCondition();
    void ctrlEnterOnAuthorSelectsTheUser();
    void doubleClickFollowsARelationCellAndEditsOtherCells();
    void backAndForwardRestorePageSelectionAndFilter();
    void commentLeadsToItsParentAndReplies();
    void tagLeadsToItsPosts();
    void longListsStopAtTheLimitWithMore();

private:
    TablePage* page(const char* name) const { return m_window->page(QLatin1String(name)); }
    QTreeWidgetItem* relatedGroup(const QString& prefix) const;
    [[nodiscard]] bool activate(QTreeWidgetItem* item);
    QString breadcrumb() const;
    // " › <title>" of the posts page's selected row (the view's focus makes the first row
    // current), checked against the database; empty when no row is selected.
    QString selectedPostCrumb(TablePage* tablePage) const;

    std::unique_ptr<BackendDatabase> m_temp;
    std::unique_ptr<MainWindow> m_window;
};

void TestNavigation::historyWalksBackAndForward()
{
    NavigationHistory history;
    QVERIFY(!history.canGoBack() && !history.canGoForward());
    history.visit(at(BlogTable::Users, 1));
    history.visit(at(BlogTable::Posts, 2));
    QCOMPARE(history.backCount(), 2);
    NavigationLocation here = at(BlogTable::Tags, 3);
    here = history.back(here);
    QCOMPARE(here.page, BlogTable::Posts);
    QCOMPARE(here.selectedId, 2);
    here = history.back(here);
    QCOMPARE(here.page, BlogTable::Users);
    QVERIFY(!history.canGoBack());
    QCOMPARE(history.forwardCount(), 2);
    here = history.forward(here);
    QCOMPARE(here.page, BlogTable::Posts);
    // A new visit forgets Forward, as a browser does.
    history.visit(here);
    QVERIFY(!history.canGoForward());
    QCOMPARE(history.backCount(), 2);
    for (int i = 0; i < NavigationHistory::MaxEntries + 10; ++i) {
        history.visit(at(BlogTable::Users, i));
    }
    QCOMPARE(history.backCount(), NavigationHistory::MaxEntries);
}

void TestNavigation::init()
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

void TestNavigation::cleanup()
{
    m_window.reset();
    m_temp.reset();
}

QTreeWidgetItem* TestNavigation::relatedGroup(const QString& prefix) const
{
    auto* tree = m_window->findChild<QTreeWidget*>(QStringLiteral("relatedTree"));
    for (int i = 0; tree && i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0).startsWith(prefix)) {
            return tree->topLevelItem(i);
        }
    }
    return nullptr;
}

// Enter on the item, as a keyboard user activates it.
bool TestNavigation::activate(QTreeWidgetItem* item)
{
    HELPER_VERIFY(item);
    QTreeWidget* tree = item->treeWidget();
    tree->setFocus();
    tree->setCurrentItem(item);
    QTest::keyClick(tree, Qt::Key_Return);
    HELPER_VERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page reads on a worker
    return true;
}

QString TestNavigation::breadcrumb() const
{
    auto* label = m_window->findChild<QLabel*>(QStringLiteral("breadcrumbLabel"));
    return label ? label->text() : QStringLiteral("<no breadcrumb>");
}

QString TestNavigation::selectedPostCrumb(TablePage* tablePage) const
{
    const qint64 id = tablePage->currentId();
    if (id <= 0) {
        return QString();
    }
    return QStringLiteral(" › ") +
           scalar(m_temp->db(), QStringLiteral("SELECT title FROM posts WHERE id = %1").arg(id))
               .toString();
}

void TestNavigation::relatedPanelFollowsAUsersPosts()
{
    QVERIFY(m_window->findChild<QWidget*>(QStringLiteral("relatedDock")));
    const qint64 alice = idOf(m_temp->db(), "SELECT id FROM users WHERE username = 'alice'");
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("users")->selectId(alice));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(breadcrumb(), QStringLiteral("Users › alice"));
    const QList<qint64> expected =
        sqlIds(m_temp->db(), QStringLiteral("SELECT id FROM posts WHERE user_id = %1").arg(alice));
    QVERIFY(!expected.isEmpty());
    QTreeWidgetItem* posts = relatedGroup(QStringLiteral("Posts ("));
    QVERIFY(posts);
    QCOMPARE(posts->text(0), QStringLiteral("Posts (%1)").arg(expected.size()));
    QCOMPARE(posts->childCount(), expected.size()); // no "more…" below the limit
    QVERIFY(relatedGroup(QStringLiteral("Comments (")));
    QVERIFY(relatedGroup(QStringLiteral("Profile")));

    QVERIFY(activate(posts));
    QCOMPARE(m_window->currentPage(), page("posts"));
    QCOMPARE(shownIds(page("posts")), expected);
    QCOMPARE(breadcrumb(),
             QStringLiteral("Users › alice › Posts") + selectedPostCrumb(page("posts")));
    auto* label = m_window->findChild<QLabel*>(QStringLiteral("postsNavigationLabel"));
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("Showing: posts by alice"));
    auto* back = m_window->findChild<QAction*>(QStringLiteral("actionBack"));
    QVERIFY(back && back->isEnabled());
}

void TestNavigation::navigationLabelCrossRemovesTheCondition()
{
    const qint64 bob = idOf(m_temp->db(), "SELECT id FROM users WHERE username = 'bob'");
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("users")->selectId(bob));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QVERIFY(activate(relatedGroup(QStringLiteral("Posts ("))));
    QCOMPARE(
        shownIds(page("posts")),
        sqlIds(m_temp->db(), QStringLiteral("SELECT id FROM posts WHERE user_id = %1").arg(bob)));
    auto* cross = m_window->findChild<QToolButton*>(QStringLiteral("postsNavigationClearButton"));
    QVERIFY(cross && cross->isVisible());
    QTest::mouseClick(cross, Qt::LeftButton);
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(shownIds(page("posts")), sqlIds(m_temp->db(), QStringLiteral("SELECT id FROM posts")));
    QVERIFY(!m_window->findChild<QLabel*>(QStringLiteral("postsNavigationLabel"))->isVisible());
    QVERIFY(page("posts")->navigationCondition().isEmpty());
    QVERIFY(breadcrumb().startsWith(QStringLiteral("Posts")));
}

void TestNavigation::ctrlEnterOnAuthorSelectsTheUser()
{
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("pageTabs"));
    tabs->setCurrentWidget(page("posts"));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page reads once shown
    QTableView* posts = page("posts")->view();
    const int author = columnOf(posts->model(), QStringLiteral("Author"));
    QVERIFY(author >= 0);
    // A post whose author is not the first user, so a stale selection cannot pass.
    const qint64 postId =
        idOf(m_temp->db(), "SELECT id FROM posts WHERE user_id <> (SELECT MIN(id) FROM users) "
                           "ORDER BY id LIMIT 1");
    const qint64 authorId =
        idOf(m_temp->db(), QStringLiteral("SELECT user_id FROM posts WHERE id = %1").arg(postId));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("posts")->selectId(postId));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    posts->setFocus();
    posts->setCurrentIndex(posts->model()->index(posts->currentIndex().row(), author));
    QTest::keyClick(posts, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("users"));
    QCOMPARE(page("users")->currentId(), authorId);
    const QString username =
        scalar(m_temp->db(),
               QStringLiteral("SELECT username FROM users WHERE id = %1").arg(authorId))
            .toString();
    QCOMPARE(breadcrumb(), QStringLiteral("Users › %1").arg(username));
    // Ctrl+Enter on a cell that is no relation does nothing.
    QTableView* users = page("users")->view();
    QTest::keyClick(users, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), page("users"));
}

void TestNavigation::doubleClickFollowsARelationCellAndEditsOtherCells()
{
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("pageTabs"));
    tabs->setCurrentWidget(page("comments"));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QTableView* comments = page("comments")->view();
    const int postColumn = columnOf(comments->model(), QStringLiteral("Post"));
    const int textColumn = columnOf(comments->model(), QStringLiteral("Comment"));
    QVERIFY(postColumn >= 0 && textColumn >= 0);
    const int row = 1;
    const qint64 commentId = comments->model()->index(row, 0).data(Qt::EditRole).toLongLong();
    const qint64 postId = idOf(
        m_temp->db(), QStringLiteral("SELECT post_id FROM comments WHERE id = %1").arg(commentId));

    // A plain cell still opens the row's dialog.
    bool dialogOpened = false;
    QObject guard; // the handler never outlives this test
    QTimer::singleShot(0, &guard, [&dialogOpened] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        dialogOpened = dialog != nullptr;
        if (dialog) {
            dialog->done(QDialog::Rejected);
        }
    });
    const QRect textCell = comments->visualRect(comments->model()->index(row, textColumn));
    doubleClick(comments, textCell.center());
    QVERIFY(dialogOpened);
    QCOMPARE(m_window->currentPage(), page("comments"));

    const QRect postCell = comments->visualRect(comments->model()->index(row, postColumn));
    doubleClick(comments, postCell.center());
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("posts"));
    QCOMPARE(page("posts")->currentId(), postId);
}

void TestNavigation::backAndForwardRestorePageSelectionAndFilter()
{
    auto* search = m_window->findChild<QLineEdit*>(QStringLiteral("usersSearchEdit"));
    auto* count = m_window->findChild<QLabel*>(QStringLiteral("usersCountLabel"));
    QTest::keyClicks(search, QStringLiteral("e")); // alice, dave, eve, ...
    const int matching =
        scalar(m_temp->db(), "SELECT COUNT(*) FROM users WHERE username LIKE '%e%' "
                             "OR email LIKE '%e%'")
            .toInt();
    QTRY_COMPARE(count->text(), QStringLiteral("Rows 1–%1 of %1").arg(matching));
    const qint64 alice = idOf(m_temp->db(), "SELECT id FROM users WHERE username = 'alice'");
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("users")->selectId(alice));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    const QList<qint64> usersShown = shownIds(page("users"));
    QVERIFY(activate(relatedGroup(QStringLiteral("Posts ("))));
    QCOMPARE(m_window->currentPage(), page("posts"));
    const QList<qint64> alicesPosts = shownIds(page("posts"));
    // On to the first post's comments: a second step in the history.
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("posts")->selectId(alicesPosts.constFirst()));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QVERIFY(activate(relatedGroup(QStringLiteral("Comments ("))));
    QCOMPARE(m_window->currentPage(), page("comments"));
    QCOMPARE(shownIds(page("comments")),
             sqlIds(m_temp->db(), QStringLiteral("SELECT id FROM comments WHERE post_id = %1")
                                      .arg(alicesPosts.constFirst())));

    auto* back = m_window->findChild<QAction*>(QStringLiteral("actionBack"));
    auto* forward = m_window->findChild<QAction*>(QStringLiteral("actionForward"));
    QVERIFY(back && forward);
    QVERIFY(!forward->isEnabled());
    // Alt+Left twice: the posts of alice with the first selected, then the filtered users.
    QTest::keyClick(page("comments")->view(), Qt::Key_Left, Qt::AltModifier);
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("posts"));
    QCOMPARE(shownIds(page("posts")), alicesPosts);
    QCOMPARE(page("posts")->currentId(), alicesPosts.constFirst());
    const QString firstTitle =
        scalar(
            m_temp->db(),
            QStringLiteral("SELECT title FROM posts WHERE id = %1").arg(alicesPosts.constFirst()))
            .toString();
    QCOMPARE(breadcrumb(), QStringLiteral("Users › alice › Posts › %1").arg(firstTitle));
    QTest::keyClick(page("posts")->view(), Qt::Key_Left, Qt::AltModifier);
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("users"));
    QCOMPARE(page("users")->currentId(), alice);
    QCOMPARE(search->text(), QStringLiteral("e"));
    QCOMPARE(shownIds(page("users")), usersShown);
    QCOMPARE(breadcrumb(), QStringLiteral("Users › alice"));
    QVERIFY(!back->isEnabled());
    QVERIFY(forward->isEnabled());

    // Alt+Right, then the toolbar's actions.
    QTest::keyClick(page("users")->view(), Qt::Key_Right, Qt::AltModifier);
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("posts"));
    QCOMPARE(shownIds(page("posts")), alicesPosts);
    QVERIFY(triggerAction(*m_window, "actionForward"));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("comments"));
    QVERIFY(!forward->isEnabled());
    QVERIFY(triggerAction(*m_window, "actionBack"));
    QVERIFY(triggerAction(*m_window, "actionBack"));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(m_window->currentPage(), page("users"));
    QCOMPARE(page("users")->currentId(), alice);
}

void TestNavigation::commentLeadsToItsParentAndReplies()
{
    const qint64 reply =
        idOf(m_temp->db(), "SELECT id FROM comments WHERE parent_id IS NOT NULL ORDER BY id "
                           "DESC LIMIT 1");
    QVERIFY(reply > 0);
    const qint64 parent = idOf(
        m_temp->db(), QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(reply));
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("pageTabs"));
    tabs->setCurrentWidget(page("comments"));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QTableView* comments = page("comments")->view();
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("comments")->selectId(reply));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    const int inReplyTo = columnOf(comments->model(), QStringLiteral("In reply to"));
    QVERIFY(inReplyTo >= 0);
    comments->setFocus();
    comments->setCurrentIndex(comments->model()->index(comments->currentIndex().row(), inReplyTo));
    QTest::keyClick(comments, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(page("comments")->currentId(), parent);

    // The parent's replies, from the panel: the group, then one reply.
    const QList<qint64> replies = sqlIds(
        m_temp->db(), QStringLiteral("SELECT id FROM comments WHERE parent_id = %1").arg(parent));
    QTreeWidgetItem* group = relatedGroup(QStringLiteral("Replies ("));
    QVERIFY(group);
    QCOMPARE(group->text(0), QStringLiteral("Replies (%1)").arg(replies.size()));
    QVERIFY(activate(group));
    QCOMPARE(shownIds(page("comments")), replies);
    QCOMPARE(page("comments")->navigationDescription(),
             QStringLiteral("replies to comment #%1").arg(parent));
    m_window->goBack();
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QCOMPARE(page("comments")->currentId(), parent);
    QVERIFY(page("comments")->navigationCondition().isEmpty());
    QVERIFY(activate(relatedGroup(QStringLiteral("Replies ("))->child(0)));
    QCOMPARE(page("comments")->currentId(), replies.constFirst());
    // And from a reply, the panel leads back to its parent.
    QVERIFY(activate(relatedGroup(QStringLiteral("In reply to:"))));
    QCOMPARE(page("comments")->currentId(), parent);
}

void TestNavigation::tagLeadsToItsPosts()
{
    const qint64 tag = idOf(m_temp->db(), "SELECT tag_id FROM post_tags GROUP BY tag_id "
                                          "ORDER BY COUNT(*) DESC, tag_id LIMIT 1");
    QVERIFY(tag > 0);
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("pageTabs"));
    tabs->setCurrentWidget(page("tags"));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("tags")->selectId(tag));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    const QList<qint64> expected = sqlIds(
        m_temp->db(), QStringLiteral("SELECT post_id FROM post_tags WHERE tag_id = %1").arg(tag));
    QTreeWidgetItem* posts = relatedGroup(QStringLiteral("Posts ("));
    QVERIFY(posts);
    QCOMPARE(posts->text(0), QStringLiteral("Posts (%1)").arg(expected.size()));
    QVERIFY(activate(posts));
    QCOMPARE(m_window->currentPage(), page("posts"));
    QCOMPARE(shownIds(page("posts")), expected);
    const QString name =
        scalar(m_temp->db(), QStringLiteral("SELECT name FROM tags WHERE id = %1").arg(tag))
            .toString();
    QCOMPARE(breadcrumb(),
             QStringLiteral("Tags › %1 › Posts").arg(name) + selectedPostCrumb(page("posts")));
}

void TestNavigation::longListsStopAtTheLimitWithMore()
{
    const qint64 bob = idOf(m_temp->db(), "SELECT id FROM users WHERE username = 'bob'");
    QSqlQuery insert(m_temp->db());
    QVERIFY(insert.prepare(QStringLiteral(
        "INSERT INTO posts (title, content, slug, user_id, is_published, created_at, updated_at) "
        "VALUES (?, 'x', ?, ?, FALSE, '2024-02-01 00:00:00.000000', "
        "'2024-02-01 00:00:00.000000')")));
    for (int i = 0; i < 30; ++i) {
        insert.addBindValue(QStringLiteral("Extra %1").arg(i));
        insert.addBindValue(QStringLiteral("extra-%1").arg(i));
        insert.addBindValue(bob);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }
    m_window->reload();
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window)); // the page has read its rows
    QVERIFY(page("users")->selectId(bob));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    const int total =
        scalar(m_temp->db(),
               QStringLiteral("SELECT COUNT(*) FROM posts WHERE user_id = %1").arg(bob))
            .toInt();
    QTreeWidgetItem* posts = relatedGroup(QStringLiteral("Posts ("));
    QVERIFY(posts);
    QCOMPARE(posts->childCount(), 21);
    QTreeWidgetItem* more = posts->child(20);
    QCOMPARE(more->text(0), QStringLiteral("%1 more…").arg(total - 20));
    QVERIFY(activate(more));
    QCOMPARE(shownIds(page("posts")).size(), total);
}

QTEST_MAIN(TestNavigation)
#include "TestNavigation.moc"
