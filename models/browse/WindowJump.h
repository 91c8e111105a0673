#pragma once

#include "models/browse/WindowKeys.h"

// A window read around one row: the row a person asked for by id or by row number, with the
// rows before and after it in the shown order (about half a window each side).
struct WindowAround : ReadResult
{
    enum class Outcome
    {
        Found,
        Hidden,  // the row exists but the filter leaves it out
        Missing, // no row has that id
        PastEnd, // fewer rows match than the row number asked for
    };

    Outcome outcome = Outcome::Missing;
    QList<RowKey> rows; // in the shown order
    int targetIndex = -1;
    bool hasBefore = false; // whether a row comes before the window: `before`
    RowKey before;
    bool atEnd = true;
    qint64 rowsBefore = -1; // rows before the window; -1 until counted (countBefore)
};

// The reads behind "Go to": on a worker, every value bound. `order` is the page's request for
// its first window (table, condition, sort, window size).
namespace WindowJump {

// The window around the row whose (single-column) primary key is `id`: one statement finds
// its sort value, two keyset reads the rows either side. The row number is not counted here.
WindowAround aroundId(QSqlDatabase& db, const WindowRequest& order, const QString& table,
                      qint64 id);

// The window around row `row` (from 1) of the order. It is found by OFFSET, which walks the
// rows before it: at row 500,000 of a million that is half an index scan (the only read here
// whose cost grows with the number).
WindowAround aroundRow(QSqlDatabase& db, const WindowRequest& order, qint64 row);

// How many rows of the order come before `target`: its row number minus one.
RowCount countBefore(QSqlDatabase& db, const WindowRequest& order, const RowKey& target);

} // namespace WindowJump
