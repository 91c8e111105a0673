#pragma once

#include <QString>
#include <QTextStream>

#include "app/CliSession.h"
#include "migrations/engine/MigrationEngine.h"

// What `db upgrade` and `db downgrade` check and take before they change anything: objects
// that BlogDesk's history does not know on the tables the plan rebuilds or drops (refused
// unless --keep-unknown or --drop-unknown says how), and on SQLite the same VACUUM INTO
// backup as the migrations panel before anything destructive.
namespace MigrationSafeguards {

// The command line's own mistakes, before anything is opened: both flags at once, or a flag
// with a verb that takes neither. 0, or the exit code with the reason printed.
int checkArguments(const QString& verb, const CommonArguments& common, QTextStream& err);

// Before `engine` moves to `targetIndex` by `verb` (upgrade or downgrade): assesses the plan,
// refuses it (exit 1, one line per object and a summary on `err`) when unknown objects are in the
// way, tells `engine` what to carry through for --keep-unknown, and on a SQLite file takes a backup
// (its path on `out`) when the plan is a downgrade or rebuilds or loses data. 0 when the move may
// run; also when the engine will refuse it anyway (wrong direction, changed files), which then says
// why.
int prepare(const CliSession& session, MigrationEngine& engine, const QString& verb,
            int targetIndex, const CommonArguments& common, QTextStream& out, QTextStream& err);

} // namespace MigrationSafeguards
