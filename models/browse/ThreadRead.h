#pragma once

#include "sql/SqlCondition.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariant>

#include "models/read/BackgroundReader.h"

// One comment as the thread's statement reads it.
struct ThreadComment
{
    qint64 id = 0;
    QVariant parentId;
    QString content;
    QVariant createdAt;
    QVariant userId;
    QVariant username;
};

// A post's thread as read off the GUI thread: plain rows, ordered by created_at then id, for
// CommentThreadModel::apply() to turn into a tree on the GUI thread.
struct ThreadRead : ReadResult
{
    qint64 postId = 0;
    // Whether `comments` holds the post's thread (a comment's read may find its post shown).
    bool loaded = false;
    QList<ThreadComment> comments; // implicitly shared: handing it over copies no rows
    int statements = 0;            // run by the read: one for the thread, whatever its size
};

// Reads on whatever thread calls them (a BackgroundReader's, in the window).
namespace ThreadReader {

// The one statement that reads post `postId`'s thread, with its values: for readPost(), and
// for EXPLAIN in the tests and the benchmark's floor.
SqlCondition statement(qint64 postId);

// Post `postId`'s whole thread, in one statement.
ThreadRead readPost(const QSqlDatabase& db, qint64 postId);

// The post comment `commentId` belongs to (postId 0 when there is no such comment), then,
// unless that post is `shownPostId`, its thread: two statements at most, both by key.
ThreadRead readCommentsPost(const QSqlDatabase& db, qint64 commentId, qint64 shownPostId);

} // namespace ThreadReader
