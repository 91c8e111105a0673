#include "ConnectionFields.h"

#include <QCoreApplication>
#include <QUrl>

namespace {

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
