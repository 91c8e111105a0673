#include "SchemaSnapshotReaders.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>

// SchemaSnapshot::read() for QMYSQL (MySQL and MariaDB): information_schema of DATABASE().

namespace SchemaSnapshotReading {

namespace {

bool readMysqlTables(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES "
                            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' "
                            "ORDER BY TABLE_NAME"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTable(query.value(0).toString());
    }
    return true;
}

bool readMysqlColumns(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE "
                            "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                            "ORDER BY TABLE_NAME, ORDINAL_POSITION"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addColumn(
            query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toString().compare(QLatin1String("YES"), Qt::CaseInsensitive) == 0);
    }
    return true;
}

// Unique keys (UNIQUE constraints) are ordinary rows here with NON_UNIQUE = 0.
bool readMysqlIndexes(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE "
                            "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                            "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString table = query.value(0).toString();
        const QString index = query.value(1).toString();
        const QString column = partName(query.value(3));
        if (index == QLatin1String("PRIMARY")) {
            builder->markPrimaryKey(table, column);
        } else {
            builder->addIndexPart(table, index, query.value(2).toInt() == 0, column,
                                  query.value(4).toString() == QLatin1String("FULLTEXT"));
        }
    }
    return true;
}

bool readMysqlForeignKeys(QSqlDatabase& db, SnapshotBuilder* builder,
                          QSet<QString>* constraintNames, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "
                            "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                            "FROM information_schema.KEY_COLUMN_USAGE "
                            "WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL "
                            "ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString table = query.value(0).toString();
        const QString constraint = query.value(1).toString();
        constraintNames->insert(table.toLower() + QLatin1Char('\n') + constraint.toLower());
        builder->addForeignKeyPart(table, constraint, query.value(2).toString(),
                                   query.value(3).toString(), query.value(4).toString());
    }
    return true;
}

bool readMysqlTriggers(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral(
                 "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME FROM information_schema.TRIGGERS "
                 "WHERE EVENT_OBJECT_SCHEMA = DATABASE() "
                 "ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTrigger(query.value(0).toString(), query.value(1).toString());
    }
    return true;
}

// InnoDB creates an index for every foreign key that no other index covers, named after the
// constraint or, for an unnamed one, after its first column. Nobody asked for it, and no
// other back end has it, so it would show as an extra index on every MySQL database.
bool isImplicitForeignKeyIndex(const SchemaTable& table, const SchemaIndex& index,
                               const QSet<QString>& constraintNames)
{
    if (index.unique) {
        return false;
    }
    for (const SchemaForeignKey& foreignKey : table.foreignKeys) {
        if (foreignKey.columns.join(QLatin1Char(','))
                .compare(index.columns.join(QLatin1Char(',')), Qt::CaseInsensitive) != 0) {
            continue;
        }
        if (sameName(index.name, foreignKey.columns.first()) ||
            constraintNames.contains(table.name.toLower() + QLatin1Char('\n') +
                                     index.name.toLower())) {
            return true;
        }
    }
    return false;
}

void dropImplicitForeignKeyIndexes(SnapshotBuilder* builder, const QSet<QString>& constraintNames)
{
    for (SchemaTable& table : builder->tables()) {
        table.indexes.erase(std::remove_if(table.indexes.begin(), table.indexes.end(),
                                           [&](const SchemaIndex& index) {
                                               return isImplicitForeignKeyIndex(table, index,
                                                                                constraintNames);
                                           }),
                            table.indexes.end());
    }
}

} // namespace

bool readMysql(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSet<QString> constraintNames;
    if (!readMysqlTables(db, builder, error) || !readMysqlColumns(db, builder, error) ||
        !readMysqlIndexes(db, builder, error) ||
        !readMysqlForeignKeys(db, builder, &constraintNames, error) ||
        !readMysqlTriggers(db, builder, error)) {
        return false;
    }
    dropImplicitForeignKeyIndexes(builder, constraintNames);
    return true;
}

} // namespace SchemaSnapshotReading
