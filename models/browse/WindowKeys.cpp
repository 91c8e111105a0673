#include "WindowKeys.h"

#include "sql/Dialect.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace {

// The rows with a sort value and those without (NULL) are read as two ranges; NULLs count as
// the largest values, so going up they come last and going down first.
enum class Segment
{
    Values,
    Nulls,
};

QList<Segment> segmentsInOrder(const WindowRequest& request)
{
    if (request.sortExpression.isEmpty() || !request.sortNullable) {
        return {Segment::Values};
    }
    return request.descending ? QList<Segment>{Segment::Nulls, Segment::Values}
                              : QList<Segment>{Segment::Values, Segment::Nulls};
}

Segment segmentOf(const WindowRequest& request, const RowKey& key)
{
    return !request.sortExpression.isEmpty() && request.sortNullable && key.value.isNull()
               ? Segment::Nulls
               : Segment::Values;
}

// Rows whose key columns from `from` on come after the anchor's, compared in order.
SqlCondition keyAfter(const WindowRequest& request, int from)
{
    const QString after = request.descending ? QStringLiteral(" < ?") : QStringLiteral(" > ?");
    const QString& column = request.keyExpressions.at(from);
    const QVariant& value = request.anchor.key.value(from);
    SqlCondition condition{column + after, {value}};
    if (from + 1 < request.keyExpressions.size()) {
        const SqlCondition rest = keyAfter(request, from + 1);
        condition.sql =
            QStringLiteral("(%1 OR (%2 = ? AND (%3)))").arg(condition.sql, column, rest.sql);
        condition.values << value << rest.values;
    }
    return condition;
}

// The part of `segment` after the anchor (or all of it), as a bound condition.
SqlCondition segmentCondition(const WindowRequest& request, Segment segment, bool fromAnchor)
{
    const QString& sort = request.sortExpression;
    if (sort.isEmpty()) {
        return fromAnchor ? keyAfter(request, 0) : SqlCondition();
    }
    if (segment == Segment::Nulls) {
        const SqlCondition isNull{sort + QStringLiteral(" IS NULL"), {}};
        return fromAnchor ? isNull && keyAfter(request, 0) : isNull;
    }
    if (!fromAnchor) {
        return request.sortNullable ? SqlCondition{sort + QStringLiteral(" IS NOT NULL"), {}}
                                    : SqlCondition();
    }
    // `k >= a AND (k > a OR id > i)`: the first term is an index range on every back end;
    // `k > a OR (k = a AND id > i)` made SQLite scan from the start on every window.
    const QString atLeast = request.descending ? QStringLiteral("<=") : QStringLiteral(">=");
    const QString after = request.descending ? QStringLiteral("<") : QStringLiteral(">");
    const QVariant& value = request.anchor.value;
    const SqlCondition keys = keyAfter(request, 0);
    return SqlCondition{
        QStringLiteral("%1 %2 ? AND (%1 %3 ? OR %4)").arg(sort, atLeast, after, keys.sql),
        QVariantList{value, value} + keys.values};
}

QString segmentOrder(const WindowRequest& request, Segment segment)
{
    const QString direction = request.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList terms;
    if (segment == Segment::Values && !request.sortExpression.isEmpty()) {
        terms << request.sortExpression + direction;
    }
    for (const QString& key : request.keyExpressions) {
        terms << key + direction;
    }
    return terms.join(QStringLiteral(", "));
}

// Appends up to `wanted` rows of one segment to `keys`; false when the statement failed.
bool readSegment(QSqlDatabase& db, const WindowRequest& request, Segment segment, bool fromAnchor,
                 int wanted, WindowKeys* keys)
{
    const SqlCondition where = request.condition && segmentCondition(request, segment, fromAnchor);
    const bool withValue = !request.sortExpression.isEmpty();
    QString statement =
        QStringLiteral("SELECT %1%2")
            .arg(request.straightJoin, request.keyExpressions.join(QStringLiteral(", ")));
    if (withValue) {
        statement += QStringLiteral(", ") + request.exactSortExpression;
    }
    statement += QStringLiteral(" FROM ") + request.from;
    if (!where.isEmpty()) {
        statement += QStringLiteral(" WHERE ") + where.sql;
    }
    statement +=
        QStringLiteral(" ORDER BY %1 LIMIT %2").arg(segmentOrder(request, segment)).arg(wanted);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        keys->fail(query);
        return false;
    }
    for (const QVariant& value : where.values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        keys->fail(query);
        return false;
    }
    const int keyCount = int(request.keyExpressions.size());
    while (query.next()) {
        RowKey row;
        for (int i = 0; i < keyCount; ++i) {
            row.key << query.value(i);
        }
        if (withValue) {
            row.value = query.value(keyCount);
        }
        keys->rows.append(row);
    }
    return true;
}

} // namespace

namespace WindowReader {

WindowKeys read(QSqlDatabase& db, const WindowRequest& request)
{
    WindowKeys keys;
    const int wanted = request.limit + 1; // one more says whether another window follows
    const QList<Segment> segments = segmentsInOrder(request);
    const int start =
        request.hasAnchor ? qMax(0, int(segments.indexOf(segmentOf(request, request.anchor)))) : 0;
    for (int i = start; i < segments.size() && keys.rows.size() < wanted; ++i) {
        const bool fromAnchor = request.hasAnchor && i == start;
        if (!readSegment(db, request, segments.at(i), fromAnchor, wanted - int(keys.rows.size()),
                         &keys)) {
            keys.rows.clear();
            return keys;
        }
    }
    keys.more = keys.rows.size() > request.limit;
    if (keys.more) {
        keys.rows.removeLast();
    }
    return keys;
}

RowCount countAfter(QSqlDatabase& db, const WindowRequest& request)
{
    RowCount result;
    result.rows = 0;
    const QList<Segment> segments = segmentsInOrder(request);
    const int start =
        request.hasAnchor ? qMax(0, int(segments.indexOf(segmentOf(request, request.anchor)))) : 0;
    for (int i = start; i < segments.size(); ++i) {
        const SqlCondition where =
            request.condition &&
            segmentCondition(request, segments.at(i), request.hasAnchor && i == start);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        QString statement =
            QStringLiteral("SELECT %1COUNT(*) FROM %2").arg(request.straightJoin, request.from);
        if (!where.isEmpty()) {
            statement += QStringLiteral(" WHERE ") + where.sql;
        }
        if (!query.prepare(statement)) {
            result.fail(query);
            return result;
        }
        for (const QVariant& value : where.values) {
            query.addBindValue(value);
        }
        if (!query.exec() || !query.next()) {
            result.fail(query);
            return result;
        }
        result.rows += query.value(0).toLongLong();
    }
    result.exact = true;
    return result;
}

RowCount count(QSqlDatabase& db, const QString& table, const SqlCondition& condition)
{
    RowCount result;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString escaped = db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
    const QString where =
        condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition.sql;
    if (!query.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(escaped, where))) {
        result.fail(query);
        return result;
    }
    for (const QVariant& value : condition.values) {
        query.addBindValue(value);
    }
    if (!query.exec() || !query.next()) {
        result.fail(query);
        return result;
    }
    result.rows = query.value(0).toLongLong();
    result.exact = true;
    return result;
}

RowCount estimate(QSqlDatabase& db, const QString& table)
{
    RowCount result;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        query.prepare(QStringLiteral("SELECT max(id) FROM %1")
                          .arg(db.driver()->escapeIdentifier(table, QSqlDriver::TableName)));
        break;
    case SqlDialect::PostgreSQL:
        // -1 until the table was first analysed (PostgreSQL 14 on): no estimate then.
        query.prepare(QStringLiteral("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)"));
        query.addBindValue(table);
        break;
    case SqlDialect::MySQL:
        query.prepare(QStringLiteral("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE "
                                     "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"));
        query.addBindValue(table);
        break;
    }
    if (!query.exec() || !query.next()) {
        result.fail(query);
        return result;
    }
    const QVariant value = query.value(0);
    result.rows = value.isNull() ? 0 : qMax(qint64(-1), qint64(value.toDouble()));
    return result;
}

} // namespace WindowReader
