#include "RowTableView.h"

#include <QKeyEvent>

namespace {

bool isMovementKey(int key)
{
    switch (key) {
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Home:
    case Qt::Key_End:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        return true;
    default:
        return false;
    }
}

} // namespace

QItemSelectionModel::SelectionFlags RowTableView::selectionCommand(const QModelIndex& index,
                                                                   const QEvent* event) const
{
    if (event && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<const QKeyEvent*>(event);
        if (isMovementKey(key->key()) && key->modifiers().testFlag(Qt::ControlModifier) &&
            !key->modifiers().testFlag(Qt::ShiftModifier)) {
            return QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
        }
    }
    return QTableView::selectionCommand(index, event);
}
