#include "ConnectionProbe.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QSqlQuery>
#include <QThreadPool>

#include "models/ConnectionProfiles.h"
#include "models/Database.h"

namespace {

QString connectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("blogdesk-probe-%1").arg(++counter);
}

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

ProbeResult result(ProbeResult::Outcome outcome, const QString& message,
                   const QString& detail = QString())
{
    ProbeResult probe;
    probe.outcome = outcome;
    probe.message = message;
    probe.detail = detail;
    return probe;
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
    return ConnectionProbe::tr("Cannot connect: %1").arg(text.simplified());
}

// SQLite: never create or change the file while only testing.
ProbeResult checkSqliteFile(const DatabaseUrl& url, DatabaseUrl* readOnly)
{
    const QFileInfo file(url.database());
    if (!file.exists()) {
        return result(ProbeResult::MissingDatabase,
                      ConnectionProbe::tr("There is no file %1 (Open creates a new, empty "
                                          "database there).")
                          .arg(file.absoluteFilePath()));
    }
    if (!file.isFile() || !file.isReadable()) {
        return result(
            ProbeResult::NotADatabase,
            ConnectionProbe::tr("%1 is not a readable file.").arg(file.absoluteFilePath()));
    }
    *readOnly = url;
    if (url.queryValue(QStringLiteral("mode")).isNull()) {
        ConnectionFields fields = ConnectionFields::fromUrl(url);
        fields.options.append({QStringLiteral("mode"), QStringLiteral("ro")});
        fields.toUrl(readOnly, nullptr);
    }
    return result(ProbeResult::Connected, QString());
}

QString serverVersion(const QSqlDatabase& db, SqlDialect dialect)
{
    static const char* const statements[] = {"SELECT 'SQLite ' || sqlite_version()",
                                             "SELECT 'PostgreSQL ' || current_setting("
                                             "'server_version')",
                                             "SELECT CONCAT(IF(VERSION() LIKE '%MariaDB%', "
                                             "'MariaDB ', 'MySQL '), VERSION())"};
    const int index = dialect == SqlDialect::SQLite ? 0 : dialect == SqlDialect::PostgreSQL ? 1 : 2;
    QSqlQuery query(db);
    if (query.exec(QLatin1String(statements[index])) && query.next()) {
        return query.value(0).toString();
    }
    return sqlDialectName(dialect);
}

ProbeResult connectedResult(const QSqlDatabase& db, const DatabaseUrl& url)
{
    const QStringList tables = db.tables();
    const bool isBlog =
        tables.contains(QLatin1String("users")) && tables.contains(QLatin1String("posts"));
    const QString version = serverVersion(db, url.dialect());
    QString message;
    if (isBlog) {
        message = ConnectionProbe::tr("Connected to %1 (%2): a blog database.")
                      .arg(url.displayName(), version);
    } else if (tables.isEmpty()) {
        message = ConnectionProbe::tr("Connected to %1 (%2): the database is empty; BlogDesk "
                                      "can create the blog's tables.")
                      .arg(url.displayName(), version);
    } else {
        message = ConnectionProbe::tr("Connected to %1 (%2), but it has no blog tables yet.")
                      .arg(url.displayName(), version);
    }
    return result(ProbeResult::Connected, message);
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

ProbeResult tryConnection(const DatabaseUrl& url)
{
    QString error;
    if (!Database::driverAvailable(url, &error)) {
        return result(ProbeResult::MissingDriver, error);
    }
    QString options;
    if (!url.connectOptions(&options, &error)) {
        return result(ProbeResult::Failed, error);
    }
    DatabaseUrl target = ConnectionProbe::withShortTimeout(url);
    if (url.dialect() == SqlDialect::SQLite && !url.isSqliteMemory()) {
        const ProbeResult file = checkSqliteFile(url, &target);
        if (!file.ok()) {
            return file;
        }
    }
    const QString name = connectionName();
    QSqlDatabase db;
    QElapsedTimer clock;
    clock.start();
    if (!Database::open(target, name, &db, &error)) {
        return ConnectionProbe::classify(url, error, clock.elapsed());
    }
    ProbeResult connected = connectedResult(db, url);
    db = QSqlDatabase();
    Database::close(name);
    return connected;
}

} // namespace

ConnectionProbe::ConnectionProbe(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<ProbeResult>();
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(AnswerDeadlineMs);
    connect(&m_deadline, &QTimer::timeout, this, &ConnectionProbe::giveUp);
}

void ConnectionProbe::start(const DatabaseUrl& url)
{
    const quint64 token = ++m_token;
    m_running = true;
    m_clock.start();
    m_deadline.start();
    emit started();
    // The global pool: QCoreApplication waits for it on exit, and this object need not wait
    // for a slow server when it is destroyed, since the worker only posts to a guard.
    QPointer<ConnectionProbe> self(this);
    QThreadPool::globalInstance()->start([self, token, url] {
        const ProbeResult outcome = probe(url);
        // Queued to this object's thread; Qt drops the call when the object is gone by then.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, token, outcome] {
                if (self) {
                    self->deliver(token, outcome);
                }
            },
            Qt::QueuedConnection);
    });
}

void ConnectionProbe::cancel()
{
    ++m_token;
    m_running = false;
    m_deadline.stop();
}

void ConnectionProbe::deliver(quint64 token, const ProbeResult& outcome)
{
    if (token != m_token) {
        return; // stale: a newer start(), cancel() or the deadline came first
    }
    m_running = false;
    m_deadline.stop();
    ProbeResult timed = outcome;
    timed.elapsedMs = m_clock.elapsed();
    emit finished(timed);
}

void ConnectionProbe::giveUp()
{
    ++m_token; // the worker's answer, if it ever comes, is stale now
    m_running = false;
    ProbeResult late = result(ProbeResult::Timeout,
                              tr("No answer within %1 seconds: check the host, the port and any "
                                 "firewall.")
                                  .arg(AnswerDeadlineMs / 1000));
    late.elapsedMs = m_clock.elapsed();
    emit finished(late);
}

ProbeResult ConnectionProbe::probe(const DatabaseUrl& url)
{
    return tryConnection(url);
}

DatabaseUrl ConnectionProbe::withShortTimeout(const DatabaseUrl& url)
{
    if (url.dialect() == SqlDialect::SQLite) {
        return url;
    }
    ConnectionFields fields = ConnectionFields::fromUrl(url);
    bool hadTimeout = false;
    for (auto& [key, value] : fields.options) {
        if (key == QLatin1String("connect_timeout")) {
            hadTimeout = true;
            const int seconds = value.toInt();
            // 0 would mean "wait forever" to libpq.
            if (seconds <= 0 || seconds > ConnectTimeoutSeconds) {
                value = QString::number(ConnectTimeoutSeconds);
            }
        }
    }
    if (!hadTimeout) {
        fields.options.append(
            {QStringLiteral("connect_timeout"), QString::number(ConnectTimeoutSeconds)});
    }
    DatabaseUrl shortened = url;
    fields.toUrl(&shortened, nullptr);
    return shortened;
}

ProbeResult ConnectionProbe::classify(const DatabaseUrl& url, const QString& driverText,
                                      qint64 elapsedMs)
{
    const ProbeResult::Outcome outcome = outcomeOf(driverText, elapsedMs);
    return result(outcome, messageFor(outcome, url, driverText), driverText);
}
