#pragma once

#include "models/browse/WindowKeys.h"

// Where the shown window of rows stands in the whole ordered result, and which rows the next
// move reads. Windows are found by key, never by OFFSET: the next one starts after the last
// row of this one (its sort value, then its id), the previous one before its first row (the
// order reversed), the last one from the end — so the millionth window costs what the first
// does. Which row numbers a window holds is known counting from the start or from the end,
// whichever way the user came; the other follows from the total once it is counted.
class KeysetWindow
{
public:
    enum class Move
    {
        Reload, // the same window, as the database holds it now
        First,
        Next,
        Previous,
        Last,
    };

    // The order: the worker's sort expression (empty: by id alone), whether it can be NULL.
    void setOrder(const QString& sortExpression, bool sortNullable, bool descending);
    void reset(); // back to the first window

    // The request for `move`, filled in from `base` (table, condition, expressions, limit).
    WindowRequest request(Move move, const WindowRequest& base) const;
    // Takes the rows a request for `move` found (in the request's order); returns them in
    // the shown order (reversed for a backward read).
    QList<RowKey> settle(Move move, const WindowKeys& keys);

    bool hasPrevious() const { return !m_atStart; }
    bool hasNext() const { return !m_atEnd; }
    int rows() const { return m_rows; }
    // Rows before this window, given the total (-1 when unknown); -1 when it cannot be told.
    qint64 rowsBefore(qint64 total) const;
    bool sortsByKeyOnly() const { return m_sort.isEmpty(); }

private:
    bool readsBackward(Move move) const;

    QString m_sort;
    bool m_sortNullable = true;
    bool m_descending = false;
    // How the shown window was read, so that Reload reads it the same way.
    bool m_backward = false;
    bool m_hasAnchor = false;
    RowKey m_anchor;
    RowKey m_first;
    RowKey m_last;
    int m_rows = 0;
    bool m_atStart = true;
    bool m_atEnd = true;
    qint64 m_fromStart = 0; // rows before the window, -1 when unknown
    qint64 m_fromEnd = -1;  // rows after the window, -1 when unknown
};
