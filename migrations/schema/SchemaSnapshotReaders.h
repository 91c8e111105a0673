#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "migrations/schema/SchemaSnapshot.h"

// Internal to SchemaSnapshot::read(): what the per-dialect readers (SchemaReaderSqlite.cpp,
// SchemaReaderPostgres.cpp, SchemaReaderMysql.cpp) share with the model in SchemaSnapshot.cpp.

namespace SchemaSnapshotReading {

// SQL names compare case-insensitively.
bool sameName(const QString& a, const QString& b);

// Prepares `statement`, binds `values` in order and runs it forward-only; *error says why not.
bool run(QSqlQuery& query, const QString& statement, const QVariantList& values, QString* error);

// The column name of an index part, or "<expression>" when the catalogue gives NULL for it.
QString partName(const QVariant& value);

// Collects the rows of catalogue queries into tables. Rows about tables that were not added
// (bookkeeping and scratch tables) are dropped, so the per-dialect readers need not filter.
class SnapshotBuilder
{
public:
    void addTable(const QString& name);
    SchemaTable* table(const QString& name);
    QList<SchemaTable>& tables();
    void addColumn(const QString& tableName, const QString& name, const QString& declaredType,
                   bool nullable);
    void markPrimaryKey(const QString& tableName, const QString& columnName);

    // Rows must come ordered by table, index and position: a row continues the index before
    // it when the name is the same.
    void addIndexPart(const QString& tableName, const QString& indexName, bool unique,
                      const QString& columnName, bool fullText = false);

    // Rows ordered by table, constraint and position, as for indexes; the constraint name
    // only groups the rows.
    void addForeignKeyPart(const QString& tableName, const QString& constraintName,
                           const QString& columnName, const QString& referencedTable,
                           const QString& referencedColumn);

    void addTrigger(const QString& tableName, const QString& triggerName);

    SchemaSnapshot finish();

private:
    void resolveImplicitReferences();

    QList<SchemaTable> m_tables;
    QString m_lastForeignKey;
};

// One reader per dialect; each adds what the connection's catalogue holds to *builder.
bool readSqlite(QSqlDatabase& db, SnapshotBuilder* builder, QString* error);
bool readPostgres(QSqlDatabase& db, SnapshotBuilder* builder, QString* error);
bool readMysql(QSqlDatabase& db, SnapshotBuilder* builder, QString* error);

} // namespace SchemaSnapshotReading
