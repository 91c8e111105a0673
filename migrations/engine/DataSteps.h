#pragma once

#include <QSqlDatabase>
#include <QString>

// Built-in data migrations that SQL alone cannot express (a migration file calls one with
// "@step NAME;"). They run inside the revision's transaction on the engine's connection.
namespace DataSteps {

bool isKnown(const QString& name);

// What the step does, printed instead of running it in --sql mode.
QString describe(const QString& name);

bool run(const QString& name, QSqlDatabase& db, QString* error);

} // namespace DataSteps
