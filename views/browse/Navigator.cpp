#include "Navigator.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

#include "models/browse/RelatedRecords.h"
#include "views/browse/RelatedPanel.h"
#include "views/browse/TablePage.h"

Navigator::Navigator(QSqlDatabase db, BackgroundReader* reader, QTabWidget* tabs,
                     QMainWindow* window)
    : QObject(window), m_db(db), m_tabs(tabs), m_window(window)
{
    createBackAndForward();
    createRelatedDock(reader);
}

TablePage* Navigator::page(BlogTable table) const
{
    return m_tabs->findChild<TablePage*>(BlogTables::name(table) + QStringLiteral("Page"));
}

TablePage* Navigator::currentPage() const
{
    return static_cast<TablePage*>(m_tabs->currentWidget());
}

// Back and Forward as in a browser (Alt+Left, Alt+Right), in a Go menu and a toolbar that
// also shows the breadcrumb of where the user is.
void Navigator::createBackAndForward()
{
    QMenu* goMenu = new QMenu(tr("&Go"), m_window);
    goMenu->setObjectName(QStringLiteral("goMenu"));
    m_window->menuBar()->insertMenu(m_window->menuBar()->actions().constLast(), goMenu);
    QToolBar* toolBar = m_window->addToolBar(tr("Navigation"));
    toolBar->setObjectName(QStringLiteral("navigationToolBar"));
    m_backAction = new QAction(tr("◀ &Back"), this);
    m_backAction->setObjectName(QStringLiteral("actionBack"));
    m_backAction->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Left), QKeySequence(Qt::Key_Back)});
    m_backAction->setToolTip(tr("Back (Alt+Left)"));
    connect(m_backAction, &QAction::triggered, this, &Navigator::goBack);
    m_forwardAction = new QAction(tr("&Forward ▶"), this);
    m_forwardAction->setObjectName(QStringLiteral("actionForward"));
    m_forwardAction->setShortcuts(
        {QKeySequence(Qt::ALT | Qt::Key_Right), QKeySequence(Qt::Key_Forward)});
    m_forwardAction->setToolTip(tr("Forward (Alt+Right)"));
    connect(m_forwardAction, &QAction::triggered, this, &Navigator::goForward);
    for (QAction* action : {m_backAction, m_forwardAction}) {
        goMenu->addAction(action);
        toolBar->addAction(action);
    }
    goMenu->addSeparator();
    // One window-wide action rather than a shortcut per page: it is in the menu, and it
    // works wherever the focus is (the search dock, the filter bar).
    QAction* goToAction = goMenu->addAction(tr("Go to &Id or Row…"));
    goToAction->setObjectName(QStringLiteral("actionGoTo"));
    goToAction->setShortcut(QKeySequence(tr("Ctrl+G")));
    connect(goToAction, &QAction::triggered, this, [this] { currentPage()->focusGoTo(); });
    m_breadcrumbLabel = new QLabel(toolBar);
    m_breadcrumbLabel->setObjectName(QStringLiteral("breadcrumbLabel"));
    m_breadcrumbLabel->setAccessibleName(tr("Where you are"));
    m_breadcrumbLabel->setContentsMargins(8, 0, 8, 0);
    toolBar->addWidget(m_breadcrumbLabel);

    connect(m_tabs, &QTabWidget::currentChanged, this, &Navigator::update);
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto* tablePage = static_cast<TablePage*>(m_tabs->widget(i));
        connect(tablePage, &TablePage::relationActivated, this,
                [this, tablePage](qint64 rowId, const QString& column) {
                    followRelation(tablePage, rowId, column);
                });
        connect(tablePage, &TablePage::navigationChanged, this, &Navigator::update);
        connect(tablePage, &TablePage::currentIdChanged, this, [this, tablePage] {
            if (tablePage == currentPage()) {
                update();
            }
        });
    }
    update();
}

void Navigator::createRelatedDock(BackgroundReader* reader)
{
    auto* dock = new QDockWidget(tr("Related"), m_window);
    dock->setObjectName(QStringLiteral("relatedDock"));
    m_relatedPanel = new RelatedPanel(reader, dock);
    dock->setWidget(m_relatedPanel);
    m_window->addDockWidget(Qt::RightDockWidgetArea, dock);
    connect(m_relatedPanel, &RelatedPanel::navigationRequested, this, &Navigator::navigate);
    connect(m_relatedPanel, &RelatedPanel::profileRequested, this, &Navigator::profileRequested);
    // The selected row's name comes with its related records, read on the worker.
    connect(m_relatedPanel, &RelatedPanel::rowShown, this, &Navigator::updateBreadcrumb);
    update();
}

NavigationLocation Navigator::currentLocation() const
{
    const TablePage* current = currentPage();
    return {current->table(), current->navigationCondition(), current->navigationDescription(),
            current->navigationCrumbs(), current->currentId()};
}

void Navigator::navigate(const NavigationLocation& location)
{
    if (!page(location.page)) {
        return;
    }
    const NavigationLocation target = location; // `location` may live in what navigating clears
    m_history.visit(currentLocation());
    applyLocation(target);
}

void Navigator::goBack()
{
    if (m_history.canGoBack()) {
        applyLocation(m_history.back(currentLocation()));
    }
}

void Navigator::goForward()
{
    if (m_history.canGoForward()) {
        applyLocation(m_history.forward(currentLocation()));
    }
}

// Shows the location's page with its navigation condition and selects its row once the
// window is read (on a worker). A row the window does not hold (filtered out by the navigation
// condition left there, or far down a big table) is shown on its own.
void Navigator::applyLocation(const NavigationLocation& location)
{
    TablePage* target = page(location.page);
    if (!target) {
        return;
    }
    const quint64 ticket = ++m_locationTicket; // a later location outdates this one's row
    m_tabs->setCurrentWidget(target);
    target->setNavigation(location.condition, location.description, location.crumbs);
    target->view()->setFocus();
    update();
    if (location.selectedId > 0) {
        target->whenWindowShown(this, [this, target, location, ticket] {
            if (ticket == m_locationTicket) {
                selectLocationRow(target, location);
            }
        });
    }
}

void Navigator::selectLocationRow(TablePage* target, const NavigationLocation& location)
{
    const qint64 id = location.selectedId;
    if (target->selectId(id)) {
        update();
        return;
    }
    target->setNavigation(
        {BlogTables::name(location.page) + QStringLiteral(".id = ?"), {id}},
        tr("%1 %2").arg(target->title(), RelatedRecords::label(m_db, location.page, id)),
        location.crumbs);
    const quint64 ticket = m_locationTicket;
    target->whenWindowShown(this, [this, target, id, ticket] {
        if (ticket == m_locationTicket) {
            target->selectId(id);
            update();
        }
    });
}

// A relation cell: its raw key is read by the row's id (the cell shows the related name).
void Navigator::followRelation(TablePage* from, qint64 rowId, const QString& column)
{
    const std::optional<BlogTable> target = RelatedRecords::targetTable(from->table(), column);
    const qint64 key = RelatedRecords::foreignKey(m_db, from->table(), column, rowId);
    if (!target || key <= 0) {
        return;
    }
    navigate({*target, {}, {}, {}, key});
}

void Navigator::update()
{
    if (!m_backAction || !m_breadcrumbLabel) {
        return;
    }
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
    const TablePage* current = currentPage();
    if (m_relatedPanel) {
        m_relatedPanel->showRow(current->table(), current->title(), current->currentId());
    }
    updateBreadcrumb();
}

// How the user got here ("Users › alice › Posts"), or the page; then the selected row, named
// once the Related dock has read it ("#12" until then: no SQL on the GUI thread).
void Navigator::updateBreadcrumb()
{
    const TablePage* current = currentPage();
    QStringList crumbs = current->navigationCrumbs();
    if (crumbs.isEmpty()) {
        crumbs << current->title();
    }
    const qint64 id = current->currentId();
    if (id > 0) {
        const bool named = m_relatedPanel && m_relatedPanel->table() == current->table() &&
                           m_relatedPanel->rowId() == id && !m_relatedPanel->rowName().isEmpty();
        crumbs << (named ? m_relatedPanel->rowName() : tr("#%1").arg(id));
    }
    m_breadcrumbLabel->setText(crumbs.join(QStringLiteral(" › ")));
}

void Navigator::reload()
{
    update(); // reads the shown row's related records again, keeping the dock's place
}
