#include "WindowKeys.h"

#include "sql/BoundQuery.h"
#include "sql/Dialect.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <algorithm>

#include "models/browse/WindowStatements.h"

namespace {

using WindowStatements::Segment;

// A row as a statement of WindowStatements selects it: its key, the sort value when there is
// one, the group key when the rows come in groups.
struct FoundRow
{
    RowKey row;
    QVariant group;
};

bool run(QSqlDatabase& db, const SqlCondition& statement, int keyCount, bool withValue,
         bool withGroup, QList<FoundRow>* rows, ReadResult* result)
{
    QSqlQuery query(db);
    if (!BoundQuery::exec(query, statement.sql, statement.values)) {
        result->fail(query);
        return false;
    }
    while (query.next()) {
        FoundRow found;
        for (int i = 0; i < keyCount; ++i) {
            found.row.key << query.value(i);
        }
        if (withValue) {
            found.row.value = query.value(keyCount);
        }
        if (withGroup) {
            found.group = query.value(keyCount + (withValue ? 1 : 0));
        }
        rows->append(found);
    }
    return true;
}

bool keyBefore(const RowKey& a, const RowKey& b, bool descending)
{
    for (int i = 0; i < a.key.size() && i < b.key.size(); ++i) {
        const QPartialOrdering order = QVariant::compare(a.key.at(i), b.key.at(i));
        if (order != QPartialOrdering::Equivalent) {
            return descending ? order == QPartialOrdering::Greater
                              : order == QPartialOrdering::Less;
        }
    }
    return false;
}

// The statement orders whole groups only: each group's rows are put in key order here. When
// it hit the limit, its last group may be any part of that group, so that group is read again
// by its own index, as far as the window needs.
bool settleGroups(QSqlDatabase& db, const WindowRequest& request, bool fromAnchor, int wanted,
                  QList<FoundRow>* rows, ReadResult* result)
{
    const auto sameGroup = [](const FoundRow& a, const FoundRow& b) {
        return a.group == b.group;
    };
    if (rows->size() == wanted) {
        const FoundRow last = rows->constLast();
        qsizetype start = rows->size();
        while (start > 0 && sameGroup(rows->at(start - 1), last)) {
            --start;
        }
        rows->resize(start);
        const bool anchorsGroup = fromAnchor && last.row.value == request.anchor.value;
        const SqlCondition again =
            WindowStatements::group(request, last.group, anchorsGroup, wanted - int(start));
        QList<FoundRow> groupRows;
        if (!run(db, again, int(request.keyExpressions.size()), false, false, &groupRows, result)) {
            return false;
        }
        for (FoundRow& row : groupRows) {
            row.row.value = last.row.value;
            row.group = last.group;
        }
        *rows += groupRows;
    }
    for (auto begin = rows->begin(); begin != rows->end();) {
        const auto end = std::find_if(begin, rows->end(),
                                      [&](const FoundRow& row) { return !sameGroup(row, *begin); });
        std::stable_sort(begin, end, [&](const FoundRow& a, const FoundRow& b) {
            return keyBefore(a.row, b.row, request.descending);
        });
        begin = end;
    }
    return true;
}

// Appends up to `wanted` rows of one segment to `keys` by its one statement (and the group read
// again); false when a statement failed.
bool readWhole(QSqlDatabase& db, const WindowRequest& request, Segment segment, bool fromAnchor,
               int wanted, WindowKeys* keys)
{
    const bool groups = WindowStatements::walksGroups(request, segment);
    QList<FoundRow> rows;
    if (!run(db, WindowStatements::segment(request, segment, fromAnchor, wanted),
             int(request.keyExpressions.size()), !request.sortExpression.isEmpty(), groups, &rows,
             keys)) {
        return false;
    }
    if (groups && !settleGroups(db, request, fromAnchor, wanted, &rows, keys)) {
        return false;
    }
    for (const FoundRow& row : std::as_const(rows)) {
        keys->rows.append(row.row);
    }
    return true;
}

// The same, probed first (see WindowReader::read): the matches among the next probeRows rows,
// then, when those do not fill the window, the rest read on from the probe's end.
bool readProbed(QSqlDatabase& db, const WindowRequest& request, Segment segment, bool fromAnchor,
                int wanted, WindowKeys* keys)
{
    const int keyCount = int(request.keyExpressions.size());
    const bool withValue = !request.sortExpression.isEmpty();
    QList<FoundRow> end;
    if (!run(db, WindowStatements::probeEnd(request, segment, fromAnchor), keyCount, withValue,
             false, &end, keys)) {
        return false;
    }
    if (end.isEmpty()) { // fewer rows left than the probe reads: one bounded walk anyway
        return readWhole(db, request, segment, fromAnchor, wanted, keys);
    }
    QList<FoundRow> rows;
    const RowKey probeEnd = end.constFirst().row;
    if (!run(db, WindowStatements::probe(request, segment, fromAnchor, probeEnd, wanted), keyCount,
             withValue, false, &rows, keys)) {
        return false;
    }
    for (const FoundRow& row : std::as_const(rows)) {
        keys->rows.append(row.row);
    }
    if (rows.size() >= wanted) {
        return true;
    }
    WindowRequest rest = request;
    rest.hasAnchor = true;
    rest.anchor = probeEnd;
    return readWhole(db, rest, segment, true, wanted - int(rows.size()), keys);
}

bool readSegment(QSqlDatabase& db, const WindowRequest& request, Segment segment, bool fromAnchor,
                 int wanted, WindowKeys* keys)
{
    return WindowStatements::probes(request, segment)
               ? readProbed(db, request, segment, fromAnchor, wanted, keys)
               : readWhole(db, request, segment, fromAnchor, wanted, keys);
}

int firstSegment(const WindowRequest& request, const QList<Segment>& segments)
{
    return request.hasAnchor
               ? qMax(0,
                      int(segments.indexOf(WindowStatements::segmentOf(request, request.anchor))))
               : 0;
}

} // namespace

namespace WindowReader {

WindowKeys read(QSqlDatabase& db, const WindowRequest& request)
{
    WindowKeys keys;
    const int wanted = request.limit + 1; // one more says whether another window follows
    const QList<Segment> segments = WindowStatements::segmentsInOrder(request);
    const int start = firstSegment(request, segments);
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

QList<WindowStatement> statements(const WindowRequest& request, const QVariant& group,
                                  const RowKey& probeEnd)
{
    QList<WindowStatement> result;
    const int wanted = request.limit + 1;
    const QList<Segment> segments = WindowStatements::segmentsInOrder(request);
    const int start = firstSegment(request, segments);
    for (int i = start; i < segments.size(); ++i) {
        const bool fromAnchor = request.hasAnchor && i == start;
        const Segment segment = segments.at(i);
        if (WindowStatements::probes(request, segment)) {
            result << WindowStatement{QStringLiteral("probe end"),
                                      WindowStatements::probeEnd(request, segment, fromAnchor)}
                   << WindowStatement{
                          QStringLiteral("probe"),
                          WindowStatements::probe(request, segment, fromAnchor, probeEnd, wanted)};
        }
        result << WindowStatement{segment == Segment::Values ? QStringLiteral("values")
                                                             : QStringLiteral("nulls"),
                                  WindowStatements::segment(request, segment, fromAnchor, wanted)};
        if (WindowStatements::walksGroups(request, segment)) {
            result << WindowStatement{QStringLiteral("group"),
                                      WindowStatements::group(request, group, fromAnchor, wanted)};
        }
    }
    return result;
}

SqlCondition countStatement(const QSqlDatabase& db, const QString& table,
                            const SqlCondition& condition)
{
    const QString escaped = db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
    const QString where =
        condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition.sql;
    return {QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(escaped, where), condition.values};
}

RowCount countAfter(QSqlDatabase& db, const WindowRequest& request)
{
    RowCount result;
    result.rows = 0;
    const QList<Segment> segments = WindowStatements::segmentsInOrder(request);
    const int start = firstSegment(request, segments);
    for (int i = start; i < segments.size(); ++i) {
        const SqlCondition statement =
            WindowStatements::count(request, segments.at(i), request.hasAnchor && i == start);
        QSqlQuery query(db);
        if (!BoundQuery::exec(query, statement.sql, statement.values) || !query.next()) {
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
    const SqlCondition statement = countStatement(db, table, condition);
    if (!BoundQuery::exec(query, statement.sql, statement.values) || !query.next()) {
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
    SqlCondition statement;
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        statement.sql = QStringLiteral("SELECT max(id) FROM %1")
                            .arg(db.driver()->escapeIdentifier(table, QSqlDriver::TableName));
        break;
    case SqlDialect::PostgreSQL:
        // -1 until the table was first analysed (PostgreSQL 14 on): no estimate then.
        statement = {QStringLiteral("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)"),
                     {table}};
        break;
    case SqlDialect::MySQL:
        statement = {QStringLiteral("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE "
                                    "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"),
                     {table}};
        break;
    }
    QSqlQuery query(db);
    if (!BoundQuery::exec(query, statement.sql, statement.values) || !query.next()) {
        result.fail(query);
        return result;
    }
    const QVariant value = query.value(0);
    result.rows = value.isNull() ? 0 : qMax(qint64(-1), qint64(value.toDouble()));
    return result;
}

} // namespace WindowReader
