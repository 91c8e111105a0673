#include "DatabaseUrl.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStringList>
#include <QUrl>

#include <algorithm>

#include "models/connection/DatabaseUrlOptions.h"
#include "models/connection/DatabaseUrlParser.h"

namespace {

using DatabaseUrlOptions::QueryList;

QString percentEncoded(const QString& text, const char* safe)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, QByteArray(safe)));
}

// As Python's quote_plus: a space becomes '+', a literal '+' is escaped.
QString plusEncoded(const QString& text)
{
    return percentEncoded(text, " ").replace(QLatin1Char(' '), QLatin1Char('+'));
}

QueryList sortedByKey(QueryList query)
{
    std::stable_sort(query.begin(), query.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return query;
}

} // namespace

bool DatabaseUrl::parse(const QString& text, DatabaseUrl* url, QString* error)
{
    DatabaseUrlParts parts;
    QString message;
    if (!DatabaseUrlParser::read(text.trimmed(), &parts, &message)) {
        if (error) {
            *error = message;
        }
        return false;
    }
    if (url) {
        url->m_dialect = parts.dialect;
        url->m_scheme = parts.scheme;
        url->m_userName = parts.userName;
        url->m_password = parts.password;
        url->m_host = parts.host;
        url->m_port = parts.port;
        url->m_database = parts.database;
        url->m_query = parts.query;
    }
    return true;
}

DatabaseUrl DatabaseUrl::forSqliteFile(const QString& absolutePath)
{
    DatabaseUrl url;
    url.m_database = absolutePath;
    return url;
}

QString DatabaseUrl::host() const
{
    if (m_host.isEmpty() && m_dialect == SqlDialect::PostgreSQL) {
        return queryValue(QStringLiteral("host"));
    }
    return m_host;
}

bool DatabaseUrl::isSqliteMemory() const
{
    return m_dialect == SqlDialect::SQLite &&
           (m_database.isEmpty() || m_database == QLatin1String(":memory:"));
}

QString DatabaseUrl::queryValue(const QString& key) const
{
    for (const auto& [name, value] : m_query) {
        if (name == key) {
            return value;
        }
    }
    return {};
}

QString DatabaseUrl::qtDriverName() const
{
    return qtDriverOf(m_dialect);
}

bool DatabaseUrl::connectOptions(QString* options, QString* error) const
{
    QString message;
    const QString queryHost = queryValue(QStringLiteral("host"));
    if (m_dialect == SqlDialect::PostgreSQL && !m_host.isEmpty() && !queryHost.isNull()) {
        message = QCoreApplication::translate("DatabaseUrl",
                                              "URL names host '%1' and also a host parameter '%2': "
                                              "give only one")
                      .arg(m_host, queryHost);
    }
    QStringList parts;
    if (!message.isEmpty() || !DatabaseUrlOptions::collect(m_dialect, m_query, &parts, &message)) {
        if (error) {
            *error = message;
        }
        return false;
    }
    *options = parts.join(QLatin1Char(';'));
    return true;
}

QString DatabaseUrl::toString(bool hidePassword) const
{
    QString text = m_scheme + QLatin1String("://");
    if (!m_userName.isEmpty() || !m_password.isEmpty()) {
        text += percentEncoded(m_userName, " +");
        if (!m_password.isEmpty()) {
            text += QLatin1Char(':') +
                    (hidePassword ? QStringLiteral("***") : percentEncoded(m_password, " +"));
        }
        text += QLatin1Char('@');
    }
    text +=
        m_host.contains(QLatin1Char(':')) ? QLatin1Char('[') + m_host + QLatin1Char(']') : m_host;
    if (m_port != -1) {
        text += QLatin1Char(':') + QString::number(m_port);
    }
    if (!m_database.isEmpty()) {
        text += QLatin1Char('/') + (m_dialect == SqlDialect::SQLite
                                        ? m_database
                                        : percentEncoded(m_database, "/!$&'()*+,;="));
    }
    QStringList fields;
    for (const auto& [key, value] : m_query) {
        fields.append(plusEncoded(key) + QLatin1Char('=') + plusEncoded(value));
    }
    // An empty query keeps parse() from trimming a sqlite path's trailing space.
    if (!fields.isEmpty() || text.back().isSpace()) {
        text += QLatin1Char('?') + fields.join(QLatin1Char('&'));
    }
    return text;
}

QString DatabaseUrl::displayName() const
{
    if (isSqliteMemory()) {
        return QCoreApplication::translate("DatabaseUrl", "in-memory");
    }
    if (m_dialect == SqlDialect::SQLite) {
        return QFileInfo(m_database).fileName();
    }
    QString server = host().isEmpty() ? QStringLiteral("localhost") : host();
    if (server.contains(QLatin1Char(':'))) {
        server = QLatin1Char('[') + server + QLatin1Char(']');
    }
    QString name = m_userName.isEmpty() ? server : m_userName + QLatin1Char('@') + server;
    if (m_port != -1) {
        name += QLatin1Char(':') + QString::number(m_port);
    }
    return name + QLatin1Char('/') + m_database;
}

bool DatabaseUrl::operator==(const DatabaseUrl& other) const
{
    return m_dialect == other.m_dialect && m_scheme == other.m_scheme &&
           m_userName == other.m_userName && m_password == other.m_password &&
           m_host == other.m_host && m_port == other.m_port && m_database == other.m_database &&
           sortedByKey(m_query) == sortedByKey(other.m_query);
}
