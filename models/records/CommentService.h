#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include "models/records/RowConflict.h"
#include "models/records/ServiceSupport.h"

// One row of `comments`. created_at is set on insert only (the model has no updated_at).
struct CommentRecord
{
    qint64 id = 0; // 0 = not inserted yet
    QString content;
    qint64 userId = 0;
    qint64 postId = 0;
    qint64 parentId = 0; // 0 = a top-level comment (parent_id NULL)
};

// The comment another one replies to, as the dialog shows it.
struct CommentParent
{
    qint64 id = 0;
    qint64 postId = 0;
    QString summary; // "#12 by alice: The first words…"
};

// Reads, checks and writes one comment in short, bound statements; no transaction stays open
// between calls.
class CommentService
{
    Q_DECLARE_TR_FUNCTIONS(CommentService)

public:
    static const QString ContentField;
    static const QString AuthorField;
    static const QString PostField;
    static const QString ParentField;

    explicit CommentService(QSqlDatabase db);

    QSqlDatabase database() const { return m_db; }

    // *asRead (when given) gets the guarded columns exactly as read: the originals of save().
    bool load(qint64 id, CommentRecord* record, QString* error, ColumnValues* asRead = nullptr);
    bool loadParent(qint64 id, CommentParent* parent, QString* error);

    // Checks that need no further query: content, author and post given, and a parent (whose
    // post is `parentPostId`) on the same post and not the comment itself.
    static ValidationErrors validate(const CommentRecord& record, qint64 parentPostId);

    // Inserts (id 0, created_at = now) or updates in one short transaction, which first checks
    // again that author, post and parent exist, that the parent is on the same post and is not
    // one of the comment's own replies, and that a moved comment leaves no reply behind.
    // Those problems come back in *fieldErrors, anything else in *error. True only when the
    // row was written.
    // With `original` (load()'s *asRead) an update writes only while the row still holds those
    // values; otherwise nothing is written and *conflict says what changed (see RowGuard).
    bool save(CommentRecord* record, ValidationErrors* fieldErrors, QString* error,
              const ColumnValues& original = {}, RowConflict* conflict = nullptr);

private:
    bool checkReferences(const CommentRecord& record, ValidationErrors* errors, QString* error);
    bool checkParent(const CommentRecord& record, ValidationErrors* errors, QString* error);
    bool checkReplies(const CommentRecord& record, ValidationErrors* errors, QString* error);
    bool insert(CommentRecord* record, QString* error);
    bool update(const CommentRecord& record, const ColumnValues& original, RowConflict* conflict,
                QString* error);

    QSqlDatabase m_db;
};
