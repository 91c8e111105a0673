#include "ConnectionList.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "models/connection/ConnectionProfiles.h"
#include "views/connection/ConnectionForm.h"

ConnectionList::ConnectionList(ConnectionProfiles* profiles, ConnectionForm* form, QWidget* parent)
    : QWidget(parent), m_profiles(profiles), m_form(form)
{
    setObjectName(QStringLiteral("connectionList"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createProfileControls());
    layout->addWidget(createRecentControls());
    refreshProfiles();
    refreshRecent();
}

// --- building the panel ----------------------------------------------------------------------

QWidget* ConnectionList::createProfileControls()
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
    auto* saveButton = new QPushButton(tr("Sa&ve"), box);
    saveButton->setObjectName(QStringLiteral("saveProfileButton"));
    saveButton->setAccessibleName(tr("Save connection"));
    auto* renameButton = new QPushButton(tr("Re&name"), box);
    renameButton->setObjectName(QStringLiteral("renameProfileButton"));
    renameButton->setAccessibleName(tr("Rename connection"));
    auto* deleteButton = new QPushButton(tr("De&lete"), box);
    deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    deleteButton->setAccessibleName(tr("Delete connection"));
    for (QPushButton* button : {saveButton, renameButton, deleteButton}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    layout->addLayout(buttons);
    connect(saveButton, &QPushButton::clicked, this, &ConnectionList::saveProfile);
    connect(renameButton, &QPushButton::clicked, this, &ConnectionList::renameProfile);
    connect(deleteButton, &QPushButton::clicked, this, &ConnectionList::deleteProfile);
    connect(m_profilesList, &QListWidget::itemClicked, this, &ConnectionList::loadProfile);
    connect(m_profilesList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        loadProfile(item);
        emit openRequested();
    });
    return box;
}

QWidget* ConnectionList::createRecentControls()
{
    auto* box = new QGroupBox(tr("Recent databases"), this);
    box->setObjectName(QStringLiteral("recentGroup"));
    auto* layout = new QVBoxLayout(box);
    m_recentList = new QListWidget(box);
    m_recentList->setObjectName(QStringLiteral("recentList"));
    m_recentList->setAccessibleName(tr("Recent databases"));
    layout->addWidget(m_recentList);
    connect(m_recentList, &QListWidget::itemClicked, this, &ConnectionList::loadRecent);
    connect(m_recentList, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        loadRecent(item);
        emit openRequested();
    });
    return box;
}

// --- saved connections and recent databases -------------------------------------------------

void ConnectionList::refreshProfiles()
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

void ConnectionList::refreshRecent()
{
    m_recentList->clear();
    for (const DatabaseUrl& url : m_profiles->recentDatabases()) {
        auto* item = new QListWidgetItem(url.displayName(), m_recentList);
        item->setData(Qt::UserRole, url.toString(false)); // stored without a password
        item->setToolTip(url.toString(true));
    }
}

void ConnectionList::loadProfile(QListWidgetItem* item)
{
    DatabaseUrl url;
    if (item && m_profiles->profile(item->text(), &url)) {
        m_profileNameEdit->setText(item->text());
        m_form->setUrl(url);
    }
}

void ConnectionList::loadRecent(QListWidgetItem* item)
{
    DatabaseUrl url;
    if (item && DatabaseUrl::parse(item->data(Qt::UserRole).toString(), &url, nullptr)) {
        m_form->setUrl(url);
    }
}

void ConnectionList::saveProfile()
{
    DatabaseUrl url;
    QString error;
    if (!m_form->currentUrl(&url, &error) ||
        !m_profiles->saveProfile(m_profileNameEdit->text(), url, &error)) {
        emit message(tr("Cannot save the connection: %1").arg(error), false);
        return;
    }
    m_profiles->sync();
    emit profileSaved(url);
    refreshProfiles();
    const QList<QListWidgetItem*> saved =
        m_profilesList->findItems(m_profileNameEdit->text().trimmed(), Qt::MatchExactly);
    if (!saved.isEmpty()) {
        m_profilesList->setCurrentItem(saved.first());
    }
    emit message(tr("Saved as '%1'.").arg(m_profileNameEdit->text().trimmed()), true);
}

void ConnectionList::renameProfile()
{
    QListWidgetItem* item = m_profilesList->currentItem();
    if (!item) {
        emit message(tr("Choose the saved connection to rename first."), false);
        return;
    }
    const QString newName = m_profileNameEdit->text().trimmed();
    QString error;
    if (!m_profiles->renameProfile(item->text(), newName, &error)) {
        emit message(tr("Cannot rename the connection: %1").arg(error), false);
        return;
    }
    m_profiles->sync();
    refreshProfiles();
    const QList<QListWidgetItem*> renamed = m_profilesList->findItems(newName, Qt::MatchExactly);
    if (!renamed.isEmpty()) {
        m_profilesList->setCurrentItem(renamed.first());
    }
}

void ConnectionList::deleteProfile()
{
    QListWidgetItem* item = m_profilesList->currentItem();
    if (!item) {
        emit message(tr("Choose the saved connection to delete first."), false);
        return;
    }
    // The keychain entry stays: recent databases and other profiles may share it.
    m_profiles->removeProfile(item->text());
    m_profiles->sync();
    refreshProfiles();
}
