#pragma once

#include <QDialog>
#include <QSqlDatabase>

#include "models/CommentService.h"
#include "views/EditFormSupport.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class RecordPicker;

// Creates (id 0) or edits one comment: content, author and post (searchable pickers that
// never load a whole table) and the comment it replies to, shown read-only with a button to
// clear it. setReplyTo() makes a reply from a thread: post and parent are filled and locked.
// Save writes in one short transaction and keeps the input when it fails.
class CommentDialog : public QDialog
{
    Q_OBJECT

public:
    CommentDialog(QSqlDatabase db, qint64 commentId, QWidget* parent = nullptr);
    ~CommentDialog() override;

    // Makes this (new) comment a reply to comment `parentCommentId`: its post and parent are
    // filled in and locked. False for a dialog that edits an existing comment, and (with
    // loadError() set and the form disabled) when that comment cannot be read.
    bool setReplyTo(qint64 parentCommentId);

    QString loadError() const { return m_loadError; }
    qint64 commentId() const { return m_record.id; }
    bool hasUnsavedChanges() const;

    // Asks before throwing away unsaved input (see DiscardQuestion::setNextAnswer).
    void reject() override;

signals:
    void saved(qint64 id);

private:
    void buildForm();
    QWidget* buildParentLine();
    void showRecord();
    void showParent(qint64 parentId);
    void clearParent();
    void showLoadError(const QString& error);
    void onFieldEdited(const QString& field);
    void refreshErrors();
    void save();
    void resolveConflict();
    QList<FieldConflict> changedFields(const CommentRecord& theirs) const;
    void takeTheirs(const CommentRecord& theirs, const QList<FieldConflict>& changed);
    CommentRecord currentInput() const;

    CommentService m_service;
    CommentRecord m_record;  // as loaded (or as a new reply starts out, or as last reloaded)
    ColumnValues m_original; // m_record's columns as read: what a save expects to find
    CommentParent m_parent;  // id 0: no parent
    QString m_loadError;
    FieldErrors m_errors;
    bool m_replyLocked = false;

    QWidget* m_form = nullptr;
    QPlainTextEdit* m_contentEdit = nullptr;
    RecordPicker* m_authorPicker = nullptr;
    RecordPicker* m_postPicker = nullptr;
    QLineEdit* m_parentEdit = nullptr;
    QPushButton* m_clearParentButton = nullptr;
    QLabel* m_saveError = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
};
