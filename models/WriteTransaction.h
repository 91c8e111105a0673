#pragma once

#include <QSqlDatabase>
#include <QString>

// A transaction that will write. On SQLite it begins IMMEDIATE: the write lock is taken at
// once, so what the transaction reads to check its rows is still true when it writes, and a
// second writer is told "busy" before anything ran instead of failing half way. Elsewhere it
// is the driver's own transaction.
namespace WriteTransaction {

// False with the driver's reason in *why.
bool begin(QSqlDatabase& db, QString* why);
bool commit(QSqlDatabase& db, QString* why);
void rollback(QSqlDatabase& db);

} // namespace WriteTransaction
