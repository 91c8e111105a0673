// What the window's own connection runs on the GUI thread, on every back end: opening the
// window reads each table's columns and key once (Qt's setTable) and the shown page's first
// rows by key; every later read of a window is the rows by key alone, never the catalogue
// again. Statements are counted on that one connection: SQLite's trace hook, libpq's entry
// points (defined here, as the benchmark's StatementCounter does), MariaDB's session status.
#include "sql/NativeHandle.h"

#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <cstring>
#include <dlfcn.h>
#include <sqlite3.h>

#include "models/browse/BlogTableModel.h"
#include "tests/support/TestServers.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"

namespace {

std::atomic<pg_conn*> countedConnection{nullptr};
std::atomic<int> postgresStatements{0};

void countPostgres(pg_conn* connection, const char* sql)
{
    // Qt prepares and executes in two texts; the EXECUTE is the statement.
    if (connection == countedConnection.load() && std::strncmp(sql, "PREPARE ", 8) != 0 &&
        std::strncmp(sql, "DEALLOCATE ", 11) != 0) {
        ++postgresStatements;
    }
}

void* libpqFunction(const char* name)
{
    void* libpq = dlopen("libpq.so.5", RTLD_LAZY | RTLD_NOLOAD);
    return libpq ? dlsym(libpq, name) : nullptr;
}

int countSqlite(unsigned type, void* counter, void*, void* sql)
{
    // A statement run by a trigger is reported with its text starting "--".
    if (type == SQLITE_TRACE_STMT && std::strncmp(static_cast<const char*>(sql), "--", 2) != 0) {
        ++*static_cast<int*>(counter);
    }
    return 0;
}

} // namespace

// libpq's entry points, as libpq-fe.h declares them (the types stay opaque here).
extern "C" {
struct pg_result;

pg_result* PQexec(pg_conn* connection, const char* sql)
{
    using Exec = pg_result* (*)(pg_conn*, const char*);
    static const auto real = reinterpret_cast<Exec>(libpqFunction("PQexec"));
    countPostgres(connection, sql);
    return real(connection, sql);
}

int PQsendQuery(pg_conn* connection, const char* sql)
{
    using Send = int (*)(pg_conn*, const char*);
    static const auto real = reinterpret_cast<Send>(libpqFunction("PQsendQuery"));
    countPostgres(connection, sql);
    return real(connection, sql);
}
}

namespace {

// Counts the statements one connection runs from construction to count().
class ConnectionStatements
{
public:
    ConnectionStatements(const QSqlDatabase& db, SqlDialect dialect) : m_db(db), m_dialect(dialect)
    {
        switch (m_dialect) {
        case SqlDialect::SQLite:
            sqlite3_trace_v2(NativeHandle::sqlite(m_db), SQLITE_TRACE_STMT, countSqlite, &m_sqlite);
            break;
        case SqlDialect::PostgreSQL:
            postgresStatements = 0;
            countedConnection = NativeHandle::postgres(m_db);
            break;
        case SqlDialect::MySQL:
            m_questionsBefore = sessionQuestions();
            break;
        }
    }

    ~ConnectionStatements()
    {
        if (m_dialect == SqlDialect::SQLite) {
            sqlite3_trace_v2(NativeHandle::sqlite(m_db), 0, nullptr, nullptr);
        }
        countedConnection = nullptr;
    }

    int count() const
    {
        switch (m_dialect) {
        case SqlDialect::SQLite:
            return m_sqlite;
        case SqlDialect::PostgreSQL:
            return postgresStatements.load();
        case SqlDialect::MySQL:
            break;
        }
        // The SHOW that read the count before is among them; this one is not yet.
        return int(sessionQuestions() - m_questionsBefore) - 1;
    }

private:
    qint64 sessionQuestions() const
    {
        QSqlQuery query(m_db);
        return query.exec(QStringLiteral("SHOW SESSION STATUS LIKE 'Questions'")) && query.next()
                   ? query.value(1).toLongLong()
                   : -1;
    }

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    int m_sqlite = 0;
    qint64 m_questionsBefore = 0;
};

// Qt's setTable() reads a table's columns and its primary key, the relational model the columns
// once more: three reads, four on MariaDB (its driver lists the fields for the key too).
constexpr int CatalogueReadsPerTable = 4;
constexpr int Tables = 4;
// The shown page's first rows by key (and, with a relation, the relational model's columns
// before that select), the change watcher's first stamp and history, and its look when the
// window becomes active.
constexpr int FirstWindowStatements = 5;

} // namespace

class TestGuiConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void openingTheWindowReadsEachTableOnce();
    void anotherWindowReadsNoCatalogue();

private:
    SqlDialect m_dialect = SqlDialect::SQLite;
    std::unique_ptr<TestServers::BackendDatabase> m_database;
};

void TestGuiConnection::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_database, dialect));
}

void TestGuiConnection::cleanup()
{
    m_database.reset();
}

// 45 statements on PostgreSQL before: the models asked the catalogue for the primary key again
// on every sort and window, and for the columns twice more.
void TestGuiConnection::openingTheWindowReadsEachTableOnce()
{
    int statements = 0;
    {
        const ConnectionStatements counted(m_database->db(), m_dialect);
        QString error;
        const std::unique_ptr<MainWindow> window =
            WindowSupport::openActiveWindow(m_database->db(), m_database->url(), &error);
        QVERIFY2(window, qPrintable(error));
        QVERIFY(window->currentPage()->model()->rowCount() > 0);
        statements = counted.count();
    }
    QVERIFY2(statements <= CatalogueReadsPerTable * Tables + FirstWindowStatements,
             qPrintable(QString::number(statements)));
}

void TestGuiConnection::anotherWindowReadsNoCatalogue()
{
    QString error;
    const std::unique_ptr<MainWindow> window =
        WindowSupport::openActiveWindow(m_database->db(), m_database->url(), &error);
    QVERIFY2(window, qPrintable(error));
    TablePage* posts = WindowSupport::showPage(*window, QStringLiteral("posts"));
    QVERIFY(posts);
    QVERIFY(WindowSupport::waitUntilIdle(*window));
    const ConnectionStatements counted(m_database->db(), m_dialect);
    posts->reload();
    QVERIFY(WindowSupport::waitUntilIdle(*window));
    QVERIFY(posts->model()->rowCount() > 0);
    // The rows by key only: Qt's relational SELECT (which reads the related table's columns
    // each time it is built) is kept by the model per order.
    const int statements = counted.count();
    QCOMPARE(statements, 1);
}

QTEST_MAIN(TestGuiConnection)
#include "TestGuiConnection.moc"
