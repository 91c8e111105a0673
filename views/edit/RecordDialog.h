#pragma once

#include <QDialog>
#include <QMessageBox>
#include <QString>

#include "models/records/RowConflict.h"
#include "views/edit/EditFormSupport.h"

class QDialogButtonBox;
class QLabel;
class QPushButton;

// Base of the record dialogs (user, post, tag, comment, profile): the steps they share. A save
// writes the form's record guarded by the values it was read with (m_original). When someone
// else changed the row meanwhile the subclass settles it (resolveConflict); when the save fails
// the input stays and the message shows; when it succeeds the dialog names the row and closes.
// Closing with unsaved input asks first.
class RecordDialog : public QDialog
{
    Q_OBJECT

public:
    using QDialog::QDialog;

    // Why the record could not be loaded (e.g. deleted meanwhile); empty when it was.
    QString loadError() const { return m_loadError; }
    // Whether the input differs from the record as loaded; never for a record not loaded.
    bool hasUnsavedChanges() const { return m_loadError.isEmpty() && inputChanged(); }

    // Test seam (see DiscardQuestion::setNextAnswer): the next "discard changes?" question is
    // answered with `answer` (Yes discards, No keeps editing) without showing it.
    static void setNextDiscardAnswer(QMessageBox::StandardButton answer);

    // Asks before throwing away unsaved input (Cancel, Escape and the close button).
    void reject() override;

signals:
    void saved(qint64 id);

protected:
    // Writes the form's record, guarded by m_original; on success keeps it as the dialog's
    // record and sets *id. Field errors go to m_errors.saveErrors.
    virtual bool writeRecord(qint64* id, QString* error, RowConflict* conflict) = 0;
    // Shows every field's message and enables Save when the form may be saved.
    virtual void refreshErrors() = 0;
    // Asks what to do about the row someone else saved meanwhile.
    virtual void resolveConflict() = 0;
    // Whether the input differs from the record as loaded.
    virtual bool inputChanged() const = 0;
    // "This tag has changes that are not saved. Discard them?"
    virtual QString discardText() const = 0;
    // Save's click: save() at once, unless a subclass has a step before (UserDialog hashes).
    virtual void startSave() { save(); }

    // The form's widget (m_form), named `name`: the parent of every input.
    QWidget* makeForm(const QString& name);
    // Puts m_form, once filled, over the save-error label and Save/Cancel; Save's click goes to
    // startSave(). Made after the inputs, they come after them in the tab order.
    void layOut();
    // Disables the form and shows `error`, why the record cannot be edited; nothing when empty.
    void showLoadError(const QString& error);
    // True when nothing typed is lost by closing, or the user chose to discard it.
    bool discardConfirmed();
    // Writes when Save is enabled (also "Overwrite with mine" and Retry).
    void save();

    ColumnValues m_original; // the row's columns as read: what a save expects to find
    QString m_loadError;
    FieldErrors m_errors; // the form's own, the database's after the pause, the last save's
    QWidget* m_form = nullptr;
    QLabel* m_saveError = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
};
