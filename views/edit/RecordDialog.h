#pragma once

#include <QDialog>
#include <QString>

#include "models/records/RowConflict.h"
#include "views/edit/EditFormSupport.h"

class QLabel;
class QPushButton;

// Base of the tag, comment and profile dialogs: the Save step they share. A save writes the
// form's record guarded by the values it was read with (m_original). When someone else
// changed the row meanwhile the subclass settles it (resolveConflict); when the save fails
// the input stays and the message shows; when it succeeds the dialog names the row and closes.
class RecordDialog : public QDialog
{
    Q_OBJECT

public:
    using QDialog::QDialog;

    QString loadError() const { return m_loadError; }

signals:
    void saved(qint64 id);

protected:
    // Writes the form's record, guarded by m_original; on success keeps it as the dialog's
    // record and sets *id.
    virtual bool writeRecord(qint64* id, QString* error, RowConflict* conflict) = 0;
    // Shows every field's message and enables Save when the form may be saved.
    virtual void refreshErrors() = 0;
    // Asks what to do about the row someone else saved meanwhile.
    virtual void resolveConflict() = 0;
    // Save's click (and "Overwrite with mine").
    void save();

    ColumnValues m_original; // the row's columns as read: what a save expects to find
    QString m_loadError;
    FieldErrors m_errors;
    QLabel* m_saveError = nullptr;
    QPushButton* m_saveButton = nullptr;
};
