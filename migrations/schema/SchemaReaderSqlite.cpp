#include "SchemaSnapshotReaders.h"

#include <QSqlQuery>

#include "migrations/schema/SqliteFullText.h"

// SchemaSnapshot::read() for QSQLITE: sqlite_master and the table_info, index_list,
// index_info and foreign_key_list pragmas. An FTS5 table shows as a full-text index on the
// table whose text it indexes; its shadow tables do not show.

namespace SchemaSnapshotReading {

namespace {

// The pragmas are used in their table-valued form so the table name can be bound instead of
// quoted into the statement.

bool readSqliteTables(QSqlDatabase& db, const QStringList& derived, SnapshotBuilder* builder,
                      QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (!derived.contains(name.toLower())) {
            builder->addTable(name);
        }
    }
    return true;
}

// An FTS5 table without a table of the snapshot behind it stays a table of its own.
void addFullTextIndexes(const QList<SqliteFullText::Table>& fullText, SnapshotBuilder* builder)
{
    for (const SqliteFullText::Table& index : fullText) {
        if (!builder->table(index.contentTable)) {
            builder->addTable(index.name);
            for (const QString& column : index.columns) {
                builder->addColumn(index.name, column, QString(), true);
            }
            continue;
        }
        for (const QString& column : index.columns) {
            builder->addIndexPart(index.contentTable, index.name, false, column, true);
        }
    }
}

bool readSqliteColumns(QSqlDatabase& db, const QString& table, SnapshotBuilder* builder,
                       QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) "
                            "ORDER BY cid"),
             {table}, error)) {
        return false;
    }
    while (query.next()) {
        const QString column = query.value(0).toString();
        builder->addColumn(table, column, query.value(1).toString(), query.value(2).toInt() == 0);
        if (query.value(3).toInt() > 0) {
            builder->markPrimaryKey(table, column);
        }
    }
    return true;
}

bool readSqliteIndexColumns(QSqlDatabase& db, const QString& index, QStringList* columns,
                            QString* error)
{
    QSqlQuery query(db);
    if (!run(query, QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), {index},
             error)) {
        return false;
    }
    while (query.next()) {
        columns->append(partName(query.value(0)));
    }
    return true;
}

bool readSqliteIndexes(QSqlDatabase& db, const QString& table, SnapshotBuilder* builder,
                       QString* error)
{
    QSqlQuery query(db);
    // origin 'pk' is the index behind a PRIMARY KEY clause: the key is compared as columns.
    if (!run(query,
             QStringLiteral("SELECT name, \"unique\" FROM pragma_index_list(?) "
                            "WHERE origin <> 'pk' ORDER BY name"),
             {table}, error)) {
        return false;
    }
    while (query.next()) {
        const QString index = query.value(0).toString();
        QStringList columns;
        if (!readSqliteIndexColumns(db, index, &columns, error)) {
            return false;
        }
        for (const QString& column : columns) {
            builder->addIndexPart(table, index, query.value(1).toInt() != 0, column);
        }
    }
    return true;
}

bool readSqliteForeignKeys(QSqlDatabase& db, const QString& table, SnapshotBuilder* builder,
                           QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT id, \"table\", \"from\", \"to\" "
                            "FROM pragma_foreign_key_list(?) ORDER BY id, seq"),
             {table}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addForeignKeyPart(table, query.value(0).toString(), query.value(2).toString(),
                                   query.value(1).toString(), query.value(3).toString());
    }
    return true;
}

bool readSqliteTriggers(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' "
                            "ORDER BY tbl_name, name"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTrigger(query.value(0).toString(), query.value(1).toString());
    }
    return true;
}

} // namespace

bool readSqlite(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QList<SqliteFullText::Table> fullText;
    QString fullTextError;
    if (!SqliteFullText::read(db, &fullText, &fullTextError)) {
        *error = SchemaSnapshot::tr("cannot read the schema: %1").arg(fullTextError);
        return false;
    }
    if (!readSqliteTables(db, SqliteFullText::derivedTableNames(fullText), builder, error)) {
        return false;
    }
    for (const SchemaTable& table : builder->tables()) {
        if (!readSqliteColumns(db, table.name, builder, error) ||
            !readSqliteIndexes(db, table.name, builder, error) ||
            !readSqliteForeignKeys(db, table.name, builder, error)) {
            return false;
        }
    }
    addFullTextIndexes(fullText, builder);
    return readSqliteTriggers(db, builder, error);
}

} // namespace SchemaSnapshotReading
