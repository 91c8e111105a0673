// TablePage: reading its windows of rows and counting them (the rest is in TablePage.cpp).
#include "TablePage.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSqlError>

#include <utility>

#include "models/browse/BlogTableModel.h"
#include "models/browse/WindowJump.h"
#include "models/browse/WindowKeys.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/RowTableView.h"
#include "views/browse/TablePager.h"
#include "views/browse/TableViewPlace.h"

namespace {

// Long texts are previewed, not shown whole: a column never pushes the others off screen.
constexpr int MaxColumnWidth = 360;
// The rows (besides the header) a column's width is measured on, once.
constexpr int SizingSampleRows = 50;
// Room around the digits of an id in its cell (the cell's margins and the focus frame).
constexpr int IdColumnPadding = 16;

bool isSlide(KeysetWindow::Move move)
{
    return move == KeysetWindow::Move::Ahead || move == KeysetWindow::Move::Behind;
}

bool keepsPlace(KeysetWindow::Move move)
{
    return move == KeysetWindow::Move::Reload || isSlide(move);
}

} // namespace

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
    if (move == KeysetWindow::Move::First || move == KeysetWindow::Move::Last) {
        cancelRowNumber(); // they number their rows themselves (and a sort asks for First)
    }
    if (!keepsPlace(move)) {
        m_pager->showGoToMessage(QString()); // a message on the last Go to is past now
    }
    if (m_windowReader == nullptr) {
        changeWindow(move, [this, move] {
            m_model->moveWindow(move); // and counts: the model's own connection, here
        });
        m_countWanted = false;
        updateCurrentId();
        return;
    }
    const WindowRequest request = m_model->windowRequest(move);
    setLoading(true, isSlide(move));
    m_windowReader->read<WindowKeys>(
        m_name + QStringLiteral("/window"), this,
        [request](QSqlDatabase& db) { return WindowReader::read(db, request); },
        [this, move](const WindowKeys& keys) { showWindow(move, keys); });
}

// The rows are found; reading them whole by key takes milliseconds, here.
void TablePage::showWindow(KeysetWindow::Move move, const WindowKeys& keys)
{
    changeWindow(move, [this, move, &keys] { m_model->showWindow(move, keys); });
    setLoading(false);
    updateCurrentId();
    if (m_countWanted) {
        requestCount();
    }
    if (isSlide(move)) {
        // The user may have come near the new end while the rows were read.
        slideIfNearEnd(move == KeysetWindow::Move::Ahead ? 1 : -1);
    }
}

// A slide keeps the row on top and the current row where they are on screen, so scrolling
// goes on as if the window had no end. Selected rows that a slide leaves behind (scrolled away
// with the wheel or the scroll bar) stay selected, held here until a window has them again or
// the user selects something else, as in a list without windows; a reload keeps holding them.
void TablePage::changeWindow(KeysetWindow::Move move, const std::function<void()>& change)
{
    const auto idOf = [this](int row) {
        return idAt(row);
    };
    TableViewPlace place = TableViewPlace::of(m_view, idOf);
    place.addSelected(m_heldSelectedIds, m_heldCurrentId);
    const QList<qint64> wereHeld = std::exchange(m_heldSelectedIds, {});
    m_heldCurrentId = 0;
    m_reloading = true;
    change();
    if (keepsPlace(move)) {
        for (const qint64 id : place.restoreIn(m_view, idOf)) {
            if (isSlide(move) || wereHeld.contains(id)) {
                m_heldSelectedIds << id; // else gone: another program deleted or hid it
            }
        }
        if (m_heldSelectedIds.contains(place.currentRowId())) {
            m_heldCurrentId = place.currentRowId();
        }
    }
    m_reloading = false;
}

// Every way through the rows: the scroll bar (wheel, keys, dragging it), the current row, and
// the keys and wheel at the very top or bottom, where neither moves.
void TablePage::watchScrolling()
{
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        const int moved = value - std::exchange(m_lastScroll, value);
        slideIfNearEnd(moved > 0 ? 1 : moved < 0 ? -1 : 0);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current, const QModelIndex& previous) {
                if (current.isValid() && previous.isValid()) {
                    slideIfNearEnd(current.row() > previous.row() ? 1 : -1);
                }
            });
}

void TablePage::slideIfNearEnd(int direction)
{
    const int rows = m_model->rowCount();
    if (direction == 0 || m_loading || m_reloading || m_hasPendingMove || !isVisible() ||
        m_view->isEditing() || rows == 0 || m_view->verticalScrollBar()->maximum() == 0) {
        return; // nothing to scroll: Next and Previous do
    }
    const int margin = qMax(1, m_model->windowSize() / 5);
    if (direction > 0 && m_model->hasNextWindow()) {
        const int bottom = m_view->rowAt(m_view->viewport()->height() - 1);
        if (bottom < 0 || bottom >= rows - margin) {
            readWindow(KeysetWindow::Move::Ahead);
        }
    } else if (direction < 0 && m_model->hasPreviousWindow() && m_view->rowAt(0) < margin) {
        readWindow(KeysetWindow::Move::Behind);
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

// A slide reads quietly: the pager neither flickers its busy indicator nor its buttons.
void TablePage::setLoading(bool loading, bool quietly)
{
    const bool changed = m_loading != loading;
    m_loading = loading;
    m_sliding = loading && quietly;
    updatePagerButtons();
    if (changed) {
        emit loadingChanged(loading);
    }
}

bool TablePage::isCounting() const
{
    return m_countReader != nullptr &&
           (m_countReader->isBusy(m_name + QStringLiteral("/count")) ||
            m_countReader->isBusy(m_name + QStringLiteral("/rowNumber")));
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
            updateCount();
        });
    updateCount();
}

void TablePage::updateCount()
{
    m_pager->showPosition(*m_model);
    updatePagerButtons();
    sizeColumnsOnce();
    fitIdColumn();
}

void TablePage::updatePagerButtons()
{
    m_pager->setBusy((m_loading && !m_sliding) || isCounting());
    const bool readable = !m_model->lastError().isValid() && (!m_loading || m_sliding);
    m_pager->enableMoves(readable && m_model->hasPreviousWindow(),
                         readable && m_model->hasNextWindow());
}

// Measuring every row of every window took 100–300 ms a window: the columns are measured once,
// on the header and the first rows, and then keep their widths (the user's too) for good.
void TablePage::sizeColumnsOnce()
{
    if (m_columnsSized || m_model->lastError().isValid()) {
        return;
    }
    m_sizingColumns = true;
    // The horizontal header's precision bounds the rows sizeHintForColumn() measures (the
    // vertical one's bounds row heights): the default, 1000, measured the whole window.
    m_view->horizontalHeader()->setResizeContentsPrecision(SizingSampleRows);
    m_view->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        m_view->setColumnWidth(column, qMin(m_view->columnWidth(column), MaxColumnWidth));
    }
    m_sizingColumns = false;
    m_columnsSized = m_model->rowCount() > 0; // an empty table: again once rows come
}

// Ids grow longer further on (1 at the start, 765432 after Go to): the id column widens to the
// longest id shown, unless the user sized it. The digits are counted, not laid out.
void TablePage::fitIdColumn()
{
    const int column = m_model->fieldIndex(QStringLiteral("id"));
    if (!m_columnsSized || column < 0 || m_userSizedColumns.contains(column)) {
        return;
    }
    qint64 widest = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        widest = qMax(widest, qAbs(idAt(row)));
    }
    const QString digits(QString::number(widest).size(), QLatin1Char('8'));
    const int wanted = m_view->fontMetrics().horizontalAdvance(digits) + IdColumnPadding;
    if (m_view->columnWidth(column) < wanted) {
        m_sizingColumns = true;
        m_view->setColumnWidth(column, wanted);
        m_sizingColumns = false;
    }
}
