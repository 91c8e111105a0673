#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

#include "models/delete/TargetValues.h"

// What happens to the replies of comments that are deleted: they go too (the whole subtree),
// or they stay as top-level comments (parent_id set to NULL, what the Flask app's ORM does).
enum class CommentReplies
{
    DeleteSubtree,
    KeepAsTopLevel,
};

// What happens to a deleted user's comments on other users' posts. The guide's own cascade
// cannot delete such a user (comments.user_id is NOT NULL and nothing cascades), so BlogDesk
// asks: delete those comments, or give them to another user.
class OtherComments
{
public:
    enum class Action
    {
        Delete,
        Reassign,
    };

    static const OtherComments Delete;
    static OtherComments ReassignTo(qint64 userId);

    Action action() const { return m_action; }
    qint64 userId() const { return m_userId; } // 0 unless Reassign

    bool operator==(const OtherComments& other) const
    {
        return m_action == other.m_action && m_userId == other.m_userId;
    }

private:
    OtherComments(Action action, qint64 userId) : m_action(action), m_userId(userId) {}

    Action m_action;
    qint64 m_userId;
};

// The rows a plan removes or changes, by id (sorted). Comments are split by why they go.
struct DeleteEffect
{
    QList<qint64> users;
    QList<qint64> profiles;
    QList<qint64> posts;
    QList<qint64> tags;
    QList<qint64> comments;      // the selected comments (comment plans only)
    QList<qint64> postComments;  // on the deleted posts, by anyone
    QList<qint64> otherComments; // the users' comments on other users' posts, deleted
    QList<qint64> replies;       // further comments deleted with a subtree
    QList<qint64> detached;      // replies kept as top-level comments (parent_id -> NULL)
    QList<qint64> reassigned;    // comments given to another user
    qint64 tagLinks = 0;         // post_tags rows

    QList<qint64> deletedComments() const;
    bool operator==(const DeleteEffect& other) const;
    bool operator!=(const DeleteEffect& other) const { return !(*this == other); }
};

// Deleting users, posts, tags or comments the way the seed's cascades say, shown before it is
// done. A plan reads what would go (a fixed number of queries per 500 selected ids, a recursive
// CTE for comment subtrees), says it in words with counts, and execute() does exactly that in
// one transaction, or nothing when the rows changed meanwhile.
class DeletePlan
{
    Q_DECLARE_TR_FUNCTIONS(DeletePlan)

public:
    enum class Kind
    {
        Users,
        Posts,
        Tags,
        Comments,
    };

    // A user takes their posts, those posts' comments (by anyone) and tag links, their
    // profile; their comments on other posts need an OtherComments choice.
    static DeletePlan forUsers(QSqlDatabase db, const QList<qint64>& ids);
    // A post takes its comments (by anyone) and its tag links.
    static DeletePlan forPosts(QSqlDatabase db, const QList<qint64>& ids);
    // A tag takes its post_tags links only.
    static DeletePlan forTags(QSqlDatabase db, const QList<qint64>& ids);
    // The comments, and their replies per `replies`; without it the choice is still open.
    static DeletePlan forComments(QSqlDatabase db, const QList<qint64>& ids,
                                  CommentReplies replies);
    static DeletePlan forComments(QSqlDatabase db, const QList<qint64>& ids);

    Kind kind() const { return m_kind; }
    // False when the rows could not be read; readError() says why.
    bool isValid() const { return m_readError.isEmpty(); }
    QString readError() const { return m_readError; }
    // The selected rows that exist (ids that are gone already are left out).
    QList<qint64> targets() const { return m_found.targets; }

    // The users' comments on other users' posts (users plans; 0 otherwise).
    int otherCommentCount() const { return int(m_found.userComments.size()); }
    // Why those comments need a choice, in words; empty when there are none.
    QString blocker() const;
    std::optional<OtherComments> otherComments() const { return m_other; }
    void setOtherComments(std::optional<OtherComments> choice) { m_other = choice; }

    // Comments outside the deleted ones that reply to one of them, under the current
    // OtherComments choice: how many go with DeleteSubtree (the whole subtrees) or become
    // top-level with KeepAsTopLevel (the direct replies). 0 and 0 when there are none.
    int replyCount(CommentReplies replies) const;
    std::optional<CommentReplies> commentReplies() const { return m_replies; }
    void setCommentReplies(std::optional<CommentReplies> replies) { m_replies = replies; }

    // Whether a choice execute() needs is still open; *what names it.
    bool needsChoice(QString* what = nullptr) const;
    // What execute() would do with the current choices (open choices count as "keep").
    DeleteEffect effect() const;
    // One paragraph: "Delete user 'alice' and with them: 3 posts, 12 comments on them, …".
    QString summary() const;

    // Runs the plan in one transaction, in foreign-key-safe order, after checking that the
    // rows are still exactly those shown; otherwise rolls back and says so in *error.
    bool execute(QString* error);

private:
    struct Found
    {
        QList<qint64> targets;
        QStringList names;
        QList<qint64> posts;
        QList<qint64> profiles;
        QList<qint64> postComments;
        QList<qint64> userComments;  // by the users, not under their own posts
        QMap<qint64, qint64> forest; // replies below every candidate root: id -> parent_id
        qint64 tagLinks = 0;
        TargetValues::Snapshot values; // the targets' own columns, to notice edits meanwhile
    };

    DeletePlan(QSqlDatabase db, Kind kind, const QList<qint64>& ids);

    bool read(Found* found, QString* error) const;
    bool readUsers(Found* found, QString* error) const;
    bool readPosts(Found* found, QString* error) const;
    bool readTags(Found* found, QString* error) const;
    bool readComments(Found* found, QString* error) const;
    bool readTargetValues(Found* found, QString* error) const;
    bool checkTargetsUnchanged(const Found& now, QString* error) const;
    DeleteEffect effectOf(const Found& found) const;
    QList<qint64> roots(const Found& found) const;
    QStringList summaryParts(const DeleteEffect& effect) const;
    QString targetPhrase() const;
    QString otherChoicePhrase(const DeleteEffect& effect) const;

    bool checkChoices(QString* error) const;
    bool begin(QString* error);
    bool recheck(QString* error) const;
    bool run(const DeleteEffect& effect, QString* error);
    bool runComments(const DeleteEffect& effect, QString* error);
    bool runRows(const DeleteEffect& effect, QString* error);

    QSqlDatabase m_db;
    Kind m_kind;
    QList<qint64> m_ids;
    Found m_found;
    QString m_readError;
    std::optional<OtherComments> m_other;
    std::optional<CommentReplies> m_replies;
};
