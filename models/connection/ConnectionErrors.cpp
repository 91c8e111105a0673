#include "ConnectionErrors.h"

#include <initializer_list>

#include "models/connection/DriverText.h"

namespace {

int defaultPort(SqlDialect dialect)
{
    return dialect == SqlDialect::MySQL ? 3306 : 5432;
}

QString hostText(const DatabaseUrl& url)
{
    return url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
}

QString hostAndPort(const DatabaseUrl& url)
{
    const int port = url.port() > 0 ? url.port() : defaultPort(url.dialect());
    return QStringLiteral("%1:%2").arg(hostText(url)).arg(port);
}

bool containsAny(const QString& text, std::initializer_list<const char*> needles)
{
    for (const char* needle : needles) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

// The outcome a driver's words mean; the checks run from the most specific to the least.
ProbeResult::Outcome outcomeOf(const QString& text)
{
    if (containsAny(text, {"no password supplied", "using password: no"})) {
        return ProbeResult::PasswordRequired;
    }
    if (containsAny(text, {"to database '"})) {
        return ProbeResult::MissingDatabase; // MySQL 1044: no such database for this user
    }
    if (containsAny(text, {"password authentication failed", "access denied for user"}) ||
        (text.contains(QLatin1String("role \"")) &&
         text.contains(QLatin1String("does not exist")))) {
        return ProbeResult::WrongPassword;
    }
    if (containsAny(text, {"could not translate host name", "unknown mysql server host",
                           "unknown server host", "name or service not known",
                           "temporary failure in name resolution", "no address associated"})) {
        return ProbeResult::UnknownHost;
    }
    if (containsAny(text, {"connection refused", "(111", "(2 \"no such file", "(2)"})) {
        return ProbeResult::Refused;
    }
    if (containsAny(text, {"no route to host", "network is unreachable", "(113", "(101"})) {
        return ProbeResult::Unreachable;
    }
    if (containsAny(text, {"timeout expired", "timed out", "(110", "system error: 110"})) {
        return ProbeResult::Timeout;
    }
    // A web server or proxy on a database port answers, but not as the database would.
    if (containsAny(text, {"invalid response to ssl negotiation", "server closed the connection",
                           "expected authentication request", "handshake: reading initial",
                           "bad handshake"})) {
        return ProbeResult::NotADatabaseServer;
    }
    if (containsAny(text, {"unknown database", "does not exist"})) {
        return ProbeResult::MissingDatabase;
    }
    if (containsAny(text, {"file is not a database", "not a database"})) {
        return ProbeResult::NotADatabase;
    }
    return ProbeResult::Failed;
}

QString messageFor(ProbeResult::Outcome outcome, const DatabaseUrl& url, const QString& text)
{
    const QString user =
        url.userName().isEmpty() ? ConnectionProbe::tr("(default user)") : url.userName();
    switch (outcome) {
    case ProbeResult::WrongPassword:
        return ConnectionProbe::tr("Wrong user name or password: %1 refused user '%2'.")
            .arg(hostAndPort(url), user);
    case ProbeResult::PasswordRequired:
        return ConnectionProbe::tr("%1 wants a password for user '%2': type it in the Password "
                                   "field.")
            .arg(hostAndPort(url), user);
    case ProbeResult::UnknownHost:
        return ConnectionProbe::tr("Unknown host '%1': check the host name.").arg(hostText(url));
    case ProbeResult::Refused:
        return ConnectionProbe::tr("Connection refused by %1: is the server running, and is the "
                                   "port right?")
            .arg(hostAndPort(url));
    case ProbeResult::Unreachable:
        return ConnectionProbe::tr("Host %1 cannot be reached from here (no route to it).")
            .arg(hostText(url));
    case ProbeResult::Timeout:
        return ConnectionProbe::tr("No answer from %1 within %2 seconds: check the host, the port "
                                   "and any firewall.")
            .arg(hostAndPort(url))
            .arg(ConnectionProbe::ConnectTimeoutSeconds);
    case ProbeResult::NotADatabaseServer:
        return ConnectionProbe::tr("Something answers on %1, but not as a %2 server does: check "
                                   "the port.")
            .arg(hostAndPort(url), sqlDialectName(url.dialect()));
    case ProbeResult::MissingDatabase:
        return ConnectionProbe::tr("The server has no database '%1', or user '%2' may not use "
                                   "it.")
            .arg(url.database(), user);
    case ProbeResult::NotADatabase:
        return ConnectionProbe::tr("%1 is not a SQLite database.").arg(url.database());
    case ProbeResult::Connected:
    case ProbeResult::MissingDriver:
    case ProbeResult::Failed:
        break;
    }
    return ConnectionProbe::tr("Cannot connect: %1").arg(DriverText::firstLine(text));
}

// MariaDB's client ends a non-blocking connect that failed with errno 115 (EINPROGRESS),
// whether the port refused at once or the timeout ran out; the time taken tells them apart.
ProbeResult::Outcome outcomeOf(const QString& text, qint64 elapsedMs)
{
    const ProbeResult::Outcome outcome = outcomeOf(text);
    if (outcome != ProbeResult::Failed || !text.contains(QLatin1String("(115"))) {
        return outcome;
    }
    const bool quick = elapsedMs >= 0 && elapsedMs < ConnectionProbe::ConnectTimeoutSeconds * 900;
    return quick ? ProbeResult::Refused : ProbeResult::Timeout;
}

} // namespace

namespace ConnectionErrors {

ProbeResult classify(const DatabaseUrl& url, const QString& driverText, qint64 elapsedMs)
{
    ProbeResult result;
    result.outcome = outcomeOf(driverText, elapsedMs);
    result.message = messageFor(result.outcome, url, driverText);
    result.detail = driverText;
    return result;
}

} // namespace ConnectionErrors
