#pragma once

#include "sql/SqlDialect.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

// How a database will run one statement, read from its own plan (SQLite's EXPLAIN QUERY
// PLAN, PostgreSQL's EXPLAIN (FORMAT JSON), MySQL's EXPLAIN FORMAT=JSON) and reduced to what
// matters for a view that must stay instant: which indexes it reads, which tables it reads
// whole, and whether it sorts. Tables are named as the statement names them (the alias when
// there is one). The parsers take any bytes: what they cannot read is an error, never a crash.
struct QueryPlan
{
    QStringList indexes;       // by name; a table's own key is "PRIMARY KEY" on SQLite
    QStringList scannedTables; // read whole, without an index (SQLite: also to build one)
    bool sorts = false;        // rows sorted after reading: temp b-tree, Sort, filesort
    // Sorted only within runs that an index already delivers in order (PostgreSQL's
    // Incremental Sort, SQLite's temp b-tree for the right part of ORDER BY).
    bool sortsWithinRuns = false;
    QString text; // the plan as the database gave it, for messages

    bool uses(const QString& index) const;
    bool scans(const QString& table) const;
    // "indexes: a, b; scans: c; sorts" — one line for a test's message.
    QString summary() const;

    // The plan of `sql` with `values` bound to its '?' placeholders. The servers' drivers
    // cannot prepare an EXPLAIN (PostgreSQL's PREPARE refuses it; QMYSQL returns no plan), so
    // there the values are written in by the driver's own formatValue.
    static bool explain(QSqlDatabase db, const QString& sql, const QVariantList& values,
                        QueryPlan* plan, QString* error);

    // One parser per back end. SQLite: the detail column of EXPLAIN QUERY PLAN, row by row.
    static bool fromSqlite(const QStringList& details, QueryPlan* plan, QString* error);
    static bool fromPostgresJson(const QByteArray& json, QueryPlan* plan, QString* error);
    static bool fromMysqlJson(const QByteArray& json, QueryPlan* plan, QString* error);
    static bool parse(SqlDialect dialect, const QByteArray& output, QueryPlan* plan,
                      QString* error); // SQLite: one detail per line

    Q_DECLARE_TR_FUNCTIONS(QueryPlan) // last: it ends in "private:"
};
