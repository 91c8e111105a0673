#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

// Something in a live table that BlogDesk's history does not know — a column, index or
// trigger added by hand or by another tool, or a whole table — on a table that a migration
// plan rebuilds or drops, so that the plan would take it along without a word.
struct UnknownObject
{
    enum class Kind
    {
        Column,
        Index,
        Trigger,
        Table,
    };

    Kind kind = Kind::Column;
    QString table;
    QString name;       // the column, index or trigger; the table itself for Kind::Table
    QString columns;    // an index's columns, "a, b"
    QString definition; // column: as declared; index, trigger: the SQL that made it (SQLite)
    qint64 rows = 0;    // column: rows where it is not NULL; table: its rows
    QString revision;   // the revision of the plan that decides its fate
    QString fate;       // translated: "revision bf2038b7def rebuilds posts"; a drop wins
    QString whyNotKept; // translated; empty when "keep" can carry it through

    bool keepable() const { return whyNotKept.isEmpty(); }
    // Kind, table and name: the same object in two assessments of the same database.
    QString key() const;
    // One translated line: "posts.subtitle: a column BlogDesk's history does not know; 60
    // rows hold a value".
    QString text() const;
    // text() with what happens to it: "... (revision bf2038b7def rebuilds posts)".
    QString withFate() const;
    // withFate() and, when it cannot be kept, why.
    QString fullText() const;

    Q_DECLARE_TR_FUNCTIONS(UnknownObject) // last: it ends in "private:"
};

// What "keep" does for one table that one revision rebuilds on SQLite: before the revision's
// statements the unknown columns' values are set aside by primary key (in a table without
// type affinity, so every value stays as stored); after them the columns are added again as
// declared, their values put back, and the unknown indexes and triggers made again from their
// stored SQL. All of it inside the revision's transaction.
struct TableCarry
{
    QString revision;
    QString table;
    QStringList keyColumns;
    QStringList columns;
    QStringList columnDefinitions; // as in CREATE TABLE, for ALTER TABLE ADD COLUMN
    QStringList recreateSql;       // indexes first, then triggers

    QStringList before() const;
    QStringList after() const;
};

// What the person said about unknown objects: nothing yet (a plan with any is refused), carry
// them through, or drop them knowingly.
enum class UnknownObjectsPolicy
{
    Refuse,
    Keep,
    Drop,
};

namespace UnknownObjects {

// Whether a plan with `objects` may run under `policy`: Refuse only when there are none, Keep
// when each can be carried through, Drop always. *inTheWay = the objects that stop it.
bool allowed(const QList<UnknownObject>& objects, UnknownObjectsPolicy policy,
             QList<UnknownObject>* inTheWay);

// The keys of `objects`, to compare what was shown with what is found when the plan runs.
QStringList keys(const QList<UnknownObject>& objects);

// A revision's statements with what "keep" runs around them: every carry of `revision`
// sets its values aside first and puts everything back last.
QStringList carriedThrough(const QList<TableCarry>& carries, const QString& revision,
                           const QStringList& statements);

// The definition of `column` in a SQLite CREATE TABLE statement ("subtitle TEXT DEFAULT ''"),
// as written there; empty when the statement has no such column.
QString columnDefinition(const QString& createTableSql, const QString& column);

// A SQLite identifier in double quotes.
QString quoted(const QString& name);

} // namespace UnknownObjects
