#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <functional>

// A transaction that will write. On SQLite it begins IMMEDIATE: the write lock is taken at
// once, so what the transaction reads to check its rows is still true when it writes, and a
// second writer is told "busy" before anything ran instead of failing half way. Elsewhere it
// is the driver's own transaction.
namespace WriteTransaction {

// False with the driver's reason in *why; *busy (when given) tells whether the reason is
// another writer holding the database (see isBusy).
bool begin(QSqlDatabase& db, QString* why, bool* busy = nullptr);
// On SQLite a commit in rollback-journal mode waits for readers to finish; *busy as for begin.
bool commit(QSqlDatabase& db, QString* why, bool* busy = nullptr);
void rollback(QSqlDatabase& db);

// Whether `failure` means another writer held the lock for longer than this connection waits:
// SQLite's SQLITE_BUSY / SQLITE_LOCKED after the busy timeout (5 s, see Database::open), MySQL's
// lock wait timeout. Nothing was written then, and the same write may well work a moment later.
bool isBusy(const QSqlDatabase& db, const QSqlError& failure);

} // namespace WriteTransaction

// While one lives, `began` runs each time a write transaction begins on the watched
// connection: right after BEGIN, before anything is written. Undo uses it to capture the rows as
// the write finds them, not as they were when a dialog opened: whatever someone else changed
// meanwhile then stays changed when the edit is undone. One watch per connection; a nested one
// takes over until it ends. Use it on the thread that uses the connection.
class WriteTransactionWatch
{
public:
    WriteTransactionWatch(const QSqlDatabase& db, std::function<void()> began);
    ~WriteTransactionWatch();
    WriteTransactionWatch(const WriteTransactionWatch&) = delete;
    WriteTransactionWatch& operator=(const WriteTransactionWatch&) = delete;

    // WriteTransaction::begin() calls this once its transaction is open.
    static void notifyBegan(const QSqlDatabase& db);

private:
    QString m_connectionName;
    std::function<void()> m_began;
    WriteTransactionWatch* m_previous = nullptr;
};
