#pragma once

#include <QString>

#include "migrations/engine/MigrationHistory.h"

// Writes the skeleton of a new revision into a migrations folder: a fresh id, the history's
// head as its parent and empty [upgrade] / [downgrade] sections, ready to be filled in.
namespace MigrationTemplate {

// Twelve hexadecimal digits, as Alembic makes its revision ids.
QString newRevisionId();

// "0004_add_post_views.sql" for the fourth revision with message "Add post views".
QString fileNameFor(int position, const QString& message);

// Copies the history built into BlogDesk into `folder` (files already there are kept), so a
// new revision can follow BlogDesk's head.
bool copyBuiltIn(const QString& folder, QString* error);

// Creates the file in `folder` (never overwriting one); *path is the new file.
bool create(const QString& folder, const MigrationHistory& history, const QString& message,
            QString* path, QString* error);

} // namespace MigrationTemplate
