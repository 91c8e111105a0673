#pragma once

#include <QSqlDatabase>
#include <QTimer>

#include "models/records/TagService.h"
#include "views/edit/RecordDialog.h"

class QLineEdit;

// Creates (id 0) or edits one tag. The slug follows slugify(name) until it is edited by hand
// (emptying it makes it follow again from the next change of the name). Both are checked as typed,
// uniqueness after a short pause; Save writes in one short transaction and keeps the input when it
// fails.
class TagDialog : public RecordDialog
{
    Q_OBJECT

public:
    TagDialog(QSqlDatabase db, qint64 tagId, QWidget* parent = nullptr);
    ~TagDialog() override;

    qint64 tagId() const { return m_record.id; }
    bool slugFollowsName() const { return m_slugFollowsName; }

private:
    void buildForm();
    void onNameEdited();
    void onSlugEdited();
    void onFieldEdited(const QString& field);
    void checkUniqueness();
    bool writeRecord(qint64* id, QString* error, RowConflict* conflict) override;
    void refreshErrors() override;
    void updateButtons();
    void resolveConflict() override;
    void takeTheirs(const TagRecord& theirs, const QList<FieldConflict>& changed);
    bool inputChanged() const override;
    QString discardText() const override;
    TagRecord currentInput() const;

    TagService m_service;
    TagRecord m_record; // as loaded (or as last reloaded after a conflict)
    QTimer m_uniquenessTimer;
    bool m_slugFollowsName = true;

    QLineEdit* m_nameEdit = nullptr;
    QLineEdit* m_slugEdit = nullptr;
};
