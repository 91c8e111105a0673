#pragma once

#include <QSqlDatabase>

class MigrationHistory;
class QWidget;

// A database other than the embedded default is migrated only when its owner agrees: this
// shows where it stands, the exact SQL that would run, and upgrades on "Upgrade".
namespace UpgradePrompt {

// Asks when the database is behind head (or empty); does nothing otherwise. Returns false
// only when an upgrade was attempted and failed (the reason has been shown).
bool offer(QWidget* parent, QSqlDatabase db, const MigrationHistory& history);

} // namespace UpgradePrompt
