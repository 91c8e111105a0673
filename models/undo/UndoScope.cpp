#include "UndoScope.h"

#include "sql/IdBatches.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include "models/delete/DeletePlan.h"

namespace {

// The ids a statement selects over `ids` in batches (every %1 is a batch's placeholders).
bool selectIds(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
               QList<qint64>* out, QString* error)
{
    QString why;
    if (IdBatches::selectIds(db, statement, ids, out, &why)) {
        return true;
    }
    *error = UndoScope::tr("Could not read the rows to keep for undo: %1").arg(why);
    return false;
}

// The comments `roots` selects and every reply below them, in one recursive query. UNION
// stops on a parent_id cycle that a database without foreign keys may hold.
QString subtree(const QString& roots)
{
    return QStringLiteral("WITH RECURSIVE sub(id) AS (%1 "
                          "UNION SELECT c.id FROM comments c JOIN sub s ON c.parent_id = s.id) "
                          "SELECT id FROM sub")
        .arg(roots);
}

} // namespace

RowKeys UndoScope::keysForUsers(QSqlDatabase db, const QList<qint64>& ids, QString* error)
{
    QList<qint64> posts;
    QList<qint64> comments;
    const QString theirPosts = QStringLiteral("SELECT p.id FROM posts p WHERE p.user_id IN (%1)");
    const QString roots = QStringLiteral("SELECT r.id FROM comments r WHERE r.user_id IN (%1) "
                                         "OR r.post_id IN (%2)")
                              .arg(QStringLiteral("%1"), theirPosts);
    if (!selectIds(db, theirPosts, ids, &posts, error) ||
        !selectIds(db, subtree(roots), ids, &comments, error)) {
        return {};
    }
    RowKeys keys{{BlogTable::Users, ids},
                 {BlogTable::Profiles, QStringLiteral("user_id"), ids},
                 {BlogTable::Posts, QStringLiteral("user_id"), ids},
                 {BlogTable::Posts, posts},
                 {BlogTable::PostTags, QStringLiteral("post_id"), posts},
                 {BlogTable::Comments, comments},
                 {BlogTable::Comments, QStringLiteral("user_id"), ids},
                 {BlogTable::Comments, QStringLiteral("post_id"), posts},
                 {BlogTable::Comments, QStringLiteral("parent_id"), comments}};
    return keys;
}

RowKeys UndoScope::keysForPosts(QSqlDatabase db, const QList<qint64>& ids, QString* error)
{
    QList<qint64> comments;
    if (!selectIds(db,
                   subtree(QStringLiteral("SELECT r.id FROM comments r WHERE r.post_id IN (%1)")),
                   ids, &comments, error)) {
        return {};
    }
    return {{BlogTable::Posts, ids},
            {BlogTable::PostTags, QStringLiteral("post_id"), ids},
            {BlogTable::Comments, comments},
            {BlogTable::Comments, QStringLiteral("post_id"), ids},
            {BlogTable::Comments, QStringLiteral("parent_id"), comments}};
}

RowKeys UndoScope::keysForTags(const QList<qint64>& ids)
{
    return {{BlogTable::Tags, ids}, {BlogTable::PostTags, QStringLiteral("tag_id"), ids}};
}

RowKeys UndoScope::keysForComments(QSqlDatabase db, const QList<qint64>& ids, QString* error)
{
    QList<qint64> comments;
    if (!selectIds(db, subtree(QStringLiteral("SELECT r.id FROM comments r WHERE r.id IN (%1)")),
                   ids, &comments, error)) {
        return {};
    }
    return {{BlogTable::Comments, ids},
            {BlogTable::Comments, comments},
            {BlogTable::Comments, QStringLiteral("parent_id"), comments}};
}

RowKeys UndoScope::keysForProfiles(const QList<qint64>& ids)
{
    return {{BlogTable::Profiles, ids}};
}

RowKeys UndoScope::keysFor(QSqlDatabase db, BlogTable table, const QList<qint64>& ids,
                           QString* error)
{
    switch (table) {
    case BlogTable::Users:
        return keysForUsers(db, ids, error);
    case BlogTable::Posts:
        return keysForPosts(db, ids, error);
    case BlogTable::Tags:
        return keysForTags(ids);
    case BlogTable::Comments:
        return keysForComments(db, ids, error);
    case BlogTable::Profiles: // by user id, as the profile dialog opens them
        return {{table, QStringLiteral("user_id"), ids}};
    case BlogTable::PostTags:
        return {}; // edited only through its post or tag
    }
    return {};
}

RowKeys UndoScope::keysFor(const DeleteEffect& effect)
{
    const QList<qint64> comments = effect.deletedComments();
    return {{BlogTable::Users, effect.users},
            {BlogTable::Profiles, QStringLiteral("user_id"), effect.users},
            {BlogTable::Posts, QStringLiteral("user_id"), effect.users},
            {BlogTable::Comments, QStringLiteral("user_id"), effect.users},
            {BlogTable::Comments, QStringLiteral("post_id"), effect.posts},
            {BlogTable::Comments, QStringLiteral("parent_id"), comments},
            {BlogTable::Profiles, effect.profiles},
            {BlogTable::Posts, effect.posts},
            {BlogTable::Tags, effect.tags},
            {BlogTable::PostTags, QStringLiteral("post_id"), effect.posts},
            {BlogTable::PostTags, QStringLiteral("tag_id"), effect.tags},
            {BlogTable::Comments, comments + effect.detached + effect.reassigned}};
}
