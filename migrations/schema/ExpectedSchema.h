#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "migrations/engine/MigrationHistory.h"
#include "migrations/schema/SchemaDiff.h"
#include "migrations/schema/SchemaSnapshot.h"

// What each revision of a history makes of an empty database, and which revision a live
// database (made by db.create_all(), Flask-Migrate or an older BlogDesk) looks like.
namespace ExpectedSchema {

// The schema that revisions 0..index of `history` produce, built by running their SQLite
// upgrade scripts on a private in-memory database (its own connection, removed afterwards,
// so this is safe on a worker thread). index -1 = empty schema.
bool build(const MigrationHistory& history, int index, SchemaSnapshot* snapshot, QString* error);

// The schemas of every revision at once (element i = revision i), migrating one database
// step by step instead of once per revision.
bool buildAll(const MigrationHistory& history, QList<SchemaSnapshot>* snapshots, QString* error);

// The newest revision whose expected schema equals the live one (no differences); -1 with
// closest set to the revision with fewest differences (the newest of equals) and differences
// to them when none matches. With an empty history, index and closest stay -1.
struct Match
{
    int index = -1;
    int closest = -1;
    QList<SchemaDifference> differences;
};

bool findMatch(QSqlDatabase db, const MigrationHistory& history, Match* match, QString* error);

// The same, against a snapshot already read and expected schemas already built.
Match matchSnapshot(const SchemaSnapshot& live, const QList<SchemaSnapshot>& expected);

} // namespace ExpectedSchema
