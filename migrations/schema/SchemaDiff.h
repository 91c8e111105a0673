#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "migrations/schema/SchemaSnapshot.h"

// One way in which a live schema differs from the one a revision describes.
struct SchemaDifference
{
    enum class Kind
    {
        MissingTable,
        ExtraTable,
        MissingColumn,
        ExtraColumn,
        ColumnType,
        ColumnNullability,
        MissingIndex,
        ExtraIndex,
        MissingForeignKey,
        ExtraForeignKey,
    };

    Kind kind = Kind::MissingTable;
    QString table;
    QString object;   // column or index name, or the foreign key's text ("user_id -> users(id)")
    QString expected; // what BlogDesk's revision has, e.g. "varchar(80)", "NOT NULL",
    QString actual;   // "unique (slug)"; empty when there is nothing on that side

    // One translated line, e.g. "posts.slug: expected NOT NULL, found NULL allowed".
    QString text() const;

    Q_DECLARE_TR_FUNCTIONS(SchemaDifference) // last: it ends in "private:"
};

// expected = what BlogDesk's revision says, actual = the live database. Names compare
// case-insensitively; columns by canonical type and nullability (primary-key columns count
// as NOT NULL); indexes by (columns, unique), never by name, with a UNIQUE constraint counting
// as a unique index and an expected plain index satisfied by a unique one on the same columns;
// foreign keys by (columns, referenced table, referenced columns). Sorted by table, then
// columns, indexes and foreign keys.
QList<SchemaDifference> compareSchemas(const SchemaSnapshot& expected,
                                       const SchemaSnapshot& actual);

// The differences' text(), one per line.
QString schemaDifferencesText(const QList<SchemaDifference>& differences);
