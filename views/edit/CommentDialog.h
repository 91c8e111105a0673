#pragma once

#include <QSqlDatabase>

#include "models/records/CommentService.h"
#include "views/edit/RecordDialog.h"

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class RecordPicker;

// Creates (id 0) or edits one comment: content, author and post (searchable pickers that
// never load a whole table) and the comment it replies to, shown read-only with a button to
// clear it. setReplyTo() makes a reply from a thread: post and parent are filled and locked.
// Save writes in one short transaction and keeps the input when it fails.
class CommentDialog : public RecordDialog
{
    Q_OBJECT

public:
    CommentDialog(QSqlDatabase db, qint64 commentId, QWidget* parent = nullptr);
    ~CommentDialog() override;

    // Makes this (new) comment a reply to comment `parentCommentId`: its post and parent are
    // filled in and locked. False for a dialog that edits an existing comment, and (with
    // loadError() set and the form disabled) when that comment cannot be read.
    bool setReplyTo(qint64 parentCommentId);
    // Makes this (new) comment a top-level comment on post `postId`, which is filled in (and
    // can still be changed). False for a dialog that edits an existing comment.
    bool setPost(qint64 postId);

    qint64 commentId() const { return m_record.id; }

private:
    void buildForm();
    QWidget* buildParentLine();
    void showRecord();
    void showParent(qint64 parentId);
    void clearParent();
    void onFieldEdited(const QString& field);
    bool writeRecord(qint64* id, QString* error, RowConflict* conflict) override;
    void refreshErrors() override;
    void resolveConflict() override;
    QList<FieldConflict> changedFields(const CommentRecord& theirs) const;
    void takeTheirs(const CommentRecord& theirs, const QList<FieldConflict>& changed);
    bool inputChanged() const override;
    QString discardText() const override;
    CommentRecord currentInput() const;

    CommentService m_service;
    CommentRecord m_record; // as loaded (or as a new reply starts out, or as last reloaded)
    CommentParent m_parent; // id 0: no parent
    bool m_replyLocked = false;

    QPlainTextEdit* m_contentEdit = nullptr;
    RecordPicker* m_authorPicker = nullptr;
    RecordPicker* m_postPicker = nullptr;
    QLineEdit* m_parentEdit = nullptr;
    QPushButton* m_clearParentButton = nullptr;
};
