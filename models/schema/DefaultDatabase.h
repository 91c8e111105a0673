#pragma once

#include <QSqlDatabase>
#include <QString>

#include "migrations/engine/MigrationHistory.h"

// Getting a database ready for use without asking anybody: the embedded default, and the
// `sample` command on a new database.
namespace DefaultDatabase {

// True when the database holds none of the blog's tables and no migration history.
bool isEmpty(const QSqlDatabase& db);

// Upgrades to head, carrying what BlogDesk's history does not know through any table rebuild
// (refused, changing nothing, when a revision would drop it); when the database was empty,
// also adds the small sample blog so a newcomer sees real-looking data. *summary says what
// was done (empty if nothing).
bool prepare(QSqlDatabase db, const MigrationHistory& history, QString* summary, QString* error);

} // namespace DefaultDatabase
