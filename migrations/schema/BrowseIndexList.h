#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One index BlogDesk's views need to walk instead of scanning: made by revision c71e5a2d9f0
// (0004_add_browse_indexes.sql) on databases that follow BlogDesk's history, and offered by
// the migrations panel on a database under another history (a Flask app's).
struct BrowseIndex
{
    QString name; // Alembic's style: ix_<table>_<first column>
    QString table;
    QStringList columns; // in index order; each ends in the row id (keyset paging)
    QString speedsUp;    // translated: what it makes fast, "the comments of a post"
    QString without;     // translated: what that reads without it, "every comment"

    // CREATE INDEX name ON table (columns): the same text on SQLite, PostgreSQL and MySQL.
    QString createStatement() const;
    // "ix_comments_post_id on comments (post_id, id)"
    QString text() const;
};

// The one list, in the revision's order; test_queryplans checks that the views' statements
// use them and test_schema that revision c71e5a2d9f0 makes exactly these.
namespace BrowseIndexList {

QList<BrowseIndex> all();
QStringList names();

// The revision that makes them.
QString revision();

} // namespace BrowseIndexList
