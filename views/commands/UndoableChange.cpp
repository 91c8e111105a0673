#include "UndoableChange.h"

#include "models/undo/UndoScope.h"
#include "views/commands/UndoController.h"

RowKeys UndoableChange::keysFor(QSqlDatabase db, BlogTable table, const QList<qint64>& ids)
{
    QList<qint64> rows;
    for (const qint64 id : ids) {
        if (id > 0) {
            rows << id;
        }
    }
    if (rows.isEmpty()) {
        return {};
    }
    QString error; // a failed look-up captures less: undo then refuses rather than guesses
    return UndoScope::keysFor(db, table, rows, &error);
}

UndoableChange::UndoableChange(UndoController* undo, QSqlDatabase db, const RowKeys& keys)
    : m_undo(undo), m_db(db), m_keys(keys), m_watch(db, [this] { writeBegan(); })
{}

// Inside the transaction: on SQLite it holds the write lock, on the servers the write's own
// guard refuses a row changed after this read.
void UndoableChange::writeBegan()
{
    QString error;
    m_before = RowSnapshot::capture(m_db, m_keys, &error);
    m_captured = error.isEmpty();
}

void UndoableChange::record(const QString& description, const RowKeys& moreKeys)
{
    // Without a faithful "before" an undo could not put things back: better no undo step.
    if (!m_captured) {
        return;
    }
    QString error;
    const RowSnapshot after = RowSnapshot::capture(m_db, m_keys.united(moreKeys), &error);
    if (error.isEmpty()) {
        m_undo->record(description, m_before, after);
    }
}
