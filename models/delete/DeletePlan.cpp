#include "DeletePlan.h"

#include "sql/IdBatches.h"

#include <QMultiHash>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include "models/BlogTable.h"

using namespace IdBatches;

namespace {

// The replies below `roots` (not the roots themselves), following the fetched reply forest.
QSet<qint64> descendants(const QMap<qint64, qint64>& forest, const QSet<qint64>& roots)
{
    QMultiHash<qint64, qint64> children;
    for (auto it = forest.cbegin(); it != forest.cend(); ++it) {
        children.insert(it.value(), it.key());
    }
    QSet<qint64> seen;
    QList<qint64> pending(roots.cbegin(), roots.cend());
    while (!pending.isEmpty()) {
        const qint64 parent = pending.takeLast();
        for (auto it = children.constFind(parent); it != children.cend() && it.key() == parent;
             ++it) {
            if (!roots.contains(it.value()) && !seen.contains(it.value())) {
                seen.insert(it.value());
                pending << it.value();
            }
        }
    }
    return seen;
}

// "replies by anyone on any post whose parent is one of `roots`, and theirs, …": one
// recursive query. UNION (not UNION ALL) stops on a parent_id cycle a database without
// foreign keys may hold.
QString forestStatement(const QString& roots)
{
    return QStringLiteral("WITH RECURSIVE sub(id, parent_id) AS ("
                          "SELECT c.id, c.parent_id FROM comments c WHERE c.parent_id IN (%1) "
                          "UNION SELECT c.id, c.parent_id FROM comments c "
                          "JOIN sub s ON c.parent_id = s.id) "
                          "SELECT id, parent_id FROM sub")
        .arg(roots);
}

} // namespace

const OtherComments OtherComments::Delete{OtherComments::Action::Delete, 0};

OtherComments OtherComments::ReassignTo(qint64 userId)
{
    return OtherComments(Action::Reassign, userId);
}

QList<qint64> DeleteEffect::deletedComments() const
{
    return sortedUnique(comments + postComments + otherComments + replies);
}

bool DeleteEffect::operator==(const DeleteEffect& other) const
{
    return users == other.users && profiles == other.profiles && posts == other.posts &&
           tags == other.tags && comments == other.comments && postComments == other.postComments &&
           otherComments == other.otherComments && replies == other.replies &&
           detached == other.detached && reassigned == other.reassigned &&
           tagLinks == other.tagLinks;
}

DeletePlan::DeletePlan(QSqlDatabase db, Kind kind, const QList<qint64>& ids)
    : m_db(db), m_kind(kind), m_ids(sortedUnique(ids))
{
    if (!read(&m_found, &m_readError) && m_readError.isEmpty()) {
        m_readError = tr("Could not read the rows to delete.");
    }
}

DeletePlan DeletePlan::forUsers(QSqlDatabase db, const QList<qint64>& ids)
{
    return DeletePlan(db, Kind::Users, ids);
}

DeletePlan DeletePlan::forPosts(QSqlDatabase db, const QList<qint64>& ids)
{
    return DeletePlan(db, Kind::Posts, ids);
}

DeletePlan DeletePlan::forTags(QSqlDatabase db, const QList<qint64>& ids)
{
    return DeletePlan(db, Kind::Tags, ids);
}

DeletePlan DeletePlan::forComments(QSqlDatabase db, const QList<qint64>& ids,
                                   CommentReplies replies)
{
    DeletePlan plan(db, Kind::Comments, ids);
    plan.m_replies = replies;
    return plan;
}

DeletePlan DeletePlan::forComments(QSqlDatabase db, const QList<qint64>& ids)
{
    return DeletePlan(db, Kind::Comments, ids);
}

// ---- reading -------------------------------------------------------------------------------

bool DeletePlan::read(Found* found, QString* error) const
{
    *found = Found{};
    QString why;
    bool ok = false;
    switch (m_kind) {
    case Kind::Users:
        ok = readUsers(found, &why);
        break;
    case Kind::Posts:
        ok = readPosts(found, &why);
        break;
    case Kind::Tags:
        ok = readTags(found, &why);
        break;
    case Kind::Comments:
        ok = readComments(found, &why);
        break;
    }
    ok = ok && readTargetValues(found, &why);
    if (!ok) {
        *error = tr("Could not read what would be deleted: %1").arg(why);
    }
    return ok;
}

// Every column the person could have seen or someone could have edited (comments and tags
// have no updated_at, so their content is compared).
bool DeletePlan::readTargetValues(Found* found, QString* error) const
{
    static const QHash<Kind, QPair<QString, QStringList>> guarded{
        {Kind::Users,
         {BlogTables::name(BlogTable::Users),
          {QStringLiteral("username"), QStringLiteral("email"), QStringLiteral("password_hash"),
           QStringLiteral("is_active"), QStringLiteral("updated_at"),
           QStringLiteral("deleted_at")}}},
        {Kind::Posts,
         {BlogTables::name(BlogTable::Posts),
          {QStringLiteral("title"), QStringLiteral("slug"), QStringLiteral("content"),
           QStringLiteral("is_published"), QStringLiteral("user_id"),
           QStringLiteral("updated_at")}}},
        {Kind::Tags,
         {BlogTables::name(BlogTable::Tags), {QStringLiteral("name"), QStringLiteral("slug")}}},
        {Kind::Comments,
         {BlogTables::name(BlogTable::Comments),
          {QStringLiteral("content"), QStringLiteral("user_id"), QStringLiteral("post_id"),
           QStringLiteral("parent_id")}}},
    };
    const auto& [table, columns] = guarded.value(m_kind);
    return TargetValues::read(m_db, table, columns, found->targets, &found->values, error);
}

bool DeletePlan::checkTargetsUnchanged(const Found& now, QString* error) const
{
    const QList<qint64> changed = TargetValues::changed(m_found.values, now.values);
    if (changed.isEmpty()) {
        return true;
    }
    QStringList ids;
    for (const qint64 id : changed) {
        ids << QString::number(id);
    }
    *error = tr("Nothing was deleted: someone changed %n of the selected rows since this was "
                "shown (id %1). Look again and confirm.",
                nullptr, int(changed.size()))
                 .arg(ids.join(QStringLiteral(", ")));
    return false;
}

namespace {

// Targets and their display names, ordered by id.
bool readTargets(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
                 QList<qint64>* targets, QStringList* names, QString* error)
{
    QMap<qint64, QString> byId;
    const bool ok = select(
        db, statement, ids,
        [&byId](const QSqlQuery& q) {
            byId.insert(q.value(0).toLongLong(), q.value(1).toString());
        },
        error);
    *targets = byId.keys();
    *names = byId.values();
    return ok;
}

bool readForest(const QSqlDatabase& db, const QString& roots, const QList<qint64>& ids,
                QMap<qint64, qint64>* forest, QString* error)
{
    return select(
        db, forestStatement(roots), ids,
        [forest](const QSqlQuery& q) {
            forest->insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        },
        error);
}

} // namespace

bool DeletePlan::readUsers(Found* f, QString* error) const
{
    const QString theirPosts = QStringLiteral("SELECT p.id FROM posts p WHERE p.user_id IN (%1)");
    QMap<qint64, qint64> userComments; // id -> post_id
    const bool ok =
        readTargets(m_db, QStringLiteral("SELECT id, username FROM users WHERE id IN (%1)"), m_ids,
                    &f->targets, &f->names, error) &&
        selectIds(m_db, theirPosts, m_ids, &f->posts, error) &&
        selectIds(m_db, QStringLiteral("SELECT id FROM profiles WHERE user_id IN (%1)"), m_ids,
                  &f->profiles, error) &&
        selectIds(
            m_db,
            QStringLiteral("SELECT c.id FROM comments c WHERE c.post_id IN (%1)").arg(theirPosts),
            m_ids, &f->postComments, error) &&
        select(
            m_db, QStringLiteral("SELECT id, post_id FROM comments WHERE user_id IN (%1)"), m_ids,
            [&userComments](const QSqlQuery& q) {
                userComments.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
            },
            error) &&
        readForest(m_db,
                   QStringLiteral("SELECT r.id FROM comments r WHERE r.user_id IN (%1) "
                                  "OR r.post_id IN (%2)")
                       .arg(QStringLiteral("%1"), theirPosts),
                   m_ids, &f->forest, error) &&
        selectCount(
            m_db,
            QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE post_id IN (%1)").arg(theirPosts),
            m_ids, &f->tagLinks, error);
    const QSet<qint64> posts = toSet(f->posts);
    for (auto it = userComments.cbegin(); it != userComments.cend(); ++it) {
        if (!posts.contains(it.value())) {
            f->userComments << it.key();
        }
    }
    return ok;
}

bool DeletePlan::readPosts(Found* f, QString* error) const
{
    return readTargets(m_db, QStringLiteral("SELECT id, title FROM posts WHERE id IN (%1)"), m_ids,
                       &f->targets, &f->names, error) &&
           selectIds(m_db, QStringLiteral("SELECT id FROM comments WHERE post_id IN (%1)"), m_ids,
                     &f->postComments, error) &&
           readForest(m_db, QStringLiteral("SELECT r.id FROM comments r WHERE r.post_id IN (%1)"),
                      m_ids, &f->forest, error) &&
           selectCount(m_db, QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE post_id IN (%1)"),
                       m_ids, &f->tagLinks, error);
}

bool DeletePlan::readTags(Found* f, QString* error) const
{
    return readTargets(m_db, QStringLiteral("SELECT id, name FROM tags WHERE id IN (%1)"), m_ids,
                       &f->targets, &f->names, error) &&
           selectCount(m_db, QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE tag_id IN (%1)"),
                       m_ids, &f->tagLinks, error);
}

bool DeletePlan::readComments(Found* f, QString* error) const
{
    // The author's name makes "comment #12 by bob"; a dangling author still shows the id.
    QMap<qint64, QString> byId;
    const bool ok =
        select(
            m_db,
            QStringLiteral("SELECT c.id, u.username FROM comments c "
                           "LEFT JOIN users u ON u.id = c.user_id WHERE c.id IN (%1)"),
            m_ids,
            [&byId](const QSqlQuery& q) {
                const qint64 id = q.value(0).toLongLong();
                byId.insert(id, q.value(1).isNull()
                                    ? tr("#%1").arg(id)
                                    : tr("#%1 by %2").arg(id).arg(q.value(1).toString()));
            },
            error) &&
        readForest(m_db, QStringLiteral("%1"), m_ids, &f->forest, error);
    f->targets = byId.keys();
    f->names = byId.values();
    return ok;
}

// ---- what would happen ---------------------------------------------------------------------

QList<qint64> DeletePlan::roots(const Found& found) const
{
    QList<qint64> roots = found.postComments;
    if (m_kind == Kind::Comments) {
        roots += found.targets;
    }
    if (m_other && m_other->action() == OtherComments::Action::Delete) {
        roots += found.userComments;
    }
    return sortedUnique(roots);
}

DeleteEffect DeletePlan::effectOf(const Found& found) const
{
    DeleteEffect e;
    e.users = m_kind == Kind::Users ? found.targets : QList<qint64>();
    e.profiles = found.profiles;
    e.posts = m_kind == Kind::Posts ? found.targets : found.posts;
    e.tags = m_kind == Kind::Tags ? found.targets : QList<qint64>();
    e.comments = m_kind == Kind::Comments ? found.targets : QList<qint64>();
    e.postComments = found.postComments;
    e.tagLinks = found.tagLinks;
    const bool deleteOther = m_other && m_other->action() == OtherComments::Action::Delete;
    e.otherComments = deleteOther ? found.userComments : QList<qint64>();
    const QSet<qint64> rootSet = toSet(roots(found));
    if (m_replies == CommentReplies::DeleteSubtree) {
        e.replies = sortedUnique(descendants(found.forest, rootSet));
    } else {
        for (auto it = found.forest.cbegin(); it != found.forest.cend(); ++it) {
            if (rootSet.contains(it.value()) && !rootSet.contains(it.key())) {
                e.detached << it.key();
            }
        }
    }
    if (m_other && m_other->action() == OtherComments::Action::Reassign) {
        const QSet<qint64> gone = rootSet + toSet(e.replies);
        for (const qint64 id : found.userComments) {
            if (!gone.contains(id)) {
                e.reassigned << id;
            }
        }
    }
    return e;
}

DeleteEffect DeletePlan::effect() const
{
    return effectOf(m_found);
}

int DeletePlan::replyCount(CommentReplies replies) const
{
    DeletePlan probe = *this;
    probe.m_replies = replies;
    const DeleteEffect e = probe.effect();
    return int(replies == CommentReplies::DeleteSubtree ? e.replies.size() : e.detached.size());
}

bool DeletePlan::needsChoice(QString* what) const
{
    QString open;
    if (!m_other && otherCommentCount() > 0) {
        open = tr("what happens to the comments on other users' posts");
    } else if (!m_replies && replyCount(CommentReplies::KeepAsTopLevel) > 0) {
        open = tr("what happens to the replies");
    }
    if (what) {
        *what = open;
    }
    return !open.isEmpty();
}
