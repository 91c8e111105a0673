#include "DeletePlan.h"

#include <QHash>
#include <QMultiHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <functional>

#include "models/WriteTransaction.h"

namespace {

// Ids bound per statement. A statement may hold the list twice: 1,000 values stay far below
// SQLite's (32,766), PostgreSQL's and MySQL's (65,535) limits on bound values.
constexpr int BatchSize = 500;
constexpr int NamesShown = 3;

using Row = std::function<void(const QSqlQuery&)>;

QList<qint64> sortedUnique(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

QList<qint64> sortedUnique(const QSet<qint64>& ids)
{
    return sortedUnique(QList<qint64>(ids.cbegin(), ids.cend()));
}

QSet<qint64> toSet(const QList<qint64>& ids)
{
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        marks << QStringLiteral("?");
    }
    return marks.join(QStringLiteral(", "));
}

// Prepares `statement` for one batch: every %1 becomes the batch's placeholder list, and the
// batch is bound once per %1, after the `leading` values.
bool prepareBatch(QSqlQuery* query, const QString& statement, const QVariantList& leading,
                  const QList<qint64>& batch)
{
    const qsizetype lists = statement.count(QStringLiteral("%1"));
    if (!query->prepare(statement.arg(placeholders(batch.size())))) {
        return false;
    }
    for (const QVariant& value : leading) {
        query->addBindValue(value);
    }
    for (qsizetype list = 0; list < lists; ++list) {
        for (const qint64 id : batch) {
            query->addBindValue(id);
        }
    }
    return true;
}

// Runs a SELECT once per batch of ids and hands every row to `row`.
bool selectBatches(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
                   const Row& row, QString* error)
{
    for (qsizetype start = 0; start < ids.size(); start += BatchSize) {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!prepareBatch(&query, statement, {}, ids.mid(start, BatchSize)) || !query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next()) {
            row(query);
        }
    }
    return true;
}

bool selectIds(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
               QList<qint64>* out, QString* error)
{
    QList<qint64> found;
    const bool ok = selectBatches(
        db, statement, ids, [&found](const QSqlQuery& q) { found << q.value(0).toLongLong(); },
        error);
    *out = sortedUnique(found);
    return ok;
}

bool selectCount(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
                 qint64* out, QString* error)
{
    *out = 0;
    return selectBatches(
        db, statement, ids, [out](const QSqlQuery& q) { *out += q.value(0).toLongLong(); }, error);
}

// Runs an UPDATE or DELETE once per batch; *affected is the sum of the rows it touched.
bool changeBatches(const QSqlDatabase& db, const QString& statement, const QVariantList& leading,
                   const QList<qint64>& ids, qint64* affected, QString* error)
{
    *affected = 0;
    for (qsizetype start = 0; start < ids.size(); start += BatchSize) {
        QSqlQuery query(db);
        if (!prepareBatch(&query, statement, leading, ids.mid(start, BatchSize)) || !query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        *affected += query.numRowsAffected();
    }
    return true;
}

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

QString quoted(const QString& name)
{
    return QStringLiteral("'%1'").arg(name);
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
         {QStringLiteral("users"),
          {QStringLiteral("username"), QStringLiteral("email"), QStringLiteral("password_hash"),
           QStringLiteral("is_active"), QStringLiteral("updated_at"),
           QStringLiteral("deleted_at")}}},
        {Kind::Posts,
         {QStringLiteral("posts"),
          {QStringLiteral("title"), QStringLiteral("slug"), QStringLiteral("content"),
           QStringLiteral("is_published"), QStringLiteral("user_id"),
           QStringLiteral("updated_at")}}},
        {Kind::Tags, {QStringLiteral("tags"), {QStringLiteral("name"), QStringLiteral("slug")}}},
        {Kind::Comments,
         {QStringLiteral("comments"),
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
    const bool ok = selectBatches(
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
    return selectBatches(
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
        selectBatches(
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
        selectBatches(
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

// ---- in words ------------------------------------------------------------------------------

namespace {

QString counted(qsizetype n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace

QString DeletePlan::targetPhrase() const
{
    QStringList names;
    for (const QString& name : m_found.names.mid(0, NamesShown)) {
        names << (m_kind == Kind::Comments ? name : quoted(name));
    }
    QString list = names.join(QStringLiteral(", "));
    if (m_found.names.size() > NamesShown) {
        list = tr("%1 and %2 more").arg(list).arg(m_found.names.size() - NamesShown);
    }
    const qsizetype n = m_found.targets.size();
    switch (m_kind) {
    case Kind::Users:
        return n == 1 ? tr("user %1").arg(list) : tr("%1 users (%2)").arg(n).arg(list);
    case Kind::Posts:
        return n == 1 ? tr("post %1").arg(list) : tr("%1 posts (%2)").arg(n).arg(list);
    case Kind::Tags:
        return n == 1 ? tr("tag %1").arg(list) : tr("%1 tags (%2)").arg(n).arg(list);
    case Kind::Comments:
        return n == 1 ? tr("comment %1").arg(list) : tr("%1 comments (%2)").arg(n).arg(list);
    }
    return list;
}

QStringList DeletePlan::summaryParts(const DeleteEffect& e) const
{
    QStringList parts;
    const auto add = [&parts](qsizetype n, const QString& one, const QString& many) {
        if (n > 0) {
            parts << counted(n, one, many);
        }
    };
    if (m_kind == Kind::Users) {
        add(e.posts.size(), tr("1 post"), tr("%1 posts"));
    }
    if (m_kind == Kind::Posts) {
        add(e.postComments.size(), tr("1 comment"), tr("%1 comments"));
    } else {
        add(e.postComments.size(), tr("1 comment on them"), tr("%1 comments on them"));
    }
    add(e.otherComments.size(), tr("1 comment on other users' posts"),
        tr("%1 comments on other users' posts"));
    add(e.replies.size(), tr("1 reply to the deleted comments"),
        tr("%1 replies to the deleted comments"));
    add(e.tagLinks, tr("1 tag link"), tr("%1 tag links"));
    add(e.profiles.size(), tr("1 profile"), tr("%1 profiles"));
    return parts;
}

QString DeletePlan::otherChoicePhrase(const DeleteEffect& e) const
{
    QStringList sentences;
    if (!e.reassigned.isEmpty()) {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT username FROM users WHERE id = ?"));
        query.addBindValue(m_other->userId());
        const QString name = query.exec() && query.next() ? quoted(query.value(0).toString())
                                                          : tr("#%1").arg(m_other->userId());
        const qsizetype n = e.reassigned.size();
        sentences << (n == 1 ? tr("1 comment on other users' posts goes to user %1.").arg(name)
                             : tr("%1 comments on other users' posts go to user %2.")
                                   .arg(QString::number(n), name));
    }
    if (!e.detached.isEmpty() && m_replies) {
        sentences << counted(e.detached.size(), tr("1 reply stays as a top-level comment."),
                             tr("%1 replies stay as top-level comments."));
    }
    if (!m_replies && !e.detached.isEmpty()) {
        sentences << counted(e.detached.size(), tr("1 comment replies to them: choose below."),
                             tr("%1 comments reply to them: choose below."));
    }
    if (!m_other && otherCommentCount() > 0) {
        // The reason is explained beside the choice; here only a pointer to it.
        sentences << counted(otherCommentCount(),
                             tr("Choose below what happens to their comment on another "
                                "user's post."),
                             tr("Choose below what happens to their %1 comments on other "
                                "users' posts."));
    }
    return sentences.join(QLatin1Char(' '));
}

QString DeletePlan::summary() const
{
    if (!isValid()) {
        return m_readError;
    }
    if (m_found.targets.isEmpty()) {
        return tr("Nothing to delete: the selected rows no longer exist.");
    }
    const DeleteEffect e = effect();
    const QStringList parts = summaryParts(e);
    const bool single = m_found.targets.size() == 1 && m_kind != Kind::Users;
    QString text;
    if (parts.isEmpty()) {
        text = tr("Delete %1; nothing else goes with it.").arg(targetPhrase());
    } else if (single) {
        text =
            tr("Delete %1 and with it: %2.").arg(targetPhrase(), parts.join(QStringLiteral(", ")));
    } else {
        text = tr("Delete %1 and with them: %2.")
                   .arg(targetPhrase(), parts.join(QStringLiteral(", ")));
    }
    if (m_kind == Kind::Tags && e.tagLinks > 0) {
        text += QLatin1Char(' ') + tr("The posts stay.");
    }
    const QString more = otherChoicePhrase(e);
    return more.isEmpty() ? text : text + QLatin1Char(' ') + more;
}

QString DeletePlan::blocker() const
{
    const int n = otherCommentCount();
    if (n == 0) {
        return {};
    }
    const QString who = m_found.targets.size() == 1 ? tr("This user has") : tr("These users have");
    const QString count = n == 1 ? tr("%1 1 comment on other users' posts.").arg(who)
                                 : tr("%1 %2 comments on other users' posts.").arg(who).arg(n);
    return count + QLatin1Char(' ') +
           tr("The blog's Flask app cannot delete such a user (a comment must have an author and "
              "nothing deletes these comments): delete them too, or give them to another user.");
}

// ---- doing it ------------------------------------------------------------------------------

bool DeletePlan::checkChoices(QString* error) const
{
    QString open;
    if (needsChoice(&open)) {
        *error = tr("Nothing was deleted: choose %1 first.").arg(open);
        return false;
    }
    if (m_other && m_other->action() == OtherComments::Action::Reassign &&
        (m_other->userId() <= 0 || m_found.targets.contains(m_other->userId()))) {
        *error = tr("Nothing was deleted: the comments must go to a user who is not deleted.");
        return false;
    }
    return true;
}

// SQLite: BEGIN IMMEDIATE takes the write lock before the re-check, so nobody can change the
// rows between the check and the deletes. Elsewhere the row counts of every statement are
// checked instead.
bool DeletePlan::begin(QString* error)
{
    QString why;
    if (WriteTransaction::begin(m_db, &why)) {
        return true;
    }
    *error = tr("Nothing was deleted: could not start a transaction (another program may be "
                "writing to the database; try again): %1")
                 .arg(why);
    return false;
}

bool DeletePlan::recheck(QString* error) const
{
    Found now;
    if (!read(&now, error)) {
        return false;
    }
    if (m_other && m_other->action() == OtherComments::Action::Reassign &&
        !effectOf(now).reassigned.isEmpty()) {
        qint64 users = 0;
        if (!selectCount(m_db, QStringLiteral("SELECT COUNT(*) FROM users WHERE id IN (%1)"),
                         {m_other->userId()}, &users, error)) {
            return false;
        }
        if (users != 1) {
            *error = tr("Nothing was deleted: the user to give the comments to no longer exists.");
            return false;
        }
    }
    if (!checkTargetsUnchanged(now, error)) {
        return false;
    }
    if (effectOf(now) != effectOf(m_found)) {
        const QStringList parts = summaryParts(effectOf(now));
        *error = tr("Nothing was deleted: the rows changed since this was shown (now %1: %2). "
                    "Look again and confirm.")
                     .arg(now.targets.size())
                     .arg(parts.isEmpty() ? tr("nothing else") : parts.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

namespace {

// One UPDATE or DELETE that must touch exactly `expected` rows (-1: any number).
bool change(const QSqlDatabase& db, const QString& statement, const QVariantList& leading,
            const QList<qint64>& ids, qint64 expected, QString* error)
{
    qint64 affected = 0;
    QString why;
    if (!changeBatches(db, statement, leading, ids, &affected, &why)) {
        *error = DeletePlan::tr("Nothing was deleted: %1").arg(why);
        return false;
    }
    if (expected >= 0 && affected != expected) {
        *error = DeletePlan::tr("Nothing was deleted: the rows changed meanwhile (%1 rows instead "
                                "of the %2 shown). Look again and confirm.")
                     .arg(affected)
                     .arg(expected);
        return false;
    }
    return true;
}

} // namespace

// Comments first: reassign, detach the kept replies, then unlink the deleted comments from
// each other so that any order of deletion is foreign-key safe (MySQL checks row by row).
bool DeletePlan::runComments(const DeleteEffect& e, QString* error)
{
    const QList<qint64> deleted = e.deletedComments();
    return change(m_db, QStringLiteral("UPDATE comments SET user_id = ? WHERE id IN (%1)"),
                  {m_other ? m_other->userId() : 0}, e.reassigned, e.reassigned.size(), error) &&
           change(m_db, QStringLiteral("UPDATE comments SET parent_id = NULL WHERE id IN (%1)"), {},
                  e.detached, e.detached.size(), error) &&
           change(m_db,
                  QStringLiteral("UPDATE comments SET parent_id = NULL "
                                 "WHERE parent_id IS NOT NULL AND id IN (%1)"),
                  {}, deleted, -1, error) &&
           change(m_db, QStringLiteral("DELETE FROM comments WHERE id IN (%1)"), {}, deleted,
                  deleted.size(), error);
}

// Then the rows that others point at, children before parents.
bool DeletePlan::runRows(const DeleteEffect& e, QString* error)
{
    const bool byTag = m_kind == Kind::Tags;
    return change(m_db,
                  byTag ? QStringLiteral("DELETE FROM post_tags WHERE tag_id IN (%1)")
                        : QStringLiteral("DELETE FROM post_tags WHERE post_id IN (%1)"),
                  {}, byTag ? e.tags : e.posts, e.tagLinks, error) &&
           change(m_db, QStringLiteral("DELETE FROM posts WHERE id IN (%1)"), {}, e.posts,
                  e.posts.size(), error) &&
           change(m_db, QStringLiteral("DELETE FROM tags WHERE id IN (%1)"), {}, e.tags,
                  e.tags.size(), error) &&
           change(m_db, QStringLiteral("DELETE FROM profiles WHERE id IN (%1)"), {}, e.profiles,
                  e.profiles.size(), error) &&
           change(m_db, QStringLiteral("DELETE FROM users WHERE id IN (%1)"), {}, e.users,
                  e.users.size(), error);
}

bool DeletePlan::run(const DeleteEffect& effect, QString* error)
{
    return runComments(effect, error) && runRows(effect, error);
}

bool DeletePlan::execute(QString* error)
{
    error->clear();
    if (!isValid()) {
        *error = m_readError;
        return false;
    }
    if (m_found.targets.isEmpty()) {
        *error = tr("Nothing to delete: the selected rows no longer exist.");
        return false;
    }
    if (!checkChoices(error) || !begin(error)) {
        return false;
    }
    const bool ok = recheck(error) && run(effectOf(m_found), error);
    QString why;
    if (ok && WriteTransaction::commit(m_db, &why)) {
        return true;
    }
    if (ok) {
        *error = tr("Nothing was deleted: the commit failed: %1").arg(why);
    }
    WriteTransaction::rollback(m_db);
    return false;
}
