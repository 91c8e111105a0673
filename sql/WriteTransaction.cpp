#include "WriteTransaction.h"

#include "sql/ConnectionSession.h"
#include "sql/Dialect.h"

#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>

namespace {

// Where the dialect has its own BEGIN, COMMIT and ROLLBACK go through a plain query too:
// QSqlDatabase::commit() only ends a transaction it began itself.
bool hasOwnBegin(const QSqlDatabase& db)
{
    return !Dialect::of(db).beginWriteStatement().isEmpty();
}

bool execute(QSqlDatabase& db, const QString& statement, QString* why, bool* busy = nullptr)
{
    QSqlQuery query(db);
    if (query.exec(statement)) {
        return true;
    }
    *why = query.lastError().text();
    if (busy) {
        *busy = WriteTransaction::isBusy(db, query.lastError());
    }
    return false;
}

// The watch of each connection name. Other threads begin transactions on their own
// connections (never a watched one), but they look here too.
QMutex watchesLock;
QHash<QString, WriteTransactionWatch*> watches;

bool began(const QSqlDatabase& db)
{
    WriteTransactionWatch::notifyBegan(db);
    return true;
}

} // namespace

namespace WriteTransaction {

bool begin(QSqlDatabase& db, QString* why, bool* busy)
{
    if (busy) {
        *busy = false;
    }
    const QString ownBegin = Dialect::of(db).beginWriteStatement();
    if (!ownBegin.isEmpty()) {
        return execute(db, ownBegin, why, busy) && began(db);
    }
    if (db.transaction()) {
        return began(db);
    }
    // A server that was restarted or a network that came back: one new connection, and the
    // write starts from scratch on it. Nothing was sent yet, so nothing can be half-written.
    *why = db.lastError().text();
    if (!ConnectionSession::reconnectIfLost(db, why)) {
        return false;
    }
    if (db.transaction()) {
        return began(db);
    }
    *why = db.lastError().text();
    return false;
}

bool commit(QSqlDatabase& db, QString* why, bool* busy)
{
    if (busy) {
        *busy = false;
    }
    if (hasOwnBegin(db)) {
        return execute(db, QStringLiteral("COMMIT"), why, busy);
    }
    if (db.commit()) {
        return true;
    }
    *why = db.lastError().text();
    if (busy) {
        *busy = isBusy(db, db.lastError());
    }
    return false;
}

bool isBusy(const QSqlDatabase& db, const QSqlError& failure)
{
    const QString code = failure.nativeErrorCode();
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        return code == QLatin1String("5") || code == QLatin1String("6");
    case SqlDialect::MySQL:
        return code == QLatin1String("1205"); // ER_LOCK_WAIT_TIMEOUT
    case SqlDialect::PostgreSQL:
        break;
    }
    return code == QLatin1String("55P03"); // lock_not_available (lock_timeout)
}

void rollback(QSqlDatabase& db)
{
    QString ignored;
    if (hasOwnBegin(db)) {
        execute(db, QStringLiteral("ROLLBACK"), &ignored);
    } else {
        db.rollback();
    }
}

} // namespace WriteTransaction

WriteTransactionWatch::WriteTransactionWatch(const QSqlDatabase& db, std::function<void()> began)
    : m_connectionName(db.connectionName()), m_began(std::move(began))
{
    const QMutexLocker locker(&watchesLock);
    m_previous = watches.value(m_connectionName);
    watches.insert(m_connectionName, this);
}

WriteTransactionWatch::~WriteTransactionWatch()
{
    const QMutexLocker locker(&watchesLock);
    if (m_previous) {
        watches.insert(m_connectionName, m_previous);
    } else {
        watches.remove(m_connectionName);
    }
}

void WriteTransactionWatch::notifyBegan(const QSqlDatabase& db)
{
    WriteTransactionWatch* watch = nullptr;
    {
        const QMutexLocker locker(&watchesLock);
        watch = watches.value(db.connectionName());
    }
    if (watch) {
        watch->m_began();
    }
}
