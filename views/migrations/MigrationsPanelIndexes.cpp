// The migrations panel's part for browse indexes on a database another history manages:
// BrowseIndexesBox shows what is missing and asks; the worker adds them.
#include <QLabel>

#include "views/migrations/BrowseIndexesBox.h"
#include "views/migrations/MigrationsPanel.h"

QWidget* MigrationsPanel::createBrowseIndexesBox()
{
    m_browseIndexes = new BrowseIndexesBox(this);
    connect(m_browseIndexes, &BrowseIndexesBox::addRequested, this,
            &MigrationsPanel::addBrowseIndexes);
    return m_browseIndexes;
}

void MigrationsPanel::addBrowseIndexes(const QStringList& names)
{
    if (m_busy) {
        return;
    }
    m_error->setVisible(false);
    emit aboutToChangeDatabase();
    setBusy(true, tr("Adding %n index(es)…", nullptr, int(names.size())));
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, names] { worker->addBrowseIndexes(names); },
        Qt::QueuedConnection);
}

void MigrationsPanel::showBrowseIndexesAdded(const BrowseIndexesOutcome& outcome)
{
    m_browseIndexesAdded = m_browseIndexesAdded || !outcome.made.isEmpty();
    if (outcome.ok) {
        m_statement->setText(tr("Added %n index(es).", nullptr, int(outcome.made.size())));
    } else {
        m_statement->clear();
        m_error->setText(tr("The indexes were not added: %1").arg(outcome.error));
        m_error->setVisible(true);
    }
    m_busy = false;
    updateButtons();
    emit databaseChanged();
    refresh();
}
