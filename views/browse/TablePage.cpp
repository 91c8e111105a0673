#include "TablePage.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "models/browse/BlogTableModel.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/RelationLinkDelegate.h"
#include "views/browse/RowTableView.h"
#include "views/browse/TablePager.h"

namespace {

// How often a refresh that waits for the user (an open cell editor, a mouse drag) looks again.
constexpr int BusyRetryMs = 400;

// Which way a key moves through the rows: 1 down, -1 up, 0 neither.
int scrollDirectionOf(const QKeyEvent* key)
{
    switch (key->key()) {
    case Qt::Key_Down:
    case Qt::Key_PageDown:
        return 1;
    case Qt::Key_Up:
    case Qt::Key_PageUp:
        return -1;
    default:
        return 0;
    }
}

} // namespace

TablePage::TablePage(BlogTable table, BlogTableModel* model, const FilterSpec& filter,
                     QWidget* parent)
    : QWidget(parent), m_table(table), m_name(BlogTables::name(table)),
      m_title(BlogTables::title(table)), m_model(model),
      m_filterBar(new FilterBar(m_name, filter, model->database(), this)),
      m_view(new RowTableView(this)), m_pager(new TablePager(m_name, m_title, this, m_view)),
      m_idleRetry(new QTimer(this))
{
    m_idleRetry->setSingleShot(true);
    m_idleRetry->setInterval(BusyRetryMs);
    connect(m_idleRetry, &QTimer::timeout, this, &TablePage::refreshWhenIdle);
    setObjectName(m_name + QStringLiteral("Page"));
    m_model->setParent(this);
    // Before the view sorts for the first time: every read, that first one too, goes to the
    // readers, and only once the page is shown.
    m_model->setLoadsHandedOut(true);
    connect(m_model, &BlogTableModel::windowWanted, this, &TablePage::requestWindow);
    m_view->setObjectName(m_name + QStringLiteral("View"));
    m_view->setAccessibleName(m_title);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new RelationLinkDelegate(this, m_view));
    // Double-click follows a link, so in-place editing starts with a click on the selected
    // cell (or F2, through the window's Edit action).
    m_view->setEditTriggers(QAbstractItemView::SelectedClicked);
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSortingEnabled(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filterBar);
    layout->addWidget(createNavigationBar(m_name));
    layout->addWidget(m_view);
    layout->addWidget(m_pager);
    connect(m_pager, &TablePager::moveRequested, this, &TablePage::requestWindow);
    connect(m_pager, &TablePager::goToRequested, this, &TablePage::goTo);

    connect(m_filterBar, &FilterBar::conditionChanged, this, &TablePage::applyFilter);
    // Actions follow the selection, so both the selection and the current row count.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TablePage::userChangedSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TablePage::userChangedSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::updateCurrentId);
    // activated is the platform's "open": a double-click (or a single click where the
    // style says so) and Enter, which acts on the current row even when Ctrl+Space took it
    // out of the selection: then the selected row is opened instead.
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        const bool selected = m_view->selectionModel()->isRowSelected(index.row());
        emit rowActivated(selected ? idAt(index.row()) : currentId());
    });
    // The header's sort indicator drives the model, which asks this page for the window;
    // the page reads it when shown (the first time too), on the readers when it has them.
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::updateCount);
    m_view->sortByColumn(m_model->primaryKeyColumn(), Qt::AscendingOrder);
    watchScrolling();
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_sizingColumns && m_columnsSized) {
            m_userSizedColumns.insert(column);
        }
    });
}

void TablePage::setReaders(BackgroundReader* windows, BackgroundReader* counts)
{
    m_windowReader = windows;
    m_countReader = counts;
}

QWidget* TablePage::createNavigationBar(const QString& name)
{
    m_navigationBar = new QWidget(this);
    auto* layout = new QHBoxLayout(m_navigationBar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_navigationLabel = new QLabel(m_navigationBar);
    m_navigationLabel->setObjectName(name + QStringLiteral("NavigationLabel"));
    m_navigationClearButton = new QToolButton(m_navigationBar);
    m_navigationClearButton->setObjectName(name + QStringLiteral("NavigationClearButton"));
    m_navigationClearButton->setText(QStringLiteral("✕"));
    m_navigationClearButton->setToolTip(tr("Show every row again"));
    m_navigationClearButton->setAccessibleName(tr("Remove the navigation condition"));
    m_navigationClearButton->setAutoRaise(true);
    connect(m_navigationClearButton, &QToolButton::clicked, this, &TablePage::clearNavigation);
    layout->addWidget(m_navigationLabel);
    layout->addWidget(m_navigationClearButton);
    layout->addStretch(1);
    m_navigationBar->setVisible(false);
    return m_navigationBar;
}

qint64 TablePage::idAt(int row) const
{
    const int idColumn = m_model->fieldIndex(QStringLiteral("id"));
    return row < 0 || idColumn < 0 ? 0
                                   : m_model->index(row, idColumn).data(Qt::EditRole).toLongLong();
}

qint64 TablePage::currentId() const
{
    return m_reloading ? m_currentId : currentIdFromSelection();
}

qint64 TablePage::currentIdFromSelection() const
{
    if (m_heldCurrentId != 0) {
        return m_heldCurrentId;
    }
    const QItemSelectionModel* selection = m_view->selectionModel();
    const int currentRow = m_view->currentIndex().row();
    if (currentRow >= 0 && selection->isRowSelected(currentRow)) {
        return idAt(currentRow);
    }
    const QModelIndexList rows = selection->selectedRows();
    int first = -1;
    for (const QModelIndex& index : rows) {
        first = first < 0 ? index.row() : qMin(first, index.row());
    }
    return first >= 0 || m_heldSelectedIds.isEmpty() ? idAt(first) : m_heldSelectedIds.constFirst();
}

// Selecting anything lets go of rows held from before a slide (changeWindow()).
void TablePage::userChangedSelection()
{
    if (!m_reloading) {
        m_heldSelectedIds.clear();
        m_heldCurrentId = 0;
    }
    updateCurrentId();
}

void TablePage::updateCurrentId()
{
    if (m_reloading) {
        return; // the reload restores the selection and announces the outcome once
    }
    const qint64 id = currentIdFromSelection();
    if (id != m_currentId) {
        m_currentId = id;
        emit currentIdChanged(id);
    }
}

QList<qint64> TablePage::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        ids << idAt(index.row());
    }
    return ids + m_heldSelectedIds;
}

void TablePage::refreshFromOutside()
{
    m_refreshPending = true;
    refreshWhenIdle();
}

void TablePage::refreshWhenIdle()
{
    if (!m_refreshPending || !isVisible()) {
        return; // a hidden page reloads when it is shown (showEvent)
    }
    if (isBusyWithUser()) {
        m_idleRetry->start(); // one timer however many changes arrive meanwhile
        return;
    }
    reload();
}

// A reload would close an open cell editor (and the author being picked in it) or cut a
// selection the mouse is still dragging.
bool TablePage::isBusyWithUser() const
{
    return m_view->isEditing() || QApplication::mouseButtons() != Qt::NoButton;
}

void TablePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_hasPendingMove) {
        QTimer::singleShot(0, this, [this] {
            if (m_hasPendingMove && isVisible()) {
                readWindow(m_pendingMove);
            }
        });
    }
    if (m_refreshPending) {
        QTimer::singleShot(0, this, &TablePage::refreshWhenIdle);
    }
}

bool TablePage::selectId(qint64 id)
{
    for (int row = 0; row < m_model->rowCount() && id > 0; ++row) {
        if (idAt(row) == id) {
            const QModelIndex index = m_model->index(row, 0);
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
            m_view->scrollTo(index);
            return true;
        }
    }
    return false;
}

void TablePage::applyFilter(const SqlCondition& condition)
{
    m_filterCondition = condition;
    useCondition();
}

// A new condition: the old count no longer applies, not even when it arrives later.
void TablePage::useCondition()
{
    if (m_countReader != nullptr) {
        m_countReader->cancel(m_name + QStringLiteral("/estimate"));
        m_countReader->cancel(m_name + QStringLiteral("/count"));
    }
    cancelRowNumber();
    m_model->setCondition(m_filterCondition && m_navigationCondition);
    reload();
}

void TablePage::setNavigation(const SqlCondition& condition, const QString& description,
                              const QStringList& crumbs)
{
    m_navigationCondition = condition;
    m_navigationDescription = description;
    m_navigationCrumbs = crumbs;
    m_navigationLabel->setText(tr("Showing: %1").arg(description));
    m_navigationBar->setVisible(!condition.isEmpty());
    useCondition();
    emit navigationChanged();
}

void TablePage::clearNavigation()
{
    setNavigation({}, QString(), {});
}

void TablePage::setRelationColumns(const QStringList& columns)
{
    m_relationColumns.clear();
    for (const QString& column : columns) {
        const int index = m_model->baseColumns().indexOf(column);
        if (index >= 0) {
            m_relationColumns.insert(index, column);
        }
    }
    m_view->viewport()->update();
}

QString TablePage::relationColumnAt(int column) const
{
    return m_relationColumns.value(column);
}

bool TablePage::followRelationAt(const QModelIndex& index)
{
    const QString column = relationColumnAt(index.column());
    if (!index.isValid() || column.isEmpty() || index.data(Qt::EditRole).isNull()) {
        return false;
    }
    emit relationActivated(idAt(index.row()), column);
    return true;
}

// Ctrl+Enter on a relation cell and a double-click on one follow the relation; the view's
// own handling (activated: open the row) is kept for everything else.
bool TablePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        slideIfNearEnd(scrollDirectionOf(key));
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            followRelationAt(m_view->currentIndex());
            return true;
        }
    } else if (watched == m_view->viewport() && event->type() == QEvent::Wheel) {
        slideIfNearEnd(static_cast<QWheelEvent*>(event)->angleDelta().y() > 0 ? -1 : 1);
    } else if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton &&
            followRelationAt(m_view->indexAt(mouse->position().toPoint()))) {
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
