#include "DeletePlan.h"

#include <QSqlQuery>
#include <QVariant>

// DeletePlan in words: what the delete dialog says before anything is deleted.

namespace {

constexpr int NamesShown = 3;

QString quoted(const QString& name)
{
    return QStringLiteral("'%1'").arg(name);
}

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
