#include "MainWindow.h"

#include "sql/ConnectionSession.h"

#include <QAction>
#include <QApplication>
#include <QAtomicInt>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEvent>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>

#include "models/browse/BlogTableModel.h"
#include "models/connection/ChangeWatcher.h"
#include "models/connection/Database.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/CommentThreadView.h"
#include "views/browse/Navigator.h"
#include "views/browse/TablePage.h"
#include "views/browse/TablePages.h"
#include "views/commands/EditCommands.h"
#include "views/connection/WindowOpener.h"
#include "views/edit/RecordEditors.h"
#include "views/migrations/MigrationsPanel.h"
#include "views/search/SearchDock.h"

namespace {

// How often the window looks for changes made by other programs. On SQLite the look is a
// read of a counter in memory; on a server it is one round trip, so less often there (and at
// once whenever the window becomes active).
constexpr int SqliteLookMs = 1000;
constexpr int ServerLookMs = 3000;
// Reading again after an outside change runs on this thread: on a big table, with the Flask
// app writing all the time, the next look waits this many times as long as the last read took,
// so reading never takes more than a small share of the window's time.
constexpr int LookPerReadTime = 20;
constexpr int LongestLookMs = 30000;

} // namespace

MainWindow::MainWindow(const QSqlDatabase& db, const DatabaseUrl& url, QWidget* parent)
    : QMainWindow(parent), m_db(db), m_url(url), m_tabs(new QTabWidget(this)),
      m_databaseLabel(new QLabel(this)), m_revisionButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("%1 — BlogDesk").arg(url.displayName()));
    m_tabs->setObjectName(QStringLiteral("pageTabs"));
    m_tabs->setAccessibleName(tr("Tables"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setText(tr("Database: %1").arg(url.toString(true)));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_revisionButton->setObjectName(QStringLiteral("revisionButton"));
    m_revisionButton->setAutoRaise(true);
    m_revisionButton->setToolTip(tr("Open the migrations panel"));
    m_revisionButton->setText(tr("Revision: reading…"));
    statusBar()->addWidget(m_databaseLabel, 1);
    statusBar()->addPermanentWidget(m_revisionButton);

    createPages();
    createActions();
    createEditActions();
    createThreadDock();
    createMigrationsDock();
    createSearchDock();
    m_navigator = new Navigator(m_db, m_selectionReader, m_tabs, this);
    connect(m_navigator, &Navigator::profileRequested, m_edits, &EditCommands::editProfile);
    watchForOutsideChanges();
    // The shown page reads its table on the readers once the window is shown, the others when
    // they are; the migrations panel reads the revision on its own thread.
    resize(1360, 760);
}

void MainWindow::createPages()
{
    // Two connections of their own: windows of rows never wait behind a long count.
    static QAtomicInt readers;
    const int number = readers.fetchAndAddRelaxed(1);
    auto* windowReader =
        new BackgroundReader(m_url, QStringLiteral("blogdesk-windows-%1").arg(number), this);
    auto* countReader =
        new BackgroundReader(m_url, QStringLiteral("blogdesk-counts-%1").arg(number), this);
    // The thread and Related docks read the selected row's records on a third.
    m_selectionReader =
        new BackgroundReader(m_url, QStringLiteral("blogdesk-selection-%1").arg(number), this);
    for (const BlogTable table : TablePages::tables()) {
        const TablePages::Page spec = *TablePages::of(table);
        auto* tablePage = new TablePage(table, spec.createModel(m_db), spec.filter);
        tablePage->setReaders(windowReader, countReader);
        if (!spec.relationColumns.isEmpty()) {
            tablePage->setRelationColumns(spec.relationColumns);
        }
        m_tabs->addTab(tablePage, spec.tabText);
    }
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = fileMenu->addAction(
        tr("&Open Database…"), this, [this] { WindowOpener::showConnectionDialog(this, m_url); });
    open->setObjectName(QStringLiteral("actionOpenDatabase"));
    open->setShortcut(QKeySequence::Open);
    QAction* refresh = fileMenu->addAction(tr("&Reload"), this, &MainWindow::reload);
    refresh->setObjectName(QStringLiteral("actionReload"));
    refresh->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* about = helpMenu->addAction(tr("&About BlogDesk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
}

TablePage* MainWindow::page(const QString& name) const
{
    return findChild<TablePage*>(name + QStringLiteral("Page"));
}

TablePage* MainWindow::page(BlogTable table) const
{
    return page(BlogTables::name(table));
}

TablePage* MainWindow::currentPage() const
{
    return static_cast<TablePage*>(m_tabs->currentWidget());
}

// New, Edit, Delete and Profile act on the current page. Edit, Delete and Profile have their
// keys on the pages only, so F2 and Delete in the comment thread stay the thread's. New's
// Insert works anywhere in the window except in the thread tree, which takes it (a reply).
void MainWindow::createEditActions()
{
    // Between File and Help, where people look for it.
    QMenu* editMenu = new QMenu(tr("&Edit"), this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), editMenu);
    QToolBar* toolBar = addToolBar(tr("Edit"));
    toolBar->setObjectName(QStringLiteral("editToolBar"));
    m_edits = new EditCommands(m_db, this);
    connect(m_edits, &EditCommands::changed, this, &MainWindow::reload);
    for (const BlogTable table : TablePages::tables()) {
        const QStringList inPlace = TablePages::of(table)->inPlaceColumns;
        if (inPlace.isEmpty()) {
            continue;
        }
        BlogTableModel* model = page(table)->model();
        model->setEditableColumns(inPlace);
        connect(
            model, &BlogTableModel::cellEditRequested, m_edits,
            [this, table](qint64 rowId, const QString& column, const QVariant& original,
                          const QVariant& value) {
                m_edits->changeRelation(table, rowId, column, original, value);
            },
            // Queued: the write reloads the model, which must not happen while the view
            // is still committing the editor's data.
            Qt::QueuedConnection);
    }
    for (QAction* action : {m_edits->undoAction(), m_edits->redoAction()}) {
        addAction(action); // window-wide: undo works wherever the focus is in the window
        editMenu->addAction(action);
        toolBar->addAction(action);
    }
    editMenu->addSeparator();
    toolBar->addSeparator();
    m_newAction = new QAction(tr("&New…"), this);
    m_newAction->setObjectName(QStringLiteral("actionNew"));
    m_newAction->setShortcut(QKeySequence(Qt::Key_Insert));
    connect(m_newAction, &QAction::triggered, this, [this] { editRow(0); });
    m_editAction = new QAction(tr("&Edit…"), this);
    m_editAction->setObjectName(QStringLiteral("actionEdit"));
    m_editAction->setShortcut(QKeySequence(Qt::Key_F2));
    connect(m_editAction, &QAction::triggered, this, &MainWindow::editCurrent);
    m_deleteAction = new QAction(tr("&Delete…"), this);
    m_deleteAction->setObjectName(QStringLiteral("actionDelete"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    m_profileAction = new QAction(tr("&Profile…"), this);
    m_profileAction->setObjectName(QStringLiteral("actionProfile"));
    m_profileAction->setShortcut(QKeySequence(tr("Ctrl+P")));
    connect(m_profileAction, &QAction::triggered, this,
            [this] { m_edits->editProfile(page(BlogTable::Users)->currentId()); });
    for (QAction* action : {m_newAction, m_editAction, m_deleteAction, m_profileAction}) {
        action->setShortcutContext(action == m_newAction ? Qt::WindowShortcut
                                                         : Qt::WidgetWithChildrenShortcut);
        m_tabs->addAction(action);
        editMenu->addAction(action);
        toolBar->addAction(action);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateEditActions);
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto* tablePage = static_cast<TablePage*>(m_tabs->widget(i));
        // The same actions as the right-click menu of each table.
        tablePage->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
        tablePage->view()->addActions({m_newAction, m_editAction, m_deleteAction, m_profileAction});
        connect(tablePage, &TablePage::rowActivated, this, &MainWindow::editRow);
        connect(tablePage, &TablePage::currentIdChanged, this, &MainWindow::updateEditActions);
    }
    updateEditActions();
}

void MainWindow::updateEditActions()
{
    const bool editable = RecordEditors::canEdit(currentPage()->table());
    m_newAction->setEnabled(editable);
    m_editAction->setEnabled(editable && currentPage()->currentId() > 0);
    m_deleteAction->setEnabled(currentPage()->currentId() > 0);
    m_profileAction->setEnabled(currentPage()->table() == BlogTable::Users &&
                                currentPage()->currentId() > 0);
}

void MainWindow::deleteSelected()
{
    deleteRows(currentPage()->table(), currentPage()->selectedIds());
}

void MainWindow::deleteRows(BlogTable table, const QList<qint64>& ids)
{
    m_edits->remove(table, ids);
}

// F2 on a cell that can be edited in place (an author) of the selected row edits the cell;
// elsewhere it opens the selected row's dialog.
void MainWindow::editCurrent()
{
    QTableView* view = currentPage()->view();
    const QModelIndex cell = view->currentIndex();
    if (cell.isValid() && (cell.flags() & Qt::ItemIsEditable) &&
        view->selectionModel()->isRowSelected(cell.row())) {
        view->edit(cell);
        return;
    }
    editRow(currentPage()->currentId());
}

void MainWindow::editRow(qint64 id)
{
    m_edits->edit(currentPage()->table(), id);
}

// The thread of the post selected on the Posts page, or of the comment selected on the
// Comments page, in a dock beside the tables.
void MainWindow::createThreadDock()
{
    auto* dock = new QDockWidget(tr("Comment thread"), this);
    dock->setObjectName(QStringLiteral("threadDock"));
    m_threadView = new CommentThreadView(m_selectionReader, dock);
    m_threadView->setMinimumWidth(400); // room for the comment text beside author and time
    dock->setWidget(m_threadView);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resizeDocks({dock}, {520}, Qt::Horizontal);
    connect(page(BlogTable::Posts), &TablePage::currentIdChanged, m_threadView,
            &CommentThreadView::showPost);
    connect(page(BlogTable::Comments), &TablePage::currentIdChanged, m_threadView,
            &CommentThreadView::showComment);
    connect(m_threadView, &CommentThreadView::replyRequested, this,
            [this](qint64, qint64 parentId) { m_edits->reply(parentId); });
    connect(m_threadView, &CommentThreadView::commentRequested, m_edits, &EditCommands::commentOn);
    connect(m_threadView, &CommentThreadView::editRequested, this,
            [this](qint64 commentId) { m_edits->edit(BlogTable::Comments, commentId); });
    connect(m_threadView, &CommentThreadView::deleteRequested, this,
            [this](qint64 commentId) { deleteRows(BlogTable::Comments, {commentId}); });
}

void MainWindow::watchForOutsideChanges()
{
    m_changeWatcher = new ChangeWatcher(m_db, this);
    connect(m_changeWatcher, &ChangeWatcher::changed, this, &MainWindow::refreshFromOutside);
    connect(m_changeWatcher, &ChangeWatcher::historyChanged, this, &MainWindow::updateRevision);
    startWatching();
}

void MainWindow::startWatching(qint64 lastReadMs)
{
    const int shortest =
        m_db.driverName() == QLatin1String("QSQLITE") ? SqliteLookMs : ServerLookMs;
    m_changeWatcher->start(
        int(qBound(qint64(shortest), lastReadMs * LookPerReadTime, qint64(LongestLookMs))));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_changeWatcher &&
        m_changeWatcher->isWatching()) {
        m_changeWatcher->check();
    }
}

void MainWindow::refreshFromOutside()
{
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < m_tabs->count(); ++i) {
        static_cast<TablePage*>(m_tabs->widget(i))->refreshFromOutside();
    }
    m_threadView->reload();
    m_navigator->reload();
    startWatching(clock.elapsed());
}

void MainWindow::reload()
{
    m_changeWatcher->markSeen(); // before reading: a commit from now on is seen next time
    // After a server restart or a network outage the old connection is dead: Reload (F5)
    // makes a new one before reading again.
    QString connectionError;
    if (!ConnectionSession::reconnectIfLost(m_db, &connectionError)) {
        statusBar()->showMessage(connectionError);
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        static_cast<TablePage*>(m_tabs->widget(i))->reload();
    }
    if (m_threadView) {
        m_threadView->reload();
    }
    if (m_navigator) {
        m_navigator->reload();
    }
    updateRevision();
}

void MainWindow::navigate(const NavigationLocation& location)
{
    m_navigator->navigate(location);
}

void MainWindow::goBack()
{
    m_navigator->goBack();
}

void MainWindow::goForward()
{
    m_navigator->goForward();
}

NavigationLocation MainWindow::currentLocation() const
{
    return m_navigator->currentLocation();
}

void MainWindow::updateRevision()
{
    m_migrations->refresh();
}

void MainWindow::createMigrationsDock()
{
    m_migrations = new MigrationsPanel(m_url, this);
    m_migrationsDock = new QDockWidget(tr("Migrations"), this);
    m_migrationsDock->setObjectName(QStringLiteral("migrationsDock"));
    m_migrationsDock->setWidget(m_migrations);
    addDockWidget(Qt::BottomDockWidgetArea, m_migrationsDock);
    m_migrationsDock->hide();
    QAction* toggle = m_migrationsDock->toggleViewAction();
    toggle->setText(tr("&Migrations"));
    toggle->setObjectName(QStringLiteral("actionMigrations"));
    toggle->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    QMenu* databaseMenu = new QMenu(tr("&Database"), this);
    databaseMenu->setObjectName(QStringLiteral("databaseMenu"));
    menuBar()->insertMenu(menuBar()->actions().constLast(), databaseMenu);
    databaseMenu->addAction(toggle);
    connect(m_revisionButton, &QToolButton::clicked, this, &MainWindow::showMigrations);
    connect(m_migrations, &MigrationsPanel::statusChanged, this, &MainWindow::showMigrationStatus);
    connect(m_migrations, &MigrationsPanel::aboutToChangeDatabase, this,
            &MainWindow::suspendForMigration);
    connect(m_migrations, &MigrationsPanel::databaseChanged, this,
            &MainWindow::resumeAfterMigration);
}

void MainWindow::showMigrations()
{
    m_migrationsDock->show();
    resizeDocks({m_migrationsDock}, {height() * 2 / 5}, Qt::Vertical);
    m_migrationsDock->raise();
    m_migrations->setFocus();
}

// The first time the revision is known, a database behind BlogDesk's history opens the panel,
// which says why and offers the upgrade with its preview.
void MainWindow::showMigrationStatus()
{
    m_revisionButton->setText(m_migrations->summary());
    m_revisionButton->setAccessibleName(m_migrations->summary());
    if (!m_migrationStatusShown && m_migrations->needsUpgrade()) {
        showMigrations();
    }
    m_migrationStatusShown = true;
}

// Editing waits while the schema changes. No page keeps a statement open (each reads its
// window whole), so nothing here stands in the migration's way.
void MainWindow::suspendForMigration()
{
    m_tabs->setEnabled(false);
    m_changeWatcher->stop();
}

void MainWindow::resumeAfterMigration()
{
    m_tabs->setEnabled(true);
    reload();
    startWatching();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About BlogDesk"),
                       tr("<b>BlogDesk %1</b><p>Browse and edit the database of a "
                          "Flask-SQLAlchemy blog: users, profiles, posts, tags and comment "
                          "threads, on SQLite, PostgreSQL or MySQL.</p>")
                           .arg(QStringLiteral(BLOGDESK_VERSION)));
}

// Full-text search: a dock whose results navigate like the Related dock's, and Ctrl+Shift+F.
void MainWindow::createSearchDock()
{
    auto* search = new SearchDock(m_url, this);
    addDockWidget(Qt::LeftDockWidgetArea, search);
    resizeDocks({search}, {320}, Qt::Horizontal);
    connect(search, &SearchDock::navigationRequested, this, &MainWindow::navigate);
    addAction(search->findAction());
}
