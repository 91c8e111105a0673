#pragma once

#include "sql/SqlDialect.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QVariantList>

#include <memory>

#include "models/connection/DatabaseUrl.h"

class TempDatabase;

// The PostgreSQL and MariaDB servers that scripts/test.sh starts for the tests (see
// scripts/test-servers.sh), and fresh databases on them.
namespace TestServers {

// The server URLs the test command exported (BLOGDESK_TEST_POSTGRESQL_URL,
// BLOGDESK_TEST_MYSQL_URL); empty when unset, and always for SQLite.
QString url(SqlDialect dialect);
// Whether a missing server must fail the test (env CI set, or BLOGDESK_REQUIRE_SERVERS=1)
// rather than skip it.
bool required();
// Why a test on `dialect` cannot run here (its URL variable is unset), or empty when it can.
QString missingServer(SqlDialect dialect);

// "sqlite", "postgresql" or "mysql" back to the dialect (SQLite for anything else).
SqlDialect dialectNamed(const QString& name);
// For a data-driven test over the three back ends: adds the column "backend" (QString) and
// the rows "sqlite", "postgresql" and "mysql".
void addBackendRows();

// A fresh, empty database on a server for one test, opened as a named connection. It is
// created with a random name (blogdesk_t…) and dropped again, with its connection, by the
// destructor.
class ServerDatabase
{
public:
    // Null, with *error saying why, when the server's URL is unset or the database cannot be
    // created or opened.
    static std::unique_ptr<ServerDatabase> create(SqlDialect dialect, const QString& connectionName,
                                                  QString* error);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase&) = delete;
    ServerDatabase& operator=(const ServerDatabase&) = delete;

    QSqlDatabase db() const;
    QString url() const; // the fresh database's URL, password included
    QString name() const { return m_name; }

private:
    ServerDatabase() = default;

    SqlDialect m_dialect = SqlDialect::SQLite;
    QString m_name;
    DatabaseUrl m_url;
    QString m_connectionName;
    // A connection to the server's own database, which creates and drops the test's one
    // (PostgreSQL cannot drop the database it is connected to).
    QString m_adminConnectionName;
};

// A fresh database on any back end: a SQLite file for SQLite, a ServerDatabase otherwise.
class BackendDatabase
{
public:
    static std::unique_ptr<BackendDatabase> create(SqlDialect dialect,
                                                   const QString& connectionName, QString* error);
    ~BackendDatabase();

    SqlDialect dialect() const { return m_dialect; }
    QSqlDatabase db() const;
    QString url() const;
    // Another connection to the same database, as somebody else (another BlogDesk, the Flask
    // app) would have; the caller closes it with Database::close(connectionName).
    bool openAnother(const QString& connectionName, QSqlDatabase* db, QString* error) const;
    // Runs `statement` on a connection of its own, opened and closed for it: a commit by
    // another program, which the window's connection did not make.
    bool runElsewhere(const QString& statement, QString* error) const;

private:
    BackendDatabase() = default;

    SqlDialect m_dialect = SqlDialect::SQLite;
    std::unique_ptr<TempDatabase> m_sqlite;
    std::unique_ptr<ServerDatabase> m_server;
};

// The schema, one line per column, index and foreign key, sorted: equal schemas give equal
// lists on one back end. The migration engine's own table is left out.
QStringList schema(const QSqlDatabase& db, SqlDialect dialect);
// Whether the column `table`.`column` accepts NULL.
bool isNullable(const QSqlDatabase& db, SqlDialect dialect, const QString& table,
                const QString& column);

// Makes `database` a fresh database on `dialect`, migrated to head and given the sample blog,
// as BlogDesk's embedded default is on first start (TestSupport::openSampleDatabase on every
// back end). A failed step fails the running test and returns false (call it inside QVERIFY).
[[nodiscard]] bool openSampleDatabase(std::unique_ptr<BackendDatabase>& database,
                                      SqlDialect dialect,
                                      const QString& connectionName = QStringLiteral("test"));

// The blog's references that point nowhere, one line per foreign key column that has any
// ("comments.parent_id: 2"); empty when every reference holds. The same query on every back
// end, where SQLite alone would have PRAGMA foreign_key_check.
QStringList danglingReferences(const QSqlDatabase& db);

// Lets this connection write rows whose foreign keys point nowhere, as a Flask app without
// PRAGMA foreign_keys may have left them: SQLite turns foreign keys off, MariaDB turns their
// checks off for the session, and PostgreSQL, where only a superuser may disable the checks,
// drops the blog's foreign key constraints.
bool allowDanglingReferences(const QSqlDatabase& db, SqlDialect dialect, QString* error);

// PostgreSQL: moves each SERIAL sequence of the blog's tables past the highest id, as needed
// after rows were written with explicit ids. Nothing to do on SQLite and MariaDB.
bool advanceSequences(const QSqlDatabase& db, SqlDialect dialect, QString* error);

// The rows of one blog table, in key order, as values that mean the same and bind the same on
// every back end: ids as qlonglong, booleans as bool, timestamps as SQLAlchemy's text with all
// six fraction digits (PostgreSQL's text drops trailing zeros; its driver's QDateTime would
// keep milliseconds only), everything else as the exact text, NULL as a null QVariant.
struct PortableTable
{
    QStringList columns;
    QList<QVariantList> rows;
    QString error; // why the table could not be read, or empty
};
PortableTable readPortable(const QSqlDatabase& db, SqlDialect dialect, const QString& table);

// Every row of every blog table (parents first) as readPortable() reads it, one line per row
// ("NULL" for NULL, booleans as 0/1): equal dumps on two back ends mean the same data.
QStringList portableDump(const QSqlDatabase& db, SqlDialect dialect);

// `column` (of a blog table) as an SQL expression that reads as text on every back end: the
// servers' drivers would hand timestamps over as QDateTime. Read it back with portableText().
QString columnAsText(SqlDialect dialect, const QString& column);
// A value of the blog column `column`, selected with columnAsText(), as portableDump() writes
// it: "NULL" for NULL, booleans as 0/1, timestamps with all six fraction digits.
QString portableText(const QVariant& value, const QString& column);

} // namespace TestServers

// Skips the running test when the server for `dialect` was not given to it, or fails it when
// servers are required (CI, scripts/test.sh). Does nothing for SQLite.
#define BLOGDESK_REQUIRE_SERVER(dialect)                                                           \
    do {                                                                                           \
        const QString blogdeskMissingServer = TestServers::missingServer(dialect);                 \
        if (!blogdeskMissingServer.isEmpty()) {                                                    \
            if (TestServers::required()) {                                                         \
                QFAIL(qPrintable(blogdeskMissingServer));                                          \
            }                                                                                      \
            QSKIP(qPrintable(blogdeskMissingServer));                                              \
        }                                                                                          \
    } while (false)

// For a test class whose every test runs on the three back ends: its initTestCase_data()
// calls TestServers::addBackendRows(), and its init() (or a test) uses this to declare
// `dialect`, the current global row's back end. The test is skipped, or failed where servers
// are required, when that back end's server is not there.
#define FETCH_GLOBAL_BACKEND()                                                                     \
    QFETCH_GLOBAL(QString, backend);                                                               \
    const SqlDialect dialect = TestServers::dialectNamed(backend);                                 \
    BLOGDESK_REQUIRE_SERVER(dialect)
