#pragma once

#include <QRegularExpression>
#include <QString>
#include <QStringList>

// Internal to DataImpact: what a migration statement is, read from its text — which tables it
// names, its top-level clauses, its WHERE condition. Knows nothing of the database.

namespace DataImpactStatements {

// A case-insensitive, dot-matches-everything expression in which NAME stands for a table or
// column name, bare or quoted in any dialect's way, optionally schema-qualified.
QRegularExpression statementPattern(const QString& pattern);

// The last part of a possibly qualified, possibly quoted name, without its quotes: the name
// the statement means, whatever schema it is in.
QString plainName(const QString& name);

// plainName() in lower case: the key tables are tracked by.
QString keyOf(const QString& name);

// Where `keyword` stands as a whole word outside quotes and parentheses, from `from` on; -1
// if nowhere. Finds the WHERE of an UPDATE whose SET holds a sub-select, for instance.
int findTopLevel(const QString& sql, const QString& keyword, int from = 0);

// The top-level comma-separated parts of `sql` (the clauses of an ALTER TABLE, the tables of
// a DROP TABLE).
QStringList splitTopLevel(const QString& sql);

// The first table a SELECT in `sql` reads from ("... SELECT a, b FROM t ..."), or "".
QString selectSource(const QString& sql);

// The condition of a WHERE at the top level of `sql` (without a MySQL ORDER BY / LIMIT or a
// PostgreSQL RETURNING after it), or "" when there is none.
QString whereCondition(const QString& sql);

// The number of top-level parenthesised rows after VALUES: "VALUES (1, 'a'), (2, 'b')" is 2.
qint64 valuesRowCount(const QString& sql);

} // namespace DataImpactStatements
