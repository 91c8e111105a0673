#include "StatementCounter.h"

#include "sql/Dialect.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <sqlite3.h>

namespace {

std::atomic<qint64> clientStatements{0};
// BLOGDESK_BENCH_GUI_SQL_MS=N: every SQLite statement that ran N ms or longer on the GUI thread
// is printed on stderr (a diagnosis of stalls; the GUI thread should run none that wait).
const int guiStatementReportMs = qEnvironmentVariableIntValue("BLOGDESK_BENCH_GUI_SQL_MS");

void reportSlowGuiStatement(void* statement, const void* nanoseconds)
{
    const auto ns = *static_cast<const sqlite3_int64*>(nanoseconds);
    if (ns < sqlite3_int64(guiStatementReportMs) * 1000000 ||
        QThread::currentThread() != QCoreApplication::instance()->thread()) {
        return;
    }
    const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
    std::fprintf(stderr, "GUI-thread SQL %.1f ms: %.200s\n", double(ns) / 1e6, sql ? sql : "?");
}

int traceSqlite(unsigned type, void*, void* statement, void* detail)
{
    // A statement run by a trigger is reported with its text starting "--".
    if (type == SQLITE_TRACE_STMT && std::strncmp(static_cast<const char*>(detail), "--", 2) != 0) {
        ++clientStatements;
    } else if (type == SQLITE_TRACE_PROFILE) {
        reportSlowGuiStatement(statement, detail);
    }
    return 0;
}

int traceNewConnection(sqlite3* db, char**, const sqlite3_api_routines*)
{
    const unsigned events =
        SQLITE_TRACE_STMT | (guiStatementReportMs > 0 ? SQLITE_TRACE_PROFILE : 0u);
    return sqlite3_trace_v2(db, events, traceSqlite, nullptr);
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
