#include "TableViewPlace.h"

#include <QHash>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTableView>

TableViewPlace TableViewPlace::of(const QTableView* view, const IdOfRow& idOf)
{
    TableViewPlace place;
    for (const QModelIndex& index : view->selectionModel()->selectedRows()) {
        place.m_selectedIds << idOf(index.row());
    }
    const QModelIndex current = view->currentIndex();
    place.m_currentRowId = idOf(current.row());
    place.m_currentColumn = qMax(current.column(), 0);
    place.m_topRowId = idOf(view->rowAt(0));
    place.m_horizontalScroll = view->horizontalScrollBar()->value();
    return place;
}

void TableViewPlace::addSelected(const QList<qint64>& ids, qint64 currentId)
{
    const bool currentSelected = m_selectedIds.contains(m_currentRowId);
    for (const qint64 id : ids) {
        if (!m_selectedIds.contains(id)) {
            m_selectedIds << id;
        }
    }
    if (currentId != 0 && !currentSelected) {
        m_currentRowId = currentId;
    }
}

QList<qint64> TableViewPlace::restoreIn(QTableView* view, const IdOfRow& idOf) const
{
    const QAbstractItemModel* model = view->model();
    QHash<qint64, int> rowOfId;
    for (int row = 0; row < model->rowCount(); ++row) {
        rowOfId.insert(idOf(row), row);
    }
    const int lastColumn = model->columnCount() - 1;
    QItemSelection selection;
    QList<qint64> missing;
    for (qint64 id : m_selectedIds) {
        const int row = rowOfId.value(id, -1);
        if (row >= 0) {
            selection.select(model->index(row, 0), model->index(row, lastColumn));
        } else {
            missing << id;
        }
    }
    QItemSelectionModel* selectionModel = view->selectionModel();
    selectionModel->select(selection, QItemSelectionModel::ClearAndSelect);
    const int currentRow = rowOfId.value(m_currentRowId, -1);
    if (currentRow >= 0) {
        selectionModel->setCurrentIndex(model->index(currentRow, m_currentColumn),
                                        QItemSelectionModel::NoUpdate);
    }
    view->doItemsLayout(); // the scroll ranges follow the new rows now, not at the next paint
    const int topRow = rowOfId.value(m_topRowId, -1);
    if (topRow >= 0) {
        view->scrollTo(model->index(topRow, 0), QAbstractItemView::PositionAtTop);
    }
    view->horizontalScrollBar()->setValue(m_horizontalScroll);
    return missing;
}
