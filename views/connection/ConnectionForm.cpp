#include "ConnectionForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSpinBox>

#include "models/connection/PasswordStore.h"

namespace {

SqlDialect dialectOfScheme(const QString& scheme)
{
    ConnectionFields fields;
    fields.scheme = scheme;
    return fields.dialect();
}

QString passwordKeyOf(const ConnectionFields& fields)
{
    DatabaseUrl url;
    ConnectionFields withoutPassword = fields;
    withoutPassword.password.clear();
    return withoutPassword.toUrl(&url, nullptr) ? ConnectionUrls::passwordKey(url) : QString();
}

} // namespace

ConnectionForm::ConnectionForm(PasswordStore* passwords, QWidget* parent)
    : QWidget(parent), m_passwords(passwords), m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("connectionForm"));
    m_form->setContentsMargins(0, 0, 0, 0);
    createUrlRow();
    createFieldRows();
    connectFieldEdits();
    showFields(ConnectionFields());
}

// The URL field losing focus while the form goes away would call back into members that are
// gone by then.
ConnectionForm::~ConnectionForm()
{
    m_urlEdit->disconnect(this);
}

bool ConnectionForm::keepsPassword() const
{
    return m_rememberCheck->isChecked();
}

void ConnectionForm::addRow(QWidget* label, QWidget* field)
{
    m_form->addRow(label, field);
}

void ConnectionForm::focusUrl()
{
    m_urlEdit->setFocus();
}

void ConnectionForm::focusPassword()
{
    m_passwordEdit->setFocus();
    m_passwordEdit->selectAll();
}

// --- URL and fields --------------------------------------------------------------------------

void ConnectionForm::setUrl(const DatabaseUrl& url)
{
    ConnectionFields fields = ConnectionFields::fromUrl(url);
    const bool sameAccount = passwordKeyOf(fields) == passwordKeyOf(readFields());
    if (fields.password.isEmpty() && sameAccount) {
        fields.password = m_passwordEdit->text();
    }
    showFields(fields);
    m_syncing = true;
    m_urlEdit->setText(fields.toUrlText(false));
    m_syncing = false;
    setUrlMessage(QString());
    emit urlChanged();
    if (fields.password.isEmpty()) {
        lookUpPassword(url);
    }
}

bool ConnectionForm::currentUrl(DatabaseUrl* url, QString* error) const
{
    if (!m_urlMessage->isHidden()) {
        *error = m_urlMessage->text();
        return false;
    }
    QString optionsError;
    ConnectionFields fields = readFields();
    if (!fields.setOptionsText(m_optionsEdit->text(), &optionsError)) {
        *error = optionsError;
        return false;
    }
    return fields.toUrl(url, error);
}

void ConnectionForm::onUrlEdited(const QString& text)
{
    DatabaseUrl url;
    QString error;
    if (!DatabaseUrl::parse(text, &url, &error)) {
        setUrlMessage(error);
        return;
    }
    setUrlMessage(QString());
    ConnectionFields fields = ConnectionFields::fromUrl(url);
    // The URL field never shows the password, so a URL without one keeps the typed password.
    if (fields.password.isEmpty()) {
        fields.password = m_passwordEdit->text();
    }
    showFields(fields);
    emit urlChanged();
}

// A finished edit shows the URL as BlogDesk writes it, without the password.
void ConnectionForm::onUrlEditingFinished()
{
    if (m_urlMessage->isHidden() && !m_urlEdit->text().isEmpty()) {
        m_syncing = true;
        m_urlEdit->setText(readFields().toUrlText(false));
        m_syncing = false;
    }
}

void ConnectionForm::onFieldsEdited()
{
    if (m_syncing) {
        return;
    }
    ConnectionFields fields = readFields();
    QString error;
    DatabaseUrl url;
    if (!fields.setOptionsText(m_optionsEdit->text(), &error) || !fields.toUrl(&url, &error)) {
        setUrlMessage(error);
    } else {
        setUrlMessage(QString());
    }
    m_syncing = true;
    m_urlEdit->setText(fields.toUrlText(false));
    m_syncing = false;
    emit urlChanged();
}

void ConnectionForm::onDriverChanged()
{
    if (m_syncing) {
        return;
    }
    const auto dialect = SqlDialect(m_driverCombo->currentData().toInt());
    if (dialectOfScheme(m_scheme) != dialect) {
        m_scheme = sqlDialectName(dialect); // the base scheme, no driver suffix
    }
    updateRowVisibility();
    onFieldsEdited();
}

void ConnectionForm::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a SQLite database"), QFileInfo(m_fileEdit->text()).absolutePath(),
        tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (!path.isEmpty()) {
        m_fileEdit->setText(path);
        onFieldsEdited();
    }
}

void ConnectionForm::showFields(const ConnectionFields& fields)
{
    m_syncing = true;
    m_scheme = fields.scheme;
    m_hostAsParameter = fields.hostAsParameter;
    const SqlDialect dialect = fields.dialect();
    m_driverCombo->setCurrentIndex(m_driverCombo->findData(int(dialect)));
    const bool isSqlite = dialect == SqlDialect::SQLite;
    m_fileEdit->setText(isSqlite ? fields.database : QString());
    m_databaseEdit->setText(isSqlite ? QString() : fields.database);
    m_hostEdit->setText(fields.host);
    m_portSpin->setValue(qMax(0, fields.port));
    m_userEdit->setText(fields.userName);
    m_passwordEdit->setText(fields.password);
    if (m_sslModeCombo->findData(fields.sslMode) < 0) {
        m_sslModeCombo->addItem(fields.sslMode, fields.sslMode);
    }
    m_sslModeCombo->setCurrentIndex(m_sslModeCombo->findData(fields.sslMode));
    m_optionsEdit->setText(fields.optionsText());
    updateRowVisibility();
    m_syncing = false;
}

ConnectionFields ConnectionForm::readFields() const
{
    ConnectionFields fields;
    fields.scheme = m_scheme;
    const bool isSqlite = fields.dialect() == SqlDialect::SQLite;
    fields.database = isSqlite ? m_fileEdit->text() : m_databaseEdit->text().trimmed();
    if (!isSqlite) {
        fields.host = m_hostEdit->text().trimmed();
        fields.port = m_portSpin->value() > 0 ? m_portSpin->value() : -1;
        fields.userName = m_userEdit->text();
        fields.password = m_passwordEdit->text();
    }
    if (fields.dialect() == SqlDialect::PostgreSQL) {
        fields.sslMode = m_sslModeCombo->currentData().toString();
        // psycopg2 reads a host that is a folder as the folder of a unix socket.
        fields.hostAsParameter = m_hostAsParameter || fields.host.startsWith(QLatin1Char('/'));
    }
    QString ignored; // a malformed parameter text is reported by onFieldsEdited
    fields.setOptionsText(m_optionsEdit->text(), &ignored);
    return fields;
}

void ConnectionForm::updateRowVisibility()
{
    const auto dialect = SqlDialect(m_driverCombo->currentData().toInt());
    const bool isSqlite = dialect == SqlDialect::SQLite;
    m_form->setRowVisible(m_fileRow, isSqlite);
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_hostEdit, m_portSpin, m_databaseEdit, m_userEdit, m_passwordEdit, m_rememberCheck}) {
        m_form->setRowVisible(field, !isSqlite);
    }
    m_form->setRowVisible(m_sslModeCombo, dialect == SqlDialect::PostgreSQL);
}

void ConnectionForm::setUrlMessage(const QString& message)
{
    m_urlMessage->setText(message);
    m_urlMessage->setVisible(!message.isEmpty());
}

void ConnectionForm::lookUpPassword(const DatabaseUrl& url)
{
    if (!ConnectionUrls::usesPassword(url)) {
        return;
    }
    const QString key = ConnectionUrls::passwordKey(url);
    QPointer<ConnectionForm> self(this);
    m_passwords->read(key, [self, key](bool found, const QString& password) {
        // Only into an empty field of the same account: never over what the user typed.
        if (!self || !found || passwordKeyOf(self->readFields()) != key ||
            !self->m_passwordEdit->text().isEmpty()) {
            return;
        }
        self->m_passwordEdit->setText(password);
        self->m_rememberCheck->setChecked(true);
    });
}
