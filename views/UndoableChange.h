#pragma once

#include <QSqlDatabase>
#include <QString>

#include "models/RowSnapshot.h"

class UndoController;

// One change made in the window, made undoable: the rows it can touch are captured before it
// runs, captured again after, and the pair goes on the undo stack.
class UndoableChange
{
public:
    // The rows an edit of rows `ids` of `table` ("users", "posts", ... or "profiles" by user
    // id) can touch; ids of 0 (a new row) add nothing.
    static RowKeys keysFor(QSqlDatabase db, const QString& table, const QList<qint64>& ids);

    // Captures `keys` now.
    UndoableChange(UndoController* undo, QSqlDatabase db, const RowKeys& keys);

    // Captures `keys` again as the state to go back to. Called at the start of each write
    // transaction (WriteTransactionWatch): what others changed while a dialog was open is then
    // part of "before", and an undo keeps it.
    void captureBefore();

    // Captures again, with `moreKeys` (e.g. a newly created row's), and records the change.
    void record(const QString& description, const RowKeys& moreKeys = RowKeys());

private:
    UndoController* m_undo;
    QSqlDatabase m_db;
    RowKeys m_keys;
    RowSnapshot m_before;
    bool m_captured = false;
};
