#include "BlogTableModel.h"
#include "sql/Dialect.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlRecord>

#include "models/browse/UniqueColumn.h"

// How the model describes its window to the readers: the sort as the worker spells it, the
// key columns and the WindowRequest of a move.

// Two spellings of one sort: the display SELECT orders by what Qt's relational model orders
// by (for a relation column, the joined display column under Qt's alias), taken from its ORDER
// BY clause; the worker's statement joins the related table itself (sortFrom()) as sort_rel.
void BlogTableModel::updateWindowOrder()
{
    QString sort = QSqlRelationalTableModel::orderByClause();
    sort.remove(QRegularExpression(QStringLiteral("^ORDER BY |\\s+(ASC|DESC)$")));
    const QString column = m_baseColumns.value(m_sortColumn);
    const QStringList keys = primaryKeyColumns();
    const bool byKey = m_sortColumn < 0 || (keys.size() == 1 && column == keys.constFirst());
    m_displaySort = byKey ? QString() : sort;
    QString workerSort;
    bool nullable = true;
    const QSqlRelation relation = this->relation(m_sortColumn);
    m_sortUnique = m_walksGroups = false;
    if (byKey) {
        nullable = false;
    } else if (relation.isValid()) {
        workerSort =
            QStringLiteral("sort_rel.") +
            database().driver()->escapeIdentifier(relation.displayColumn(), QSqlDriver::FieldName);
        nullable = isNullable(tableName(), column) ||
                   isNullable(relation.tableName(), relation.displayColumn());
        // Unique per related row (an author's name): the rows are read author by author.
        m_walksGroups =
            keys.size() == 1 && isUnique(relation.tableName(), relation.displayColumn());
        m_sortUnique = m_walksGroups;
    } else {
        workerSort = qualified(column);
        nullable = isNullable(tableName(), column);
        m_sortUnique = isUnique(tableName(), column);
    }
    m_window.setOrder(workerSort, nullable, m_sortOrder == Qt::DescendingOrder);
}

bool BlogTableModel::isNullable(const QString& table, const QString& column) const
{
    // The model's own table as setTable() read it (record() changes to the query's after a
    // select); another table from the catalogue.
    const QSqlField field =
        table == tableName() ? m_tableRecord.field(column) : database().record(table).field(column);
    return !field.isValid() || field.requiredStatus() != QSqlField::Required;
}

// The worker's FROM: the table alone, or joined to the related table a relation column sorts
// by (an inner join when the foreign key cannot be NULL, which lets the planner walk the
// related table's index first).
QString BlogTableModel::sortFrom() const
{
    const QSqlDriver* driver = database().driver();
    const QString table = driver->escapeIdentifier(tableName(), QSqlDriver::TableName);
    const QSqlRelation relation = this->relation(m_sortColumn);
    if (!relation.isValid() || m_window.sortsByKeyOnly()) {
        return table;
    }
    const QString column = m_baseColumns.value(m_sortColumn);
    return QStringLiteral("%1 %2 %3 sort_rel ON sort_rel.%4 = %5")
        .arg(table,
             isNullable(tableName(), column) ? QStringLiteral("LEFT JOIN") : QStringLiteral("JOIN"),
             driver->escapeIdentifier(relation.tableName(), QSqlDriver::TableName),
             driver->escapeIdentifier(relation.indexColumn(), QSqlDriver::FieldName),
             qualified(column));
}

bool BlogTableModel::isUnique(const QString& table, const QString& column)
{
    const QString name = table + QLatin1Char('.') + column;
    const auto known = m_uniqueColumns.constFind(name);
    if (known != m_uniqueColumns.cend()) {
        return *known;
    }
    const bool unique = UniqueColumn::isUnique(database(), table, column);
    m_uniqueColumns.insert(name, unique);
    return unique;
}

// What the worker needs to know of the order beyond the sort expression. A sort by a related
// unique column reads its groups with the related table first (its index gives the order) and
// each group's rows by the foreign key's index. MariaDB is told that
// order (STRAIGHT_JOIN) only without a filter: with one, the planner's choice of where to
// start (the filtered rows, then a sort of the few found) may well be the better one.
void BlogTableModel::describeOrder(WindowRequest* request) const
{
    request->sortUnique = m_sortUnique;
    request->nullsOrderedBySort = Dialect::of(database()).kind() == SqlDialect::PostgreSQL;
    if (!m_walksGroups) {
        return;
    }
    const QSqlDriver* driver = database().driver();
    const QSqlRelation relation = this->relation(m_sortColumn);
    const QString table = driver->escapeIdentifier(tableName(), QSqlDriver::TableName);
    request->groupKey = qualified(m_baseColumns.value(m_sortColumn));
    request->groupTable = table;
    request->groupFrom =
        QStringLiteral("%1 sort_rel JOIN %2 ON sort_rel.%3 = %4")
            .arg(driver->escapeIdentifier(relation.tableName(), QSqlDriver::TableName), table,
                 driver->escapeIdentifier(relation.indexColumn(), QSqlDriver::FieldName),
                 request->groupKey);
    if (Dialect::of(database()).kind() == SqlDialect::MySQL && m_condition.isEmpty()) {
        request->straightJoin = QStringLiteral("STRAIGHT_JOIN ");
    }
}

// The key setTable() read once: asking the database again cost a catalogue round trip on the
// GUI thread for every window, sort and select on the servers.
QStringList BlogTableModel::primaryKeyColumns() const
{
    const QSqlIndex primary = primaryKey();
    QStringList columns;
    for (int i = 0; i < primary.count(); ++i) {
        columns << primary.fieldName(i);
    }
    return columns.isEmpty() ? QStringList{QStringLiteral("id")} : columns;
}

int BlogTableModel::primaryKeyColumn() const
{
    return qMax(0, int(m_baseColumns.indexOf(primaryKeyColumns().constFirst())));
}

QString BlogTableModel::qualified(const QString& column) const
{
    const QSqlDriver* driver = database().driver();
    return driver->escapeIdentifier(tableName(), QSqlDriver::TableName) + QLatin1Char('.') +
           driver->escapeIdentifier(column, QSqlDriver::FieldName);
}

WindowRequest BlogTableModel::windowRequest(KeysetWindow::Move move) const
{
    WindowRequest base;
    base.from = sortFrom();
    for (const QString& column : primaryKeyColumns()) {
        base.keyExpressions << qualified(column);
    }
    base.condition = m_condition;
    base.limit = m_windowSize;
    base.probeRows = m_condition.scansRows ? m_probeRows : 0;
    describeOrder(&base);
    WindowRequest request = m_window.request(move, base);
    const bool timestamp =
        kindOf(m_sortColumn) == ColumnKind::DateTime && !relation(m_sortColumn).isValid();
    // The servers' drivers hand a timestamp over as a QDateTime, which keeps milliseconds
    // only: a window starting after it would start inside the last row's millisecond.
    request.exactSortExpression = timestamp
                                      ? Dialect::of(database()).exactText(request.sortExpression)
                                      : request.sortExpression;
    return request;
}
