#include "ConnectionDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

#include <utility>

#include "models/connection/ConnectionFields.h"
#include "models/connection/ConnectionProfiles.h"
#include "models/connection/PasswordStore.h"
#include "views/connection/ConnectionForm.h"
#include "views/connection/ConnectionList.h"
#include "views/connection/CreateDatabaseQuestion.h"
#include "views/connection/FailureBox.h"

ConnectionDialog::ConnectionDialog(ConnectionProfiles* profiles, PasswordStore* passwords,
                                   QWidget* parent)
    : QDialog(parent), m_profiles(profiles), m_passwords(passwords),
      m_probe(new ConnectionProbe(this))
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Open Database"));
    setAccessibleName(tr("Open Database"));
    auto* formBox = new QGroupBox(tr("Connection"), this);
    formBox->setObjectName(QStringLiteral("connectionGroup"));
    m_form = new ConnectionForm(m_passwords, formBox);
    createTestRow();
    auto* formLayout = new QVBoxLayout(formBox);
    formLayout->addWidget(m_form);
    auto* columns = new QHBoxLayout;
    columns->addWidget(formBox, 3);
    auto* list = new ConnectionList(m_profiles, m_form, this);
    columns->addWidget(list, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(createButtons());
    connect(m_form, &ConnectionForm::urlChanged, this, &ConnectionDialog::urlChanged);
    connect(list, &ConnectionList::openRequested, this, [this] { requestOpen(Choice::Open); });
    connect(list, &ConnectionList::profileSaved, this, &ConnectionDialog::rememberPassword);
    connect(list, &ConnectionList::message, this, &ConnectionDialog::showResult);
    connect(m_probe, &ConnectionProbe::finished, this, &ConnectionDialog::onProbeFinished);
    m_form->focusUrl();
    resize(900, 520);
}

// QDialog's destructor hides the dialog, and the URL field losing focus must not make the
// form call back into members that are gone by then.
ConnectionDialog::~ConnectionDialog()
{
    m_form->disconnect(this);
}

void ConnectionDialog::setUrl(const DatabaseUrl& url)
{
    m_form->setUrl(url);
}

bool ConnectionDialog::currentUrl(DatabaseUrl* url, QString* error) const
{
    return m_form->currentUrl(url, error);
}

// --- building the dialog ---------------------------------------------------------------------

void ConnectionDialog::createTestRow()
{
    m_testButton = new QPushButton(tr("&Test Connection"), m_form);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAccessibleName(tr("Test connection"));
    m_testButton->setAutoDefault(false);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    auto* result = new QWidget(m_form);
    m_resultLabel = new QLabel(result);
    m_resultLabel->setObjectName(QStringLiteral("testResultLabel"));
    m_resultLabel->setAccessibleName(tr("Connection test result"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The result is one line; what the driver said in full is one click away.
    m_detailsButton = new QPushButton(tr("&Details…"), result);
    m_detailsButton->setObjectName(QStringLiteral("testDetailsButton"));
    m_detailsButton->setAccessibleName(tr("Details of the connection failure"));
    m_detailsButton->setAutoDefault(false);
    m_detailsButton->setVisible(false);
    connect(m_detailsButton, &QPushButton::clicked, this, [this] {
        FailureBox::exec(QMessageBox::Warning, tr("Open Database"), m_lastResult.message,
                         m_lastResult.detail, this);
    });
    auto* row = new QHBoxLayout(result);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_resultLabel, 1);
    row->addWidget(m_detailsButton, 0, Qt::AlignTop);
    m_form->addRow(m_testButton, result);
}

QDialogButtonBox* ConnectionDialog::createButtons()
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("dialogButtons"));
    m_openButton = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_openButton->setObjectName(QStringLiteral("openButton"));
    m_openButton->setAccessibleName(tr("Open"));
    m_openButton->setDefault(true);
    m_openNewWindowButton =
        buttons->addButton(tr("Open in New &Window"), QDialogButtonBox::ActionRole);
    m_openNewWindowButton->setObjectName(QStringLiteral("openNewWindowButton"));
    m_openNewWindowButton->setAccessibleName(tr("Open in new window"));
    QPushButton* cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(tr("Cancel"));
    // Open waits for the database to answer, so it must not close the dialog by itself.
    disconnect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_openButton, &QPushButton::clicked, this, [this] { requestOpen(Choice::Open); });
    connect(m_openNewWindowButton, &QPushButton::clicked, this,
            [this] { requestOpen(Choice::OpenInNewWindow); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    return buttons;
}

// An earlier test result says nothing about a different database.
void ConnectionDialog::urlChanged()
{
    if (!isTesting()) {
        showResult(QString(), true);
    }
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
    if (pending != Choice::None &&
        (result.ok() ||
         (missingFile && CreateDatabaseQuestion::confirm(this, m_probedUrl.database())))) {
        m_chosenUrl = m_probedUrl;
        m_choice = pending;
        finishOpen();
        return;
    }
    QString text = result.message;
    if (pending != Choice::None && missingFile) {
        text = tr("Nothing was created: there is no database at %1.")
                   .arg(QFileInfo(m_probedUrl.database()).absoluteFilePath());
    }
    showResult(text, result.ok());
    m_resultLabel->setToolTip(result.detail);
    m_detailsButton->setVisible(!result.ok() && !result.detail.isEmpty() &&
                                result.detail.simplified() != text);
    if (result.outcome == ProbeResult::WrongPassword ||
        result.outcome == ProbeResult::PasswordRequired) {
        m_form->focusPassword();
    }
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
    if (!m_form->keepsPassword() || url.password().isEmpty()) {
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
    m_detailsButton->setVisible(false);
}
