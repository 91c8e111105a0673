#include "UserDialog.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "models/records/PasswordHash.h"
#include "models/records/PasswordHasher.h"
#include "views/edit/PasswordCheckRow.h"

namespace {

const QString& UsernameField = UserService::UsernameField;
const QString& EmailField = UserService::EmailField;
const QString& PasswordField = UserService::PasswordField;
const QString& ActiveField = UserService::ActiveField;

} // namespace

UserDialog::UserDialog(QSqlDatabase db, qint64 userId, QWidget* parent)
    : RecordDialog(parent), m_service(db), m_hasher(new PasswordHasher(this))
{
    setObjectName(QStringLiteral("userDialog"));
    if (userId != 0 && !m_service.load(userId, &m_record, &m_loadError, &m_original)) {
        m_record = UserRecord{};
        m_record.id = userId;
    }
    buildForm();
    showRecord();
    connectEdits();
    EditForm::setUpDebounce(&m_uniquenessTimer);
    connect(&m_uniquenessTimer, &QTimer::timeout, this, &UserDialog::checkUniqueness);
    connect(m_hasher, &PasswordHasher::generated, this, &UserDialog::onHashed);
    refreshErrors();
}

UserDialog::~UserDialog() = default;

void UserDialog::buildForm()
{
    setWindowTitle(m_record.id == 0 ? tr("New User") : tr("Edit User"));
    setAccessibleName(windowTitle());
    makeForm(QStringLiteral("userForm"));
    auto* formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(buildIdentityRows());
    formLayout->addWidget(buildPasswordRows());
    m_passwordCheck = new PasswordCheckRow(
        m_hasher, [this] { return m_record.id != 0 ? m_record.passwordHash : QString(); }, m_form);
    formLayout->addWidget(m_passwordCheck);
    layOut();
}

QWidget* UserDialog::buildIdentityRows()
{
    auto* rows = new QWidget(m_form);
    rows->setObjectName(QStringLiteral("identityRows"));
    auto* layout = new QFormLayout(rows);
    m_usernameEdit = EditForm::makeEdit(rows, QStringLiteral("usernameEdit"));
    auto* usernameError =
        EditForm::makeErrorLabel(rows, QStringLiteral("usernameError"), tr("Username error"));
    EditForm::addBuddyRow(layout, tr("&Username:"), QStringLiteral("usernameLabel"), m_usernameEdit,
                          EditForm::withError(m_usernameEdit, usernameError));
    m_errors.bind(UsernameField, usernameError);
    m_emailEdit = EditForm::makeEdit(rows, QStringLiteral("emailEdit"));
    auto* emailError =
        EditForm::makeErrorLabel(rows, QStringLiteral("emailError"), tr("Email error"));
    EditForm::addBuddyRow(layout, tr("&Email:"), QStringLiteral("emailLabel"), m_emailEdit,
                          EditForm::withError(m_emailEdit, emailError));
    m_errors.bind(EmailField, emailError);
    m_activeCheck = new QCheckBox(tr("&Active (may log in)"), rows);
    m_activeCheck->setObjectName(QStringLiteral("activeCheck"));
    layout->addRow(QString(), m_activeCheck);
    return rows;
}

QWidget* UserDialog::buildPasswordRows()
{
    auto* rows = new QWidget(m_form);
    rows->setObjectName(QStringLiteral("passwordRows"));
    auto* layout = new QFormLayout(rows);
    m_hashMethodLabel = new QLabel(rows);
    m_hashMethodLabel->setObjectName(QStringLiteral("hashMethodLabel"));
    m_hashMethodLabel->setAccessibleName(tr("Stored password hash method"));
    m_hashMethodLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* methodCaption = new QLabel(tr("Stored hash:"), rows);
    methodCaption->setObjectName(QStringLiteral("hashMethodCaption"));
    layout->addRow(methodCaption, m_hashMethodLabel);
    m_weakHashHint = new QLabel(rows);
    m_weakHashHint->setObjectName(QStringLiteral("weakHashHint"));
    m_weakHashHint->setAccessibleName(tr("Weak password hash"));
    m_weakHashHint->setWordWrap(true);
    m_weakHashHint->hide();
    layout->addRow(QString(), m_weakHashHint);
    m_passwordEdit = EditForm::makeSecretEdit(rows, QStringLiteral("passwordEdit"));
    if (m_record.id != 0) {
        m_passwordEdit->setPlaceholderText(tr("Leave empty to keep the current password"));
    }
    EditForm::addBuddyRow(layout, tr("New &password:"), QStringLiteral("passwordLabel"),
                          m_passwordEdit);
    m_passwordConfirmEdit = EditForm::makeSecretEdit(rows, QStringLiteral("passwordConfirmEdit"));
    auto* passwordError =
        EditForm::makeErrorLabel(rows, QStringLiteral("passwordError"), tr("Password error"));
    EditForm::addBuddyRow(layout, tr("C&onfirm password:"), QStringLiteral("passwordConfirmLabel"),
                          m_passwordConfirmEdit,
                          EditForm::withError(m_passwordConfirmEdit, passwordError));
    m_errors.bind(PasswordField, passwordError);
    return rows;
}

void UserDialog::connectEdits()
{
    connect(m_usernameEdit, &QLineEdit::textEdited, this, [this] { onFieldEdited(UsernameField); });
    connect(m_emailEdit, &QLineEdit::textEdited, this, [this] { onFieldEdited(EmailField); });
    connect(m_passwordEdit, &QLineEdit::textEdited, this, [this] { onFieldEdited(PasswordField); });
    connect(m_passwordConfirmEdit, &QLineEdit::textEdited, this,
            [this] { onFieldEdited(PasswordField); });
    connect(m_activeCheck, &QCheckBox::toggled, this, [this] { updateButtons(); });
}

void UserDialog::showRecord()
{
    m_usernameEdit->setText(m_record.username);
    m_emailEdit->setText(m_record.email);
    m_activeCheck->setChecked(m_record.isActive);
    showStoredHash();
    showLoadError(m_loadError);
}

// The method only: the salt and digest are never shown. A weak one says so next to the
// password fields, and a screen reader hears it on the new password field too.
void UserDialog::showStoredHash()
{
    const QString method = PasswordHash::method(m_record.passwordHash);
    const QString weakness = PasswordHash::weakness(m_record.passwordHash);
    if (m_record.id == 0) {
        m_hashMethodLabel->setText(tr("none yet (new user)"));
    } else if (method.isEmpty()) {
        m_hashMethodLabel->setText(tr("not a recognised hash"));
    } else {
        m_hashMethodLabel->setText(weakness.isEmpty() ? method : tr("%1 (weak)").arg(method));
    }
    m_weakHashHint->setText(weakness.isEmpty()
                                ? QString()
                                : tr("The stored hash uses an outdated method: %1. Set a new "
                                     "password to replace it.")
                                      .arg(weakness));
    m_weakHashHint->setVisible(!weakness.isEmpty());
    m_passwordEdit->setAccessibleDescription(m_weakHashHint->text());
}

bool UserDialog::inputChanged() const
{
    return m_usernameEdit->text() != m_record.username || m_emailEdit->text() != m_record.email ||
           m_activeCheck->isChecked() != m_record.isActive || !m_passwordEdit->text().isEmpty() ||
           !m_passwordConfirmEdit->text().isEmpty();
}

UserRecord UserDialog::currentInput() const
{
    UserRecord record = m_record;
    record.username = m_usernameEdit->text();
    record.email = m_emailEdit->text();
    record.isActive = m_activeCheck->isChecked();
    return record;
}

void UserDialog::onFieldEdited(const QString& field)
{
    m_errors.saveErrors.remove(field);
    if (field != PasswordField) {
        m_errors.conflicts.remove(field); // stale until the pause is over
        m_uniquenessTimer.start();
    }
    refreshErrors();
}

void UserDialog::checkUniqueness()
{
    m_errors.conflicts.clear();
    const UserRecord input = currentInput();
    for (const QString& field : {UsernameField, EmailField}) {
        if (m_errors.local.contains(field)) {
            continue; // an incomplete value is not worth a query
        }
        const QString value = field == EmailField ? input.email : input.username;
        const QString message = m_service.conflictFor(field, value, input.id);
        if (!message.isEmpty()) {
            m_errors.conflicts[field] = message;
        }
    }
    refreshErrors();
}

void UserDialog::refreshErrors()
{
    m_errors.local = UserService::validate(currentInput(), m_passwordEdit->text(),
                                           m_passwordConfirmEdit->text());
    m_errors.show();
    updateButtons();
}

void UserDialog::updateButtons()
{
    const bool valid = m_loadError.isEmpty() && m_errors.isClean();
    // While the uniqueness check is pending the answer is unknown: wait for it.
    m_saveButton->setEnabled(valid && !m_busy && !m_uniquenessTimer.isActive());
    m_passwordCheck->refresh();
}

void UserDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_form->setEnabled(!busy);
    updateButtons();
}

void UserDialog::startSave()
{
    if (!m_saveButton->isEnabled()) {
        return;
    }
    m_saveError->clear();
    m_newHash.clear(); // keeps the stored hash untouched
    const QString password = m_passwordEdit->text();
    if (password.isEmpty()) {
        save();
        return;
    }
    setBusy(true);
    m_saveError->setText(tr("Hashing the password…"));
    m_hasher->generate(password);
}

void UserDialog::onHashed(const QString& hash)
{
    if (!m_busy) {
        return; // the save was abandoned meanwhile
    }
    setBusy(false);
    if (hash.isEmpty()) {
        m_saveError->setText(tr("Not saved: the password could not be hashed."));
        return;
    }
    m_newHash = hash;
    save();
}

bool UserDialog::writeRecord(qint64* id, QString* error, RowConflict* conflict)
{
    UserRecord record = currentInput();
    if (!m_service.save(&record, m_newHash, &m_errors.saveErrors, error, m_original, conflict)) {
        return false;
    }
    m_record = record;
    m_passwordEdit->clear();
    m_passwordConfirmEdit->clear();
    *id = record.id;
    return true;
}

// Someone else saved the user since it was read: show the three values and let the user
// choose. m_newHash, the hash of the password typed (empty: none), is reused by an overwrite.
void UserDialog::resolveConflict()
{
    UserRecord theirs;
    ColumnValues theirValues;
    QString error;
    if (!m_service.load(m_record.id, &theirs, &error, &theirValues)) {
        m_saveError->setText(error);
        return;
    }
    const QList<FieldConflict> changed = changedFields(theirs, !m_newHash.isEmpty());
    EditForm::settleConflict(
        this, m_saveError, tr("the user '%1'").arg(m_record.username), changed, theirs, theirValues,
        &m_record, &m_original, [this, &theirs, &changed] { takeTheirs(theirs, changed); },
        [this] { save(); });
}

QList<FieldConflict> UserDialog::changedFields(const UserRecord& theirs, bool newPassword) const
{
    const UserRecord mine = currentInput();
    const auto activeText = [](bool active) {
        return active ? tr("active") : tr("inactive");
    };
    // The hash itself is never shown: only that it changed.
    const QString stored = tr("the stored one");
    QList<FieldConflict> changed;
    EditForm::addIfChanged(&changed, UsernameField, tr("Username"), m_record.username,
                           mine.username, theirs.username);
    EditForm::addIfChanged(&changed, EmailField, tr("Email"), m_record.email, mine.email,
                           theirs.email);
    EditForm::addIfChanged(&changed, ActiveField, tr("Active"), activeText(m_record.isActive),
                           activeText(mine.isActive), activeText(theirs.isActive));
    if (theirs.passwordHash != m_record.passwordHash) {
        changed.append({PasswordField, tr("Password"), stored,
                        newPassword ? tr("the new one typed here") : stored,
                        tr("a new one set meanwhile")});
    }
    return changed;
}

// The changed fields take the database's values; the user's other edits stay.
void UserDialog::takeTheirs(const UserRecord& theirs, const QList<FieldConflict>& changed)
{
    m_record = theirs;
    showStoredHash();
    if (EditForm::changedMeanwhile(changed, UsernameField)) {
        m_usernameEdit->setText(theirs.username);
    }
    if (EditForm::changedMeanwhile(changed, EmailField)) {
        m_emailEdit->setText(theirs.email);
    }
    if (EditForm::changedMeanwhile(changed, ActiveField)) {
        m_activeCheck->setChecked(theirs.isActive);
    }
    if (EditForm::changedMeanwhile(changed, PasswordField)) {
        m_passwordEdit->clear(); // the password set meanwhile stays
        m_passwordConfirmEdit->clear();
    }
    m_errors.saveErrors.clear();
    checkUniqueness();
    m_saveError->setText(EditForm::reloadedMessage());
}

QString UserDialog::discardText() const
{
    return tr("This user has changes that are not saved. Discard them?");
}

void UserDialog::reject()
{
    if (!discardConfirmed()) {
        return;
    }
    m_hasher->cancel(); // a hash that arrives after this must not save anything
    setBusy(false);
    QDialog::reject();
}
