#include "DeletePlan.h"
#include "sql/IdBatches.h"
#include "sql/WriteTransaction.h"

// DeletePlan doing it: the re-check and the statements, in one write transaction.

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
        if (!IdBatches::selectCount(m_db,
                                    QStringLiteral("SELECT COUNT(*) FROM users WHERE id IN (%1)"),
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
bool changeExactly(const QSqlDatabase& db, const QString& statement, const QVariantList& leading,
                   const QList<qint64>& ids, qint64 expected, QString* error)
{
    qint64 affected = 0;
    QString why;
    if (!IdBatches::change(db, statement, leading, ids, &affected, &why)) {
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
    return changeExactly(m_db, QStringLiteral("UPDATE comments SET user_id = ? WHERE id IN (%1)"),
                         {m_other ? m_other->userId() : 0}, e.reassigned, e.reassigned.size(),
                         error) &&
           changeExactly(m_db,
                         QStringLiteral("UPDATE comments SET parent_id = NULL WHERE id IN (%1)"),
                         {}, e.detached, e.detached.size(), error) &&
           changeExactly(m_db,
                         QStringLiteral("UPDATE comments SET parent_id = NULL "
                                        "WHERE parent_id IS NOT NULL AND id IN (%1)"),
                         {}, deleted, -1, error) &&
           changeExactly(m_db, QStringLiteral("DELETE FROM comments WHERE id IN (%1)"), {}, deleted,
                         deleted.size(), error);
}

// Then the rows that others point at, children before parents.
bool DeletePlan::runRows(const DeleteEffect& e, QString* error)
{
    const bool byTag = m_kind == Kind::Tags;
    return changeExactly(m_db,
                         byTag ? QStringLiteral("DELETE FROM post_tags WHERE tag_id IN (%1)")
                               : QStringLiteral("DELETE FROM post_tags WHERE post_id IN (%1)"),
                         {}, byTag ? e.tags : e.posts, e.tagLinks, error) &&
           changeExactly(m_db, QStringLiteral("DELETE FROM posts WHERE id IN (%1)"), {}, e.posts,
                         e.posts.size(), error) &&
           changeExactly(m_db, QStringLiteral("DELETE FROM tags WHERE id IN (%1)"), {}, e.tags,
                         e.tags.size(), error) &&
           changeExactly(m_db, QStringLiteral("DELETE FROM profiles WHERE id IN (%1)"), {},
                         e.profiles, e.profiles.size(), error) &&
           changeExactly(m_db, QStringLiteral("DELETE FROM users WHERE id IN (%1)"), {}, e.users,
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
