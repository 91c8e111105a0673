#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "tests/benchmark/FloorRunner.h"

// The SQL of each benchmarked action, written once: the statements BlogDesk runs for it (see
// models/browse/*), which FloorRunner hands to the command-line client as the floor.
namespace ActionSql {

// The first window of `table` ("users", "posts", ...) by id and its count: start-up, and
// what "back" returns to.
QList<FloorStatement> firstPage(const QString& table);
// The window after the row with id `lastId`, and the count.
QList<FloorStatement> nextPostsPage(qint64 lastId);
// The last window (descending by id) and the count.
QList<FloorStatement> lastPostsPage();
// The first window by author as the posts page reads it: the statements WindowReader runs
// for PostsModel's request (the authors walked by username with each one's posts, then the
// window's last author again), the shown rows by id, and the count. Reads that window on `db`
// once to know its ids and last author.
QList<FloorStatement> postsByAuthor(QSqlDatabase db);
// The first window of posts whose title, slug or content contains `text`, and their count.
// On SQLite the client has no blogdesk_fold(), so SQLite's own LIKE (ASCII case folding)
// stands in for it.
QList<FloorStatement> postsContaining(SqlDialect dialect, const QString& text);
// A post's comment thread (one statement) and its Related dock (author, tags, comments).
QList<FloorStatement> selectPost(qint64 postId);
// The full-text search for `word` as the search field runs it (the word a prefix, as typed),
// on the test servers' InnoDB settings for MariaDB.
QList<FloorStatement> fullTextSearch(SqlDialect dialect, const QString& word);
// The guide's per-author statistics: total, published and draft posts of every user.
QList<FloorStatement> authorStatistics();

} // namespace ActionSql
