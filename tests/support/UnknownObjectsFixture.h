#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// What another tool may have added to the sample blog's posts table on SQLite, for the tests
// of "nothing outside the history is dropped silently": three columns BlogDesk's history does
// not know (subtitle TEXT DEFAULT 'none', extra without a type, rank INTEGER NOT NULL DEFAULT
// 0), an index on subtitle, a unique index on rank and a trigger. The values are chosen to
// show any change of a byte: NULLs, text beyond ASCII, a BLOB with zero bytes, a
// 300,000-character text, an integer and a real in the untyped column.
namespace UnknownObjectsFixture {

extern const QString Subtitle;    // "subtitle"
extern const QString TriggerName; // "posts_rank_touch"

// Adds them to `db`'s posts (which must have at least four rows); false with *error if not.
bool addToPosts(const QSqlDatabase& db, QString* error);

// posts' unknown columns, row by row in id order, as storage class and hex bytes.
QStringList postsValues(const QSqlDatabase& db);

// How posts' unknown columns are declared (PRAGMA table_info), and the SQL of its unknown
// indexes and trigger as sqlite_master keeps it, sorted.
QStringList postsDeclarations(const QSqlDatabase& db);

// Rows of posts whose subtitle is not NULL.
qint64 subtitleValues(const QSqlDatabase& db);

} // namespace UnknownObjectsFixture
