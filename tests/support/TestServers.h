#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTest>

#include <memory>

#include "migrations/SqlDialect.h"
#include "models/DatabaseUrl.h"

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
