#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QTimer>

#include "models/records/PostRecord.h"
#include "models/records/PostService.h"
#include "views/edit/RecordDialog.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class RecordPicker;
class TagSelector;

// Creates (id 0) or edits one post with its author and tags. Fields are checked as they are
// typed; the slug follows the title (slugify, made unique) until the user edits it by hand,
// and its uniqueness is checked after a short pause. Save writes the post and its tag links
// in one short transaction; a failed save keeps everything as typed and says what is wrong
// next to the field. The dialog reads only in short statements and never holds a transaction.
// An existing post's slug does not follow its title: it is a published address.
class PostDialog : public RecordDialog
{
    Q_OBJECT

public:
    PostDialog(QSqlDatabase db, qint64 postId, QWidget* parent = nullptr);
    ~PostDialog() override;

    qint64 postId() const { return m_record.id; }
    bool slugFollowsTitle() const { return !m_slugByHand; }

private:
    void buildForm();
    QWidget* buildTextRows();
    QWidget* buildStateRows();
    void connectEdits();
    void showRecord();
    void showPublishedAt();

    void onTitleEdited();
    void onSlugEdited();
    void onFieldEdited(const QString& field);
    void checkSlug();
    void refreshErrors() override;
    void updateButtons();
    bool writeRecord(qint64* id, QString* error, RowConflict* conflict) override;
    void resolveConflict() override;
    QList<FieldConflict> changedFields(const PostRecord& theirs) const;
    void takeTheirs(const PostRecord& theirs, const QList<FieldConflict>& changed);
    bool inputChanged() const override;
    QString discardText() const override;
    PostRecord currentInput() const;

    PostService m_service;
    PostRecord m_record; // as loaded (or as last reloaded after a conflict)
    QTimer m_slugTimer;
    bool m_slugByHand = false;

    QLineEdit* m_titleEdit = nullptr;
    QLineEdit* m_slugEdit = nullptr;
    QPlainTextEdit* m_contentEdit = nullptr;
    RecordPicker* m_authorPicker = nullptr;
    QCheckBox* m_publishedCheck = nullptr;
    QLabel* m_publishedAtLabel = nullptr;
    TagSelector* m_tagSelector = nullptr;
};
