#include "WindowJump.h"

#include "sql/BoundQuery.h"
#include "sql/Dialect.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <algorithm>

namespace {

// The key columns and the exact sort value, as the window reads them.
QString keyColumns(const WindowRequest& order)
{
    QString columns = order.keyExpressions.join(QStringLiteral(", "));
    if (!order.sortExpression.isEmpty()) {
        columns += QStringLiteral(", ") + order.exactSortExpression;
    }
    return columns;
}

RowKey rowKeyOf(const QSqlQuery& query, const WindowRequest& order)
{
    RowKey key;
    const int keyCount = int(order.keyExpressions.size());
    for (int i = 0; i < keyCount; ++i) {
        key.key << query.value(i);
    }
    if (!order.sortExpression.isEmpty()) {
        key.value = query.value(keyCount);
    }
    return key;
}

// Runs `statement` with `values` bound; true with `query` on its first row, false (and
// `result` failed when the statement did) when there is none.
bool firstRow(QSqlQuery& query, const QString& statement, const QVariantList& values,
              ReadResult* result)
{
    if (!BoundQuery::exec(query, statement, values)) {
        result->fail(query);
        return false;
    }
    return query.next();
}

// Whether `table` has a row with id `id`, filter or not.
bool idExists(QSqlDatabase& db, const QString& table, qint64 id, ReadResult* result)
{
    QSqlQuery query(db);
    const QString escaped = db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
    return firstRow(query, QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(escaped), {id},
                    result);
}

// Reads the rows either side of `target` and puts it between them.
void readAround(QSqlDatabase& db, const WindowRequest& order, const RowKey& target,
                WindowAround* around)
{
    const int half = order.limit / 2;
    WindowRequest backward = order;
    backward.descending = !order.descending;
    backward.hasAnchor = true;
    backward.anchor = target;
    backward.limit = half + 1; // one more: the row just before the window, for reloading it
    WindowKeys before = WindowReader::read(db, backward);
    if (!before.ok()) {
        around->error = before.error;
        around->interrupted = before.interrupted;
        return;
    }
    around->hasBefore = before.rows.size() > half;
    if (around->hasBefore) {
        around->before = before.rows.takeLast();
    }
    WindowRequest forward = order;
    forward.hasAnchor = true;
    forward.anchor = target;
    forward.limit = qMax(1, order.limit - int(before.rows.size()) - 1);
    const WindowKeys after = WindowReader::read(db, forward);
    if (!after.ok()) {
        around->error = after.error;
        around->interrupted = after.interrupted;
        return;
    }
    std::reverse(before.rows.begin(), before.rows.end());
    around->rows = before.rows;
    around->targetIndex = int(around->rows.size());
    around->rows << target << after.rows;
    around->atEnd = !after.more;
    around->outcome = WindowAround::Outcome::Found;
}

} // namespace

namespace WindowJump {

WindowAround aroundId(QSqlDatabase& db, const WindowRequest& order, const QString& table, qint64 id)
{
    WindowAround around;
    const SqlCondition where =
        order.condition &&
        SqlCondition{order.keyExpressions.value(0) + QStringLiteral(" = ?"), {id}};
    QSqlQuery query(db);
    const QString statement =
        QStringLiteral("SELECT %1%2 FROM %3 WHERE %4")
            .arg(order.straightJoin, keyColumns(order), order.from, where.sql);
    if (firstRow(query, statement, where.values, &around)) {
        const RowKey target = rowKeyOf(query, order);
        query.finish();
        readAround(db, order, target, &around);
        return around;
    }
    if (around.ok() && !order.condition.isEmpty() && idExists(db, table, id, &around)) {
        around.outcome = WindowAround::Outcome::Hidden;
    }
    return around;
}

WindowAround aroundRow(QSqlDatabase& db, const WindowRequest& order, qint64 row)
{
    WindowAround around;
    const QString direction = order.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList terms;
    if (!order.sortExpression.isEmpty()) {
        terms << (order.sortNullable
                      ? Dialect::nullsLargestOrder(order.sortExpression, order.descending)
                      : order.sortExpression + direction);
    }
    for (const QString& key : order.keyExpressions) {
        terms << key + direction;
    }
    QString statement = QStringLiteral("SELECT %1%2 FROM %3")
                            .arg(order.straightJoin, keyColumns(order), order.from);
    if (!order.condition.isEmpty()) {
        statement += QStringLiteral(" WHERE ") + order.condition.sql;
    }
    statement +=
        QStringLiteral(" ORDER BY %1 LIMIT 1 OFFSET ?").arg(terms.join(QStringLiteral(", ")));
    QSqlQuery query(db);
    if (!firstRow(query, statement, order.condition.values + QVariantList{row - 1}, &around)) {
        around.outcome = WindowAround::Outcome::PastEnd;
        return around;
    }
    const RowKey target = rowKeyOf(query, order);
    query.finish();
    readAround(db, order, target, &around);
    if (around.ok()) {
        around.rowsBefore = row - 1 - around.targetIndex;
    }
    return around;
}

RowCount countBefore(QSqlDatabase& db, const WindowRequest& order, const RowKey& target)
{
    WindowRequest reversed = order;
    reversed.descending = !order.descending;
    reversed.hasAnchor = true;
    reversed.anchor = target;
    return WindowReader::countAfter(db, reversed);
}

} // namespace WindowJump
