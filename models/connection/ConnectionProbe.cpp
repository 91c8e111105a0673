#include "ConnectionProbe.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QSqlQuery>
#include <QThreadPool>

#include "models/BlogTable.h"
#include "models/connection/ConnectionErrors.h"
#include "models/connection/ConnectionFields.h"
#include "models/connection/Database.h"

namespace {

QString connectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("blogdesk-probe-%1").arg(++counter);
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

// SQLite: never create or change the file while only testing.
ProbeResult checkSqliteFile(const DatabaseUrl& url, DatabaseUrl* readOnly)
{
    const QFileInfo file(url.database());
    if (!file.exists()) {
        return result(ProbeResult::MissingDatabase,
                      ConnectionProbe::tr("There is no database at %1 (Open offers to create "
                                          "a new, empty one there).")
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
    const bool isBlog = tables.contains(BlogTables::name(BlogTable::Users)) &&
                        tables.contains(BlogTables::name(BlogTable::Posts));
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
    QString detail;
    if (!Database::open(target, name, &db, &error, Database::Access::Existing, &detail)) {
        return ConnectionProbe::classify(url, detail.isEmpty() ? error : detail, clock.elapsed());
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
    return ConnectionErrors::classify(url, driverText, elapsedMs);
}
