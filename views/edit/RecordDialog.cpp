#include "RecordDialog.h"

#include <QLabel>
#include <QPushButton>

void RecordDialog::save()
{
    if (!m_saveButton->isEnabled()) {
        return;
    }
    qint64 id = 0;
    QString error;
    RowConflict conflict;
    const bool ok = writeRecord(&id, &error, &conflict);
    if (!EditForm::reportSave(m_saveError, ok, error)) {
        refreshErrors();
        if (BusyQuestion::retry(this, error)) {
            save();
            return;
        }
        if (conflict.isConflict() && !conflict.deleted) {
            resolveConflict();
        }
        return;
    }
    m_original.clear();
    emit saved(id);
    accept();
}
