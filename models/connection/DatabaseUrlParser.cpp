#include "DatabaseUrlParser.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

#include "models/connection/DatabaseUrlOptions.h"
#include "models/connection/UrlEscapes.h"

using DatabaseUrlOptions::fail;
using DatabaseUrlOptions::isDigits;

namespace {

using DatabaseUrlOptions::QueryList;

// The URL cut at make_url's boundaries, still percent-encoded.
struct RawPieces
{
    QString scheme; // lower case
    QString userName;
    QString password;
    QString hostPort; // between the user info and the first '/' or '?'
    QString database;
    QString query;
    bool hasUserInfo = false;
    bool hasPassword = false;
    qsizetype passwordStart = 0; // where the password sits in the text, to hide it in errors
    qsizetype locationStart = 0; // where the host starts in the text
};

QString urlShapeHint()
{
    return QCoreApplication::translate("DatabaseUrl",
                                       "URL must look like dialect://…, e.g. sqlite:///blog.db or "
                                       "postgresql://user@host/blog");
}

bool checkText(const QString& text, QString* error)
{
    if (text.isEmpty()) {
        return fail(error, QCoreApplication::translate("DatabaseUrl", "empty database URL"));
    }
    // Error messages quote parts of the URL and must stay on one line.
    const bool hasControl = std::any_of(
        text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
    if (hasControl) {
        return fail(error, QCoreApplication::translate(
                               "DatabaseUrl",
                               "URL must not contain line breaks or other control characters"));
    }
    return true;
}

// make_url's scheme is [\w+]+ followed by "://".
bool splitScheme(const QString& text, RawPieces* pieces, qsizetype* next, QString* error)
{
    const qsizetype end = text.indexOf(QLatin1String("://"));
    if (end < 0) {
        return fail(error, urlShapeHint());
    }
    const QString scheme = text.left(end);
    if (scheme.isEmpty()) {
        return fail(error,
                    QCoreApplication::translate("DatabaseUrl", "missing dialect before '://': %1")
                        .arg(urlShapeHint()));
    }
    const bool valid = std::all_of(scheme.begin(), scheme.end(), [](QChar c) {
        return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('+');
    });
    if (!valid) {
        return fail(error,
                    QCoreApplication::translate("DatabaseUrl", "invalid database scheme '%1': %2")
                        .arg(scheme, urlShapeHint()));
    }
    pieces->scheme = scheme.toLower();
    *next = end + 3;
    return true;
}

// Mirrors make_url's "(user)(:password)?@" group with its backtracking: a password runs to the
// first '@' after the ':', a user name without password to the last '@' before any ':' or '/'.
void splitUserInfo(const QString& text, qsizetype start, RawPieces* pieces, qsizetype* next)
{
    qsizetype end = start;
    while (end < text.size() && text[end] != QLatin1Char(':') && text[end] != QLatin1Char('/')) {
        ++end;
    }
    if (end < text.size() && text[end] == QLatin1Char(':')) {
        const qsizetype at = text.indexOf(QLatin1Char('@'), end + 1);
        if (at >= 0) {
            pieces->userName = text.mid(start, end - start);
            pieces->password = text.mid(end + 1, at - end - 1);
            pieces->hasUserInfo = pieces->hasPassword = true;
            pieces->passwordStart = end + 1;
            *next = at + 1;
            return;
        }
    }
    const qsizetype at = end > start ? text.lastIndexOf(QLatin1Char('@'), end - 1) : -1;
    if (at >= start) {
        pieces->userName = text.mid(start, at - start);
        pieces->hasUserInfo = true;
        *next = at + 1;
        return;
    }
    *next = start;
}

// Host and port run to the first '/' or '?', the database to the first '?' after that.
void splitLocation(const QString& text, qsizetype start, RawPieces* pieces)
{
    qsizetype end = start;
    while (end < text.size() && text[end] != QLatin1Char('/') && text[end] != QLatin1Char('?')) {
        ++end;
    }
    pieces->locationStart = start;
    pieces->hostPort = text.mid(start, end - start);
    if (end < text.size() && text[end] == QLatin1Char('/')) {
        const qsizetype question = text.indexOf(QLatin1Char('?'), end + 1);
        const qsizetype stop = question < 0 ? text.size() : question;
        pieces->database = text.mid(end + 1, stop - end - 1);
        end = stop;
    }
    if (end < text.size()) {
        pieces->query = text.mid(end + 1);
    }
}

bool splitUrl(const QString& text, RawPieces* pieces, QString* error)
{
    qsizetype next = 0;
    if (!splitScheme(text, pieces, &next, error)) {
        return false;
    }
    splitUserInfo(text, next, pieces, &next);
    splitLocation(text, next, pieces);
    return true;
}

bool dialectOfName(const QString& name, SqlDialect* dialect, QStringList* drivers)
{
    if (name == QLatin1String("sqlite")) {
        *dialect = SqlDialect::SQLite;
        *drivers = {QStringLiteral("pysqlite")};
    } else if (name == QLatin1String("postgresql") || name == QLatin1String("postgres")) {
        *dialect = SqlDialect::PostgreSQL;
        *drivers = {QStringLiteral("psycopg2"), QStringLiteral("psycopg"), QStringLiteral("pg8000"),
                    QStringLiteral("asyncpg")};
    } else if (name == QLatin1String("mysql") || name == QLatin1String("mariadb")) {
        *dialect = SqlDialect::MySQL;
        *drivers = {QStringLiteral("pymysql"), QStringLiteral("mysqldb"),
                    QStringLiteral("mysqlconnector"), QStringLiteral("mariadbconnector")};
    } else {
        return false;
    }
    return true;
}

// The Python driver after '+' does not matter to Qt, but an unknown one means the URL was
// written for something other than a Flask-SQLAlchemy blog on these three databases.
bool dialectOfScheme(const QString& scheme, SqlDialect* dialect, QString* error)
{
    const qsizetype plus = scheme.indexOf(QLatin1Char('+'));
    const QString name = scheme.left(plus);
    QStringList drivers;
    if (!dialectOfName(name, dialect, &drivers)) {
        return fail(error, QCoreApplication::translate(
                               "DatabaseUrl",
                               "unsupported database '%1' in URL: use sqlite, postgresql or mysql")
                               .arg(name));
    }
    const QString driver = plus < 0 ? QString() : scheme.mid(plus + 1);
    if (plus >= 0 && !drivers.contains(driver)) {
        return fail(error, QCoreApplication::translate(
                               "DatabaseUrl", "unsupported driver '%1' in '%2://': use %3:// "
                                              "or one of the drivers %4")
                               .arg(driver, scheme, name, drivers.join(QLatin1String(", "))));
    }
    return true;
}

bool parsePort(const QString& host, const QString& text, int* port, QString* error)
{
    if (text.isEmpty()) {
        return fail(error,
                    QCoreApplication::translate("DatabaseUrl", "missing port number after '%1:'")
                        .arg(host));
    }
    if (!isDigits(text)) {
        return fail(
            error,
            QCoreApplication::translate("DatabaseUrl", "port '%1' is not a number").arg(text));
    }
    const qlonglong value = text.size() > 6 ? 0 : text.toLongLong();
    if (value < 1 || value > 65535) {
        return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                       "port '%1' is out of range: use 1 to 65535")
                               .arg(text));
    }
    *port = int(value);
    return true;
}

bool checkHostName(const QString& host, QString* error)
{
    const bool hasSpace =
        std::any_of(host.begin(), host.end(), [](QChar c) { return c.isSpace(); });
    if (hasSpace) {
        return fail(error,
                    QCoreApplication::translate("DatabaseUrl", "host '%1' must not contain spaces")
                        .arg(host));
    }
    if (host.contains(QLatin1Char('@')) || host.contains(QLatin1Char('[')) ||
        host.contains(QLatin1Char(']'))) {
        return fail(error,
                    QCoreApplication::translate("DatabaseUrl", "invalid host name '%1'").arg(host));
    }
    return true;
}

// "[v6address]" or "[v6address]:port"; make_url's only way to give a host containing ':'.
bool splitBracketedHost(const QString& hostPort, QString* host, int* port, QString* error)
{
    const qsizetype close = hostPort.indexOf(QLatin1Char(']'));
    if (close < 0) {
        return fail(
            error, QCoreApplication::translate("DatabaseUrl", "missing ']' after IPv6 address '%1'")
                       .arg(hostPort));
    }
    if (close == 1) {
        return fail(error, QCoreApplication::translate("DatabaseUrl", "empty IPv6 address '[]'"));
    }
    *host = hostPort.mid(1, close - 1);
    if (!checkHostName(*host, error)) {
        return false;
    }
    const QString rest = hostPort.mid(close + 1);
    if (rest.isEmpty()) {
        return true;
    }
    if (!rest.startsWith(QLatin1Char(':'))) {
        return fail(error, QCoreApplication::translate("DatabaseUrl",
                                                       "unexpected '%1' after IPv6 address '%2'")
                               .arg(rest, hostPort.left(close + 1)));
    }
    return parsePort(hostPort.left(close + 1), rest.mid(1), port, error);
}

bool splitHostPort(const QString& hostPort, QString* host, int* port, QString* error)
{
    if (hostPort.startsWith(QLatin1Char('['))) {
        return splitBracketedHost(hostPort, host, port, error);
    }
    const qsizetype colon = hostPort.indexOf(QLatin1Char(':'));
    *host = hostPort.left(colon);
    if (!checkHostName(*host, error)) {
        return false;
    }
    if (colon < 0) {
        return true;
    }
    const QString portText = hostPort.mid(colon + 1);
    if (portText.contains(QLatin1Char(':'))) {
        return fail(error, QCoreApplication::translate(
                               "DatabaseUrl",
                               "IPv6 address '%1' must be written in brackets, e.g. [::1]:5432")
                               .arg(hostPort));
    }
    return parsePort(*host, portText, port, error);
}

bool readHostPort(const QString& text, const RawPieces& pieces, DatabaseUrlParts* parts,
                  QString* error)
{
    if (splitHostPort(pieces.hostPort, &parts->host, &parts->port, error)) {
        return true;
    }
    // A raw '@' in a password moves every later boundary; explain that rather than quote a
    // piece of the password back as a host or port.
    if (pieces.hasPassword && text.indexOf(QLatin1Char('@'), pieces.locationStart) >= 0) {
        *error = QCoreApplication::translate(
            "DatabaseUrl", "cannot read the host after the password: write '@' in a password "
                           "as %40, ':' as %3A and '/' as %2F");
    }
    return false;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// As Python's urllib.parse.unquote: valid %XX escapes are UTF-8 bytes, anything else stays.
QString percentDecoded(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    QByteArray decoded;
    decoded.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const bool escape = bytes[i] == '%' && i + 2 < bytes.size() &&
                            hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0;
        if (escape) {
            decoded.append(char(hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2])));
            i += 2;
        } else {
            decoded.append(bytes[i]);
        }
    }
    return QString::fromUtf8(decoded);
}

QString plusDecoded(QString text)
{
    return percentDecoded(text.replace(QLatin1Char('+'), QLatin1Char(' ')));
}

// As urllib.parse.parse_qsl: fields split on '&', '+' is a space, fields without a value are
// dropped.
QueryList parsedQuery(const QString& query)
{
    QueryList pairs;
    const QStringList fields = query.split(QLatin1Char('&'));
    for (const QString& field : fields) {
        const qsizetype equals = field.indexOf(QLatin1Char('='));
        if (equals < 0 || equals == field.size() - 1) {
            continue;
        }
        pairs.append({plusDecoded(field.left(equals)), plusDecoded(field.mid(equals + 1))});
    }
    return pairs;
}

QString withHiddenPassword(const QString& text, const RawPieces& pieces)
{
    if (!pieces.hasPassword) {
        return text;
    }
    return text.left(pieces.passwordStart) + QLatin1String("***") +
           text.mid(pieces.passwordStart + pieces.password.size());
}

// SQLAlchemy's pysqlite dialect refuses these too: the file path is all a sqlite URL names.
bool checkSqlite(const RawPieces& pieces, QString* error)
{
    if (pieces.hasUserInfo) {
        return fail(error, QCoreApplication::translate(
                               "DatabaseUrl", "sqlite URL must not contain a user name or "
                                              "password: write sqlite:///relative/path.db or "
                                              "sqlite:////absolute/path.db"));
    }
    if (!pieces.hostPort.isEmpty()) {
        return fail(error, QCoreApplication::translate(
                               "DatabaseUrl", "sqlite URL must not name a host or port ('%1'): "
                                              "write sqlite:///relative/path.db or "
                                              "sqlite:////absolute/path.db")
                               .arg(pieces.hostPort));
    }
    return true;
}

// Every part BlogDesk percent-decodes, and a host (never decoded, so a '%' there is a typo);
// but not an IPv6 zone ("[fe80::1%eth0]") nor a SQLite path, which SQLAlchemy opens as written.
bool checkEscapes(const RawPieces& pieces, SqlDialect dialect, QString* error)
{
    using UrlEscapes::Part;
    const bool hostIsIpv6 = pieces.hostPort.startsWith(QLatin1Char('['));
    return UrlEscapes::check(Part::UserName, pieces.userName, error) &&
           UrlEscapes::check(Part::Password, pieces.password, error) &&
           (hostIsIpv6 || UrlEscapes::check(Part::Host, pieces.hostPort, error)) &&
           (dialect == SqlDialect::SQLite ||
            UrlEscapes::check(Part::Database, pieces.database, error)) &&
           UrlEscapes::check(Part::Query, pieces.query, error);
}

// SQLAlchemy reads an empty path as a database in memory, gone when BlogDesk closes: what a
// user who typed sqlite:/// almost never means. ":memory:" says it on purpose.
bool checkSqlitePath(const QString& path, QString* error)
{
    if (!path.isEmpty()) {
        return true;
    }
    return fail(error, QCoreApplication::translate(
                           "DatabaseUrl", "sqlite URL names no file: write sqlite:///relative/"
                                          "path.db or sqlite:////absolute/path.db (or "
                                          "sqlite:///:memory: for a database in memory)"));
}

} // namespace

namespace DatabaseUrlParser {

bool read(const QString& text, DatabaseUrlParts* parts, QString* error)
{
    RawPieces pieces;
    if (!checkText(text, error) || !splitUrl(text, &pieces, error)) {
        return false;
    }
    if (!dialectOfScheme(pieces.scheme, &parts->dialect, error)) {
        return false;
    }
    // Checked before the host so that "sqlite://blog.db" gets the sqlite hint.
    if (parts->dialect == SqlDialect::SQLite && !checkSqlite(pieces, error)) {
        return false;
    }
    if (!checkEscapes(pieces, parts->dialect, error)) {
        return false;
    }
    if (!readHostPort(text, pieces, parts, error)) {
        return false;
    }
    parts->scheme = pieces.scheme;
    parts->userName = percentDecoded(pieces.userName);
    parts->password = percentDecoded(pieces.password);
    parts->query = parsedQuery(pieces.query);
    if (parts->dialect == SqlDialect::SQLite) {
        parts->database = pieces.database; // SQLAlchemy opens the path as written
        return checkSqlitePath(parts->database, error);
    }
    parts->database = percentDecoded(pieces.database);
    if (parts->database.isEmpty()) {
        return fail(error,
                    QCoreApplication::translate("DatabaseUrl", "missing database name in '%1'")
                        .arg(withHiddenPassword(text, pieces)));
    }
    return true;
}

} // namespace DatabaseUrlParser
