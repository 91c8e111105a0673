#include "WriteTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include "models/Database.h"
#include "models/Dialect.h"

namespace {

// Where the dialect has its own BEGIN, COMMIT and ROLLBACK go through a plain query too:
// QSqlDatabase::commit() only ends a transaction it began itself.
bool hasOwnBegin(const QSqlDatabase& db)
{
    return !Dialect::of(db).beginWriteStatement().isEmpty();
}

bool execute(QSqlDatabase& db, const QString& statement, QString* why)
{
    QSqlQuery query(db);
    if (query.exec(statement)) {
        return true;
    }
    *why = query.lastError().text();
    return false;
}

} // namespace

namespace WriteTransaction {

bool begin(QSqlDatabase& db, QString* why)
{
    const QString ownBegin = Dialect::of(db).beginWriteStatement();
    if (!ownBegin.isEmpty()) {
        return execute(db, ownBegin, why);
    }
    if (db.transaction()) {
        return true;
    }
    // A server that was restarted or a network that came back: one new connection, and the
    // write starts from scratch on it. Nothing was sent yet, so nothing can be half-written.
    *why = db.lastError().text();
    if (!Database::reconnectIfLost(db, why)) {
        return false;
    }
    if (db.transaction()) {
        return true;
    }
    *why = db.lastError().text();
    return false;
}

bool commit(QSqlDatabase& db, QString* why)
{
    if (hasOwnBegin(db)) {
        return execute(db, QStringLiteral("COMMIT"), why);
    }
    if (db.commit()) {
        return true;
    }
    *why = db.lastError().text();
    return false;
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
