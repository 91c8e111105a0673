#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The tables of the blog's schema (the Flask-SQLAlchemy models), parents before children: the
// order RowSnapshot restores in. A table is named here once; everything that passes a table
// around passes a BlogTable, and asks BlogTables for its SQL name, title and the like.
//
// Adding or renaming a table is an edit here: every switch over BlogTable has no default, so
// -Wswitch points at each place that must say something about the new table. Values are
// contiguous from 0 (BlogTables::all() relies on it).
enum class BlogTable
{
    Users,
    Profiles,
    Posts,
    Tags,
    PostTags,
    Comments,
};

// What every layer needs to know about each BlogTable. The views add their own facts (page,
// filter, editor) in switches keyed by BlogTable (views/browse/TablePages, views/edit/
// RecordEditors).
class BlogTables
{
    Q_DECLARE_TR_FUNCTIONS(BlogTables)

public:
    // Every table, in declaration order (parents before children).
    static QList<BlogTable> all();

    // The table's name in SQL: "users", "post_tags", ...
    static QString name(BlogTable table);
    // The table named `name` (exactly, as name() gives it); nullopt for any other table.
    static std::optional<BlogTable> fromName(const QString& name);

    // For people, translated: "Users", "Post tags", ...
    static QString title(BlogTable table);
    // One row of it in a sentence, translated: "user", "post", ...
    static QString entity(BlogTable table);

    // The primary key's columns: "id", or post_id and tag_id for post_tags.
    static QStringList keyColumns(BlogTable table);
    // The column that names a row for people (users.username, posts.title, tags.name,
    // comments.content); empty for profiles and post_tags, which have none.
    static QString labelColumn(BlogTable table);
};
