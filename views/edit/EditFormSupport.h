#pragma once

#include <QCoreApplication>
#include <QLabel>
#include <QMap>
#include <QMessageBox>
#include <QString>

#include "models/records/RowConflict.h"
#include "models/records/ServiceSupport.h"
#include "views/edit/ConflictDialog.h"

class QDialog;
class QSqlDatabase;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QWidget;

// What the record dialogs (tag, comment, profile) share: building named rows with an error
// label under the input, Save/Cancel buttons, the uniqueness pause, the "discard changes?"
// question and the three layers of field messages.
namespace EditForm {

constexpr int CheckDelayMs = 250; // the pause after typing before a database check

QLineEdit* makeEdit(QWidget* parent, const QString& name);
// A line edit that shows dots, for passwords.
QLineEdit* makeSecretEdit(QWidget* parent, const QString& name);
// A red, word-wrapped label for one field's message.
QLabel* makeErrorLabel(QWidget* parent, const QString& name, const QString& accessibleName);
// A form row whose label is the input's buddy, which also gives the input its accessible name.
void addRow(QFormLayout* layout, const QString& text, const QString& labelName, QWidget* buddy,
            QWidget* field = nullptr);
// As addRow, but the input's accessible name is left as it is.
void addBuddyRow(QFormLayout* layout, const QString& text, const QString& labelName, QWidget* buddy,
                 QWidget* field = nullptr);
// An input with its error message right under it.
QWidget* withError(QWidget* input, QLabel* error);
// Save + Cancel, named "saveButton" and "cancelButton"; Cancel goes to dialog->reject().
QDialogButtonBox* makeSaveCancel(QDialog* dialog, QPushButton** saveButton);
// A single-shot timer for the pause after typing.
void setUpDebounce(QTimer* timer);
// The outcome of a save in the dialog's save-error label: cleared when `ok`, else `error`, or a
// pointer to the field messages when the failure is a field's (empty `error`). Returns `ok`.
bool reportSave(QLabel* saveError, bool ok, const QString& error);

// Lost updates: appends the field to *fields when someone else changed it meanwhile
// (`original` and `theirs` differ); the three values are shown as given.
void addIfChanged(QList<FieldConflict>* fields, const QString& field, const QString& label,
                  const QString& original, const QString& mine, const QString& theirs);
// Whether `field` is among the changed ones.
bool changedMeanwhile(const QList<FieldConflict>& fields, const QString& field);
// The `labelColumn` of row `id` in `table` (fixed names) for a conflict table: "alice",
// "none" for id 0, "#7" when it cannot be read.
QString rowLabel(const QSqlDatabase& db, const QString& table, const QString& labelColumn,
                 qint64 id);
// The save-error text after "Reload theirs" took the values saved meanwhile.
QString reloadedMessage();
// The save-error text when the row changed meanwhile but the fields shown did not.
QString changedElsewhereMessage();

// After a save found the row changed by someone else: when none of the form's fields differ
// the dialog simply takes the row as it is now (*record, *original) and says so; otherwise the
// conflict dialog asks, and "Reload theirs" calls takeTheirs(), "Overwrite with mine" takes the
// current row as the new base and calls save(). Cancel leaves the input and the message.
template <typename Record, typename TakeTheirs, typename Save>
void settleConflict(QWidget* dialog, QLabel* saveError, const QString& what,
                    const QList<FieldConflict>& changed, const Record& theirs,
                    const ColumnValues& theirValues, Record* record, ColumnValues* original,
                    TakeTheirs takeTheirs, Save save)
{
    if (changed.isEmpty()) {
        *record = theirs;
        *original = theirValues;
        saveError->setText(changedElsewhereMessage());
        return;
    }
    switch (ConflictDialog::ask(dialog, what, changed)) {
    case ConflictDialog::Choice::ReloadTheirs:
        *original = theirValues;
        takeTheirs();
        break;
    case ConflictDialog::Choice::OverwriteMine:
        *record = theirs;
        *original = theirValues; // saved knowingly over what is there now
        save();
        break;
    case ConflictDialog::Choice::Cancel:
        break;
    }
}

} // namespace EditForm

// The question asked before input is thrown away. The test seam works as KeePassXC's
// MessageBox::setNextAnswer: the next question is answered with `answer` (Yes discards, No
// keeps editing) without being shown.
class DiscardQuestion
{
    Q_DECLARE_TR_FUNCTIONS(DiscardQuestion)

public:
    static void setNextAnswer(QMessageBox::StandardButton answer);
    // True when the user chose to discard. The box is "discardChangesBox" with the buttons
    // "discardButton" and "keepEditingButton".
    static bool confirm(QWidget* parent, const QString& text);
};

// After a save that found the database busy (ServiceSupport::isBusyFailure): a box saying so,
// "databaseBusyBox", with "retrySaveButton" and "backToFormButton". The input is kept either way.
class BusyQuestion
{
    Q_DECLARE_TR_FUNCTIONS(BusyQuestion)

public:
    // True when `error` is a busy database and the user chose Retry.
    static bool retry(QWidget* parent, const QString& error);
};

// A field's message comes from the form itself first, then from the database check after the
// pause, then from the last failed save (kept until that field is edited).
class FieldErrors
{
public:
    ValidationErrors local;
    ValidationErrors conflicts;
    ValidationErrors saveErrors;

    void bind(const QString& field, QLabel* label) { m_labels[field] = label; }
    // The input of `field` changed: its database answer and save error are stale.
    void fieldEdited(const QString& field);
    QString messageFor(const QString& field) const;
    bool isClean() const;
    // Puts each bound field's message into its label.
    void show() const;

private:
    QMap<QString, QLabel*> m_labels;
};
