#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "migrations/engine/MigrationHistory.h"
#include "migrations/impact/UnknownObjects.h"

// Internal to DataImpact: what BlogDesk's history does not know on the tables a plan
// destroys, and how "keep" carries it through.

// A table of today's database that a revision of the plan drops.
struct DestroyedTable
{
    QString revision;
    int leftIndex = -1;   // the revision the database is at when this one runs; -1 = base
    QString table;        // its name in the database today
    bool rebuilt = false; // the revision makes a table of that name again
};

namespace UnknownObjectsFinder {

// Compares each destroyed table as it is now with what BlogDesk's history says it is, both at
// `fromIndex` (where the plan starts) and at the revision being left: a column, index (by
// columns and uniqueness) or trigger that neither knows is unknown, and so is a table that
// neither has. Counts the rows that hold values; on SQLite reads the stored SQL that "keep"
// needs. One object per thing, with the first revision that destroys it; it cannot be kept
// when any revision of the plan drops its table for good, off SQLite, or (a column) when its
// table has no primary key to match rows by. *carries = what "keep" runs, per rebuilt table.
bool find(QSqlDatabase db, const MigrationHistory& history, int fromIndex,
          const QList<DestroyedTable>& destroyed, QList<UnknownObject>* objects,
          QList<TableCarry>* carries, QString* error);

} // namespace UnknownObjectsFinder
