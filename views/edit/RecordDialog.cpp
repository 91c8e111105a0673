#include "RecordDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

void RecordDialog::setNextDiscardAnswer(QMessageBox::StandardButton answer)
{
    DiscardQuestion::setNextAnswer(answer);
}

void RecordDialog::reject()
{
    if (discardConfirmed()) {
        QDialog::reject();
    }
}

QWidget* RecordDialog::makeForm(const QString& name)
{
    m_form = new QWidget(this);
    m_form->setObjectName(name);
    return m_form;
}

void RecordDialog::layOut()
{
    m_saveError = EditForm::makeErrorLabel(this, QStringLiteral("saveError"), tr("Save error"));
    m_buttons = EditForm::makeSaveCancel(this, &m_saveButton);
    connect(m_saveButton, &QPushButton::clicked, this, &RecordDialog::startSave);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_saveError);
    layout->addWidget(m_buttons);
}

void RecordDialog::showLoadError(const QString& error)
{
    if (error.isEmpty()) {
        return;
    }
    m_loadError = error;
    m_form->setEnabled(false);
    m_saveError->setText(error);
}

bool RecordDialog::discardConfirmed()
{
    return !hasUnsavedChanges() || DiscardQuestion::confirm(this, discardText());
}

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
