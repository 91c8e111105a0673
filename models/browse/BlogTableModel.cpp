#include "BlogTableModel.h"

#include "sql/Dialect.h"
#include "sql/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <utility>

#include "models/browse/WindowJump.h"

namespace {

constexpr int LongTextPreview = 120;

} // namespace

BlogTableModel::BlogTableModel(const QString& table, QObject* parent, const QSqlDatabase& db)
    : QSqlRelationalTableModel(parent, db)
{
    setTable(table);
    setJoinMode(QSqlRelationalTableModel::LeftJoin);
    setEditStrategy(QSqlTableModel::OnManualSubmit);
    m_tableRecord = record(); // what setTable() read: no second catalogue query
    for (int i = 0; i < m_tableRecord.count(); ++i) {
        m_baseColumns << m_tableRecord.fieldName(i);
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
    m_qtSelect.clear(); // it joins one table more now
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
    m_totalRows = -1;
    m_totalExact = false;
}

void BlogTableModel::setTotalRowCount(qint64 rows, bool exact)
{
    m_totalRows = rows;
    m_totalExact = exact;
}

void BlogTableModel::setSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    QSqlRelationalTableModel::setSort(column, order);
    updateWindowOrder();
}

void BlogTableModel::sort(int column, Qt::SortOrder order)
{
    setSort(column, order);
    if (m_loadsHandedOut) {
        emit windowWanted(KeysetWindow::Move::First);
    } else {
        moveWindow(KeysetWindow::Move::First);
    }
}

QString BlogTableModel::orderByClause() const
{
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList terms;
    if (!m_displaySort.isEmpty()) {
        terms << Dialect::nullsLargestOrder(m_displaySort, descending);
    }
    for (const QString& column : primaryKeyColumns()) {
        terms << qualified(column) + direction;
    }
    return QStringLiteral("ORDER BY ") + terms.join(QStringLiteral(", "));
}

// The shown rows by primary key: `WHERE (keys) IN ((?), …)`, or nothing at all.
QString BlogTableModel::selectStatement() const
{
    const QString orderBy = orderByClause(); // Qt's statement ends with ours
    if (m_qtSelect.isEmpty() || m_qtSelectOrder != orderBy) {
        m_qtSelect = QSqlRelationalTableModel::selectStatement();
        m_qtSelectOrder = orderBy;
    }
    QString statement = m_qtSelect;
    if (statement.endsWith(orderBy)) {
        statement.chop(orderBy.size());
    }
    statement = statement.trimmed();
    QStringList keys;
    for (const QString& column : primaryKeyColumns()) {
        keys << qualified(column);
    }
    const QString tuple = QStringLiteral("(%1)").arg(
        QStringList(keys.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
    const QString where =
        m_shownKeys.isEmpty()
            ? QStringLiteral("1 = 0")
            : QStringLiteral("(%1) IN (%2)")
                  .arg(keys.join(QStringLiteral(", ")),
                       QStringList(m_shownKeys.size(), tuple).join(QStringLiteral(", ")));
    return statement + QStringLiteral(" WHERE ") + where + QLatin1Char(' ') + orderByClause();
}

bool BlogTableModel::select()
{
    if (m_loadsHandedOut) {
        emit windowWanted(KeysetWindow::Move::Reload);
        return true;
    }
    return moveWindow(KeysetWindow::Move::Reload);
}

bool BlogTableModel::moveWindow(KeysetWindow::Move move)
{
    QSqlDatabase db = database();
    if (m_baseColumns.isEmpty()) {
        return showWindow(move, WindowKeys());
    }
    const WindowKeys keys = WindowReader::read(db, windowRequest(move));
    const RowCount count = WindowReader::count(db, tableName(), m_condition);
    setTotalRowCount(count.rows, count.exact);
    return showWindow(move, keys);
}

bool BlogTableModel::showWindow(KeysetWindow::Move move, const WindowKeys& keys)
{
    if (m_baseColumns.isEmpty()) {
        showFailure(QSqlError(tr("this database has no table '%1'").arg(tableName()), QString(),
                              QSqlError::StatementError));
        return false;
    }
    if (!keys.ok()) {
        showFailure(QSqlError(keys.error, QString(), QSqlError::StatementError));
        return false;
    }
    m_shownKeys = m_window.settle(move, keys);
    return selectRows();
}

bool BlogTableModel::showAround(const WindowAround& around)
{
    if (!around.ok()) {
        showFailure(QSqlError(around.error, QString(), QSqlError::StatementError));
        return false;
    }
    m_shownKeys = m_window.settleAround(around.rows, around.hasBefore ? &around.before : nullptr,
                                        around.atEnd, around.rowsBefore);
    return selectRows();
}

void BlogTableModel::showFailure(const QSqlError& error)
{
    // The error is set inside the reset, so views that refresh on modelReset see it.
    beginResetModel();
    QSqlQueryModel::setQuery(QSqlQuery(database()));
    setLastError(error);
    endResetModel();
}

// QSqlTableModel::select() cannot bind values, so the window's query is prepared here.
bool BlogTableModel::selectRows()
{
    QSqlQuery query(database());
    const bool prepared = query.prepare(selectStatement());
    for (const RowKey& row : std::as_const(m_shownKeys)) {
        for (const QVariant& value : row.key) {
            query.addBindValue(value);
        }
    }
    if (!prepared || !query.exec()) {
        showFailure(query.lastError());
        return false;
    }
    // The window is read to its end before anyone sees it: a SQLite statement stepped but not
    // finished keeps its read transaction open, which locks every other writer out (rollback
    // journal) or pins this connection to an old snapshot (WAL) for as long as it lasts.
    beginResetModel(); // QSqlQueryModel nests resets: one modelReset, after the last row
    QSqlQueryModel::setQuery(std::move(query));
    while (canFetchMore()) {
        fetchMore();
    }
    endResetModel();
    return true;
}
