#include "EditFormSupport.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>
#include <QVBoxLayout>

namespace {

QMessageBox::StandardButton nextDiscardAnswer = QMessageBox::NoButton;

} // namespace

namespace EditForm {

QLineEdit* makeEdit(QWidget* parent, const QString& name)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(name);
    return edit;
}

QLineEdit* makeSecretEdit(QWidget* parent, const QString& name)
{
    QLineEdit* edit = makeEdit(parent, name);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

QLabel* makeErrorLabel(QWidget* parent, const QString& name, const QString& accessibleName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28)); // readable on light and dark
    label->setPalette(palette);
    return label;
}

void addRow(QFormLayout* layout, const QString& text, const QString& labelName, QWidget* buddy,
            QWidget* field)
{
    buddy->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    addBuddyRow(layout, text, labelName, buddy, field);
}

void addBuddyRow(QFormLayout* layout, const QString& text, const QString& labelName, QWidget* buddy,
                 QWidget* field)
{
    auto* label = new QLabel(text, layout->parentWidget());
    label->setObjectName(labelName);
    label->setBuddy(buddy);
    layout->addRow(label, field ? field : buddy);
}

QWidget* withError(QWidget* input, QLabel* error)
{
    auto* box = new QWidget(input->parentWidget());
    box->setObjectName(input->objectName() + QStringLiteral("Box"));
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(input);
    layout->addWidget(error);
    return box;
}

QDialogButtonBox* makeSaveCancel(QDialog* dialog, QPushButton** saveButton)
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, dialog);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    *saveButton = buttons->button(QDialogButtonBox::Save);
    (*saveButton)->setObjectName(QStringLiteral("saveButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

void setUpDebounce(QTimer* timer)
{
    timer->setSingleShot(true);
    timer->setInterval(CheckDelayMs);
}

bool reportSave(QLabel* saveError, bool ok, const QString& error)
{
    if (ok) {
        saveError->clear();
    } else {
        saveError->setText(error.isEmpty() ? QCoreApplication::translate(
                                                 "EditForm", "Not saved: see the message above.")
                                           : error);
    }
    return ok;
}

void addIfChanged(QList<FieldConflict>* fields, const QString& field, const QString& label,
                  const QString& original, const QString& mine, const QString& theirs)
{
    if (original != theirs) {
        fields->append({field, label, original, mine, theirs});
    }
}

bool changedMeanwhile(const QList<FieldConflict>& fields, const QString& field)
{
    for (const FieldConflict& conflict : fields) {
        if (conflict.field == field) {
            return true;
        }
    }
    return false;
}

QString rowLabel(const QSqlDatabase& db, const QString& table, const QString& labelColumn,
                 qint64 id)
{
    if (id == 0) {
        return QCoreApplication::translate("EditForm", "none");
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = :id").arg(labelColumn, table));
    query.bindValue(QStringLiteral(":id"), id);
    if (query.exec() && query.next()) {
        return query.value(0).toString();
    }
    return QStringLiteral("#%1").arg(id);
}

QString reloadedMessage()
{
    return QCoreApplication::translate("EditForm",
                                       "Not saved yet: the fields someone else changed now show "
                                       "their values; your other edits are kept. Check and save "
                                       "again.");
}

QString changedElsewhereMessage()
{
    return QCoreApplication::translate("EditForm",
                                       "Not saved: the row changed while you edited it, but not in "
                                       "the fields shown here. Save again to write your input.");
}

} // namespace EditForm

void DiscardQuestion::setNextAnswer(QMessageBox::StandardButton answer)
{
    nextDiscardAnswer = answer;
}

bool DiscardQuestion::confirm(QWidget* parent, const QString& text)
{
    QMessageBox::StandardButton answer = nextDiscardAnswer;
    nextDiscardAnswer = QMessageBox::NoButton;
    if (answer == QMessageBox::NoButton) {
        QMessageBox box(QMessageBox::Question, tr("Discard changes?"), text,
                        QMessageBox::Yes | QMessageBox::No, parent);
        box.setObjectName(QStringLiteral("discardChangesBox"));
        box.button(QMessageBox::Yes)->setText(tr("&Discard"));
        box.button(QMessageBox::Yes)->setObjectName(QStringLiteral("discardButton"));
        box.button(QMessageBox::No)->setText(tr("&Keep Editing"));
        box.button(QMessageBox::No)->setObjectName(QStringLiteral("keepEditingButton"));
        box.setDefaultButton(QMessageBox::No);
        answer = QMessageBox::StandardButton(box.exec());
    }
    return answer == QMessageBox::Yes;
}

bool BusyQuestion::retry(QWidget* parent, const QString& error)
{
    if (!ServiceSupport::isBusyFailure(error)) {
        return false;
    }
    QMessageBox box(QMessageBox::Warning, tr("Database busy"),
                    tr("Another program has been writing to the database for several seconds, "
                       "so nothing was saved. What you typed is kept."),
                    QMessageBox::Retry | QMessageBox::Cancel, parent);
    box.setObjectName(QStringLiteral("databaseBusyBox"));
    box.button(QMessageBox::Retry)->setText(tr("&Retry"));
    box.button(QMessageBox::Retry)->setObjectName(QStringLiteral("retrySaveButton"));
    box.button(QMessageBox::Cancel)->setText(tr("&Back to the Form"));
    box.button(QMessageBox::Cancel)->setObjectName(QStringLiteral("backToFormButton"));
    box.setDefaultButton(QMessageBox::Retry);
    return box.exec() == QMessageBox::Retry;
}

void FieldErrors::fieldEdited(const QString& field)
{
    conflicts.remove(field);
    saveErrors.remove(field);
}

QString FieldErrors::messageFor(const QString& field) const
{
    for (const ValidationErrors* errors : {&local, &conflicts, &saveErrors}) {
        if (errors->contains(field)) {
            return errors->value(field);
        }
    }
    return {};
}

bool FieldErrors::isClean() const
{
    return local.isEmpty() && conflicts.isEmpty() && saveErrors.isEmpty();
}

void FieldErrors::show() const
{
    for (auto it = m_labels.cbegin(); it != m_labels.cend(); ++it) {
        it.value()->setText(messageFor(it.key()));
    }
}
