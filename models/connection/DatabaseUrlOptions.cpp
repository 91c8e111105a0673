#include "DatabaseUrlOptions.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

// A database URL's query parameters as Qt connect options, per driver: libpq keywords for
// PostgreSQL, MYSQL_OPT_* for MySQL, QSQLITE_* for SQLite.

using DatabaseUrlOptions::fail;
using DatabaseUrlOptions::isDigits;

namespace {

using OptionMapper = bool (*)(const QString& key, const QString& value, QStringList* options,
                              QString* error);

bool checkTimeout(const QString& value, QString* error)
{
    if (isDigits(value) && value.size() <= 6) {
        return true;
    }
    return fail(error, QCoreApplication::translate(
                           "DatabaseUrl", "connect_timeout '%1' is not a whole number of seconds")
                           .arg(value));
}

// libpq conninfo quoting; Qt appends the options to the conninfo string as they are.
QString libpqQuoted(QString value)
{
    const bool plain = std::none_of(value.begin(), value.end(), [](QChar c) {
        return c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('\\');
    });
    if (plain) {
        return value;
    }
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

bool postgresOption(const QString& key, const QString& value, QStringList* options, QString* error)
{
    if (key == QLatin1String("host")) {
        return true; // DatabaseUrl::host() applies it
    }
    if (key == QLatin1String("connect_timeout") && !checkTimeout(value, error)) {
        return false;
    }
    options->append(key + QLatin1Char('=') + libpqQuoted(value));
    return true;
}

bool mysqlOption(const QString& key, const QString& value, QStringList* options, QString* error)
{
    if (key == QLatin1String("charset")) {
        if (value == QLatin1String("utf8mb4") || value == QLatin1String("utf8")) {
            return true;
        }
        return fail(error,
                    QCoreApplication::translate(
                        "DatabaseUrl", "unsupported charset '%1': BlogDesk always talks utf8mb4")
                        .arg(value));
    }
    if (key == QLatin1String("connect_timeout") && !checkTimeout(value, error)) {
        return false;
    }
    static const QList<QPair<QString, QString>> names = {
        {QStringLiteral("unix_socket"), QStringLiteral("UNIX_SOCKET")},
        {QStringLiteral("connect_timeout"), QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT")},
        {QStringLiteral("ssl_ca"), QStringLiteral("SSL_CA")},
        {QStringLiteral("ssl_cert"), QStringLiteral("SSL_CERT")},
        {QStringLiteral("ssl_key"), QStringLiteral("SSL_KEY")},
    };
    for (const auto& [urlName, qtName] : names) {
        if (key == urlName) {
            options->append(qtName + QLatin1Char('=') + value);
        }
    }
    return true;
}

bool sqliteTimeout(const QString& value, QStringList* options, QString* error)
{
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds * 1000 > INT_MAX) {
        return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                       "timeout '%1' is not a number of seconds")
                               .arg(value));
    }
    options->append(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qRound(seconds * 1000)));
    return true;
}

bool sqliteOption(const QString& key, const QString& value, QStringList* options, QString* error)
{
    if (key == QLatin1String("timeout")) {
        return sqliteTimeout(value, options, error);
    }
    if (key == QLatin1String("mode")) {
        if (value != QLatin1String("ro")) {
            return fail(error, QCoreApplication::translate(
                                   "DatabaseUrl", "unsupported mode '%1' for sqlite: use mode=ro")
                                   .arg(value));
        }
        options->append(QStringLiteral("QSQLITE_OPEN_READONLY"));
        return true;
    }
    // uri=true only tells Python's sqlite3 to read "file:" names; the path is used as is.
    // knownParameters() has refused any other key already.
    if (value == QLatin1String("true") || value == QLatin1String("false")) {
        return true;
    }
    return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                   "URL parameter 'uri' must be true or false, "
                                                   "not '%1'")
                           .arg(value));
}

QStringList knownParameters(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return {QStringLiteral("mode"), QStringLiteral("timeout"), QStringLiteral("uri")};
    case SqlDialect::PostgreSQL:
        return {QStringLiteral("host"),
                QStringLiteral("sslmode"),
                QStringLiteral("sslcert"),
                QStringLiteral("sslkey"),
                QStringLiteral("sslrootcert"),
                QStringLiteral("connect_timeout"),
                QStringLiteral("application_name"),
                QStringLiteral("options"),
                QStringLiteral("target_session_attrs")};
    case SqlDialect::MySQL:
        return {QStringLiteral("unix_socket"), QStringLiteral("connect_timeout"),
                QStringLiteral("ssl_ca"),      QStringLiteral("ssl_cert"),
                QStringLiteral("ssl_key"),     QStringLiteral("charset")};
    }
    return {};
}

OptionMapper optionMapper(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return &sqliteOption;
    case SqlDialect::PostgreSQL:
        return &postgresOption;
    case SqlDialect::MySQL:
        return &mysqlOption;
    }
    return &sqliteOption;
}

// Qt splits the options string on ';', so a value cannot carry one; a repeated key would
// leave it to the driver which value wins.
bool checkParameter(SqlDialect dialect, const QString& key, const QString& value,
                    const QStringList& seen, QString* error)
{
    if (!knownParameters(dialect).contains(key)) {
        return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                       "unsupported URL parameter '%1' for %2")
                               .arg(key, sqlDialectName(dialect)));
    }
    if (seen.contains(key)) {
        return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                       "URL parameter '%1' is given more than once")
                               .arg(key));
    }
    if (value.contains(QLatin1Char(';'))) {
        return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                       "URL parameter '%1' must not contain ';'")
                               .arg(key));
    }
    return true;
}

} // namespace

namespace DatabaseUrlOptions {

bool fail(QString* error, const QString& message)
{
    *error = message;
    return false;
}

bool isDigits(const QString& text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return c >= QLatin1Char('0') && c <= QLatin1Char('9');
    });
}

bool collect(SqlDialect dialect, const QueryList& query, QStringList* options, QString* error)
{
    QStringList seen;
    for (const auto& [key, value] : query) {
        if (!checkParameter(dialect, key, value, seen, error)) {
            return false;
        }
        if (!optionMapper(dialect)(key, value, options, error)) {
            return false;
        }
        seen.append(key);
    }
    // Without a timeout an unreachable server hangs the window for minutes.
    if (dialect == SqlDialect::PostgreSQL && !seen.contains(QLatin1String("connect_timeout"))) {
        options->append(QStringLiteral("connect_timeout=5"));
    }
    if (dialect == SqlDialect::MySQL && !seen.contains(QLatin1String("connect_timeout"))) {
        options->append(QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=5"));
    }
    return true;
}

} // namespace DatabaseUrlOptions
