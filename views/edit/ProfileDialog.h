#pragma once

#include <QSqlDatabase>

#include "models/records/ProfileService.h"
#include "views/edit/RecordDialog.h"

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// Edits the profile of one user (profiles are one-to-one with users, so the dialog opens by
// user). A user without a profile gets one when Save is clicked. Web addresses and lengths
// are checked as typed; Save writes in one short transaction, keeps the input when it fails
// and says so in words when another connection created the profile meanwhile.
class ProfileDialog : public RecordDialog
{
    Q_OBJECT

public:
    ProfileDialog(QSqlDatabase db, qint64 userId, QWidget* parent = nullptr);
    ~ProfileDialog() override;

    qint64 userId() const { return m_record.userId; }
    qint64 profileId() const { return m_record.id; } // 0 until the profile exists

private:
    void buildForm();
    QLineEdit* addLine(const QString& field, const QString& text, const QString& name);
    void showRecord();
    void onFieldEdited(const QString& field);
    bool writeRecord(qint64* id, QString* error, RowConflict* conflict) override;
    void refreshErrors() override;
    void resolveConflict() override;
    QList<FieldConflict> changedFields(const ProfileRecord& theirs) const;
    void takeTheirs(const ProfileRecord& theirs, const QList<FieldConflict>& changed);
    bool inputChanged() const override;
    QString discardText() const override;
    ProfileRecord currentInput() const;

    ProfileService m_service;
    ProfileRecord m_record; // as loaded (or as last reloaded after a conflict)
    QString m_username;

    QFormLayout* m_rows = nullptr;
    QPlainTextEdit* m_bioEdit = nullptr;
    QLineEdit* m_avatarUrlEdit = nullptr;
    QLineEdit* m_websiteEdit = nullptr;
    QLineEdit* m_locationEdit = nullptr;
};
