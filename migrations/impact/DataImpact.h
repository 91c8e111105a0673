#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "migrations/engine/MigrationHistory.h"
#include "migrations/impact/UnknownObjects.h"

// One thing a migration plan does to the rows that are in the database now, for the dialog
// that asks before migrating.
struct DataImpactItem
{
    QString revision;
    QString
        description; // one translated sentence, e.g. "drops table profiles: 120 rows will be lost"
    qint64 rows = 0; // rows (or non-NULL values) affected; 0 when they cannot be counted
    bool destructive = false; // data will be lost: the UI asks a second time
    bool rebuild = false;     // a table is copied out, dropped and made again
};

// Everything a plan does to what is in the database now.
struct DataImpactReport
{
    QList<DataImpactItem> items;
    // On the tables the plan rebuilds or drops: what BlogDesk's history does not know, which
    // the plan would take along unless "keep" carries it through (see UnknownObjectsFinder.h).
    QList<UnknownObject> unknownObjects;
    QList<TableCarry> carries; // what "keep" runs, per revision and table (SQLite)

    // Some item loses data.
    bool destructive() const;
    // Worth a backup first: some item loses data or rebuilds a table, or unknown objects are
    // in the way.
    bool losesOrRebuilds() const;
};

namespace DataImpact {

// What moving from the database's current revision `fromIndex` to `toIndex` (-1 = base) along
// `history` does to the data now in `db`, statement by statement in the order they would run,
// for the connection's dialect. Counts with COUNT(*) queries (may be slow on big tables: the
// caller runs this on a worker thread). Nothing is changed: the plan is followed on a model
// of the tables (which exist, how many rows, whose rows they hold), so a table that a
// revision rebuilds (copies out, drops, creates again, copies back) is not reported as lost.
//  - DROP TABLE t: destructive with t's row count, unless t is empty, does not exist yet, was
//    created earlier in the plan, or its rows were copied out earlier in the same revision
//    (CREATE TABLE x AS SELECT ... FROM t / INSERT INTO x ... SELECT ... FROM t) -> then
//    "rebuilds table t (N rows copied)", not destructive. TRUNCATE t is like DROP TABLE t.
//  - ALTER TABLE t DROP [COLUMN] c: destructive with the count of non-NULL c values.
//  - DELETE FROM t [WHERE w]: destructive with COUNT(*) FROM t [WHERE w].
//  - UPDATE t SET ... [WHERE w]: "changes N rows of t", not destructive.
//  - "@step NAME": what the data step does, with a count where one is cheap.
//  - anything else: no item.
// Statements that would touch no row give no item. A count the database refuses (a condition
// on a column the plan adds first) gives an item with rows 0 that says so. Conditions are counted
// against today's rows, before the plan's earlier statements changed them.
bool assess(QSqlDatabase db, const MigrationHistory& history, int fromIndex, int toIndex,
            QList<DataImpactItem>* items, QString* error);

// The same items, and the unknown objects on the tables the plan rebuilds or drops. Reads the
// live schema and builds every revision's expected schema when some table is rebuilt or
// dropped.
bool assess(QSqlDatabase db, const MigrationHistory& history, int fromIndex, int toIndex,
            DataImpactReport* report, QString* error);

} // namespace DataImpact
