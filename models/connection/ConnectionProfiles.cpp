#include "ConnectionProfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

#include "models/connection/ConnectionFields.h"

namespace {

const QString ProfilesArray = QStringLiteral("profiles");
const QString RecentArray = QStringLiteral("recent");
const QString NameKey = QStringLiteral("name");
const QString UrlKey = QStringLiteral("url");

using NamedUrls = QList<QPair<QString, QString>>;

NamedUrls readProfiles(QSettings& settings)
{
    NamedUrls profiles;
    const int count = settings.beginReadArray(ProfilesArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        profiles.append({settings.value(NameKey).toString(), settings.value(UrlKey).toString()});
    }
    settings.endArray();
    return profiles;
}

void writeProfiles(QSettings& settings, NamedUrls profiles)
{
    std::sort(profiles.begin(), profiles.end(), [](const auto& a, const auto& b) {
        return a.first.compare(b.first, Qt::CaseInsensitive) < 0;
    });
    settings.remove(ProfilesArray);
    settings.beginWriteArray(ProfilesArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(NameKey, profiles.at(i).first);
        settings.setValue(UrlKey, profiles.at(i).second);
    }
    settings.endArray();
}

qsizetype indexOfProfile(const NamedUrls& profiles, const QString& name)
{
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (profiles.at(i).first == name) {
            return i;
        }
    }
    return -1;
}

// The only form in which a URL reaches the settings file.
QString storedText(const DatabaseUrl& url)
{
    return ConnectionUrls::withoutPassword(url).toString(false);
}

bool checkName(const QString& name, QString* error)
{
    if (name.trimmed().isEmpty()) {
        *error = ConnectionProfiles::tr("a connection needs a name");
        return false;
    }
    return true;
}

} // namespace

QString ConnectionProfiles::defaultSettingsPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return QDir(folder).filePath(QStringLiteral("connections.ini"));
}

ConnectionProfiles::ConnectionProfiles(const QString& settingsPath)
    : m_settings(std::make_unique<QSettings>(settingsPath, QSettings::IniFormat))
{}

ConnectionProfiles::~ConnectionProfiles() = default;

QString ConnectionProfiles::settingsPath() const
{
    return m_settings->fileName();
}

QStringList ConnectionProfiles::profileNames() const
{
    QStringList names;
    for (const auto& [name, url] : readProfiles(*m_settings)) {
        names.append(name);
    }
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return names;
}

bool ConnectionProfiles::profile(const QString& name, DatabaseUrl* url) const
{
    const NamedUrls profiles = readProfiles(*m_settings);
    const qsizetype index = indexOfProfile(profiles, name);
    return index >= 0 && DatabaseUrl::parse(profiles.at(index).second, url, nullptr);
}

bool ConnectionProfiles::saveProfile(const QString& name, const DatabaseUrl& url, QString* error)
{
    if (!checkName(name, error)) {
        return false;
    }
    NamedUrls profiles = readProfiles(*m_settings);
    const qsizetype index = indexOfProfile(profiles, name.trimmed());
    if (index >= 0) {
        profiles[index].second = storedText(url);
    } else {
        profiles.append({name.trimmed(), storedText(url)});
    }
    writeProfiles(*m_settings, profiles);
    return true;
}

void ConnectionProfiles::removeProfile(const QString& name)
{
    NamedUrls profiles = readProfiles(*m_settings);
    const qsizetype index = indexOfProfile(profiles, name);
    if (index >= 0) {
        profiles.removeAt(index);
        writeProfiles(*m_settings, profiles);
    }
}

bool ConnectionProfiles::renameProfile(const QString& oldName, const QString& newName,
                                       QString* error)
{
    if (!checkName(newName, error)) {
        return false;
    }
    NamedUrls profiles = readProfiles(*m_settings);
    const qsizetype index = indexOfProfile(profiles, oldName);
    if (index < 0) {
        *error = tr("there is no connection named '%1'").arg(oldName);
        return false;
    }
    const qsizetype clash = indexOfProfile(profiles, newName.trimmed());
    if (clash >= 0 && clash != index) {
        *error = tr("a connection named '%1' exists already").arg(newName.trimmed());
        return false;
    }
    profiles[index].first = newName.trimmed();
    writeProfiles(*m_settings, profiles);
    return true;
}

QStringList ConnectionProfiles::recentTexts() const
{
    QStringList texts;
    const int count = m_settings->beginReadArray(RecentArray);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        texts.append(m_settings->value(UrlKey).toString());
    }
    m_settings->endArray();
    return texts;
}

QList<DatabaseUrl> ConnectionProfiles::recentDatabases() const
{
    QList<DatabaseUrl> urls;
    for (const QString& text : recentTexts()) {
        DatabaseUrl url;
        if (DatabaseUrl::parse(text, &url, nullptr)) {
            urls.append(url);
        }
    }
    return urls;
}

void ConnectionProfiles::addRecent(const DatabaseUrl& url)
{
    const QString text = storedText(url);
    QStringList texts = recentTexts();
    texts.removeAll(text);
    texts.prepend(text);
    while (texts.size() > MaxRecent) {
        texts.removeLast();
    }
    m_settings->remove(RecentArray);
    m_settings->beginWriteArray(RecentArray, int(texts.size()));
    for (int i = 0; i < texts.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(UrlKey, texts.at(i));
    }
    m_settings->endArray();
}

void ConnectionProfiles::sync()
{
    m_settings->sync();
}
