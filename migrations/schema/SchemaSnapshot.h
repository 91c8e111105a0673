#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The structure of a live database — tables, columns, indexes, foreign keys — read the same
// way on every back end, so that BlogDesk can tell which revision a database it did not
// migrate (db.create_all(), Flask-Migrate) corresponds to.

struct SchemaColumn
{
    QString name;
    QString type;         // canonical, see canonicalSqlType()
    QString declaredType; // as the database reports it
    bool nullable = true;
    bool primaryKey = false;
};

struct SchemaIndex
{
    QString name;
    QStringList columns; // in index order; an expression part is "<expression>"
    bool unique = false;
    // A full-text index: an FTS5 table on SQLite, a GIN index over to_tsvector() on
    // PostgreSQL (columns: those its expression reads), a FULLTEXT index on MySQL.
    bool fullText = false;
};

struct SchemaForeignKey
{
    QStringList columns;
    QString referencedTable;
    QStringList referencedColumns;

    // "user_id -> users(id)": the form used in differences and logs.
    QString text() const;
};

struct SchemaTable
{
    QString name;
    QList<SchemaColumn> columns; // in table order
    QList<SchemaIndex> indexes;  // sorted by name; primary keys are not listed
    QList<SchemaForeignKey> foreignKeys;
    QStringList triggers; // names, sorted; not compared by compareSchemas()

    // Case-insensitive, as SQL names are; nullptr when there is no such column.
    const SchemaColumn* column(const QString& name) const;
};

struct SchemaSnapshot
{
    // Sorted by name; leaves out blogdesk_migrations, alembic_version, sqlite_* and
    // _-prefixed scratch tables.
    QList<SchemaTable> tables;

    // Case-insensitive; nullptr when there is no such table.
    const SchemaTable* table(const QString& name) const;

    // Reads the live schema through the connection (QSQLITE: sqlite_master + PRAGMA
    // table_info/index_list/index_info/foreign_key_list; QPSQL: pg_catalog of
    // current_schema(); QMYSQL: information_schema of DATABASE()), triggers included.
    static bool read(QSqlDatabase db, SchemaSnapshot* snapshot, QString* error);

    Q_DECLARE_TR_FUNCTIONS(SchemaSnapshot) // last: it ends in "private:"
};

// Whether a table is bookkeeping or scratch space rather than part of the blog's schema.
bool isSchemaSnapshotIgnoredTable(const QString& name);

// Canonical type names so schemas compare across dialects: "integer", "varchar(N)", "text",
// "datetime", "boolean", "float", "numeric" (with its precision when declared), "blob", else
// the lower-cased declared type with its spaces normalised.
QString canonicalSqlType(const QString& declaredType);
