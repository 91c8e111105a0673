#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include "models/undo/UndoJournal.h"

class QAction;
class QUndoStack;

// The window's undo history: each recorded change (an UndoEntry) is one command on a
// QUndoStack. Undo and redo run through UndoJournal, one transaction each; only when that
// succeeded does the stack move, so a refused or failed step leaves the position unchanged
// and says why through failed(). The actions ("actionUndo": Ctrl+Z, "actionRedo":
// Ctrl+Shift+Z and the platform's redo keys) name the step: "Undo Delete user 'alice'".
class UndoController : public QObject
{
    Q_OBJECT

public:
    explicit UndoController(QSqlDatabase db, QObject* parent = nullptr);
    ~UndoController() override;

    // A change made in this window: `before` and `after` captured with the same keys (after:
    // plus those of new rows). Drops anything that could be redone.
    void record(const QString& description, const RowSnapshot& before, const RowSnapshot& after);
    void record(const UndoEntry& entry);

    QAction* undoAction() const { return m_undoAction; }
    QAction* redoAction() const { return m_redoAction; }
    QUndoStack* stack() const { return m_stack; }

    bool canUndo() const;
    bool canRedo() const;
    // Forgets every step (e.g. when another database is opened).
    void clear();

public slots:
    bool undo();
    bool redo();

signals:
    // A step was refused or failed; the message says why. Nothing changed.
    void failed(const QString& message);
    // A step changed the database: reload what is shown.
    void databaseChanged();

private:
    const UndoEntry* entryAt(int index) const;
    void updateActions();

    UndoJournal m_journal;
    QUndoStack* m_stack;
    QAction* m_undoAction;
    QAction* m_redoAction;
};
