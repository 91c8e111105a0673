#pragma once

#include <QDialog>
#include <QMessageBox>
#include <QSqlDatabase>
#include <QTimer>

#include "models/records/UserRecord.h"
#include "models/records/UserService.h"
#include "views/edit/EditFormSupport.h"

class PasswordHasher;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Creates (id 0) or edits one user. Fields are checked as they are typed (uniqueness after a
// short pause); Save hashes a new password off the GUI thread, then writes in one short
// transaction. A failed save keeps everything as typed and says what is wrong next to the
// field. The dialog reads only in short statements and never holds a transaction open.
class UserDialog : public QDialog
{
    Q_OBJECT

public:
    UserDialog(QSqlDatabase db, qint64 userId, QWidget* parent = nullptr);
    ~UserDialog() override;

    // Why the user could not be loaded (e.g. deleted meanwhile); empty when it was.
    QString loadError() const { return m_loadError; }
    qint64 userId() const { return m_record.id; }
    bool hasUnsavedChanges() const;

    // Test seam, as KeePassXC's MessageBox::setNextAnswer: the next "discard changes?"
    // question is answered with `answer` (Yes discards, No keeps editing) without showing it.
    static void setNextDiscardAnswer(QMessageBox::StandardButton answer);

    // Asks before throwing away unsaved input (Cancel, Escape and the close button all
    // come here).
    void reject() override;

signals:
    void saved(qint64 id);

private:
    void buildForm();
    QWidget* buildIdentityRows();
    QWidget* buildPasswordRows();
    QWidget* buildCheckRow();
    void buildButtons();
    void connectEdits();
    void showRecord();
    void showStoredHash();

    void onFieldEdited(const QString& field);
    void checkUniqueness();
    void refreshErrors();
    void updateButtons();
    void setBusy(bool busy);

    void startSave();
    void onHashed(const QString& hash);
    void finishSave(const QString& newHash);
    void resolveConflict(const QString& newHash);
    QList<FieldConflict> changedFields(const UserRecord& theirs, bool newPassword) const;
    void takeTheirs(const UserRecord& theirs, const QList<FieldConflict>& changed);
    void startCheck();
    void onChecked(bool matches);
    bool confirmDiscard();
    UserRecord currentInput() const;

    UserService m_service;
    UserRecord m_record;     // as loaded (or as last reloaded after a conflict)
    ColumnValues m_original; // m_record's columns as read: what a save expects to find
    QString m_loadError;
    FieldErrors m_errors; // the form's own, the database's after the pause, the last save's
    QTimer m_uniquenessTimer;
    PasswordHasher* m_hasher = nullptr;
    bool m_busy = false;

    QWidget* m_form = nullptr;
    QLineEdit* m_usernameEdit = nullptr;
    QLabel* m_usernameError = nullptr;
    QLineEdit* m_emailEdit = nullptr;
    QLabel* m_emailError = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QLineEdit* m_passwordConfirmEdit = nullptr;
    QLabel* m_passwordError = nullptr;
    QCheckBox* m_activeCheck = nullptr;
    QLabel* m_hashMethodLabel = nullptr;
    QLabel* m_weakHashHint = nullptr;
    QLineEdit* m_checkPasswordEdit = nullptr;
    QPushButton* m_checkPasswordButton = nullptr;
    QLabel* m_checkPasswordResult = nullptr;
    QLabel* m_saveError = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
};
