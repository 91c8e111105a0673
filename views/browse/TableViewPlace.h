#pragma once

#include <QList>

#include <functional>

class QTableView;

// Where a person is in a table of rows, held by row id rather than by row number: the
// selected rows, the current cell, the row at the top and the sideways scroll. Taken before
// a reload and restored after it, it survives rows that another program added or removed
// before them; rows that are gone simply drop out of the selection.
class TableViewPlace
{
public:
    using IdOfRow = std::function<qint64(int row)>; // 0 for no row (-1)

    static TableViewPlace of(const QTableView* view, const IdOfRow& idOf);
    // Counts rows `ids` as selected too (rows out of the view's model); `currentId` becomes the
    // current row when the view's own current row is not selected.
    void addSelected(const QList<qint64>& ids, qint64 currentId);
    // Restores the place; returns the selected ids the view's rows no longer have.
    QList<qint64> restoreIn(QTableView* view, const IdOfRow& idOf) const;
    qint64 currentRowId() const { return m_currentRowId; }

private:
    QList<qint64> m_selectedIds;
    qint64 m_currentRowId = 0;
    int m_currentColumn = 0;
    qint64 m_topRowId = 0;
    int m_horizontalScroll = 0;
};
