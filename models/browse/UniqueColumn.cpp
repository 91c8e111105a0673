#include "UniqueColumn.h"

#include "sql/BoundQuery.h"
#include "sql/Dialect.h"

#include <QSqlQuery>

namespace {

// One row when there is such an index; the values are the table and the column.
QString statement(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return QStringLiteral(
            "SELECT 1 FROM pragma_index_list(?) l WHERE l.\"unique\" = 1 AND l.partial = 0 "
            "AND (SELECT COUNT(*) FROM pragma_index_info(l.name)) = 1 "
            "AND (SELECT name FROM pragma_index_info(l.name)) = ? COLLATE NOCASE");
    case SqlDialect::PostgreSQL:
        return QStringLiteral(
            "SELECT 1 FROM pg_index i JOIN pg_attribute a "
            "ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
            "WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnkeyatts = 1 "
            "AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = ?");
    case SqlDialect::MySQL:
        return QStringLiteral(
            "SELECT 1 FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = DATABASE() "
            "AND s.TABLE_NAME = ? AND s.COLUMN_NAME = ? AND s.NON_UNIQUE = 0 "
            "AND s.SEQ_IN_INDEX = 1 AND s.SUB_PART IS NULL AND NOT EXISTS ("
            "SELECT 1 FROM information_schema.STATISTICS o WHERE o.TABLE_SCHEMA = s.TABLE_SCHEMA "
            "AND o.TABLE_NAME = s.TABLE_NAME AND o.INDEX_NAME = s.INDEX_NAME "
            "AND o.SEQ_IN_INDEX = 2)");
    }
    return {};
}

} // namespace

namespace UniqueColumn {

bool isUnique(const QSqlDatabase& db, const QString& table, const QString& column)
{
    QSqlQuery query(db);
    return BoundQuery::exec(query, statement(Dialect::of(db).kind()), {table, column}) &&
           query.next();
}

} // namespace UniqueColumn
