#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include "models/undo/RowSnapshot.h"
#include "models/undo/UndoScope.h"

// One undoable change: the rows it touched as they were before and after it. Capture both
// with the same keys (after: plus the keys of any row the change created).
struct UndoEntry
{
    QString description; // "Edit post 'Hello'", "Delete user 'alice'", ...
    RowSnapshot before;
    RowSnapshot after;
};

// Puts the captured rows of an UndoEntry back the way they were (undo) or were made (redo).
// Each runs in one transaction: it first checks that the rows are still exactly the other
// side (nobody changed them since), else changes nothing and says which row differs; then it
// writes only the rows that differ, keeping ids and values exactly, in foreign-key-safe order
// (inserts and updates parents first, a comment's parent_id set after every comment is in;
// deletes children first), and on PostgreSQL moves the id sequences past restored ids.
class UndoJournal
{
    Q_DECLARE_TR_FUNCTIONS(UndoJournal)

public:
    using Scope = UndoScope;

    explicit UndoJournal(QSqlDatabase db);

    // Makes the entry's rows match `before`; false with *error when refused or failed.
    bool undo(const UndoEntry& entry, QString* error);
    // Makes the entry's rows match `after`.
    bool redo(const UndoEntry& entry, QString* error);

private:
    bool restore(const RowSnapshot& expected, const RowSnapshot& target, const QString& action,
                 QString* error);
    bool begin(QString* error);
    // Commits when `ok`, else rolls back (*error already says why). True when committed.
    bool finish(bool ok, QString* error);
    QString conflict(const RowSnapshot& current, const RowSnapshot& expected,
                     const QString& action) const;
    bool write(const RowSnapshot& current, const RowSnapshot& target, QString* error);
    bool writeTable(const QString& table, const RowSnapshot::Table& current,
                    const RowSnapshot::Table& target, QString* error);
    bool setParents(const RowSnapshot::Table& current, const RowSnapshot::Table& target,
                    QString* error);
    bool deleteRows(const QString& table, const RowSnapshot::Table& current,
                    const RowSnapshot::Table& target, QString* error);
    bool advanceSequences(const QStringList& tables, QString* error);

    QSqlDatabase m_db;
};
