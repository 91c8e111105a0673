#include "SchemaSnapshotReaders.h"

#include "sql/BoundQuery.h"

#include <QCoreApplication>
#include <QSqlError>

#include <algorithm>

namespace SchemaSnapshotReading {

namespace {

// Stands in for the column name of an index part that is an expression, not a column.
const char* const ExpressionPart = "<expression>";

bool lessByName(const QString& a, const QString& b)
{
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

} // namespace

bool sameName(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool run(QSqlQuery& query, const QString& statement, const QVariantList& values, QString* error)
{
    if (!BoundQuery::exec(query, statement, values)) {
        *error = SchemaSnapshot::tr("cannot read the schema: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

QString partName(const QVariant& value)
{
    return value.isNull() ? QLatin1String(ExpressionPart) : value.toString();
}

void SnapshotBuilder::addTable(const QString& name)
{
    if (!isSchemaSnapshotIgnoredTable(name)) {
        m_tables.append(SchemaTable{name, {}, {}, {}, {}});
    }
}

SchemaTable* SnapshotBuilder::table(const QString& name)
{
    for (SchemaTable& table : m_tables) {
        if (sameName(table.name, name)) {
            return &table;
        }
    }
    return nullptr;
}

QList<SchemaTable>& SnapshotBuilder::tables()
{
    return m_tables;
}

void SnapshotBuilder::addColumn(const QString& tableName, const QString& name,
                                const QString& declaredType, bool nullable)
{
    if (SchemaTable* target = table(tableName)) {
        target->columns.append(
            SchemaColumn{name, canonicalSqlType(declaredType), declaredType, nullable, false});
    }
}

void SnapshotBuilder::markPrimaryKey(const QString& tableName, const QString& columnName)
{
    SchemaTable* target = table(tableName);
    if (!target) {
        return;
    }
    for (SchemaColumn& column : target->columns) {
        if (sameName(column.name, columnName)) {
            column.primaryKey = true;
        }
    }
}
// it when the name is the same.
void SnapshotBuilder::addIndexPart(const QString& tableName, const QString& indexName, bool unique,
                                   const QString& columnName, bool fullText)
{
    SchemaTable* target = table(tableName);
    if (!target) {
        return;
    }
    if (target->indexes.isEmpty() || target->indexes.last().name != indexName) {
        target->indexes.append(SchemaIndex{indexName, {}, unique, fullText});
    }
    target->indexes.last().columns.append(columnName);
}

void SnapshotBuilder::addForeignKeyPart(const QString& tableName, const QString& constraintName,
                                        const QString& columnName, const QString& referencedTable,
                                        const QString& referencedColumn)
{
    SchemaTable* target = table(tableName);
    if (!target) {
        return;
    }
    const QString key = tableName + QLatin1Char('\n') + constraintName;
    if (key != m_lastForeignKey || target->foreignKeys.isEmpty()) {
        target->foreignKeys.append(SchemaForeignKey{{}, referencedTable, {}});
        m_lastForeignKey = key;
    }
    SchemaForeignKey& foreignKey = target->foreignKeys.last();
    foreignKey.columns.append(columnName);
    if (!referencedColumn.isEmpty()) {
        foreignKey.referencedColumns.append(referencedColumn);
    }
}

void SnapshotBuilder::addTrigger(const QString& tableName, const QString& triggerName)
{
    if (SchemaTable* target = table(tableName)) {
        target->triggers.append(triggerName);
    }
}

SchemaSnapshot SnapshotBuilder::finish()
{
    resolveImplicitReferences();
    std::sort(m_tables.begin(), m_tables.end(), [](const SchemaTable& a, const SchemaTable& b) {
        return lessByName(a.name, b.name);
    });
    for (SchemaTable& table : m_tables) {
        std::sort(
            table.indexes.begin(), table.indexes.end(),
            [](const SchemaIndex& a, const SchemaIndex& b) { return lessByName(a.name, b.name); });
        std::sort(table.foreignKeys.begin(), table.foreignKeys.end(),
                  [](const SchemaForeignKey& a, const SchemaForeignKey& b) {
                      return lessByName(a.text(), b.text());
                  });
        std::sort(table.triggers.begin(), table.triggers.end(), lessByName);
    }
    SchemaSnapshot snapshot;
    snapshot.tables = m_tables;
    return snapshot;
}

// SQLite allows "REFERENCES users" without columns, meaning the referenced table's
// primary key; spelled out here so it compares equal to the explicit form.
void SnapshotBuilder::resolveImplicitReferences()
{
    for (SchemaTable& table : m_tables) {
        for (SchemaForeignKey& foreignKey : table.foreignKeys) {
            if (!foreignKey.referencedColumns.isEmpty()) {
                continue;
            }
            if (const SchemaTable* referenced = this->table(foreignKey.referencedTable)) {
                for (const SchemaColumn& column : referenced->columns) {
                    if (column.primaryKey) {
                        foreignKey.referencedColumns.append(column.name);
                    }
                }
            }
        }
    }
}

} // namespace SchemaSnapshotReading
