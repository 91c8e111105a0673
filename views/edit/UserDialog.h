#pragma once

#include <QSqlDatabase>
#include <QTimer>

#include "models/records/UserRecord.h"
#include "models/records/UserService.h"
#include "views/edit/RecordDialog.h"

class PasswordCheckRow;
class PasswordHasher;
class QCheckBox;
class QLabel;
class QLineEdit;

// Creates (id 0) or edits one user. Fields are checked as they are typed (uniqueness after a
// short pause); Save hashes a new password off the GUI thread, then writes in one short
// transaction. A failed save keeps everything as typed and says what is wrong next to the
// field. The dialog reads only in short statements and never holds a transaction open.
class UserDialog : public RecordDialog
{
    Q_OBJECT

public:
    UserDialog(QSqlDatabase db, qint64 userId, QWidget* parent = nullptr);
    ~UserDialog() override;

    qint64 userId() const { return m_record.id; }

    // Asks before throwing away unsaved input; a hash still being made is then dropped.
    void reject() override;

private:
    void buildForm();
    QWidget* buildIdentityRows();
    QWidget* buildPasswordRows();
    void connectEdits();
    void showRecord();
    void showStoredHash();

    void onFieldEdited(const QString& field);
    void checkUniqueness();
    void refreshErrors() override;
    void updateButtons();
    void setBusy(bool busy);

    void startSave() override;
    void onHashed(const QString& hash);
    bool writeRecord(qint64* id, QString* error, RowConflict* conflict) override;
    void resolveConflict() override;
    QList<FieldConflict> changedFields(const UserRecord& theirs, bool newPassword) const;
    void takeTheirs(const UserRecord& theirs, const QList<FieldConflict>& changed);
    bool inputChanged() const override;
    QString discardText() const override;
    UserRecord currentInput() const;

    UserService m_service;
    UserRecord m_record; // as loaded (or as last reloaded after a conflict)
    QString m_newHash;   // of the password typed, for the save under way; empty keeps the stored
    QTimer m_uniquenessTimer;
    PasswordHasher* m_hasher = nullptr;
    bool m_busy = false;

    QLineEdit* m_usernameEdit = nullptr;
    QLineEdit* m_emailEdit = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QLineEdit* m_passwordConfirmEdit = nullptr;
    QCheckBox* m_activeCheck = nullptr;
    QLabel* m_hashMethodLabel = nullptr;
    QLabel* m_weakHashHint = nullptr;
    PasswordCheckRow* m_passwordCheck = nullptr;
};
