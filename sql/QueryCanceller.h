#pragma once

#include <QSqlDatabase>
#include <QSqlError>

#include <memory>

// Stops the statement running on one connection, from another thread, without waiting for
// it: SQLite's sqlite3_interrupt, PostgreSQL's cancel request (PQcancel, sent from a pool
// thread: it opens a connection of its own), MariaDB's KILL QUERY on a short-lived clone of
// the connection (also on a pool thread). Made on the connection's own thread right after it
// opened; cancel() may be called on any thread, also when nothing runs.
//
// A server's cancel can arrive late and hit the statement after the one meant: a reader
// whose job ends interrupted while it is still wanted runs it again (see isInterruption).
class QueryCanceller
{
public:
    static std::unique_ptr<QueryCanceller> forConnection(const QSqlDatabase& db);
    virtual ~QueryCanceller() = default;

    virtual void cancel() = 0;
    // Called on the connection's thread before the connection closes: no cancel reaches it
    // afterwards.
    virtual void detach() = 0;

    // Whether `error` says a statement was stopped by a cancel (rather than failed).
    static bool isInterruption(const QSqlError& error);
};
