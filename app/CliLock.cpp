#include "CliLock.h"

#include "app/CliSession.h"
#include "app/CommandLine.h"
#include "migrations/engine/MigrationLock.h"

bool CliLock::parseWait(const QString& text, int* seconds, QString* error)
{
    if (text.isNull()) {
        *seconds = DefaultWaitSeconds;
        return true;
    }
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < 0 || number > MaximumWaitSeconds) {
        *error = tr("--wait must be a whole number of seconds from 0 to %1, not '%2'")
                     .arg(MaximumWaitSeconds)
                     .arg(text);
        return false;
    }
    *seconds = number;
    return true;
}

int CliLock::acquire(MigrationLock& lock, int waitSeconds, QTextStream& out, QTextStream& err)
{
    QString holder;
    QString error;
    if (lock.tryAcquire(&holder, &error)) {
        return CommandLine::Success;
    }
    if (!holder.isEmpty() && waitSeconds > 0) {
        out << tr("Waiting up to %1 s for another migration to finish: %2")
                   .arg(waitSeconds)
                   .arg(holder)
            << "\n";
        out.flush();
        holder.clear();
        if (lock.acquireWithin(waitSeconds * 1000, &holder, &error)) {
            return CommandLine::Success;
        }
    }
    if (holder.isEmpty()) {
        return reportFailure(err, error, CommandLine::Failure);
    }
    const QString hint = waitSeconds > 0
                             ? tr("waited %1 s; --wait SECONDS waits longer").arg(waitSeconds)
                             : tr("--wait SECONDS waits for it");
    return reportFailure(err,
                         tr("another migration is running on this database, so nothing was "
                            "changed: %1 (%2)")
                             .arg(holder, hint),
                         CommandLine::LockHeld);
}
