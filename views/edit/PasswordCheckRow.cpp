#include "PasswordCheckRow.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "models/records/PasswordHash.h"
#include "models/records/PasswordHasher.h"
#include "views/edit/EditFormSupport.h"

PasswordCheckRow::PasswordCheckRow(PasswordHasher* hasher, std::function<QString()> storedHash,
                                   QWidget* parent)
    : QWidget(parent), m_hasher(hasher), m_storedHash(std::move(storedHash))
{
    setObjectName(QStringLiteral("checkPasswordRows"));
    auto* layout = new QFormLayout(this);
    auto* line = new QWidget(this);
    line->setObjectName(QStringLiteral("checkPasswordLine"));
    auto* lineLayout = new QHBoxLayout(line);
    lineLayout->setContentsMargins(0, 0, 0, 0);
    m_edit = EditForm::makeSecretEdit(line, QStringLiteral("checkPasswordEdit"));
    m_button = new QPushButton(tr("Check password…"), line);
    m_button->setObjectName(QStringLiteral("checkPasswordButton"));
    m_button->setAutoDefault(false); // Enter in the form means Save, not Check
    lineLayout->addWidget(m_edit);
    lineLayout->addWidget(m_button);
    EditForm::addBuddyRow(layout, tr("Chec&k a password:"), QStringLiteral("checkPasswordLabel"),
                          m_edit, line);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("checkPasswordResult"));
    m_result->setAccessibleName(tr("Password check result"));
    layout->addRow(QString(), m_result);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        m_result->clear();
        refresh();
    });
    connect(m_button, &QPushButton::clicked, this, &PasswordCheckRow::startCheck);
    connect(m_hasher, &PasswordHasher::checked, this, &PasswordCheckRow::onChecked);
}

void PasswordCheckRow::refresh()
{
    m_button->setEnabled(!m_storedHash().isEmpty() && !m_hasher->isChecking() &&
                         !m_edit->text().isEmpty());
}

void PasswordCheckRow::startCheck()
{
    const QString hash = m_storedHash();
    QString why;
    if (!PasswordHash::isSupported(hash, &why)) {
        m_result->setText(tr("Cannot check: %1").arg(why));
        return;
    }
    m_edit->setReadOnly(true); // the answer must be about the text shown
    m_result->setText(tr("Checking…"));
    m_hasher->check(hash, m_edit->text());
    refresh();
}

void PasswordCheckRow::onChecked(bool matches)
{
    m_edit->setReadOnly(false);
    m_result->setText(matches ? tr("Right: this is the user's password.")
                              : tr("Wrong: this is not the user's password."));
    refresh();
}
