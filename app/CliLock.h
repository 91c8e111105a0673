#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTextStream>

class MigrationLock;

// The command line's side of the migration lock: every verb that writes (db upgrade,
// downgrade, stamp; sample) holds it for its whole run, as the window's migrations do, and
// waits up to --wait SECONDS for another migration to finish before giving up with
// CommandLine::LockHeld.
class CliLock
{
    Q_DECLARE_TR_FUNCTIONS(CliLock)

public:
    static constexpr int DefaultWaitSeconds = 10;
    static constexpr int MaximumWaitSeconds = 86400;

    // --wait's value: empty for the default, else a whole number of seconds in
    // [0, MaximumWaitSeconds]; false with a one-line *error otherwise.
    static bool parseWait(const QString& text, int* seconds, QString* error);

    // Takes `lock`, waiting up to `waitSeconds` (saying so on `out`) while another migration
    // holds it. 0 when held; otherwise the exit code, with the reason (and the holder) printed.
    static int acquire(MigrationLock& lock, int waitSeconds, QTextStream& out, QTextStream& err);
};
