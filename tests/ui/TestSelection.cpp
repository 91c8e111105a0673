// The selected rows are the one truth of the window: Edit, Delete, Profile, the Related dock,
// the thread and the breadcrumb act on them, the keyboard keeps the current row selected, and
// Insert means "reply" only in the focused comment thread.
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

#include "models/browse/BlogTableModel.h"
#include "models/browse/CommentThreadModel.h"
#include "models/browse/RelatedRecords.h"
#include "models/browse/UsersModel.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/CommentThreadView.h"
#include "views/browse/RecordPicker.h"
#include "views/browse/TableFilters.h"
#include "views/browse/TablePage.h"
#include "views/commands/DeleteDialog.h"

using TestServers::BackendDatabase;
using TestSupport::scalar;

namespace {

qint64 idAt(TablePage* page, int row)
{
    return page->model()
        ->index(row, page->model()->fieldIndex(QStringLiteral("id")))
        .data(Qt::EditRole)
        .toLongLong();
}

// Then waits until the docks show the selected row (they read it on a worker).
void clickRow(TablePage* page, int row, Qt::KeyboardModifiers modifiers = {})
{
    QTableView* view = page->view();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, modifiers,
                      view->visualRect(page->model()->index(row, 1)).center());
    const auto* window = qobject_cast<const MainWindow*>(page->window());
    if (window && !WindowSupport::waitUntilDocksIdle(*window)) {
        qWarning("the docks did not finish reading the selected row");
    }
}

// What the modal dialog that `trigger` opens says about itself, read before it is closed.
struct ModalSeen
{
    QString objectName;
    QString title;
    QString usernameField;
    QList<qint64> deleteTargets;
    qint64 postPicked = 0;
};

// Opens the dialog with a key on `widget`, which gets the focus in the active window first (as
// it has again in a real session once the previous dialog closed).
ModalSeen seeModal(QObject* context, const std::function<void()>& trigger);

ModalSeen pressForModal(QObject* context, QWidget* widget, int key,
                        Qt::KeyboardModifiers modifiers = {})
{
    QApplication::setActiveWindow(widget->window());
    widget->setFocus();
    return seeModal(context, [&] { QTest::keyClick(widget, Qt::Key(key), modifiers); });
}

ModalSeen seeModal(QObject* context, const std::function<void()>& trigger)
{
    ModalSeen seen;
    QTimer::singleShot(0, context, [&seen] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            return;
        }
        seen.objectName = dialog->objectName();
        seen.title = dialog->windowTitle();
        if (auto* username = dialog->findChild<QLineEdit*>(QStringLiteral("usernameEdit"))) {
            seen.usernameField = username->text();
        }
        if (auto* remove = qobject_cast<DeleteDialog*>(dialog)) {
            seen.deleteTargets = remove->plan().targets();
        }
        if (auto* post = dialog->findChild<RecordPicker*>(QStringLiteral("postPicker"))) {
            seen.postPicked = post->currentId();
        }
        dialog->done(QDialog::Rejected);
    });
    trigger();
    return seen;
}

} // namespace

class TestSelection : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void ctrlArrowSelectsTheRowItMovesTo();
    void actionsFollowTheSelectionNotTheFocusFrame();
    void aSelectionAcrossRowsActsOnTheCurrentSelectedRow();
    void insertRepliesOnlyInTheFocusedThread();
    void reloadKeepsSelectionCurrentRowAndScroll();
    void rowsGoneElsewhereLeaveTheSelection();
    void aTableMadeElsewhereOpensSortedByItsKey();
    void anOutsideChangeWaitsForAnOpenCellEditor();
    void hiddenPagesCatchUpWhenShown();
    void hiddenPagesReadNothingAtStart();
    void docksKeepTheirPlaceOnAnOutsideChange();

private:
    TablePage* showPage(const QString& name);
    QString breadcrumb() const;
    QString relatedTitle() const;

    std::unique_ptr<BackendDatabase> m_temp;
    std::unique_ptr<MainWindow> m_window;
};

void TestSelection::init()
{
    QVERIFY(TestServers::openSampleDatabase(m_temp, SqlDialect::SQLite));
    if (QTest::currentTestFailed()) {
        return;
    }
    QString error;
    m_window = WindowSupport::openActiveWindow(m_temp->db(), m_temp->url(), &error);
    QVERIFY2(m_window, qPrintable(error));
}

void TestSelection::cleanup()
{
    m_window.reset();
    m_temp.reset();
}

TablePage* TestSelection::showPage(const QString& name)
{
    TablePage* page = WindowSupport::showPage(*m_window, name);
    if (page != nullptr) {
        page->view()->setFocus();
    }
    return page;
}

QString TestSelection::breadcrumb() const
{
    return m_window->findChild<QLabel*>(QStringLiteral("breadcrumbLabel"))->text();
}

QString TestSelection::relatedTitle() const
{
    return m_window->findChild<QLabel*>(QStringLiteral("relatedTitleLabel"))->text();
}

void TestSelection::ctrlArrowSelectsTheRowItMovesTo()
{
    TablePage* users = showPage(QStringLiteral("users"));
    clickRow(users, 0);
    QTest::keyClick(users->view(), Qt::Key_Down, Qt::ControlModifier);
    QTest::keyClick(users->view(), Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(users->view()->currentIndex().row(), 2);
    QCOMPARE(users->selectedIds(), QList<qint64>{idAt(users, 2)});
    QCOMPARE(users->currentId(), idAt(users, 2));
    QTest::keyClick(users->view(), Qt::Key_End, Qt::ControlModifier);
    const int last = users->model()->rowCount() - 1;
    QCOMPARE(users->selectedIds(), QList<qint64>{idAt(users, last)});
    // Shift still extends, Ctrl+Space still toggles.
    QTest::keyClick(users->view(), Qt::Key_Up, Qt::ShiftModifier);
    QCOMPARE(users->selectedIds().size(), 2);
}

// The case: the focus frame on one row (Ctrl+click took it out of the selection),
// another row selected. Everything acts on the selected row.
void TestSelection::actionsFollowTheSelectionNotTheFocusFrame()
{
    TablePage* users = showPage(QStringLiteral("users"));
    clickRow(users, 4);
    clickRow(users, 1, Qt::ControlModifier);
    clickRow(users, 4, Qt::ControlModifier); // deselects row 4; the focus frame stays there
    QCOMPARE(users->view()->currentIndex().row(), 4);
    const qint64 selected = idAt(users, 1);
    QCOMPARE(users->selectedIds(), QList<qint64>{selected});
    QCOMPARE(users->currentId(), selected);
    const QString username =
        scalar(m_temp->db(),
               QStringLiteral("SELECT username FROM users WHERE id = %1").arg(selected))
            .toString();
    QVERIFY2(breadcrumb().endsWith(username), qPrintable(breadcrumb()));
    QVERIFY2(relatedTitle().contains(username), qPrintable(relatedTitle()));

    const ModalSeen edited = pressForModal(this, users->view(), Qt::Key_F2);
    QCOMPARE(edited.objectName, QStringLiteral("userDialog"));
    QCOMPARE(edited.usernameField, username);
    const ModalSeen deleting = pressForModal(this, users->view(), Qt::Key_Delete);
    QCOMPARE(deleting.objectName, QStringLiteral("deleteDialog"));
    QCOMPARE(deleting.deleteTargets, QList<qint64>{selected});
    const ModalSeen profile = pressForModal(this, users->view(), Qt::Key_P, Qt::ControlModifier);
    QCOMPARE(profile.objectName, QStringLiteral("profileDialog"));
    QVERIFY2(profile.title.contains(username), qPrintable(profile.title));
    // Enter on the row with the focus frame opens the selected row, too.
    const ModalSeen entered = pressForModal(this, users->view(), Qt::Key_Return);
    QCOMPARE(entered.usernameField, username);
}

void TestSelection::aSelectionAcrossRowsActsOnTheCurrentSelectedRow()
{
    TablePage* posts = showPage(QStringLiteral("posts"));
    clickRow(posts, 2);
    clickRow(posts, 5, Qt::ShiftModifier);
    QCOMPARE(posts->selectedIds().size(), 4);
    QCOMPARE(posts->currentId(), idAt(posts, 5));
    auto* thread = m_window->findChild<CommentThreadView*>();
    QCOMPARE(thread->model()->postId(), idAt(posts, 5));
    const ModalSeen deleting = pressForModal(this, posts->view(), Qt::Key_Delete);
    QCOMPARE(deleting.deleteTargets.size(), 4);
}

void TestSelection::insertRepliesOnlyInTheFocusedThread()
{
    TablePage* posts = showPage(QStringLiteral("posts"));
    const qint64 postId =
        scalar(m_temp->db(), QStringLiteral("SELECT post_id FROM comments GROUP BY post_id "
                                            "ORDER BY COUNT(*) DESC, post_id LIMIT 1"))
            .toLongLong();
    QVERIFY(posts->selectId(postId));
    QVERIFY(WindowSupport::waitUntilIdle(*m_window));
    auto* thread = m_window->findChild<CommentThreadView*>();
    QCOMPARE(thread->model()->postId(), postId);
    QTreeView* tree = thread->treeView();

    // On the focused tree with a comment selected: a reply to it.
    tree->setFocus();
    tree->setCurrentIndex(tree->model()->index(0, 0));
    const qint64 commentId = thread->selectedCommentId();
    QVERIFY(commentId > 0);
    ModalSeen seen = pressForModal(this, tree, Qt::Key_Insert);
    QCOMPARE(seen.title, QStringLiteral("Reply to Comment #%1").arg(commentId));

    // On the focused tree with no comment selected: a new comment on the shown post.
    tree->selectionModel()->clearSelection();
    seen = pressForModal(this, tree, Qt::Key_Insert);
    QCOMPARE(seen.objectName, QStringLiteral("commentDialog"));
    QCOMPARE(seen.title, QStringLiteral("New Comment"));
    QCOMPARE(seen.postPicked, postId);

    // Near the thread but not on it (the Related dock), and on the table: New for the page.
    auto* related = m_window->findChild<QTreeWidget*>(QStringLiteral("relatedTree"));
    seen = pressForModal(this, related, Qt::Key_Insert);
    QCOMPARE(seen.objectName, QStringLiteral("postDialog"));
    QCOMPARE(seen.title, QStringLiteral("New Post"));
    seen = pressForModal(this, posts->view(), Qt::Key_Insert);
    QCOMPARE(seen.title, QStringLiteral("New Post"));
}

void TestSelection::reloadKeepsSelectionCurrentRowAndScroll()
{
    QSqlQuery more(m_temp->db());
    for (int i = 0; i < 120; ++i) {
        QVERIFY2(more.exec(QStringLiteral("INSERT INTO tags (name, slug) VALUES ('t%1', 't%1')")
                               .arg(i, 3, 10, QLatin1Char('0'))),
                 qPrintable(more.lastError().text()));
    }
    TablePage* tags = showPage(QStringLiteral("tags"));
    tags->reload();
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    m_window->resize(900, 500);
    clickRow(tags, 40);
    clickRow(tags, 42, Qt::ControlModifier);
    tags->view()->scrollTo(tags->model()->index(30, 0), QAbstractItemView::PositionAtTop);
    const QList<qint64> selected = tags->selectedIds();
    QCOMPARE(selected.size(), 2);
    const qint64 top = idAt(tags, tags->view()->rowAt(0));
    // Rows before them go away elsewhere: the same rows stay selected and at the top.
    QVERIFY(more.exec(QStringLiteral("DELETE FROM tags WHERE name IN ('t000', 't001', 't002')")));
    QTest::keyClick(tags->view(), Qt::Key_F5);
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QCOMPARE(tags->selectedIds(), selected);
    QCOMPARE(tags->currentId(), selected.constLast());
    QCOMPARE(idAt(tags, tags->view()->currentIndex().row()), selected.constLast());
    QCOMPARE(idAt(tags, tags->view()->rowAt(0)), top);
}

void TestSelection::rowsGoneElsewhereLeaveTheSelection()
{
    TablePage* tags = showPage(QStringLiteral("tags"));
    clickRow(tags, 1);
    const qint64 gone = tags->currentId();
    QVERIFY(gone > 0);
    QSqlQuery remove(m_temp->db());
    QVERIFY(remove.exec(QStringLiteral("DELETE FROM post_tags WHERE tag_id = %1").arg(gone)));
    QVERIFY(remove.exec(QStringLiteral("DELETE FROM tags WHERE id = %1").arg(gone)));
    tags->reload();
    QVERIFY(WindowSupport::waitUntilIdle(*tags));
    QCOMPARE(tags->currentId(), qint64(0));
    QVERIFY(tags->selectedIds().isEmpty());
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionEdit"))->isEnabled());
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionDelete"))->isEnabled());
    QCOMPARE(relatedTitle(), QStringLiteral("Select a row to see its related records."));
}

// A table made by another tool may list its columns in another order (a Flask model with a
// soft-delete mixin puts deleted_at first): the page still opens sorted by id.
void TestSelection::aTableMadeElsewhereOpensSortedByItsKey()
{
    TempDatabase other(QStringLiteral("madeElsewhere"));
    QSqlQuery make(other.db());
    QVERIFY(make.exec(
        QStringLiteral("CREATE TABLE users (deleted_at DATETIME, id INTEGER NOT NULL PRIMARY KEY, "
                       "username VARCHAR(80) NOT NULL, email VARCHAR(120) NOT NULL, "
                       "password_hash VARCHAR(256) NOT NULL, is_active BOOLEAN NOT NULL, "
                       "created_at DATETIME NOT NULL, updated_at DATETIME, last_login DATETIME)")));
    for (int id = 1; id <= 4; ++id) {
        QVERIFY(make.exec(QStringLiteral("INSERT INTO users VALUES ('2024-0%1-01 00:00:00.000000', "
                                         "%2, 'u%2', 'u%2@example.com', 'x', 1, "
                                         "'2024-01-01 00:00:00.000000', NULL, NULL)")
                              .arg(5 - id)
                              .arg(id)));
    }
    TablePage page(BlogTable::Users, new UsersModel(other.db()), TableFilters::users());
    page.show(); // a page reads when it is shown; without readers, on its model's connection
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int idColumn = page.model()->fieldIndex(QStringLiteral("id"));
    QCOMPARE(idColumn, 1);
    QCOMPARE(page.view()->horizontalHeader()->sortIndicatorSection(), idColumn);
    QCOMPARE(idAt(&page, 0), qint64(1));
    QCOMPARE(idAt(&page, 3), qint64(4));
}

// Another program changes the post whose author is being picked in place: the page waits
// until the editor closes (a reload would close it and lose the pick), then shows the change
// with the same row still selected.
void TestSelection::anOutsideChangeWaitsForAnOpenCellEditor()
{
    TablePage* posts = showPage(QStringLiteral("posts"));
    clickRow(posts, 0);
    const qint64 postId = posts->currentId();
    int author = 0; // a relation column is renamed in the model's record: found by its own name
    while (posts->model()->columnName(author) != QLatin1String("user_id")) {
        ++author;
    }
    const int title = posts->model()->fieldIndex(QStringLiteral("title"));
    posts->view()->setCurrentIndex(posts->model()->index(0, author));
    QApplication::setActiveWindow(m_window.get());
    QTest::keyClick(posts->view(), Qt::Key_F2);
    QVERIFY(posts->view()->findChild<QLineEdit*>(QStringLiteral("relationPickerEdit")));
    QVERIFY(static_cast<RowTableView*>(posts->view())->isEditing());

    QString error;
    QVERIFY2(m_temp->runElsewhere(
                 QStringLiteral("UPDATE posts SET title = 'Changed elsewhere' WHERE id = %1")
                     .arg(postId),
                 &error),
             qPrintable(error));

    QTRY_VERIFY(posts->refreshPending());
    // The page's retry timer (its one running timer now) looks again and waits on.
    QList<QTimer*> running;
    for (QTimer* timer : posts->findChildren<QTimer*>(QString(), Qt::FindDirectChildrenOnly)) {
        if (timer->isActive()) {
            running.append(timer);
        }
    }
    QCOMPARE(running.size(), 1);
    QSignalSpy looked(running.first(), &QTimer::timeout);
    QTRY_VERIFY(looked.count() >= 1);
    QVERIFY(running.first()->isActive());
    QVERIFY(static_cast<RowTableView*>(posts->view())->isEditing());
    QVERIFY(posts->model()->index(0, title).data().toString() !=
            QStringLiteral("Changed elsewhere"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_COMPARE(posts->model()->index(0, title).data().toString(),
                 QStringLiteral("Changed elsewhere"));
    QVERIFY(!posts->refreshPending());
    QCOMPARE(posts->currentId(), postId);
}

void TestSelection::hiddenPagesCatchUpWhenShown()
{
    TablePage* posts = showPage(QStringLiteral("posts"));
    TablePage* tags = m_window->page(QStringLiteral("tags"));
    QSqlQuery tagCount(m_temp->db());
    QVERIFY(tagCount.exec(QStringLiteral("SELECT COUNT(*) FROM tags")) && tagCount.next());
    const qint64 tagsBefore = tagCount.value(0).toLongLong();
    tagCount.finish();
    QString error;
    QVERIFY2(
        m_temp->runElsewhere(
            QStringLiteral("INSERT INTO tags (name, slug) VALUES ('From elsewhere', 'elsewhere')"),
            &error),
        qPrintable(error));
    QTRY_VERIFY(tags->refreshPending());          // noticed, but not read while hidden
    QCOMPARE(tags->model()->totalRowCount(), -1); // never read yet
    QVERIFY(!posts->refreshPending());            // the shown page read it at once
    showPage(QStringLiteral("tags"));
    QTRY_COMPARE(tags->model()->totalRowCount(), tagsBefore + 1);
}

// Building the window reads no page: the shown one reads on its reader, the others when shown.
void TestSelection::hiddenPagesReadNothingAtStart()
{
    for (const QString& name :
         {QStringLiteral("posts"), QStringLiteral("comments"), QStringLiteral("tags")}) {
        const TablePage* page = m_window->page(name);
        QVERIFY2(!page->isVisible(), qPrintable(name));
        QCOMPARE(page->model()->rowCount(), 0);
        QCOMPARE(page->model()->totalRowCount(), -1);
    }
}

// Another program writing every few seconds must not keep throwing the reader of a long thread
// or of the Related list back to the top.
void TestSelection::docksKeepTheirPlaceOnAnOutsideChange()
{
    TablePage* posts = showPage(QStringLiteral("posts"));
    const qint64 postId = idAt(posts, 0);
    QSqlQuery more(m_temp->db());
    for (int i = 0; i < 60; ++i) {
        QVERIFY(more.exec(QStringLiteral("INSERT INTO comments (content, created_at, user_id, "
                                         "post_id) VALUES ('Comment %1', "
                                         "'2024-03-01 00:00:00.000000', 2, %2)")
                              .arg(i)
                              .arg(postId)));
    }
    m_window->resize(1000, 500);
    clickRow(posts, 0);
    auto* thread = m_window->findChild<CommentThreadView*>();
    QTreeView* tree = thread->treeView();
    auto* related = m_window->findChild<QTreeWidget*>(QStringLiteral("relatedTree"));
    QTRY_VERIFY(tree->verticalScrollBar()->maximum() > 10);
    QTRY_VERIFY(related->verticalScrollBar()->maximum() > 5);
    // A comment near the top selected, the tree scrolled away from it; in the Related list a
    // comment chosen and the first group (the tags) folded.
    tree->setCurrentIndex(tree->model()->index(1, 0));
    const qint64 comment = thread->selectedCommentId();
    tree->verticalScrollBar()->setValue(tree->verticalScrollBar()->maximum());
    related->topLevelItem(1)->setExpanded(false);
    QTreeWidgetItem* chosen = related->topLevelItem(2)->child(3);
    related->setCurrentItem(chosen);
    const QString chosenText = chosen->text(0);
    related->verticalScrollBar()->setValue(related->verticalScrollBar()->maximum());
    const int threadScroll = tree->verticalScrollBar()->value();
    const int relatedScroll = related->verticalScrollBar()->value();

    QSignalSpy threadRead(thread->model(), &QAbstractItemModel::modelReset);
    QString error;
    QVERIFY2(m_temp->runElsewhere(
                 QStringLiteral("UPDATE posts SET title = 'Retitled elsewhere' WHERE id = %1")
                     .arg(postId),
                 &error),
             qPrintable(error));
    QTRY_VERIFY(threadRead.count() > 0);
    QTRY_VERIFY(relatedTitle().contains(QLatin1String("Retitled elsewhere")));
    QCOMPARE(tree->verticalScrollBar()->value(), threadScroll);
    QCOMPARE(thread->selectedCommentId(), comment);
    QCOMPARE(related->verticalScrollBar()->value(), relatedScroll);
    QVERIFY(!related->topLevelItem(1)->isExpanded());
    QVERIFY(related->currentItem());
    QCOMPARE(related->currentItem()->text(0), chosenText);
    QCOMPARE(posts->currentId(), postId);
}

QTEST_MAIN(TestSelection)
#include "TestSelection.moc"
