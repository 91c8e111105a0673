// The migrations panel's browse-index jobs: which are missing on a database another history
// manages, and adding them when the person asked.
#include "MigrationWorker.h"

#include <QTime>

#include "migrations/engine/MigrationLock.h"
#include "models/schema/BrowseIndexes.h"

void MigrationWorker::readMissingBrowseIndexes(MigrationStatus* status)
{
    if (status->unmanaged()) {
        BrowseIndexes::missing(m_db, &status->missingBrowseIndexes, &status->browseIndexesError);
    }
}

void MigrationWorker::addBrowseIndexes(const QStringList& names)
{
    BrowseIndexesOutcome outcome;
    MigrationOutcome locking;
    if (!openConnection(&outcome.error)) {
        emit browseIndexesAdded(outcome);
        return;
    }
    MigrationLock lock(m_db);
    if (!acquire(lock, &locking)) {
        outcome.error = locking.error.message;
        emit browseIndexesAdded(outcome);
        return;
    }
    QList<BrowseIndex> wanted;
    for (const BrowseIndex& index : BrowseIndexList::all()) {
        if (names.contains(index.name)) {
            wanted << index;
        }
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss  "));
    for (const QString& statement : BrowseIndexes::statements(wanted)) {
        emit logLine(time + statement);
    }
    outcome.ok = BrowseIndexes::add(m_db, wanted, &outcome.made, &outcome.error);
    emit logLine(time + (outcome.ok ? tr("Added %n index(es)", nullptr, int(outcome.made.size()))
                                    : tr("Failed: %1").arg(outcome.error)));
    emit browseIndexesAdded(outcome);
}
