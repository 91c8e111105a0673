#include "ConnectionDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace {

QString baseScheme(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case SqlDialect::MySQL:
        return QStringLiteral("mysql");
    case SqlDialect::SQLite:
        break;
    }
    return QStringLiteral("sqlite");
}

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

ConnectionDialog::ConnectionDialog(ConnectionProfiles* profiles, PasswordStore* passwords,
                                   QWidget* parent)
    : QDialog(parent), m_profiles(profiles), m_passwords(passwords),
      m_probe(new ConnectionProbe(this))
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Open Database"));
    setAccessibleName(tr("Open Database"));
    m_form = new QFormLayout;
    createUrlRow();
    createFieldRows();
    createTestRow();
    auto* formBox = new QGroupBox(tr("Connection"), this);
    formBox->setObjectName(QStringLiteral("connectionGroup"));
    formBox->setLayout(m_form);
    auto* columns = new QHBoxLayout;
    columns->addWidget(formBox, 3);
    auto* side = new QVBoxLayout;
    side->addWidget(createProfileControls());
    side->addWidget(createRecentControls());
    columns->addLayout(side, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    createButtons();
    layout->addWidget(m_buttons);
    connectFieldEdits();
    connect(m_probe, &ConnectionProbe::finished, this, &ConnectionDialog::onProbeFinished);
    refreshProfiles();
    refreshRecent();
    showFields(ConnectionFields());
    m_urlEdit->setFocus();
    resize(900, 520);
}

// QDialog's destructor hides the dialog, and the URL field losing focus would call back
// into members that are gone by then.
ConnectionDialog::~ConnectionDialog()
{
    m_urlEdit->disconnect(this);
}

// --- building the form -----------------------------------------------------------------------

void ConnectionDialog::addRow(const QString& labelText, QWidget* field, const char* labelName)
{
    auto* label = new QLabel(labelText, this);
    label->setObjectName(QLatin1String(labelName));
    label->setBuddy(field);
    field->setAccessibleName(QString(labelText).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    m_form->addRow(label, field);
}

void ConnectionDialog::createUrlRow()
{
    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("urlEdit"));
    m_urlEdit->setPlaceholderText(tr("e.g. postgresql://user@host:5432/blog"));
    m_urlEdit->setToolTip(tr("The database URL as SQLALCHEMY_DATABASE_URI or DATABASE_URL holds "
                             "it. A password typed here moves to the Password field."));
    m_urlEdit->setClearButtonEnabled(true);
    addRow(tr("&URL:"), m_urlEdit, "urlLabel");
    m_urlMessage = new QLabel(this);
    m_urlMessage->setObjectName(QStringLiteral("urlMessageLabel"));
    m_urlMessage->setAccessibleName(tr("URL problem"));
    m_urlMessage->setWordWrap(true);
    m_urlMessage->setStyleSheet(QStringLiteral("color: #b00020"));
    m_urlMessage->hide();
    m_form->addRow(QString(), m_urlMessage);
}

void ConnectionDialog::createFieldRows()
{
    m_driverCombo = new QComboBox(this);
    m_driverCombo->setObjectName(QStringLiteral("driverCombo"));
    m_driverCombo->addItem(tr("SQLite file"), int(SqlDialect::SQLite));
    m_driverCombo->addItem(tr("PostgreSQL"), int(SqlDialect::PostgreSQL));
    m_driverCombo->addItem(tr("MySQL or MariaDB"), int(SqlDialect::MySQL));
    addRow(tr("T&ype:"), m_driverCombo, "driverLabel");

    m_fileRow = new QWidget(this);
    m_fileRow->setObjectName(QStringLiteral("fileRow"));
    auto* fileLayout = new QHBoxLayout(m_fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    m_fileEdit = new QLineEdit(m_fileRow);
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_fileEdit->setAccessibleName(tr("File"));
    m_fileEdit->setPlaceholderText(tr("/path/to/blog.db"));
    m_browseButton = new QPushButton(tr("&Browse…"), m_fileRow);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    m_browseButton->setAccessibleName(tr("Choose the SQLite file"));
    m_browseButton->setAutoDefault(false);
    fileLayout->addWidget(m_fileEdit, 1);
    fileLayout->addWidget(m_browseButton);
    // The label names the line edit; the row holds the edit and its button.
    auto* fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setObjectName(QStringLiteral("fileLabel"));
    fileLabel->setBuddy(m_fileEdit);
    m_form->addRow(fileLabel, m_fileRow);
    createServerRows();
}

void ConnectionDialog::createServerRows()
{
    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setObjectName(QStringLiteral("hostEdit"));
    m_hostEdit->setPlaceholderText(QStringLiteral("localhost"));
    addRow(tr("&Host:"), m_hostEdit, "hostLabel");
    m_portSpin = new QSpinBox(this);
    m_portSpin->setObjectName(QStringLiteral("portSpin"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setSpecialValueText(tr("default"));
    addRow(tr("Po&rt:"), m_portSpin, "portLabel");
    m_databaseEdit = new QLineEdit(this);
    m_databaseEdit->setObjectName(QStringLiteral("databaseEdit"));
    addRow(tr("&Database:"), m_databaseEdit, "databaseLabel");
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    addRow(tr("Us&er:"), m_userEdit, "userLabel");
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    addRow(tr("&Password:"), m_passwordEdit, "passwordLabel");
    m_rememberCheck = new QCheckBox(this);
    m_rememberCheck->setObjectName(QStringLiteral("rememberPasswordCheck"));
    m_rememberCheck->setText(m_passwords->isPersistent()
                                 ? tr("&Keep the password in the system keychain")
                                 : tr("&Keep the password until BlogDesk quits"));
    m_rememberCheck->setAccessibleName(m_rememberCheck->text().remove(QLatin1Char('&')));
    m_rememberCheck->setToolTip(m_passwords->description());
    // Writing a secret somewhere lasting is the user's decision.
    m_rememberCheck->setChecked(!m_passwords->isPersistent());
    m_form->addRow(QString(), m_rememberCheck);
    m_sslModeCombo = new QComboBox(this);
    m_sslModeCombo->setObjectName(QStringLiteral("sslModeCombo"));
    m_sslModeCombo->addItem(tr("Default (prefer)"), QString());
    for (const char* mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}) {
        m_sslModeCombo->addItem(QLatin1String(mode), QLatin1String(mode));
    }
    addRow(tr("&SSL mode:"), m_sslModeCombo, "sslModeLabel");
    m_optionsEdit = new QLineEdit(this);
    m_optionsEdit->setObjectName(QStringLiteral("optionsEdit"));
    m_optionsEdit->setPlaceholderText(tr("e.g. connect_timeout=10&application_name=blogdesk"));
    addRow(tr("Other p&arameters:"), m_optionsEdit, "optionsLabel");
}

void ConnectionDialog::createTestRow()
{
    m_testButton = new QPushButton(tr("&Test Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAccessibleName(tr("Test connection"));
    m_testButton->setAutoDefault(false);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    m_resultLabel = new QLabel(this);
    m_resultLabel->setObjectName(QStringLiteral("testResultLabel"));
    m_resultLabel->setAccessibleName(tr("Connection test result"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(m_testButton, m_resultLabel);
}

QWidget* ConnectionDialog::createProfileControls()
{
    auto* box = new QGroupBox(tr("Saved connections"), this);
    box->setObjectName(QStringLiteral("profilesGroup"));
    auto* layout = new QVBoxLayout(box);
    m_profilesList = new QListWidget(box);
    m_profilesList->setObjectName(QStringLiteral("profilesList"));
    m_profilesList->setAccessibleName(tr("Saved connections"));
    layout->addWidget(m_profilesList);
    auto* nameRow = new QHBoxLayout;
    auto* nameLabel = new QLabel(tr("Na&me:"), box);
    nameLabel->setObjectName(QStringLiteral("profileNameLabel"));
    m_profileNameEdit = new QLineEdit(box);
    m_profileNameEdit->setObjectName(QStringLiteral("profileNameEdit"));
    m_profileNameEdit->setAccessibleName(tr("Connection name"));
    m_profileNameEdit->setPlaceholderText(tr("Name to save this connection as"));
    nameLabel->setBuddy(m_profileNameEdit);
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_profileNameEdit, 1);
    layout->addLayout(nameRow);
    auto* buttons = new QHBoxLayout;
    m_saveProfileButton = new QPushButton(tr("Sa&ve"), box);
    m_saveProfileButton->setObjectName(QStringLiteral("saveProfileButton"));
    m_saveProfileButton->setAccessibleName(tr("Save connection"));
    m_renameProfileButton = new QPushButton(tr("Re&name"), box);
    m_renameProfileButton->setObjectName(QStringLiteral("renameProfileButton"));
    m_renameProfileButton->setAccessibleName(tr("Rename connection"));
    m_deleteProfileButton = new QPushButton(tr("De&lete"), box);
    m_deleteProfileButton->setObjectName(QStringLiteral("deleteProfileButton"));
    m_deleteProfileButton->setAccessibleName(tr("Delete connection"));
    for (QPushButton* button :
         {m_saveProfileButton, m_renameProfileButton, m_deleteProfileButton}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    layout->addLayout(buttons);
    connect(m_saveProfileButton, &QPushButton::clicked, this, &ConnectionDialog::saveProfile);
    connect(m_renameProfileButton, &QPushButton::clicked, this, &ConnectionDialog::renameProfile);
    connect(m_deleteProfileButton, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_profilesList, &QListWidget::itemClicked, this, &ConnectionDialog::loadProfile);
    connect(m_profilesList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        loadProfile(item);
        requestOpen(Choice::Open);
    });
    return box;
}

QWidget* ConnectionDialog::createRecentControls()
{
    auto* box = new QGroupBox(tr("Recent databases"), this);
    box->setObjectName(QStringLiteral("recentGroup"));
    auto* layout = new QVBoxLayout(box);
    m_recentList = new QListWidget(box);
    m_recentList->setObjectName(QStringLiteral("recentList"));
    m_recentList->setAccessibleName(tr("Recent databases"));
    layout->addWidget(m_recentList);
    connect(m_recentList, &QListWidget::itemClicked, this, &ConnectionDialog::loadRecent);
    connect(m_recentList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        loadRecent(item);
        requestOpen(Choice::Open);
    });
    return box;
}

void ConnectionDialog::createButtons()
{
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("dialogButtons"));
    m_openButton = m_buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_openButton->setObjectName(QStringLiteral("openButton"));
    m_openButton->setAccessibleName(tr("Open"));
    m_openButton->setDefault(true);
    m_openNewWindowButton =
        m_buttons->addButton(tr("Open in New &Window"), QDialogButtonBox::ActionRole);
    m_openNewWindowButton->setObjectName(QStringLiteral("openNewWindowButton"));
    m_openNewWindowButton->setAccessibleName(tr("Open in new window"));
    QPushButton* cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(tr("Cancel"));
    // Open waits for the database to answer, so it must not close the dialog by itself.
    disconnect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_openButton, &QPushButton::clicked, this, [this] { requestOpen(Choice::Open); });
    connect(m_openNewWindowButton, &QPushButton::clicked, this,
            [this] { requestOpen(Choice::OpenInNewWindow); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ConnectionDialog::connectFieldEdits()
{
    connect(m_urlEdit, &QLineEdit::textEdited, this, &ConnectionDialog::onUrlEdited);
    connect(m_urlEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::onUrlEditingFinished);
    for (QLineEdit* edit :
         {m_fileEdit, m_hostEdit, m_databaseEdit, m_userEdit, m_passwordEdit, m_optionsEdit}) {
        connect(edit, &QLineEdit::textEdited, this, &ConnectionDialog::onFieldsEdited);
    }
    connect(m_portSpin, &QSpinBox::valueChanged, this, &ConnectionDialog::onFieldsEdited);
    connect(m_sslModeCombo, &QComboBox::currentIndexChanged, this,
            &ConnectionDialog::onFieldsEdited);
    connect(m_driverCombo, &QComboBox::currentIndexChanged, this,
            &ConnectionDialog::onDriverChanged);
    connect(m_browseButton, &QPushButton::clicked, this, &ConnectionDialog::chooseFile);
}

// --- URL and fields --------------------------------------------------------------------------

void ConnectionDialog::setUrl(const DatabaseUrl& url)
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
    urlChanged();
    if (fields.password.isEmpty()) {
        lookUpPassword(url);
    }
}

bool ConnectionDialog::currentUrl(DatabaseUrl* url, QString* error) const
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

void ConnectionDialog::onUrlEdited(const QString& text)
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
    urlChanged();
}

// A finished edit shows the URL as BlogDesk writes it, without the password.
void ConnectionDialog::onUrlEditingFinished()
{
    if (m_urlMessage->isHidden() && !m_urlEdit->text().isEmpty()) {
        m_syncing = true;
        m_urlEdit->setText(readFields().toUrlText(false));
        m_syncing = false;
    }
}

void ConnectionDialog::onFieldsEdited()
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
    urlChanged();
}

void ConnectionDialog::onDriverChanged()
{
    if (m_syncing) {
        return;
    }
    const auto dialect = SqlDialect(m_driverCombo->currentData().toInt());
    if (dialectOfScheme(m_scheme) != dialect) {
        m_scheme = baseScheme(dialect);
    }
    updateRowVisibility();
    onFieldsEdited();
}

void ConnectionDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a SQLite database"), QFileInfo(m_fileEdit->text()).absolutePath(),
        tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (!path.isEmpty()) {
        m_fileEdit->setText(path);
        onFieldsEdited();
    }
}

void ConnectionDialog::showFields(const ConnectionFields& fields)
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

ConnectionFields ConnectionDialog::readFields() const
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

void ConnectionDialog::updateRowVisibility()
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

void ConnectionDialog::setUrlMessage(const QString& message)
{
    m_urlMessage->setText(message);
    m_urlMessage->setVisible(!message.isEmpty());
}

// An earlier test result says nothing about a different database.
void ConnectionDialog::urlChanged()
{
    if (!isTesting()) {
        showResult(QString(), true);
    }
    m_createConfirmedFor.clear();
}

void ConnectionDialog::lookUpPassword(const DatabaseUrl& url)
{
    if (!ConnectionUrls::usesPassword(url)) {
        return;
    }
    const QString key = ConnectionUrls::passwordKey(url);
    QPointer<ConnectionDialog> self(this);
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

// --- profiles and recent databases -----------------------------------------------------------

void ConnectionDialog::refreshProfiles()
{
    m_profilesList->clear();
    for (const QString& name : m_profiles->profileNames()) {
        auto* item = new QListWidgetItem(name, m_profilesList);
        DatabaseUrl url;
        if (m_profiles->profile(name, &url)) {
            item->setToolTip(url.toString(true));
        }
    }
}

void ConnectionDialog::refreshRecent()
{
    m_recentList->clear();
    for (const DatabaseUrl& url : m_profiles->recentDatabases()) {
        auto* item = new QListWidgetItem(url.displayName(), m_recentList);
        item->setData(Qt::UserRole, url.toString(false)); // stored without a password
        item->setToolTip(url.toString(true));
    }
}

void ConnectionDialog::loadProfile(QListWidgetItem* item)
{
    DatabaseUrl url;
    if (item && m_profiles->profile(item->text(), &url)) {
        m_profileNameEdit->setText(item->text());
        setUrl(url);
    }
}

void ConnectionDialog::loadRecent(QListWidgetItem* item)
{
    DatabaseUrl url;
    if (item && DatabaseUrl::parse(item->data(Qt::UserRole).toString(), &url, nullptr)) {
        setUrl(url);
    }
}

void ConnectionDialog::saveProfile()
{
    DatabaseUrl url;
    QString error;
    if (!currentUrl(&url, &error) ||
        !m_profiles->saveProfile(m_profileNameEdit->text(), url, &error)) {
        showResult(tr("Cannot save the connection: %1").arg(error), false);
        return;
    }
    m_profiles->sync();
    rememberPassword(url);
    refreshProfiles();
    const QList<QListWidgetItem*> saved =
        m_profilesList->findItems(m_profileNameEdit->text().trimmed(), Qt::MatchExactly);
    if (!saved.isEmpty()) {
        m_profilesList->setCurrentItem(saved.first());
    }
    showResult(tr("Saved as '%1'.").arg(m_profileNameEdit->text().trimmed()), true);
}

void ConnectionDialog::renameProfile()
{
    QListWidgetItem* item = m_profilesList->currentItem();
    if (!item) {
        showResult(tr("Choose the saved connection to rename first."), false);
        return;
    }
    const QString newName = m_profileNameEdit->text().trimmed();
    QString error;
    if (!m_profiles->renameProfile(item->text(), newName, &error)) {
        showResult(tr("Cannot rename the connection: %1").arg(error), false);
        return;
    }
    m_profiles->sync();
    refreshProfiles();
    const QList<QListWidgetItem*> renamed = m_profilesList->findItems(newName, Qt::MatchExactly);
    if (!renamed.isEmpty()) {
        m_profilesList->setCurrentItem(renamed.first());
    }
}

void ConnectionDialog::deleteProfile()
{
    QListWidgetItem* item = m_profilesList->currentItem();
    if (!item) {
        showResult(tr("Choose the saved connection to delete first."), false);
        return;
    }
    // The keychain entry stays: recent databases and other profiles may share it.
    m_profiles->removeProfile(item->text());
    m_profiles->sync();
    refreshProfiles();
}

// --- testing and opening ---------------------------------------------------------------------

bool ConnectionDialog::isTesting() const
{
    return m_probe->isRunning();
}

void ConnectionDialog::testConnection()
{
    m_pendingChoice = Choice::None;
    DatabaseUrl url;
    QString error;
    if (!currentUrl(&url, &error)) {
        showResult(error, false);
        return;
    }
    startProbe(url);
}

void ConnectionDialog::requestOpen(Choice choice)
{
    DatabaseUrl url;
    QString error;
    if (!currentUrl(&url, &error)) {
        showResult(error, false);
        return;
    }
    if (url.dialect() == SqlDialect::SQLite && m_createConfirmedFor == url.toString(false)) {
        m_chosenUrl = url;
        m_choice = choice;
        finishOpen();
        return;
    }
    m_pendingChoice = choice;
    startProbe(url);
}

void ConnectionDialog::startProbe(const DatabaseUrl& url)
{
    m_probedUrl = url;
    setBusy(true);
    showResult(m_pendingChoice == Choice::None ? tr("Testing the connection…") : tr("Connecting…"),
               true);
    m_probe->start(url);
}

void ConnectionDialog::onProbeFinished(const ProbeResult& result)
{
    setBusy(false);
    m_lastResult = result;
    const Choice pending = std::exchange(m_pendingChoice, Choice::None);
    const bool missingFile = m_probedUrl.dialect() == SqlDialect::SQLite &&
                             result.outcome == ProbeResult::MissingDatabase;
    if (pending != Choice::None && result.ok()) {
        m_chosenUrl = m_probedUrl;
        m_choice = pending;
        finishOpen();
        return;
    }
    QString text = result.message;
    if (pending != Choice::None && missingFile) {
        m_createConfirmedFor = m_probedUrl.toString(false);
        text = tr("There is no file %1. Press Open again to create a new, empty database there.")
                   .arg(QFileInfo(m_probedUrl.database()).absoluteFilePath());
    }
    showResult(text, result.ok());
    m_resultLabel->setToolTip(result.detail);
    if (result.outcome == ProbeResult::WrongPassword ||
        result.outcome == ProbeResult::PasswordRequired) {
        m_passwordEdit->setFocus();
        m_passwordEdit->selectAll();
    }
    emit testFinished(result);
}

void ConnectionDialog::finishOpen()
{
    rememberPassword(m_chosenUrl);
    m_profiles->addRecent(m_chosenUrl);
    m_profiles->sync();
    accept();
}

void ConnectionDialog::rememberPassword(const DatabaseUrl& url)
{
    if (!ConnectionUrls::usesPassword(url)) {
        return;
    }
    const QString key = ConnectionUrls::passwordKey(url);
    if (!m_rememberCheck->isChecked() || url.password().isEmpty()) {
        m_passwords->remove(key);
        return;
    }
    QPointer<ConnectionDialog> self(this);
    m_passwords->write(key, url.password(), [self](bool ok, const QString& error) {
        if (!ok && self && self->isVisible()) {
            self->showResult(tr("The password could not be kept (%1); it will be asked for "
                                "again.")
                                 .arg(error),
                             false);
        }
    });
}

void ConnectionDialog::setBusy(bool busy)
{
    m_testButton->setEnabled(!busy);
    m_openButton->setEnabled(!busy);
    m_openNewWindowButton->setEnabled(!busy);
}

void ConnectionDialog::showResult(const QString& text, bool good)
{
    m_resultLabel->setText(text);
    m_resultLabel->setStyleSheet(good ? QString() : QStringLiteral("color: #b00020"));
    m_resultLabel->setToolTip(QString());
}
