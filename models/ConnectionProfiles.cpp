#include "ConnectionProfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include <algorithm>

#ifdef BLOGDESK_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ConnectionProfiles", text);
}

// The same encodings as DatabaseUrl::toString (Python's quote and quote_plus), so a URL made
// from fields reads back equal.
QString percentEncoded(const QString& text, const char* safe)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArray(safe)));
}

QString plusEncoded(const QString& text)
{
    return percentEncoded(text, " ").replace(QLatin1Char(' '), QLatin1Char('+'));
}

QString plusDecoded(QString text)
{
    text.replace(QLatin1Char('+'), QLatin1Char(' '));
    return QUrl::fromPercentEncoding(text.toUtf8());
}

const QString SslModeKey = QStringLiteral("sslmode");
const QString HostKey = QStringLiteral("host");

QString authority(const ConnectionFields& fields, bool withPassword)
{
    QString text;
    const bool showPassword = withPassword && !fields.password.isEmpty();
    if (!fields.userName.isEmpty() || showPassword) {
        text += percentEncoded(fields.userName, " +");
        if (showPassword) {
            text += QLatin1Char(':') + percentEncoded(fields.password, " +");
        }
        text += QLatin1Char('@');
    }
    if (!fields.hostAsParameter) {
        const bool isV6 = fields.host.contains(QLatin1Char(':'));
        text += isV6 ? QLatin1Char('[') + fields.host + QLatin1Char(']') : fields.host;
    }
    if (fields.port > 0) {
        text += QLatin1Char(':') + QString::number(fields.port);
    }
    return text;
}

QList<QPair<QString, QString>> queryOf(const ConnectionFields& fields)
{
    QList<QPair<QString, QString>> query;
    if (fields.hostAsParameter && !fields.host.isEmpty()) {
        query.append({HostKey, fields.host});
    }
    if (!fields.sslMode.isEmpty()) {
        query.append({SslModeKey, fields.sslMode});
    }
    return query + fields.options;
}

} // namespace

// --- ConnectionFields ------------------------------------------------------------------------

ConnectionFields ConnectionFields::fromUrl(const DatabaseUrl& url)
{
    ConnectionFields fields;
    fields.scheme = url.scheme();
    fields.userName = url.userName();
    fields.password = url.password();
    fields.host = url.host();
    fields.port = url.port();
    fields.database = url.database();
    const bool isPostgres = url.dialect() == SqlDialect::PostgreSQL;
    for (const auto& [key, value] : url.query()) {
        if (isPostgres && key == SslModeKey && fields.sslMode.isEmpty()) {
            fields.sslMode = value;
        } else if (isPostgres && key == HostKey && !fields.hostAsParameter) {
            // host() already reads it when the URL has no host of its own.
            fields.hostAsParameter = true;
        } else {
            fields.options.append({key, value});
        }
    }
    return fields;
}

SqlDialect ConnectionFields::dialect() const
{
    if (scheme.startsWith(QLatin1String("postgres"))) {
        return SqlDialect::PostgreSQL;
    }
    if (scheme.startsWith(QLatin1String("mysql")) || scheme.startsWith(QLatin1String("mariadb"))) {
        return SqlDialect::MySQL;
    }
    return SqlDialect::SQLite;
}

QString ConnectionFields::toUrlText(bool withPassword) const
{
    QString text = scheme + QLatin1String("://");
    if (dialect() == SqlDialect::SQLite) {
        text += QLatin1Char('/') + database;
    } else {
        text += authority(*this, withPassword);
        if (!database.isEmpty()) {
            text += QLatin1Char('/') + percentEncoded(database, "/!$&'()*+,;=");
        }
    }
    QStringList pairs;
    for (const auto& [key, value] : queryOf(*this)) {
        pairs.append(plusEncoded(key) + QLatin1Char('=') + plusEncoded(value));
    }
    if (!pairs.isEmpty()) {
        text += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    }
    return text;
}

bool ConnectionFields::toUrl(DatabaseUrl* url, QString* error) const
{
    return DatabaseUrl::parse(toUrlText(true), url, error);
}

QString ConnectionFields::optionsText() const
{
    QStringList pairs;
    for (const auto& [key, value] : options) {
        pairs.append(plusEncoded(key) + QLatin1Char('=') + plusEncoded(value));
    }
    return pairs.join(QLatin1Char('&'));
}

bool ConnectionFields::setOptionsText(const QString& text, QString* error)
{
    QList<QPair<QString, QString>> parsed;
    const QStringList pairs = text.trimmed().split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& pair : pairs) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *error = tr("write other parameters as key=value&key=value, not '%1'").arg(pair);
            return false;
        }
        parsed.append({plusDecoded(pair.left(equals)), plusDecoded(pair.mid(equals + 1))});
    }
    options = parsed;
    return true;
}

// --- ConnectionUrls --------------------------------------------------------------------------

namespace ConnectionUrls {

DatabaseUrl withPassword(const DatabaseUrl& url, const QString& password)
{
    ConnectionFields fields = ConnectionFields::fromUrl(url);
    fields.password = password;
    DatabaseUrl result = url;
    fields.toUrl(&result, nullptr); // the fields of a valid URL always make one
    return result;
}

DatabaseUrl withoutPassword(const DatabaseUrl& url)
{
    return withPassword(url, QString());
}

QString passwordKey(const DatabaseUrl& url)
{
    const QString port = url.port() > 0 ? QString::number(url.port()) : QStringLiteral("default");
    return QStringLiteral("%1://%2@%3:%4/%5")
        .arg(sqlDialectName(url.dialect()), url.userName(), url.host(), port, url.database());
}

bool usesPassword(const DatabaseUrl& url)
{
    return url.dialect() != SqlDialect::SQLite;
}

} // namespace ConnectionUrls

// --- MemoryPasswordStore ---------------------------------------------------------------------

void MemoryPasswordStore::read(const QString& key, ReadDone done)
{
    const auto found = m_passwords.constFind(key);
    done(found != m_passwords.constEnd(), found == m_passwords.constEnd() ? QString() : *found);
}

void MemoryPasswordStore::write(const QString& key, const QString& password, WriteDone done)
{
    m_passwords.insert(key, password);
    if (done) {
        done(true, QString());
    }
}

void MemoryPasswordStore::remove(const QString& key)
{
    m_passwords.remove(key);
}

QString MemoryPasswordStore::description() const
{
    return tr("No system keychain: passwords are kept until BlogDesk quits and asked for again "
              "after that.");
}

// --- KeychainPasswordStore -------------------------------------------------------------------

#ifdef BLOGDESK_HAVE_QTKEYCHAIN

namespace {

const QString KeychainService = QStringLiteral("BlogDesk");
// A keychain that wants to be unlocked waits for the user; a missing or stuck keychain
// service must not keep the form waiting longer than this.
constexpr int KeychainAnswerMs = 4000;

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager). Its insecure fallback, which would write the password into a plain
// settings file, stays off.
class KeychainPasswordStore : public PasswordStore
{
public:
    using PasswordStore::PasswordStore;

    void read(const QString& key, ReadDone done) override
    {
        // This session's passwords answer at once, also when the keychain refused them.
        if (m_session.contains(key)) {
            done(true, m_session.value(key));
            return;
        }
        auto* job = new QKeychain::ReadPasswordJob(KeychainService, this);
        job->setKey(key);
        job->setInsecureFallback(false);
        auto once = answerOnce(job, std::move(done));
        connect(job, &QKeychain::Job::finished, this, [job, once] {
            const bool found = job->error() == QKeychain::NoError;
            (*once)(found, found ? job->textData() : QString());
        });
        job->start();
    }

    void write(const QString& key, const QString& password, WriteDone done) override
    {
        m_session.insert(key, password);
        auto* job = new QKeychain::WritePasswordJob(KeychainService, this);
        job->setKey(key);
        job->setInsecureFallback(false);
        job->setTextData(password);
        auto once = answerOnce(job, [done](bool ok, const QString& error) {
            if (done) {
                done(ok, ok ? QString() : error);
            }
        });
        connect(job, &QKeychain::Job::finished, this,
                [job, once] { (*once)(job->error() == QKeychain::NoError, job->errorString()); });
        job->start();
    }

    void remove(const QString& key) override
    {
        m_session.remove(key);
        auto* job = new QKeychain::DeletePasswordJob(KeychainService, this);
        job->setKey(key);
        job->start(); // auto-deleted when finished; nothing to report
    }

    bool isPersistent() const override { return true; }

    QString description() const override
    {
        return tr("Passwords are kept in the system keychain, never in the settings file; "
                  "without a keychain they are asked for again after BlogDesk quits.");
    }

private:
    using Answer = std::function<void(bool, const QString&)>;

    // Without a working keychain (none installed, no D-Bus session) passwords are still kept
    // until BlogDesk quits, and asked for again after that.
    QHash<QString, QString> m_session;

    // Calls `answer` once: with the job's result, or with a failure when the keychain has
    // not answered in time (a late result is then dropped).
    std::shared_ptr<Answer> answerOnce(QKeychain::Job* job, Answer answer)
    {
        auto pending = std::make_shared<Answer>(std::move(answer));
        auto once = std::make_shared<Answer>([pending](bool ok, const QString& text) {
            if (*pending) {
                Answer call = std::move(*pending);
                *pending = nullptr;
                call(ok, text);
            }
        });
        QTimer::singleShot(KeychainAnswerMs, job,
                           [once] { (*once)(false, tr("the system keychain did not answer")); });
        return once;
    }
};

} // namespace

#endif // BLOGDESK_HAVE_QTKEYCHAIN

std::unique_ptr<PasswordStore> PasswordStore::createDefault(QObject* parent)
{
#ifdef BLOGDESK_HAVE_QTKEYCHAIN
    return std::make_unique<KeychainPasswordStore>(parent);
#else
    return std::make_unique<MemoryPasswordStore>(parent);
#endif
}

bool PasswordStore::keychainBuiltIn()
{
#ifdef BLOGDESK_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

// --- ConnectionProfiles ----------------------------------------------------------------------

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
        *error = tr("a connection needs a name");
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

bool ConnectionProfiles::hasProfile(const QString& name) const
{
    return indexOfProfile(readProfiles(*m_settings), name) >= 0;
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

void ConnectionProfiles::clearRecent()
{
    m_settings->remove(RecentArray);
}

void ConnectionProfiles::sync()
{
    m_settings->sync();
}
