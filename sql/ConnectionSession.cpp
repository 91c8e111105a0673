#include "ConnectionSession.h"

#include "sql/Dialect.h"
#include "sql/TextSearch.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace ConnectionSession {

bool prepare(QSqlDatabase& db, SqlDialect dialect, QString* error)
{
    QSqlQuery query(db);
    for (const QString& statement : Dialect(dialect).sessionStatements()) {
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    return TextSearch::prepareConnection(db, error);
}

bool isAlive(QSqlDatabase& db)
{
    if (db.driverName() == QLatin1String("QSQLITE")) {
        return db.isOpen();
    }
    QSqlQuery ping(db);
    return db.isOpen() && ping.exec(QStringLiteral("SELECT 1"));
}

bool reconnectIfLost(QSqlDatabase& db, QString* error)
{
    if (isAlive(db)) {
        return true;
    }
    const SqlDialect dialect = Dialect::of(db).kind();
    db.close();
    if (!db.open()) {
        const QString server = db.port() > 0
                                   ? QStringLiteral("%1:%2").arg(db.hostName()).arg(db.port())
                                   : db.hostName();
        *error =
            QCoreApplication::translate(
                "Database", "the server %1 cannot be reached, so nothing was written; what "
                            "you typed is kept: try again once the server is back (%2)")
                .arg(server,
                     db.lastError().databaseText().section(QLatin1Char('\n'), 0, 0).simplified());
        return false;
    }
    if (!prepare(db, dialect, error)) {
        db.close();
        return false;
    }
    return true;
}

} // namespace ConnectionSession
