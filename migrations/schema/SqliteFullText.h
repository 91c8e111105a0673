#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// SQLite's full-text indexes are FTS5 virtual tables, each with shadow tables of its own
// (NAME_data, _idx, _docsize, _config, _content). They hold derived data, not the blog's: the
// schema snapshot shows each as a full-text index on the table whose text it indexes, and
// the data impact never counts their rows as lost.
namespace SqliteFullText {

struct Table
{
    QString name;
    QString contentTable; // from content='...'; empty for a contentless or self-contained one
    QStringList columns;  // the indexed columns, in declared order
};

// The FTS5 tables of the database; *error says why not.
bool read(QSqlDatabase db, QList<Table>* tables, QString* error);

// The FTS5 tables and their shadow tables, lower-cased.
QStringList derivedTableNames(const QList<Table>& tables);

} // namespace SqliteFullText
