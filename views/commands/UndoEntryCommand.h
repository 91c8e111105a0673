#pragma once

#include <QUndoCommand>

#include "models/undo/UndoJournal.h"

// A step on UndoController's stack: it only holds the entry. The controller does the database
// work before it moves the stack, so the command's own undo() and redo() have nothing left to
// do.
class UndoEntryCommand : public QUndoCommand
{
public:
    explicit UndoEntryCommand(const UndoEntry& entry) : m_entry(entry)
    {
        setText(entry.description);
    }

    void undo() override {}
    void redo() override {}

    const UndoEntry& entry() const { return m_entry; }

private:
    UndoEntry m_entry;
};
