#pragma once

#include <QSqlDatabase>
#include <QString>

// Whether a column's values tell its rows apart, read from the live catalogue: a database
// from elsewhere may lack an index the guide's schema has.
namespace UniqueColumn {

// True when `table` has a unique index (or constraint) on `column` alone: not a prefix, not
// partial, not over an expression. False when it has none or the catalogue cannot be read.
bool isUnique(const QSqlDatabase& db, const QString& table, const QString& column);

} // namespace UniqueColumn
