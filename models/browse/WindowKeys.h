#pragma once

#include "sql/SqlCondition.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include "models/read/BackgroundReader.h"

// One row's place in a window's order: the sort column's exact value and the row's primary
// key (one column, or several as in post_tags).
struct RowKey
{
    QVariant value; // unused when sorting by the key alone
    QVariantList key;
};

// What the worker needs to find a window's rows: plain values, safe to hand to another
// thread. The statement it runs selects ids only (and the sort value), walking an index where
// there is one; the model then reads those rows whole on the GUI thread, by id.
struct WindowRequest
{
    QString from;               // "posts" or "posts JOIN users sort_rel ON …" (escaped)
    QStringList keyExpressions; // {"posts.id"}
    QString sortExpression;     // empty when sorting by the key alone
    bool sortNullable = true;
    bool descending = false;
    SqlCondition condition; // the filter, on the base table's columns
    // The row the window starts after (exclusive), or none for the first/last window.
    bool hasAnchor = false;
    RowKey anchor;
    int limit = 500;
    QString exactSortExpression; // how the sort value is read exactly (timestamps as text)
    QString straightJoin;        // "STRAIGHT_JOIN " on MariaDB when the order follows the join
    // The sort value tells rows (or, with groupKey, groups) apart: no key tie-break, so that
    // the column's unique index gives the order by itself.
    bool sortUnique = false;
    // The NULLs' ORDER BY names the sort value before the key. PostgreSQL needs it to see that
    // the index on (sort, key) gives their key order (`k IS NULL` does not make k a constant
    // to its planner); MariaDB filesorts with it (and walks without); SQLite walks either way.
    bool nullsOrderedBySort = false;
    // A sort by a related table's unique column (posts by users.username): the rows with a
    // value are read as groups, one per related row (an author's posts), the groups walked by
    // the related table's index and each group's rows by (groupKey, key). Empty: one range.
    QString groupKey;   // the foreign key, "posts.user_id" (escaped)
    QString groupFrom;  // the related table first: "users sort_rel JOIN posts ON …"
    QString groupTable; // the table the keys are in, "posts" (escaped)
    // Under a condition that scans rows (SqlCondition::scansRows), how many rows of the order
    // the first statement reads at most (0: no probe); see WindowReader::read().
    int probeRows = 0;
};

// The rows found, in the request's order, and whether more follow.
struct WindowKeys : ReadResult
{
    QList<RowKey> rows;
    bool more = false;
};

struct RowCount : ReadResult
{
    qint64 rows = -1;
    bool exact = false;
};

// One statement a window read runs, with what it reads: "values" (the rows with a sort
// value, or all rows when sorting by key), "nulls" (those without), "group" (one group again).
struct WindowStatement
{
    QString reads;
    SqlCondition statement;
};

namespace WindowReader {

// Finds at most request.limit rows after the anchor (one more to know whether any follow).
// NULLs count as larger than every value, so the order reversed is the walk backwards; the
// rows with and without a value are read by two statements, each an index range. A walk by
// groups (WindowRequest::groupKey) reads the groups' rows in one statement, in group order,
// puts each group's rows in key order here and reads the last group again by its own index
// when the limit may have cut it: at most two statements per segment.
// Under a condition that scans rows (request.probeRows > 0), a segment not walked by groups is
// probed first: one statement finds where the next probeRows rows of the order end (an index
// walk), a second reads the matches up to there; only when they do not fill the window does a
// third read on from there. The bound keeps the first rows a walk of at most probeRows rows
// however a planner misjudges the condition (PostgreSQL took a common substring for a rare one
// and read the whole table), up to four statements per segment.
WindowKeys read(QSqlDatabase& db, const WindowRequest& request);

// The statements read() may run for `request`, in order, with their bound values, none run:
// one per segment from the anchor's on, then for a walk by groups the one that reads the
// group `group` again (from after the anchor when there is one), and for a probed segment first
// "probe end" and "probe" (up to `probeEnd`, a row the probe end statement found). For EXPLAIN
// in the tests and the benchmark's floor: exactly what the product runs.
QList<WindowStatement> statements(const WindowRequest& request, const QVariant& group = {},
                                  const RowKey& probeEnd = {});

// How many rows come after request.anchor in the request's order (all of them without an
// anchor): with the order reversed, the rows before it — a row's number. Walks an index range,
// so it takes as long as the rows it counts; a job for the counts reader.
RowCount countAfter(QSqlDatabase& db, const WindowRequest& request);

// COUNT(*) of the rows matching `condition` in table `table` (its plain name).
RowCount count(QSqlDatabase& db, const QString& table, const SqlCondition& condition);
// The statement count() runs.
SqlCondition countStatement(const QSqlDatabase& db, const QString& table,
                            const SqlCondition& condition);

// What the catalogue says about the table's size, at once: SQLite's largest id (ids are
// rarely far from the count), PostgreSQL's reltuples, MariaDB's TABLE_ROWS. Not exact.
RowCount estimate(QSqlDatabase& db, const QString& table);

} // namespace WindowReader
