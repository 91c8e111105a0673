#pragma once

#include <QSqlDatabase>

struct sqlite3;
struct pg_conn;

// The C library's own connection behind a Qt connection, for the few things Qt SQL does not
// offer (registering a function, interrupting a running statement); nullptr when `db` is not
// open or belongs to another driver.
namespace NativeHandle {

sqlite3* sqlite(const QSqlDatabase& db);
pg_conn* postgres(const QSqlDatabase& db);

} // namespace NativeHandle
