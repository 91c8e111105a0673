// TablePage: "Go to" an id or a row number (the rest is in TablePage.cpp).
#include "TablePage.h"

#include <QLocale>

#include "models/browse/BlogTableModel.h"
#include "models/browse/WindowJump.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/RowTableView.h"
#include "views/browse/TablePager.h"

namespace {

const QString RowNumberSlot = QStringLiteral("/rowNumber");

} // namespace

void TablePage::focusGoTo()
{
    m_pager->focusGoTo();
}

// The window around the row, read on the window reader like any move (the next move makes it
// stale); the row's number follows on the count reader when the window was found by id.
void TablePage::goTo(const GoToTarget& target)
{
    if (!target.isValid()) {
        m_pager->showGoToMessage(target.error);
        return;
    }
    if (target.kind == GoToTarget::Kind::Id && BlogTables::keyColumns(m_table).size() != 1) {
        m_pager->showGoToMessage(tr("%1 have no single id: go to a row number.").arg(m_title));
        return;
    }
    m_pager->showGoToMessage(QString());
    m_hasPendingMove = false;
    cancelRowNumber();
    const WindowRequest order = m_model->windowRequest(KeysetWindow::Move::First);
    const QString table = m_model->tableName();
    const auto job = [order, table, target](QSqlDatabase& db) {
        return target.kind == GoToTarget::Kind::Id
                   ? WindowJump::aroundId(db, order, table, target.value)
                   : WindowJump::aroundRow(db, order, target.value);
    };
    if (m_windowReader == nullptr) {
        QSqlDatabase db = m_model->database();
        showAround(target, job(db));
        return;
    }
    setLoading(true);
    m_windowReader->read<WindowAround>(
        m_name + QStringLiteral("/window"), this, job,
        [this, target](const WindowAround& around) { showAround(target, around); });
}

void TablePage::showAround(const GoToTarget& target, const WindowAround& around)
{
    const QString number = QLocale().toString(target.value);
    switch (around.ok() ? around.outcome : WindowAround::Outcome::Found) {
    case WindowAround::Outcome::Found:
        break;
    case WindowAround::Outcome::Hidden:
        m_pager->showGoToMessage(tr("Id %1 is not shown: the filter hides it.").arg(number));
        setLoading(false);
        return;
    case WindowAround::Outcome::Missing:
        m_pager->showGoToMessage(tr("No row of %1 has id %2.").arg(m_title, number));
        setLoading(false);
        return;
    case WindowAround::Outcome::PastEnd:
        m_pager->showGoToMessage(tr("There is no row %1: fewer rows are shown.").arg(number));
        setLoading(false);
        return;
    }
    // A jump, like First: the place shown before is not kept.
    changeWindow(KeysetWindow::Move::First, [this, &around] { m_model->showAround(around); });
    setLoading(false);
    if (around.ok()) {
        const QModelIndex index =
            m_model->index(around.targetIndex, qMax(0, m_view->currentIndex().column()));
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
        m_view->setFocus(Qt::OtherFocusReason); // arrows go on from the row found
        if (around.rowsBefore < 0) {
            requestRowNumber(around.targetIndex);
        }
        updateCount();
    }
    updateCurrentId();
    if (m_countWanted) {
        requestCount();
    }
}

// Counting the rows before a row walks them all (an index range): on the count reader, so the
// window shows at once and its row numbers follow.
void TablePage::requestRowNumber(int index)
{
    const WindowRequest order = m_model->windowRequest(KeysetWindow::Move::First);
    const RowKey target = m_model->keyAt(index);
    const auto place = [this, index](const RowCount& count) {
        if (count.ok()) {
            m_model->placeRow(index, count.rows); // wherever the window has moved since
        }
        updateCount();
    };
    if (m_countReader == nullptr) {
        QSqlDatabase db = m_model->database();
        place(WindowJump::countBefore(db, order, target));
        return;
    }
    m_countReader->read<RowCount>(
        m_name + RowNumberSlot, this,
        [order, target](QSqlDatabase& db) { return WindowJump::countBefore(db, order, target); },
        place);
    updatePagerButtons();
}

void TablePage::cancelRowNumber()
{
    if (m_countReader != nullptr) {
        m_countReader->cancel(m_name + RowNumberSlot);
    }
}
