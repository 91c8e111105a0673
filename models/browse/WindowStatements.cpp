#include "WindowStatements.h"

namespace {

using WindowStatements::Segment;

QString direction(const WindowRequest& request)
{
    return request.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
}

// Rows whose key columns from `from` on come after `key`'s (`after`), or up to and including it
// (not `after`), compared in order.
SqlCondition keyBeyond(const WindowRequest& request, const QVariantList& key, int from, bool after)
{
    const bool last = from + 1 == request.keyExpressions.size();
    const bool less = after == request.descending;
    const QString op = (less ? QStringLiteral(" <") : QStringLiteral(" >")) +
                       (!after && last ? QStringLiteral("= ?") : QStringLiteral(" ?"));
    const QString& column = request.keyExpressions.at(from);
    const QVariant& value = key.value(from);
    SqlCondition condition{column + op, {value}};
    if (!last) {
        const SqlCondition rest = keyBeyond(request, key, from + 1, after);
        condition.sql =
            QStringLiteral("(%1 OR (%2 = ? AND (%3)))").arg(condition.sql, column, rest.sql);
        condition.values << value << rest.values;
    }
    return condition;
}

SqlCondition keyAfter(const WindowRequest& request, int from)
{
    return keyBeyond(request, request.anchor.key, from, true);
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

// The part of `segment` up to and including row `end`, as a bound condition.
SqlCondition segmentUpTo(const WindowRequest& request, Segment segment, const RowKey& end)
{
    const SqlCondition keys = keyBeyond(request, end.key, 0, false);
    if (request.sortExpression.isEmpty() || segment == Segment::Nulls) {
        return keys;
    }
    const QString atMost = request.descending ? QStringLiteral(">=") : QStringLiteral("<=");
    const QString before = request.descending ? QStringLiteral(">") : QStringLiteral("<");
    return SqlCondition{QStringLiteral("%1 %2 ? AND (%1 %3 ? OR %4)")
                            .arg(request.sortExpression, atMost, before, keys.sql),
                        QVariantList{end.value, end.value} + keys.values};
}

// A unique sort value orders alone: with the key as a tie-break PostgreSQL does not see that
// the column's unique index already gives the order, and sorts. The NULLs are ordered by key,
// and on request by the (NULL) sort value first, which changes nothing but what a planner
// sees (see WindowRequest::nullsOrderedBySort).
QString segmentOrder(const WindowRequest& request, Segment segment)
{
    const QString how = direction(request);
    const bool bySort = !request.sortExpression.isEmpty() &&
                        (segment == Segment::Values || request.nullsOrderedBySort);
    if (bySort && segment == Segment::Values && request.sortUnique) {
        return request.sortExpression + how;
    }
    QStringList terms;
    if (bySort) {
        terms << request.sortExpression + how;
    }
    for (const QString& key : request.keyExpressions) {
        terms << key + how;
    }
    return terms.join(QStringLiteral(", "));
}

QString selectStatement(const QString& columns, const QString& from, const SqlCondition& where,
                        const QString& order, int wanted, int offset = 0)
{
    QString statement = QStringLiteral("SELECT %1 FROM %2").arg(columns, from);
    if (!where.isEmpty()) {
        statement += QStringLiteral(" WHERE ") + where.sql;
    }
    statement += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(order).arg(wanted);
    return offset > 0 ? statement + QStringLiteral(" OFFSET %1").arg(offset) : statement;
}

// The key columns, then the exact sort value when there is one.
QStringList keyColumns(const WindowRequest& request)
{
    QStringList columns = request.keyExpressions;
    if (!request.sortExpression.isEmpty()) {
        columns << request.exactSortExpression;
    }
    return columns;
}

} // namespace

namespace WindowStatements {

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

bool walksGroups(const WindowRequest& request, Segment segment)
{
    return segment == Segment::Values && !request.groupKey.isEmpty() &&
           !request.sortExpression.isEmpty();
}

SqlCondition segment(const WindowRequest& request, Segment segment, bool fromAnchor, int wanted)
{
    const bool groups = walksGroups(request, segment);
    QStringList columns = keyColumns(request);
    if (groups) {
        columns << request.groupKey;
    }
    const SqlCondition where = request.condition && segmentCondition(request, segment, fromAnchor);
    return {selectStatement(request.straightJoin + columns.join(QStringLiteral(", ")),
                            groups ? request.groupFrom : request.from, where,
                            segmentOrder(request, segment), wanted),
            where.values};
}

bool probes(const WindowRequest& request, Segment segment)
{
    return request.probeRows > 0 && request.condition.scansRows && !walksGroups(request, segment);
}

SqlCondition probeEnd(const WindowRequest& request, Segment segment, bool fromAnchor)
{
    const SqlCondition where = segmentCondition(request, segment, fromAnchor);
    return {selectStatement(request.straightJoin + keyColumns(request).join(QStringLiteral(", ")),
                            request.from, where, segmentOrder(request, segment), 1,
                            request.probeRows - 1),
            where.values};
}

SqlCondition probe(const WindowRequest& request, Segment segment, bool fromAnchor,
                   const RowKey& end, int wanted)
{
    const SqlCondition where = request.condition &&
                               segmentCondition(request, segment, fromAnchor) &&
                               segmentUpTo(request, segment, end);
    return {selectStatement(request.straightJoin + keyColumns(request).join(QStringLiteral(", ")),
                            request.from, where, segmentOrder(request, segment), wanted),
            where.values};
}

SqlCondition group(const WindowRequest& request, const QVariant& group, bool afterAnchor,
                   int wanted)
{
    SqlCondition where =
        request.condition && SqlCondition{request.groupKey + QStringLiteral(" = ?"), {group}};
    if (afterAnchor) {
        where = where && keyAfter(request, 0);
    }
    QStringList order;
    for (const QString& key : request.keyExpressions) {
        order << key + direction(request);
    }
    return {selectStatement(request.keyExpressions.join(QStringLiteral(", ")), request.groupTable,
                            where, order.join(QStringLiteral(", ")), wanted),
            where.values};
}

SqlCondition count(const WindowRequest& request, Segment segment, bool fromAnchor)
{
    const SqlCondition where = request.condition && segmentCondition(request, segment, fromAnchor);
    QString statement =
        QStringLiteral("SELECT %1COUNT(*) FROM %2").arg(request.straightJoin, request.from);
    if (!where.isEmpty()) {
        statement += QStringLiteral(" WHERE ") + where.sql;
    }
    return {statement, where.values};
}

} // namespace WindowStatements
