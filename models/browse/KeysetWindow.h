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
        Ahead,  // slide on: the next rows join at the end, as many leave at the start
        Behind, // slide back: the rows before join at the start, as many leave at the end
    };

    // The order: the worker's sort expression (empty: by id alone), whether it can be NULL.
    void setOrder(const QString& sortExpression, bool sortNullable, bool descending);
    void reset(); // back to the first window
    // How many rows a window holds; a slide moves by half of it.
    void setWindowSize(int rows) { m_windowSize = qMax(1, rows); }
    int slideStep() const { return qMax(1, m_windowSize / 2); }

    // The request for `move`, filled in from `base` (table, condition, expressions, limit).
    WindowRequest request(Move move, const WindowRequest& base) const;
    // Takes the rows a request for `move` found (in the request's order); returns them in
    // the shown order (reversed for a backward read).
    QList<RowKey> settle(Move move, const WindowKeys& keys);
    // Shows `shown` (in the shown order), a window read around one row: `before` is the row
    // just before it (none at the start), `atEnd` whether no row follows, `fromStart` the rows
    // before it (-1 when not counted yet).
    QList<RowKey> settleAround(const QList<RowKey>& shown, const RowKey* before, bool atEnd,
                               qint64 fromStart);
    // The rows before row `index` of the window settleAround() showed were counted:
    // `rowsBefore`. Numbers the shown window, wherever it has moved since (unless numbered).
    void placeRow(int index, qint64 rowsBefore);
    const QList<RowKey>& shown() const { return m_shown; }

    bool hasPrevious() const { return !m_atStart; }
    bool hasNext() const { return !m_atEnd; }
    int rows() const { return m_rows; }
    // Rows before this window, given the total (-1 when unknown); -1 when it cannot be told.
    qint64 rowsBefore(qint64 total) const;
    bool sortsByKeyOnly() const { return m_sort.isEmpty(); }
    // Whether the rows before the window are known only from the end (the last window).
    bool countsFromEnd() const { return m_fromStart < 0 && m_fromEnd >= 0; }

private:
    bool readsBackward(Move move) const;
    void slide(Move move, const WindowKeys& keys);

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
    int m_windowSize = 500;
    QList<RowKey> m_shown; // in the shown order
    bool m_atStart = true;
    bool m_atEnd = true;
    qint64 m_fromStart = 0;      // rows before the window, -1 when unknown
    qint64 m_fromEnd = -1;       // rows after the window, -1 when unknown
    qint64 m_shiftSinceJump = 0; // rows the window moved on since settleAround()
};
