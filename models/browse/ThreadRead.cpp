#include "ThreadRead.h"

#include "sql/BoundQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

// Every comment of the post, by ix_comments_post_id: one index range. The tree is built from
// parent_id by CommentThreadModel, which also makes roots of replies whose parent sits under
// another post or does not exist and breaks parent loops, so the statement needs no recursion
// (a recursive CTE read each comment three times: anchor, each level's join, outer SELECT).
// Each author's name by its primary key, in a subquery rather than a join: for a thread of
// thousands PostgreSQL hashed the whole users table for the join (100,000 rows read for 5,000
// comments), where the subquery stays one key lookup per comment on every back end.
// Portable SQL only (SQLite, PostgreSQL, MariaDB); NULL dates sort first on all three.
const char* const ThreadSql = R"(
SELECT c.id, c.parent_id, c.content, c.created_at, c.user_id,
       (SELECT u.username FROM users u WHERE u.id = c.user_id)
FROM comments c
WHERE c.post_id = ?
ORDER BY CASE WHEN c.created_at IS NULL THEN 0 ELSE 1 END, c.created_at, c.id
)";

ThreadComment commentFrom(const QSqlQuery& query)
{
    ThreadComment comment;
    comment.id = query.value(0).toLongLong();
    comment.parentId = query.value(1);
    comment.content = query.value(2).toString();
    comment.createdAt = query.value(3);
    comment.userId = query.value(4);
    comment.username = query.value(5);
    return comment;
}

// Runs the thread statement into `read`; false, with read's error set, on failure.
bool readThread(const QSqlDatabase& db, qint64 postId, ThreadRead* read)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
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
    return {QString::fromUtf8(ThreadSql), {postId}};
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
