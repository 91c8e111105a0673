#include "ThreadRead.h"

#include "sql/BoundQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

// Roots: the post's comments without a parent, or whose parent is not a comment of this post
// (it sits under another post, or does not exist), so nothing is hidden. Then their replies
// within the same post. The outer SELECT reads every comment of the post, not only those the
// recursion reached: a parent loop has no root to start from, and its comments must show too.
// Portable SQL only (SQLite, PostgreSQL, MariaDB); NULL dates sort first on all three.
const char* const ThreadSql = R"(
WITH RECURSIVE thread (id, depth) AS (
    SELECT c.id, 0
    FROM comments c
    WHERE c.post_id = ?
      AND (c.parent_id IS NULL
           OR NOT EXISTS (SELECT 1 FROM comments p
                          WHERE p.id = c.parent_id AND p.post_id = c.post_id))
    UNION ALL
    SELECT r.id, t.depth + 1
    FROM thread t
    JOIN comments r ON r.parent_id = t.id
    WHERE r.post_id = ? AND t.depth < ?
)
SELECT c.id, c.parent_id, t.depth, c.content, c.created_at, c.user_id, u.username
FROM comments c
LEFT JOIN thread t ON t.id = c.id
LEFT JOIN users u ON u.id = c.user_id
WHERE c.post_id = ?
ORDER BY CASE WHEN c.created_at IS NULL THEN 0 ELSE 1 END, c.created_at, c.id
)";

ThreadComment commentFrom(const QSqlQuery& query)
{
    ThreadComment comment;
    comment.id = query.value(0).toLongLong();
    comment.parentId = query.value(1);
    comment.depth = query.value(2);
    comment.content = query.value(3).toString();
    comment.createdAt = query.value(4);
    comment.userId = query.value(5);
    comment.username = query.value(6);
    return comment;
}

// Runs the thread statement into `read`; false, with read's error set, on failure.
bool readThread(const QSqlDatabase& db, qint64 postId, ThreadRead* read)
{
    QSqlQuery query(db);
    const SqlCondition statement = ThreadReader::statement(postId);
    ++read->statements;
    if (!BoundQuery::exec(query, statement.sql, statement.values)) {
        read->fail(query);
        return false;
    }
    while (query.next()) {
        read->comments.append(commentFrom(query));
    }
    if (query.lastError().isValid()) {
        read->fail(query);
        read->comments.clear();
        return false;
    }
    read->loaded = true;
    return true;
}

} // namespace

namespace ThreadReader {

SqlCondition statement(qint64 postId)
{
    return {QString::fromUtf8(ThreadSql), {postId, postId, MaxDepth, postId}};
}

ThreadRead readPost(const QSqlDatabase& db, qint64 postId)
{
    ThreadRead read;
    read.postId = postId;
    readThread(db, postId, &read);
    return read;
}

ThreadRead readCommentsPost(const QSqlDatabase& db, qint64 commentId, qint64 shownPostId)
{
    ThreadRead read;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT post_id FROM comments WHERE id = ?"))) {
        read.fail(query);
        return read;
    }
    query.addBindValue(commentId);
    ++read.statements;
    if (!query.exec()) {
        read.fail(query);
        return read;
    }
    read.postId = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    if (read.postId > 0 && read.postId != shownPostId) {
        readThread(db, read.postId, &read);
    }
    return read;
}

} // namespace ThreadReader
