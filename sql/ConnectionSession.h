#pragma once

#include "sql/SqlDialect.h"

#include <QSqlDatabase>
#include <QString>

// What every open connection needs on its own, whoever opened it: the dialect's session
// statements (and SQLite's fold function), the check that a server still answers, and opening
// a lost server connection again with the same settings. Database opens connections through
// it; a write transaction reconnects through it.
namespace ConnectionSession {

// Runs the session statements; on SQLite this also reads the schema, which is where a file
// that is not a database (or is corrupt) first fails. False with the driver's text in *error.
bool prepare(QSqlDatabase& db, SqlDialect dialect, QString* error);

// Whether a server connection still reaches its server (a round trip); SQLite always does.
bool isAlive(QSqlDatabase& db);

// When a server connection no longer reaches its server (restarted, killed, network gone),
// opens it again with the same settings. True when it works now; else *error says why.
bool reconnectIfLost(QSqlDatabase& db, QString* error);

} // namespace ConnectionSession
