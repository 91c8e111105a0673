#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "models/undo/RowSnapshot.h"

struct DeleteEffect;

// The rows an edit or delete of an entity can touch, as RowKeys for RowSnapshot::capture():
// take a snapshot with these keys before the change and one with the same keys (plus any new
// row's) after it. Besides the rows' ids the keys select by their parents (a post's comments
// by post_id, replies by parent_id, ...), so a row added there since is seen as a conflict
// rather than left dangling or deleted. Each function reads with a fixed number of queries (per 500
// ids); on failure it returns empty keys and says why in *error.
class UndoScope
{
    Q_DECLARE_TR_FUNCTIONS(UndoScope)

public:
    // The users, their profiles, their posts with those posts' tag links, every comment on
    // those posts, the users' comments elsewhere, and all replies below any of these comments.
    static RowKeys keysForUsers(QSqlDatabase db, const QList<qint64>& ids, QString* error);
    // The posts, their tag links, their comments and all replies below them (on any post).
    static RowKeys keysForPosts(QSqlDatabase db, const QList<qint64>& ids, QString* error);
    // The tags and their links (no query needed).
    static RowKeys keysForTags(const QList<qint64>& ids);
    // The comments and every reply below them.
    static RowKeys keysForComments(QSqlDatabase db, const QList<qint64>& ids, QString* error);
    // The profiles (by id).
    static RowKeys keysForProfiles(const QList<qint64>& ids);
    // The rows an edit of rows `ids` of `table` can touch, by the functions above; profiles by
    // user id (the profile dialog opens a user's profile).
    static RowKeys keysFor(QSqlDatabase db, BlogTable table, const QList<qint64>& ids,
                           QString* error);
    // The rows a DeletePlan's effect removes or changes (and rows added under them since).
    static RowKeys keysFor(const DeleteEffect& effect);

    static RowKeys keysForUser(QSqlDatabase db, qint64 id, QString* error)
    {
        return keysForUsers(db, {id}, error);
    }
    static RowKeys keysForPost(QSqlDatabase db, qint64 id, QString* error)
    {
        return keysForPosts(db, {id}, error);
    }
    static RowKeys keysForTag(qint64 id) { return keysForTags({id}); }
    static RowKeys keysForComment(QSqlDatabase db, qint64 id, QString* error)
    {
        return keysForComments(db, {id}, error);
    }
};
