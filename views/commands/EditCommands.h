#pragma once

#include <QObject>
#include <QSqlDatabase>

#include "models/BlogTable.h"

class QAction;
class QWidget;
class UndoController;

// Every change the window makes to the blog — create, edit, delete, reply, profile — made
// through its dialog and recorded for undo (Ctrl+Z / Ctrl+Shift+Z), each undo or redo one
// transaction. After any change that reached the database, changed() is emitted.
class EditCommands : public QObject
{
    Q_OBJECT

public:
    EditCommands(QSqlDatabase db, QWidget* window);

    QAction* undoAction() const;
    QAction* redoAction() const;

    // Row `id` of `table` in its dialog; id 0 creates a new row.
    void edit(BlogTable table, qint64 id);
    void reply(qint64 parentCommentId);
    void commentOn(qint64 postId);
    void editProfile(qint64 userId);
    // Says what goes with the rows (the seed's cascades, with counts) and deletes them all in
    // one transaction once the user agrees.
    void remove(BlogTable table, const QList<qint64>& ids);
    // A relation cell edited in place (a post's or comment's author).
    void changeRelation(BlogTable table, qint64 rowId, const QString& column,
                        const QVariant& value);
    // The same, guarded: `original` is the value the cell showed when the picker opened. When
    // someone else changed it meanwhile, the conflict dialog asks first (their value, yours,
    // and the one you started from); only "Overwrite with mine" writes then.
    void changeRelation(BlogTable table, qint64 rowId, const QString& column,
                        const QVariant& original, const QVariant& value);

signals:
    void changed();

private:
    // Runs `open` (a dialog; it returns the saved row's id, 0 when nothing was saved) with the
    // rows of `table` row `id` (0: a new row) captured before and after for undo.
    void runUndoably(BlogTable table, qint64 id, const QString& description,
                     const std::function<qint64()>& open);
    QString describe(BlogTable table, qint64 id) const;
    // False when the relation no longer holds `original` and the user did not choose to
    // overwrite it.
    bool mayOverwrite(BlogTable table, qint64 rowId, const QString& column,
                      const QVariant& original, const QVariant& value);

    QSqlDatabase m_db;
    QWidget* m_window;
    UndoController* m_undo;
};
