#include "StatementCounter.h"

#include "sql/Dialect.h"

#include <QSqlQuery>
#include <QVariant>

#include <atomic>
#include <cstring>
#include <dlfcn.h>
#include <sqlite3.h>

namespace {

std::atomic<qint64> clientStatements{0};

int countSqliteStatement(unsigned type, void*, void*, void* sql)
{
    // A statement run by a trigger is reported with its text starting "--".
    if (type == SQLITE_TRACE_STMT && std::strncmp(static_cast<const char*>(sql), "--", 2) != 0) {
        ++clientStatements;
    }
    return 0;
}

int traceNewConnection(sqlite3* db, char**, const sqlite3_api_routines*)
{
    return sqlite3_trace_v2(db, SQLITE_TRACE_STMT, countSqliteStatement, nullptr);
}

void* libpqFunction(const char* name)
{
    void* libpq = dlopen("libpq.so.5", RTLD_LAZY | RTLD_NOLOAD);
    return libpq ? dlsym(libpq, name) : nullptr;
}

bool isQtPreparation(const char* sql)
{
    return strncmp(sql, "PREPARE ", 8) == 0 || strncmp(sql, "DEALLOCATE ", 11) == 0;
}

} // namespace

// libpq's entry points, as libpq-fe.h declares them (the types stay opaque here).
extern "C" {
struct pg_conn;
struct pg_result;

pg_result* PQexec(pg_conn* connection, const char* sql)
{
    using Exec = pg_result* (*)(pg_conn*, const char*);
    static const auto real = reinterpret_cast<Exec>(libpqFunction("PQexec"));
    if (!isQtPreparation(sql)) {
        ++clientStatements;
    }
    return real(connection, sql);
}

int PQsendQuery(pg_conn* connection, const char* sql)
{
    using Send = int (*)(pg_conn*, const char*);
    static const auto real = reinterpret_cast<Send>(libpqFunction("PQsendQuery"));
    if (!isQtPreparation(sql)) {
        ++clientStatements;
    }
    return real(connection, sql);
}
}

void StatementCounter::install()
{
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(traceNewConnection));
}

StatementCounter::StatementCounter(const QSqlDatabase& db)
    : m_db(db), m_dialect(Dialect::of(db).kind())
{
    if (m_dialect == SqlDialect::MySQL) {
        const qint64 first = serverQuestions();
        m_ownReading = serverQuestions() - first;
    }
}

qint64 StatementCounter::serverQuestions() const
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("SHOW GLOBAL STATUS LIKE 'Questions'")) && query.next()
               ? query.value(1).toLongLong()
               : -1;
}

void StatementCounter::start()
{
    m_startCount = m_dialect == SqlDialect::MySQL ? serverQuestions() : clientStatements.load();
}

qint64 StatementCounter::count() const
{
    if (m_dialect != SqlDialect::MySQL) {
        return clientStatements.load() - m_startCount;
    }
    const qint64 now = serverQuestions();
    return now < 0 || m_startCount < 0 ? -1 : now - m_startCount - m_ownReading;
}
