#pragma once

#include "sql/WriteTransaction.h"

#include <QSqlDatabase>
#include <QString>

#include "models/BlogTable.h"
#include "models/undo/RowSnapshot.h"

class UndoController;

// One change made in the window, made undoable: the rows it can touch are captured when its
// write transaction begins, captured again after, and the pair goes on the undo stack.
// Capturing at the write rather than when a dialog opens keeps what others changed while it
// was open: an undo takes back this change only. Each write captures again, so the last one
// (the save after a conflict, say) is what an undo goes back to; the writes before it in the
// same dialog (a tag created on the spot) touch none of the captured rows.
class UndoableChange
{
public:
    // The rows an edit of rows `ids` of `table` (profiles by user id) can touch
    // (UndoScope::keysFor); ids of 0 (a new row) add nothing.
    static RowKeys keysFor(QSqlDatabase db, BlogTable table, const QList<qint64>& ids);

    // Watches `db` for the write transactions of the change, while this lives.
    UndoableChange(UndoController* undo, QSqlDatabase db, const RowKeys& keys);
    UndoableChange(const UndoableChange&) = delete;
    UndoableChange& operator=(const UndoableChange&) = delete;

    // Captures again, with `moreKeys` (e.g. a newly created row's), and records the change
    // (nothing when no write transaction began).
    void record(const QString& description, const RowKeys& moreKeys = RowKeys());

private:
    void writeBegan();

    UndoController* m_undo;
    QSqlDatabase m_db;
    RowKeys m_keys;
    RowSnapshot m_before;
    bool m_captured = false;
    WriteTransactionWatch m_watch;
};
