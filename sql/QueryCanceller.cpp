#include "QueryCanceller.h"

#include "sql/Dialect.h"
#include "sql/NativeHandle.h"

#include <QAtomicInt>
#include <QMutex>
#include <QSqlQuery>
#include <QThreadPool>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace {

class SqliteCanceller final : public QueryCanceller
{
public:
    explicit SqliteCanceller(sqlite3* handle) : m_handle(handle) {}

    // sqlite3_interrupt may be called from any thread while the connection is open; the
    // mutex keeps detach() (before the close) from racing it.
    void cancel() override
    {
        const QMutexLocker lock(&m_mutex);
        if (m_handle != nullptr) {
            sqlite3_interrupt(m_handle);
        }
    }

    void detach() override
    {
        const QMutexLocker lock(&m_mutex);
        m_handle = nullptr;
    }

private:
    QMutex m_mutex;
    sqlite3* m_handle;
};

class PostgresCanceller final : public QueryCanceller
{
public:
    explicit PostgresCanceller(PGconn* connection)
        : m_cancel(PQgetCancel(connection), &PQfreeCancel)
    {}

    // PQcancel is thread-safe but connects to the server, so it runs on a pool thread; the
    // shared pointer keeps the cancel object alive until it has been sent.
    void cancel() override
    {
        const std::shared_ptr<PGcancel> request = m_cancel;
        if (request) {
            QThreadPool::globalInstance()->start([request] {
                char error[256];
                PQcancel(request.get(), error, int(sizeof error));
            });
        }
    }

    void detach() override {} // a cancel request that arrives after the close finds nothing

private:
    std::shared_ptr<PGcancel> m_cancel;
};

class MysqlCanceller final : public QueryCanceller
{
public:
    MysqlCanceller(const QString& connectionName, qint64 threadId)
        : m_connectionName(connectionName), m_threadId(threadId)
    {}

    void cancel() override
    {
        if (m_threadId <= 0) {
            return;
        }
        const QString source = m_connectionName;
        const qint64 threadId = m_threadId;
        QThreadPool::globalInstance()->start([source, threadId] { killQuery(source, threadId); });
    }

    void detach() override {}

private:
    // A clone made on this thread opens a new connection with the same settings; KILL QUERY
    // stops the statement of `threadId` and leaves its connection open.
    static void killQuery(const QString& source, qint64 threadId)
    {
        static QAtomicInt counter;
        const QString name =
            QStringLiteral("blogdesk-cancel-%1").arg(counter.fetchAndAddRelaxed(1));
        {
            QSqlDatabase killer = QSqlDatabase::cloneDatabase(source, name);
            if (killer.open()) {
                QSqlQuery(killer).exec(QStringLiteral("KILL QUERY %1").arg(threadId));
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    QString m_connectionName;
    qint64 m_threadId;
};

class NoCanceller final : public QueryCanceller
{
public:
    void cancel() override {}
    void detach() override {}
};

qint64 mysqlThreadId(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT CONNECTION_ID()")) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

} // namespace

std::unique_ptr<QueryCanceller> QueryCanceller::forConnection(const QSqlDatabase& db)
{
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        if (sqlite3* handle = NativeHandle::sqlite(db)) {
            return std::make_unique<SqliteCanceller>(handle);
        }
        break;
    case SqlDialect::PostgreSQL:
        if (PGconn* connection = NativeHandle::postgres(db)) {
            return std::make_unique<PostgresCanceller>(connection);
        }
        break;
    case SqlDialect::MySQL:
        return std::make_unique<MysqlCanceller>(db.connectionName(), mysqlThreadId(db));
    }
    return std::make_unique<NoCanceller>();
}

// SQLITE_INTERRUPT (9); PostgreSQL's query_canceled (57014); MariaDB's ER_QUERY_INTERRUPTED
// (1317) and a statement over max_statement_time (1969).
bool QueryCanceller::isInterruption(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("9") || code == QLatin1String("57014") ||
           code == QLatin1String("1317") || code == QLatin1String("1969");
}
