#pragma once

#include <QTableView>

// A table of rows in which the keyboard never separates the current row from the selection:
// every movement key selects the row it moves to, Ctrl held or not (plain QTableView moves
// only the focus frame on Ctrl+arrow, so the row an action would act on was not the row that
// looked selected). Shift still extends the selection; Ctrl+Space and Ctrl+click still toggle
// a row, for a selection of rows apart.
class RowTableView : public QTableView
{
    Q_OBJECT

public:
    using QTableView::QTableView;

    // Whether a cell editor is open (state() is protected in QAbstractItemView).
    bool isEditing() const { return state() == EditingState; }

protected:
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex& index,
                                                         const QEvent* event) const override;
};
