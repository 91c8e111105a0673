#pragma once

#include <QDialog>
#include <QSqlDatabase>
#include <QTimer>

#include "models/TagService.h"
#include "views/EditFormSupport.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Creates (id 0) or edits one tag. The slug follows slugify(name) until it is edited by hand
// (emptying it makes it follow again from the next change of the name). Both are checked as typed,
// uniqueness after a short pause; Save writes in one short transaction and keeps the input when it
// fails.
class TagDialog : public QDialog
{
    Q_OBJECT

public:
    TagDialog(QSqlDatabase db, qint64 tagId, QWidget* parent = nullptr);
    ~TagDialog() override;

    QString loadError() const { return m_loadError; }
    qint64 tagId() const { return m_record.id; }
    bool hasUnsavedChanges() const;
    bool slugFollowsName() const { return m_slugFollowsName; }

    // Asks before throwing away unsaved input (see DiscardQuestion::setNextAnswer).
    void reject() override;

signals:
    void saved(qint64 id);

private:
    void buildForm();
    void onNameEdited();
    void onSlugEdited();
    void onFieldEdited(const QString& field);
    void checkUniqueness();
    void refreshErrors();
    void updateButtons();
    void save();
    void resolveConflict();
    void takeTheirs(const TagRecord& theirs, const QList<FieldConflict>& changed);
    TagRecord currentInput() const;

    TagService m_service;
    TagRecord m_record;      // as loaded (or as last reloaded after a conflict)
    ColumnValues m_original; // m_record's columns as read: what a save expects to find
    QString m_loadError;
    FieldErrors m_errors;
    QTimer m_uniquenessTimer;
    bool m_slugFollowsName = true;

    QWidget* m_form = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_slugEdit = nullptr;
    QLabel* m_saveError = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
};
