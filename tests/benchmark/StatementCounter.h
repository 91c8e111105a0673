#pragma once

#include "sql/SqlDialect.h"

#include <QSqlDatabase>
#include <QtGlobal>

// Counts the SQL statements run on EVERY connection of this process (the window's, a worker's,
// the docks') between start() and count(), without any hook in the product:
// - SQLite: sqlite3_auto_extension() installs a statement trace (SQLITE_TRACE_STMT) on each
//   connection opened after install(); statements run by triggers are not counted.
// - PostgreSQL: this executable defines libpq's PQexec and PQsendQuery, which the dynamic
//   linker then gives Qt's driver, counts and forwards to libpq; Qt's PREPARE and DEALLOCATE
//   (its way to prepare a statement) are not counted, each EXECUTE is.
// - MariaDB: the server's global Questions counter (every client's statements; the benchmark
//   is the servers' only client), less the counter's own reading.
class StatementCounter
{
public:
    // Before the first connection is opened.
    static void install();

    // `db`: a connection to read the MariaDB server's counter on.
    explicit StatementCounter(const QSqlDatabase& db);

    void start();
    // Statements since start(); -1 when it cannot be counted.
    qint64 count() const;

private:
    qint64 serverQuestions() const;

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    qint64 m_startCount = 0;
    qint64 m_ownReading = 0; // what reading the server's counter adds to it
};
