#pragma once

#include <QDialog>
#include <QList>
#include <QMessageBox>
#include <QSqlDatabase>
#include <QTimer>

#include "models/records/PostRecord.h"
#include "models/records/PostService.h"
#include "models/records/RowConflict.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class RecordPicker;
class TagSelector;

// Creates (id 0) or edits one post with its author and tags. Fields are checked as they are
// typed; the slug follows the title (slugify, made unique) until the user edits it by hand,
// and its uniqueness is checked after a short pause. Save writes the post and its tag links
// in one short transaction; a failed save keeps everything as typed and says what is wrong
// next to the field. The dialog reads only in short statements and never holds a transaction.
// An existing post's slug does not follow its title: it is a published address.
class PostDialog : public QDialog
{
    Q_OBJECT

public:
    PostDialog(QSqlDatabase db, qint64 postId, QWidget* parent = nullptr);
    ~PostDialog() override;

    // Why the post could not be loaded (e.g. deleted meanwhile); empty when it was.
    QString loadError() const { return m_loadError; }
    qint64 postId() const { return m_record.id; }
    bool hasUnsavedChanges() const;
    bool slugFollowsTitle() const { return !m_slugByHand; }

    // Test seam, as UserDialog's: the next "discard changes?" question is answered with
    // `answer` (Yes discards, No keeps editing) without showing it.
    static void setNextDiscardAnswer(QMessageBox::StandardButton answer);

    // Asks before throwing away unsaved input (Cancel, Escape and the close button).
    void reject() override;

signals:
    void saved(qint64 id);

private:
    void buildForm();
    QWidget* buildTextRows();
    QWidget* buildStateRows();
    void buildButtons();
    void connectEdits();
    void showRecord();
    void showPublishedAt();

    void onTitleEdited();
    void onSlugEdited();
    void onFieldEdited(const QString& field);
    void checkSlug();
    void refreshErrors();
    void updateButtons();
    void save();
    void resolveConflict();
    QList<FieldConflict> changedFields(const PostRecord& theirs) const;
    void takeTheirs(const PostRecord& theirs, const QList<FieldConflict>& changed);
    void adoptBaseline(const PostRecord& theirs, const ColumnValues& theirValues);
    bool confirmDiscard();
    PostRecord currentInput() const;

    PostService m_service;
    PostRecord m_record;     // as loaded (or as last reloaded after a conflict)
    ColumnValues m_original; // the post row as read: what a save expects to find
    QString m_loadError;
    ValidationErrors m_localErrors; // from the form alone
    ValidationErrors m_conflicts;   // from the database, after the pause
    ValidationErrors m_saveErrors;  // from the last failed save, until the field is edited
    QTimer m_slugTimer;
    bool m_slugByHand = false;

    QWidget* m_form = nullptr;
    QLineEdit* m_titleEdit = nullptr;
    QLabel* m_titleError = nullptr;
    QLineEdit* m_slugEdit = nullptr;
    QLabel* m_slugError = nullptr;
    QPlainTextEdit* m_contentEdit = nullptr;
    QLabel* m_contentError = nullptr;
    RecordPicker* m_authorPicker = nullptr;
    QLabel* m_authorError = nullptr;
    QCheckBox* m_publishedCheck = nullptr;
    QLabel* m_publishedAtLabel = nullptr;
    TagSelector* m_tagSelector = nullptr;
    QLabel* m_saveError = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
};
