#pragma once

#include "sql/SqlCondition.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

#include "models/BlogTable.h"
#include "models/read/BackgroundReader.h"

// One record a relation leads to: a row of `table` (Profiles for a user's profile, whose id
// is then the user's).
struct RelatedItem
{
    BlogTable table = BlogTable::Users;
    qint64 id = 0;
    QString label;
};

// A relation of one row: a single record (author, parent; count < 0) or a list (posts,
// replies) with its total and the first RelatedRecords::ItemLimit items. `condition` (values
// bound, columns qualified with `table`) selects the whole list on the target table's page.
struct RelatedGroup
{
    QString title;                      // "Posts", "Author", ...
    BlogTable table = BlogTable::Users; // the target table
    SqlCondition condition;
    QString description; // "Posts by alice"
    qint64 count = -1;
    QList<RelatedItem> items;
};

// What one row relates to, as read off the GUI thread: its label and its groups (on a failure,
// the groups read before it).
struct RelatedRead : ReadResult
{
    BlogTable table = BlogTable::Users;
    qint64 id = 0;
    QString name; // how a person names the row (RelatedRecords::label)
    QList<RelatedGroup> groups;
    int statements = 0; // run by the read: a fixed number per table, whatever the counts
};

// The relations between the blog's tables, read with a fixed number of bound, LIMITed
// queries per row (no query per related record).
namespace RelatedRecords {

constexpr int ItemLimit = 20;

// How a person names row `id` of `table`: a username, a title, a tag name, "#12: text…".
QString label(const QSqlDatabase& db, BlogTable table, qint64 id);

// The raw foreign key `column` ("user_id", "post_id", "parent_id") of row `id`; 0 when NULL
// or unknown. Only the blog's relation columns are answered.
qint64 foreignKey(const QSqlDatabase& db, BlogTable table, const QString& column, qint64 id);

// The table a relation column of `table` points to (Users for posts.user_id); nullopt when
// the column is no relation.
std::optional<BlogTable> targetTable(BlogTable table, const QString& column);

// Row `id` of `table`'s label and everything it relates to, grouped, on the calling thread.
RelatedRead read(const QSqlDatabase& db, BlogTable table, qint64 id);

// read()'s groups. On a failed query `error` says why and the groups read so far are returned.
QList<RelatedGroup> of(const QSqlDatabase& db, BlogTable table, qint64 id,
                       QString* error = nullptr);

} // namespace RelatedRecords
