#include "BlogTableModel.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlRecord>

#include "migrations/SqlTime.h"

namespace {

constexpr int LongTextPreview = 120;

} // namespace

BlogTableModel::BlogTableModel(const QString& table, QObject* parent, const QSqlDatabase& db)
    : QSqlRelationalTableModel(parent, db)
{
    setTable(table);
    setJoinMode(QSqlRelationalTableModel::LeftJoin);
    setEditStrategy(QSqlTableModel::OnManualSubmit);
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
    // Relation columns are renamed in record(); the base table's record keeps the real name.
    const QString name = database().record(tableName()).fieldName(column);
    return m_kinds.value(name, ColumnKind::Plain);
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
    // Editing goes through dialogs that validate and save in one transaction.
    return QSqlRelationalTableModel::flags(index) & ~Qt::ItemIsEditable;
}

qint64 BlogTableModel::totalRowCount() const
{
    QString statement =
        QStringLiteral("SELECT COUNT(*) FROM %1")
            .arg(database().driver()->escapeIdentifier(tableName(), QSqlDriver::TableName));
    if (!filter().isEmpty()) {
        statement += QStringLiteral(" WHERE ") + filter();
    }
    QSqlQuery query(database());
    return query.exec(statement) && query.next() ? query.value(0).toLongLong() : -1;
}
