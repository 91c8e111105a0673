#include "UndoController.h"

#include <QAction>
#include <QKeySequence>
#include <QUndoStack>

#include "views/commands/UndoEntryCommand.h"

UndoController::UndoController(QSqlDatabase db, QObject* parent)
    : QObject(parent), m_journal(db), m_stack(new QUndoStack(this)),
      m_undoAction(new QAction(tr("Undo"), this)), m_redoAction(new QAction(tr("Redo"), this))
{
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Redo)) {
        if (!redoKeys.contains(key)) {
            redoKeys << key;
        }
    }
    m_redoAction->setShortcuts(redoKeys);
    connect(m_undoAction, &QAction::triggered, this, &UndoController::undo);
    connect(m_redoAction, &QAction::triggered, this, &UndoController::redo);
    connect(m_stack, &QUndoStack::indexChanged, this, &UndoController::updateActions);
    updateActions();
}

UndoController::~UndoController() = default;

void UndoController::record(const QString& description, const RowSnapshot& before,
                            const RowSnapshot& after)
{
    record(UndoEntry{description, before, after});
}

void UndoController::record(const UndoEntry& entry)
{
    m_stack->push(new UndoEntryCommand(entry)); // the stack owns it
    updateActions();
}

bool UndoController::canUndo() const
{
    return m_stack->canUndo();
}

bool UndoController::canRedo() const
{
    return m_stack->canRedo();
}

void UndoController::clear()
{
    m_stack->clear();
    updateActions();
}

const UndoEntry* UndoController::entryAt(int index) const
{
    const auto* command = dynamic_cast<const UndoEntryCommand*>(m_stack->command(index));
    return command ? &command->entry() : nullptr;
}

bool UndoController::undo()
{
    const UndoEntry* entry = canUndo() ? entryAt(m_stack->index() - 1) : nullptr;
    if (!entry) {
        return false;
    }
    QString error;
    if (!m_journal.undo(*entry, &error)) {
        emit failed(tr("Could not undo \"%1\": %2").arg(entry->description, error));
        return false;
    }
    m_stack->undo();
    emit databaseChanged();
    return true;
}

bool UndoController::redo()
{
    const UndoEntry* entry = canRedo() ? entryAt(m_stack->index()) : nullptr;
    if (!entry) {
        return false;
    }
    QString error;
    if (!m_journal.redo(*entry, &error)) {
        emit failed(tr("Could not redo \"%1\": %2").arg(entry->description, error));
        return false;
    }
    m_stack->redo();
    emit databaseChanged();
    return true;
}

void UndoController::updateActions()
{
    m_undoAction->setEnabled(m_stack->canUndo());
    m_redoAction->setEnabled(m_stack->canRedo());
    m_undoAction->setText(m_stack->canUndo() ? tr("Undo %1").arg(m_stack->undoText()) : tr("Undo"));
    m_redoAction->setText(m_stack->canRedo() ? tr("Redo %1").arg(m_stack->redoText()) : tr("Redo"));
}
