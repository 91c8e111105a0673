#include "SchemaSnapshotReaders.h"

#include <QSqlQuery>

// SchemaSnapshot::read() for QPSQL: the pg_catalog of current_schema().

namespace SchemaSnapshotReading {

namespace {

// pg_catalog rather than information_schema: format_type() gives the declared type with its
// length ("character varying(80)"), and index definitions are only there.

bool readPostgresTables(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                            "ORDER BY c.relname"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTable(query.value(0).toString());
    }
    return true;
}

bool readPostgresColumns(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT c.relname, a.attname, "
                            "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull "
                            "FROM pg_catalog.pg_attribute a "
                            "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                            "AND a.attnum > 0 AND NOT a.attisdropped "
                            "ORDER BY c.relname, a.attnum"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addColumn(query.value(0).toString(), query.value(1).toString(),
                           query.value(2).toString(), !query.value(3).toBool());
    }
    return true;
}

// Unique constraints appear here through the unique indexes PostgreSQL makes for them.
bool readPostgresIndexes(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral(
                 "SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary, a.attname "
                 "FROM pg_catalog.pg_index ix "
                 "JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
                 "JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid "
                 "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                 "CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                 "LEFT JOIN pg_catalog.pg_attribute a "
                 "ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0 "
                 "WHERE n.nspname = current_schema() AND k.ord <= ix.indnkeyatts "
                 "AND pg_catalog.pg_get_indexdef(ix.indexrelid) NOT LIKE '%to_tsvector(%' "
                 "ORDER BY t.relname, i.relname, k.ord"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString table = query.value(0).toString();
        const QString column = partName(query.value(4));
        if (query.value(3).toBool()) {
            builder->markPrimaryKey(table, column);
        } else {
            builder->addIndexPart(table, query.value(1).toString(), query.value(2).toBool(),
                                  column);
        }
    }
    return true;
}

// A GIN index over to_tsvector(...) is a full-text index; its columns are those its
// expression reads, which PostgreSQL records as the index's dependencies.
bool readPostgresFullTextIndexes(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(
            query,
            QStringLiteral(
                "SELECT t.relname, i.relname, a.attname FROM pg_catalog.pg_index ix "
                "JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
                "JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid "
                "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                "JOIN pg_catalog.pg_am am ON am.oid = i.relam "
                "JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass "
                "AND d.objid = ix.indexrelid AND d.refclassid = 'pg_catalog.pg_class'::regclass "
                "AND d.refobjid = t.oid AND d.refobjsubid > 0 "
                "JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
                "WHERE n.nspname = current_schema() AND am.amname = 'gin' "
                "AND pg_catalog.pg_get_indexdef(ix.indexrelid) LIKE '%to_tsvector(%' "
                "ORDER BY t.relname, i.relname, a.attnum"),
            {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addIndexPart(query.value(0).toString(), query.value(1).toString(), false,
                              query.value(2).toString(), true);
    }
    return true;
}

bool readPostgresForeignKeys(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT t.relname, c.conname, a.attname, r.relname, ra.attname "
                            "FROM pg_catalog.pg_constraint c "
                            "JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                            "JOIN pg_catalog.pg_class r ON r.oid = c.confrelid "
                            "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY "
                            "AS k(attnum, refnum, ord) "
                            "JOIN pg_catalog.pg_attribute a "
                            "ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                            "JOIN pg_catalog.pg_attribute ra "
                            "ON ra.attrelid = c.confrelid AND ra.attnum = k.refnum "
                            "WHERE c.contype = 'f' AND n.nspname = current_schema() "
                            "ORDER BY t.relname, c.conname, k.ord"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addForeignKeyPart(query.value(0).toString(), query.value(1).toString(),
                                   query.value(2).toString(), query.value(3).toString(),
                                   query.value(4).toString());
    }
    return true;
}

// Internal triggers (those behind foreign keys) are the constraints', not the user's.
bool readPostgresTriggers(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT c.relname, t.tgname FROM pg_catalog.pg_trigger t "
                            "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND NOT t.tgisinternal "
                            "ORDER BY c.relname, t.tgname"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTrigger(query.value(0).toString(), query.value(1).toString());
    }
    return true;
}

} // namespace

bool readPostgres(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    return readPostgresTables(db, builder, error) && readPostgresColumns(db, builder, error) &&
           readPostgresIndexes(db, builder, error) &&
           readPostgresFullTextIndexes(db, builder, error) &&
           readPostgresForeignKeys(db, builder, error) && readPostgresTriggers(db, builder, error);
}

} // namespace SchemaSnapshotReading
