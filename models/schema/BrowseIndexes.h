#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "migrations/schema/BrowseIndexList.h"
#include "migrations/schema/SchemaSnapshot.h"

// The browse indexes on a live database that BlogDesk's history does not manage (a Flask
// app's): which are missing, and adding them when the person agrees. BlogDesk never adds
// them by itself there; revision c71e5a2d9f0 makes the same ones where it does manage.
namespace BrowseIndexes {

// The indexes of BrowseIndexList that `live` lacks: an index counts as there when its table
// has one on the same columns (under any name) or one of its name. A table that is not there
// at all is left out (nothing to speed up).
QList<BrowseIndex> missingFrom(const SchemaSnapshot& live);

// The same, read from the database.
bool missing(QSqlDatabase db, QList<BrowseIndex>* indexes, QString* error);

// "what it speeds up: what that reads without it", one translated line.
QString explanation(const BrowseIndex& index);

// The statements add() runs for `indexes`, in order.
QStringList statements(const QList<BrowseIndex>& indexes);

// Makes `indexes` that are still missing (read again first, so an index someone made
// meanwhile is skipped): in one transaction where DDL is transactional, else one statement at
// a time. *made = the names made; on failure *error says which one failed and why.
bool add(QSqlDatabase db, const QList<BrowseIndex>& indexes, QStringList* made, QString* error);

} // namespace BrowseIndexes
