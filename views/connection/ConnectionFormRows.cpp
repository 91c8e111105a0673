// The form's rows: which widgets it has, their names and labels, and which edits they report.
#include "ConnectionForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "models/connection/PasswordStore.h"

void ConnectionForm::addLabelledRow(const QString& labelText, QWidget* field, const char* labelName)
{
    auto* label = new QLabel(labelText, this);
    label->setObjectName(QLatin1String(labelName));
    label->setBuddy(field);
    field->setAccessibleName(QString(labelText).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    m_form->addRow(label, field);
}

void ConnectionForm::createUrlRow()
{
    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("urlEdit"));
    m_urlEdit->setPlaceholderText(tr("e.g. postgresql://user@host:5432/blog"));
    m_urlEdit->setToolTip(tr("The database URL as SQLALCHEMY_DATABASE_URI or DATABASE_URL holds "
                             "it. A password typed here moves to the Password field."));
    m_urlEdit->setClearButtonEnabled(true);
    addLabelledRow(tr("&URL:"), m_urlEdit, "urlLabel");
    m_urlMessage = new QLabel(this);
    m_urlMessage->setObjectName(QStringLiteral("urlMessageLabel"));
    m_urlMessage->setAccessibleName(tr("URL problem"));
    m_urlMessage->setWordWrap(true);
    m_urlMessage->setStyleSheet(QStringLiteral("color: #b00020"));
    m_urlMessage->hide();
    m_form->addRow(QString(), m_urlMessage);
}

void ConnectionForm::createFieldRows()
{
    m_driverCombo = new QComboBox(this);
    m_driverCombo->setObjectName(QStringLiteral("driverCombo"));
    m_driverCombo->addItem(tr("SQLite file"), int(SqlDialect::SQLite));
    m_driverCombo->addItem(tr("PostgreSQL"), int(SqlDialect::PostgreSQL));
    m_driverCombo->addItem(tr("MySQL or MariaDB"), int(SqlDialect::MySQL));
    addLabelledRow(tr("T&ype:"), m_driverCombo, "driverLabel");

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

void ConnectionForm::createServerRows()
{
    m_hostEdit = new QLineEdit(this);
    m_hostEdit->setObjectName(QStringLiteral("hostEdit"));
    m_hostEdit->setPlaceholderText(QStringLiteral("localhost"));
    addLabelledRow(tr("&Host:"), m_hostEdit, "hostLabel");
    m_portSpin = new QSpinBox(this);
    m_portSpin->setObjectName(QStringLiteral("portSpin"));
    m_portSpin->setRange(0, 65535);
    m_portSpin->setSpecialValueText(tr("default"));
    addLabelledRow(tr("Po&rt:"), m_portSpin, "portLabel");
    m_databaseEdit = new QLineEdit(this);
    m_databaseEdit->setObjectName(QStringLiteral("databaseEdit"));
    addLabelledRow(tr("&Database:"), m_databaseEdit, "databaseLabel");
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    addLabelledRow(tr("Us&er:"), m_userEdit, "userLabel");
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    addLabelledRow(tr("&Password:"), m_passwordEdit, "passwordLabel");
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
    addLabelledRow(tr("&SSL mode:"), m_sslModeCombo, "sslModeLabel");
    m_optionsEdit = new QLineEdit(this);
    m_optionsEdit->setObjectName(QStringLiteral("optionsEdit"));
    m_optionsEdit->setPlaceholderText(tr("e.g. connect_timeout=10&application_name=blogdesk"));
    addLabelledRow(tr("Other p&arameters:"), m_optionsEdit, "optionsLabel");
}

void ConnectionForm::connectFieldEdits()
{
    connect(m_urlEdit, &QLineEdit::textEdited, this, &ConnectionForm::onUrlEdited);
    connect(m_urlEdit, &QLineEdit::editingFinished, this, &ConnectionForm::onUrlEditingFinished);
    for (QLineEdit* edit :
         {m_fileEdit, m_hostEdit, m_databaseEdit, m_userEdit, m_passwordEdit, m_optionsEdit}) {
        connect(edit, &QLineEdit::textEdited, this, &ConnectionForm::onFieldsEdited);
    }
    connect(m_portSpin, &QSpinBox::valueChanged, this, &ConnectionForm::onFieldsEdited);
    connect(m_sslModeCombo, &QComboBox::currentIndexChanged, this, &ConnectionForm::onFieldsEdited);
    connect(m_driverCombo, &QComboBox::currentIndexChanged, this, &ConnectionForm::onDriverChanged);
    connect(m_browseButton, &QPushButton::clicked, this, &ConnectionForm::chooseFile);
}
