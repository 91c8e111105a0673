#include "TablePage.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlError>
#include <QSqlRecord>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

#include "models/browse/BlogTableModel.h"
#include "models/browse/WindowKeys.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/RelationLinkDelegate.h"
#include "views/browse/RowTableView.h"
#include "views/browse/TableViewPlace.h"

namespace {

// Long texts are previewed, not shown whole: a column never pushes the others off screen.
constexpr int MaxColumnWidth = 360;
// How often a refresh that waits for the user (an open cell editor, a mouse drag) looks again.
constexpr int BusyRetryMs = 400;

} // namespace

TablePage::TablePage(BlogTable table, BlogTableModel* model, const FilterSpec& filter,
                     QWidget* parent)
    : QWidget(parent), m_table(table), m_name(BlogTables::name(table)),
      m_title(BlogTables::title(table)), m_model(model),
      m_filterBar(new FilterBar(m_name, filter, model->database(), this)),
      m_view(new RowTableView(this)), m_countLabel(new QLabel(this)), m_idleRetry(new QTimer(this))
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
    m_countLabel->setObjectName(m_name + QStringLiteral("CountLabel"));
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
    layout->addWidget(createPager(m_name));

    connect(m_filterBar, &FilterBar::conditionChanged, this, &TablePage::applyFilter);
    // Actions follow the selection, so both the selection and the current row count.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TablePage::updateCurrentId);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TablePage::updateCurrentId);
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

QWidget* TablePage::createPager(const QString& name)
{
    auto* pager = new QWidget(this);
    auto* layout = new QHBoxLayout(pager);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto addButton = [this, pager, layout, &name](const QString& text, const char* suffix,
                                                        const QString& accessibleName,
                                                        KeysetWindow::Move move) {
        auto* button = new QPushButton(text, pager);
        button->setObjectName(name + QLatin1String(suffix));
        button->setAccessibleName(accessibleName);
        connect(button, &QPushButton::clicked, this, [this, move] { requestWindow(move); });
        layout->addWidget(button);
        return button;
    };
    m_busyIndicator = new QProgressBar(pager);
    m_busyIndicator->setObjectName(name + QStringLiteral("BusyIndicator"));
    m_busyIndicator->setAccessibleName(tr("Reading %1").arg(m_title));
    m_busyIndicator->setRange(0, 0); // busy, with no amount to show
    m_busyIndicator->setMaximumWidth(80);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->setVisible(false);
    layout->addWidget(m_countLabel, 1);
    layout->addWidget(m_busyIndicator);
    m_firstButton =
        addButton(tr("« First"), "FirstButton", tr("First rows"), KeysetWindow::Move::First);
    m_previousButton = addButton(tr("◀ &Previous"), "PreviousButton", tr("Previous rows"),
                                 KeysetWindow::Move::Previous);
    m_nextButton =
        addButton(tr("&Next ▶"), "NextButton", tr("Next rows"), KeysetWindow::Move::Next);
    m_lastButton = addButton(tr("Last »"), "LastButton", tr("Last rows"), KeysetWindow::Move::Last);
    return pager;
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
    return idAt(first);
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
    return ids;
}

bool TablePage::reload()
{
    m_refreshPending = false;
    m_countWanted = true;
    if (!isVisible()) {
        requestWindow(KeysetWindow::Move::Reload); // kept for when the page is shown
        return true;
    }
    readWindow(KeysetWindow::Move::Reload);
    return m_windowReader != nullptr || !m_model->lastError().isValid();
}

void TablePage::requestWindow(KeysetWindow::Move move)
{
    if (isVisible()) {
        readWindow(move);
        return;
    }
    // A move to another window outweighs a reload of the one shown.
    if (!m_hasPendingMove || move != KeysetWindow::Move::Reload) {
        m_pendingMove = move;
    }
    m_hasPendingMove = true;
}

void TablePage::readWindow(KeysetWindow::Move move)
{
    m_hasPendingMove = false;
    if (m_windowReader == nullptr) {
        const auto idOf = [this](int row) {
            return idAt(row);
        };
        const TableViewPlace place = TableViewPlace::of(m_view, idOf);
        m_reloading = true;
        m_model->moveWindow(move); // and counts: the model's own connection, here
        if (move == KeysetWindow::Move::Reload) {
            place.restoreIn(m_view, idOf);
        }
        m_reloading = false;
        m_countWanted = false;
        updateCurrentId();
        return;
    }
    const WindowRequest request = m_model->windowRequest(move);
    setLoading(true);
    m_windowReader->read<WindowKeys>(
        m_name + QStringLiteral("/window"), this,
        [request](QSqlDatabase& db) { return WindowReader::read(db, request); },
        [this, move](const WindowKeys& keys) { showWindow(move, keys); });
}

// The rows are found; reading them whole by key takes milliseconds, here.
void TablePage::showWindow(KeysetWindow::Move move, const WindowKeys& keys)
{
    const auto idOf = [this](int row) {
        return idAt(row);
    };
    const TableViewPlace place = TableViewPlace::of(m_view, idOf);
    m_reloading = true;
    m_model->showWindow(move, keys);
    if (move == KeysetWindow::Move::Reload) {
        place.restoreIn(m_view, idOf);
    }
    m_reloading = false;
    setLoading(false);
    updateCurrentId();
    if (m_countWanted) {
        requestCount();
    }
}

void TablePage::whenWindowShown(QObject* context, const std::function<void()>& then)
{
    if (!m_loading && !m_hasPendingMove) {
        then();
        return;
    }
    // Looks again at every change: a hidden page first starts reading, then finishes.
    connect(
        this, &TablePage::loadingChanged, context,
        [this, context, then](bool) { whenWindowShown(context, then); }, Qt::SingleShotConnection);
}

void TablePage::setLoading(bool loading)
{
    if (m_loading == loading) {
        return;
    }
    m_loading = loading;
    m_busyIndicator->setVisible(loading || isCounting());
    updatePagerButtons();
    emit loadingChanged(loading);
}

bool TablePage::isCounting() const
{
    return m_countReader != nullptr && m_countReader->isBusy(m_name + QStringLiteral("/count"));
}

// An estimate at once where the catalogue has one (no filter), then the exact count; both on
// the count reader, so a window never waits for a count.
void TablePage::requestCount()
{
    m_countWanted = false;
    if (m_countReader == nullptr) {
        return;
    }
    const QString table = m_model->tableName();
    const SqlCondition condition = m_model->condition();
    if (condition.isEmpty() && m_model->totalRowCount() < 0) {
        m_countReader->read<RowCount>(
            m_name + QStringLiteral("/estimate"), this,
            [table](QSqlDatabase& db) { return WindowReader::estimate(db, table); },
            [this](const RowCount& estimate) {
                if (estimate.ok() && estimate.rows >= 0 && !m_model->totalIsExact()) {
                    m_model->setTotalRowCount(estimate.rows, false);
                    updateCount();
                }
            });
    }
    m_countReader->read<RowCount>(
        m_name + QStringLiteral("/count"), this,
        [table, condition](QSqlDatabase& db) { return WindowReader::count(db, table, condition); },
        [this](const RowCount& count) {
            if (count.ok()) {
                m_model->setTotalRowCount(count.rows, true);
            }
            m_busyIndicator->setVisible(m_loading);
            updateCount();
        });
    m_busyIndicator->setVisible(true);
    updateCount();
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
    const QSqlRecord record = m_model->database().record(m_model->tableName());
    for (const QString& column : columns) {
        const int index = record.indexOf(column);
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
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            followRelationAt(m_view->currentIndex());
            return true;
        }
    } else if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton &&
            followRelationAt(m_view->indexAt(mouse->position().toPoint()))) {
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TablePage::updateCount()
{
    if (m_model->lastError().isValid()) {
        m_countLabel->setText(tr("Cannot read %1: %2").arg(m_title, m_model->lastError().text()));
        updatePagerButtons();
        return;
    }
    const QLocale locale;
    const qint64 total = m_model->totalRowCount();
    const QString totalText = total < 0 ? tr("…")
                              : m_model->totalIsExact()
                                  ? locale.toString(total)
                                  : tr("about %1").arg(locale.toString(total));
    const qint64 before = m_model->rowsBeforeWindow();
    const qint64 shown = m_model->rowsInWindow();
    if (shown == 0 && !m_model->hasPreviousWindow()) {
        m_countLabel->setText(m_model->condition().isEmpty() ? tr("No rows")
                                                             : tr("No rows match the filter"));
    } else if (before >= 0) {
        m_countLabel->setText(
            tr("Rows %1–%2 of %3")
                .arg(locale.toString(before + 1), locale.toString(before + shown), totalText));
    } else {
        m_countLabel->setText(tr("The last %1 rows of %2").arg(locale.toString(shown), totalText));
    }
    updatePagerButtons();
    m_view->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        m_view->setColumnWidth(column, qMin(m_view->columnWidth(column), MaxColumnWidth));
    }
}

void TablePage::updatePagerButtons()
{
    const bool readable = !m_model->lastError().isValid() && !m_loading;
    const bool backward = readable && m_model->hasPreviousWindow();
    const bool forward = readable && m_model->hasNextWindow();
    const std::pair<QPushButton*, bool> states[] = {
        {m_firstButton, backward},
        {m_previousButton, backward},
        {m_nextButton, forward},
        {m_lastButton, forward},
    };
    for (const auto& [button, enabled] : states) {
        // A button disabled under the keyboard focus (Next, clicked: reading) would send the
        // focus out of the page, into another dock; it stays on the rows instead.
        if (!enabled && button->hasFocus()) {
            m_view->setFocus(Qt::OtherFocusReason);
        }
        button->setEnabled(enabled);
    }
}
