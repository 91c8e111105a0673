#include "BlogTableModel.h"

#include "sql/Dialect.h"
#include "sql/SqlTime.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <utility>

namespace {

constexpr int LongTextPreview = 120;

} // namespace

BlogTableModel::BlogTableModel(const QString& table, QObject* parent, const QSqlDatabase& db)
    : QSqlRelationalTableModel(parent, db)
{
    setTable(table);
    setJoinMode(QSqlRelationalTableModel::LeftJoin);
    setEditStrategy(QSqlTableModel::OnManualSubmit);
    const QSqlRecord columns = db.record(table);
    for (int i = 0; i < columns.count(); ++i) {
        m_baseColumns << columns.fieldName(i);
    }
    updateWindowOrder();
}

void BlogTableModel::describeColumn(const QString& name, ColumnKind kind, const QString& header)
{
    m_kinds.insert(name, kind);
    const int column = fieldIndex(name);
    if (column >= 0) {
        setHeaderData(column, Qt::Horizontal, header);
    }
}

void BlogTableModel::relate(const QString& column, const QString& table,
                            const QString& displayColumn, const QString& header)
{
    const int index = fieldIndex(column);
    if (index < 0) {
        return;
    }
    setRelation(index, QSqlRelation(table, QStringLiteral("id"), displayColumn));
    setHeaderData(index, Qt::Horizontal, header);
}

BlogTableModel::ColumnKind BlogTableModel::kindOf(int column) const
{
    // Relation columns are renamed in record(); the base table's columns keep the real name.
    return m_kinds.value(m_baseColumns.value(column), ColumnKind::Plain);
}

QVariant BlogTableModel::data(const QModelIndex& index, int role) const
{
    const QVariant value = QSqlRelationalTableModel::data(index, Qt::EditRole);
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(index.column(), value);
    case Qt::ToolTipRole:
        return kindOf(index.column()) == ColumnKind::LongText
                   ? QVariant(value.toString().left(2000))
                   : QVariant();
    default:
        return QSqlRelationalTableModel::data(index, role);
    }
}

QVariant BlogTableModel::displayValue(int column, const QVariant& value) const
{
    if (value.isNull()) {
        return tr("NULL");
    }
    switch (kindOf(column)) {
    case ColumnKind::DateTime:
        return SqlTime::display(value);
    case ColumnKind::Boolean:
        return value.toBool() ? tr("yes") : tr("no");
    case ColumnKind::Secret:
        return value.toString().section(QLatin1Char('$'), 0, 0) + QStringLiteral("$…");
    case ColumnKind::LongText: {
        const QString text = value.toString().simplified();
        return text.size() > LongTextPreview ? text.left(LongTextPreview) + QStringLiteral("…")
                                             : text;
    }
    case ColumnKind::Plain:
        break;
    }
    return value;
}

Qt::ItemFlags BlogTableModel::flags(const QModelIndex& index) const
{
    // Editing goes through dialogs and services that validate and save in one transaction.
    const Qt::ItemFlags flags = QSqlRelationalTableModel::flags(index) & ~Qt::ItemIsEditable;
    return m_editableColumns.contains(columnName(index.column())) ? flags | Qt::ItemIsEditable
                                                                  : flags;
}

bool BlogTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const QString column = columnName(index.column());
    if (!m_editableColumns.contains(column)) {
        return false;
    }
    if (role == OriginalValueRole) {
        m_editOriginal = value;
        return true;
    }
    if (role != Qt::EditRole) {
        return false;
    }
    const int idColumn = m_baseColumns.indexOf(QStringLiteral("id"));
    const qint64 rowId =
        QSqlRelationalTableModel::data(this->index(index.row(), idColumn), Qt::EditRole)
            .toLongLong();
    const QVariant original = std::exchange(m_editOriginal, QVariant());
    emit cellEditRequested(rowId, column, original, value);
    return true;
}

void BlogTableModel::setCondition(const SqlCondition& condition)
{
    m_condition = condition;
    m_window.reset();
}

void BlogTableModel::setSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    QSqlRelationalTableModel::setSort(column, order);
    updateWindowOrder();
}

// The sort expression is the one Qt's relational model would order by (for a relation
// column the joined display column), taken from its ORDER BY clause; the primary key breaks
// ties.
void BlogTableModel::updateWindowOrder()
{
    QStringList keys;
    for (const QString& column : primaryKeyColumns()) {
        keys << qualified(column);
    }
    QString sort = QSqlRelationalTableModel::orderByClause();
    sort.remove(QRegularExpression(QStringLiteral("^ORDER BY |\\s+(ASC|DESC)$")));
    m_window.setOrder(sort, keys, m_sortOrder == Qt::DescendingOrder);
}

QStringList BlogTableModel::primaryKeyColumns() const
{
    const QSqlIndex primary = database().primaryIndex(tableName());
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

QString BlogTableModel::orderByClause() const
{
    return m_window.orderBy();
}

QString BlogTableModel::selectStatement() const
{
    QString statement = QSqlRelationalTableModel::selectStatement();
    const QString orderBy = orderByClause();
    if (statement.endsWith(orderBy)) {
        statement.chop(orderBy.size());
    }
    const SqlCondition where = m_condition && m_window.afterCurrentStart();
    if (!where.isEmpty()) {
        statement += QStringLiteral(" WHERE ") + where.sql;
    }
    return statement + QLatin1Char(' ') + orderBy + QStringLiteral(" LIMIT %1").arg(m_windowSize);
}

// QSqlTableModel::select() cannot bind values, so the window's query is prepared here.
bool BlogTableModel::select()
{
    QSqlQuery query(database());
    // A database made elsewhere may lack a table (no profiles before ae1027a6acf, say).
    const bool prepared = !m_baseColumns.isEmpty() && query.prepare(selectStatement());
    for (const QVariant& value : (m_condition && m_window.afterCurrentStart()).values) {
        query.addBindValue(value);
    }
    if (!prepared || !query.exec()) {
        // The error is set inside the reset, so views that refresh on modelReset see it.
        beginResetModel();
        QSqlQueryModel::setQuery(QSqlQuery(database()));
        setLastError(m_baseColumns.isEmpty()
                         ? QSqlError(tr("this database has no table '%1'").arg(tableName()),
                                     QString(), QSqlError::StatementError)
                         : query.lastError());
        endResetModel();
        m_totalRows = 0;
        return false;
    }
    m_totalRows = countRows();
    // The window is read to its end before anyone sees it: a SQLite statement stepped but not
    // finished keeps its read transaction open, which locks every other writer out (rollback
    // journal) or pins this connection to an old snapshot (WAL) for as long as it lasts.
    beginResetModel(); // QSqlQueryModel nests resets: one modelReset, after the last row
    QSqlQueryModel::setQuery(std::move(query));
    fetchWholeWindow();
    endResetModel();
    return true;
}

qint64 BlogTableModel::countRows() const
{
    const QString table = database().driver()->escapeIdentifier(tableName(), QSqlDriver::TableName);
    QSqlQuery query(database());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2")
                      .arg(table, m_condition.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" WHERE ") + m_condition.sql));
    for (const QVariant& value : m_condition.values) {
        query.addBindValue(value);
    }
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

int BlogTableModel::fetchWholeWindow()
{
    while (canFetchMore()) {
        fetchMore();
    }
    return rowCount();
}

bool BlogTableModel::hasNextWindow() const
{
    return m_window.rowsBefore() + m_windowSize < m_totalRows;
}

qint64 BlogTableModel::rowsInWindow() const
{
    return qBound(qint64(0), m_totalRows - m_window.rowsBefore(), qint64(m_windowSize));
}

bool BlogTableModel::nextWindow()
{
    if (!hasNextWindow() || fetchWholeWindow() == 0) {
        return false;
    }
    const int last = rowCount() - 1;
    KeysetWindow::Key key;
    for (const QString& column : primaryKeyColumns()) {
        key.primary << QSqlRelationalTableModel::data(index(last, m_baseColumns.indexOf(column)),
                                                      Qt::EditRole);
    }
    if (!m_window.sortsByKeyOnly()) {
        key.value = exactSortValue(
            QSqlRelationalTableModel::data(index(last, m_sortColumn), Qt::EditRole), key.primary);
    }
    m_window.advance(key, rowCount());
    return select();
}

// The servers' drivers hand a timestamp over as a QDateTime, which keeps milliseconds only
// (and QPSQL binds one back as a time with a zone): a window starting after it would start
// inside the last row's millisecond, showing some rows twice and others never. The row's
// value is read again in its exact text form, which every back end compares as a timestamp.
QVariant BlogTableModel::exactSortValue(const QVariant& shown, const QVariantList& key) const
{
    if (shown.typeId() != QMetaType::QDateTime || relation(m_sortColumn).isValid()) {
        return shown;
    }
    const QString sortColumn = qualified(m_baseColumns.value(m_sortColumn));
    QStringList keyTests;
    for (const QString& column : primaryKeyColumns()) {
        keyTests << qualified(column) + QStringLiteral(" = ?");
    }
    QSqlQuery query(database());
    query.prepare(
        QStringLiteral("SELECT %1 FROM %2 WHERE %3")
            .arg(Dialect::of(database()).exactText(sortColumn),
                 database().driver()->escapeIdentifier(tableName(), QSqlDriver::TableName),
                 keyTests.join(QStringLiteral(" AND "))));
    for (const QVariant& value : key) {
        query.addBindValue(value);
    }
    // Gone since (deleted elsewhere): the shown value is the best there is.
    return query.exec() && query.next() ? query.value(0) : shown;
}

bool BlogTableModel::previousWindow()
{
    return m_window.retreat() && select();
}
