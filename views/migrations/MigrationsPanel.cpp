#include "MigrationsPanel.h"

#include <QDir>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "views/migrations/BrowseIndexesBox.h"
#include "views/migrations/FlaskMigrateNote.h"
#include "views/migrations/RevisionGraphDelegate.h"
#include "views/migrations/SchemaViewDialog.h"

namespace {

enum RevisionColumn
{
    GraphColumn,
    RevisionIdColumn,
    MessageColumn,
    ParentColumn,
    CreatedColumn,
    StateColumn,
    AppliedColumn,
    DurationColumn,
};

const int IndexRole = Qt::UserRole + 10;

} // namespace

MigrationsPanel::MigrationsPanel(const DatabaseUrl& url, QWidget* parent)
    : QWidget(parent), m_thread(new QThread(this)), m_worker(new MigrationWorker(url)),
      m_watcher(new QFileSystemWatcher(this)), m_reloadTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("migrationsPanel"));
    setAccessibleName(tr("Migrations"));
    createWidgets();
    startWorker();
    // Editors save by replacing files; one reload after the burst of change signals.
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(300);
    connect(m_reloadTimer, &QTimer::timeout, this, &MigrationsPanel::refresh);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_reloadTimer,
            qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_reloadTimer,
            qOverload<>(&QTimer::start));
    refresh();
}

MigrationsPanel::~MigrationsPanel()
{
    // A running migration is finished, never cut off: the thread is waited for.
    QMetaObject::invokeMethod(m_worker, &MigrationWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void MigrationsPanel::startWorker()
{
    MigrationWorker::registerTypes();
    m_worker->moveToThread(m_thread);
    connect(m_worker, &MigrationWorker::inspected, this, &MigrationsPanel::showStatus);
    connect(m_worker, &MigrationWorker::planned, this, &MigrationsPanel::showPlan);
    connect(m_worker, &MigrationWorker::finished, this, &MigrationsPanel::showOutcome);
    connect(m_worker, &MigrationWorker::progress, this, &MigrationsPanel::showProgress);
    connect(m_worker, &MigrationWorker::adoptionChecked, this, &MigrationsPanel::showAdoption);
    connect(m_worker, &MigrationWorker::logLine, m_log, &QPlainTextEdit::appendPlainText);
    connect(m_worker, &MigrationWorker::browseIndexesAdded, this,
            &MigrationsPanel::showBrowseIndexesAdded);
    connect(m_worker, &MigrationWorker::schemaCompared, this,
            [this](const SchemaComparison& comparison) {
                m_schemaView->showComparison(comparison, revisionName(comparison.revisionIndex));
                m_schemaView->show();
                m_schemaView->raise();
                setBusy(false);
            });
    m_thread->setObjectName(QStringLiteral("BlogDesk migrations"));
    m_thread->start();
}

// History and its actions on the left; what runs, its log and the backups on the right.
void MigrationsPanel::createWidgets()
{
    auto* history = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(history);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    m_banner = new QLabel(history);
    m_banner->setObjectName(QStringLiteral("migrationBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    historyLayout->addWidget(m_banner);
    m_flaskMigrateNote = new FlaskMigrateNote(history);
    m_flaskMigrateNote->setVisible(false);
    historyLayout->addWidget(m_flaskMigrateNote);
    historyLayout->addWidget(createBrowseIndexesBox());

    m_revisions = new QTreeWidget(history);
    m_revisions->setObjectName(QStringLiteral("revisionList"));
    m_revisions->setAccessibleName(tr("Revisions"));
    m_revisions->setRootIsDecorated(false);
    m_revisions->setUniformRowHeights(true);
    m_revisions->setHeaderLabels({QString(), tr("Revision"), tr("Message"), tr("Parent"),
                                  tr("Created"), tr("State"), tr("Applied"), tr("Took")});
    m_revisions->setItemDelegateForColumn(GraphColumn, new RevisionGraphDelegate(m_revisions));
    m_revisions->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_revisions, &QTreeWidget::currentItemChanged, this, &MigrationsPanel::updateButtons);
    historyLayout->addWidget(m_revisions, 1);

    m_folderLabel = new QLabel(history);
    m_folderLabel->setObjectName(QStringLiteral("migrationsFolderLabel"));
    m_folderLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    historyLayout->addWidget(m_folderLabel);
    historyLayout->addWidget(createActionButtons());

    auto* activity = new QWidget(this);
    auto* activityLayout = new QVBoxLayout(activity);
    activityLayout->setContentsMargins(0, 0, 0, 0);
    activityLayout->addWidget(createProgressBox(), 1);
    activityLayout->addWidget(createBackupBox());

    auto* splitter = new QSplitter(this);
    splitter->addWidget(history);
    splitter->addWidget(activity);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
    m_schemaView = new SchemaViewDialog(this);
}

void MigrationsPanel::refresh()
{
    if (m_busy) {
        m_reloadTimer->start(); // after the running job
        return;
    }
    setBusy(true);
    QMetaObject::invokeMethod(m_worker, &MigrationWorker::inspect, Qt::QueuedConnection);
}

void MigrationsPanel::setMigrationsFolder(const QString& folder)
{
    m_folder = folder;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, folder] { worker->setMigrationsFolder(folder); },
        Qt::QueuedConnection);
    watchFolder();
    refresh();
}

void MigrationsPanel::watchFolder()
{
    if (!m_watcher->files().isEmpty()) {
        m_watcher->removePaths(m_watcher->files());
    }
    if (!m_watcher->directories().isEmpty()) {
        m_watcher->removePaths(m_watcher->directories());
    }
    if (m_folder.isEmpty()) {
        return;
    }
    m_watcher->addPath(m_folder);
    for (const RevisionRow& row : std::as_const(m_status.revisions)) {
        m_watcher->addPath(m_folder + QLatin1Char('/') + row.fileName);
    }
}

void MigrationsPanel::setBusy(bool busy, const QString& what)
{
    m_busy = busy;
    if (busy && !what.isEmpty()) {
        m_statement->setText(what);
    }
    updateButtons();
}

void MigrationsPanel::showStatus(const MigrationStatus& status)
{
    m_status = status;
    fillRevisions();
    updateBanner();
    m_backupBox->setVisible(!status.databaseFile.isEmpty());
    m_browseIndexes->showMissing(status.missingBrowseIndexes, status.browseIndexesError);
    m_backups->clear();
    for (const SqliteBackupFile& backup : status.backups) {
        auto* item = new QListWidgetItem(
            tr("%1 · at revision %2 · %3")
                .arg(QLocale().toString(backup.takenAt.toLocalTime(), QLocale::ShortFormat),
                     backup.revision, QLocale().formattedDataSize(backup.bytes)),
            m_backups);
        item->setData(Qt::UserRole, backup.path);
        item->setToolTip(backup.path);
    }
    m_folderLabel->setText(status.folder.isEmpty()
                               ? tr("History: built into BlogDesk")
                               : tr("History: %1").arg(QDir::toNativeSeparators(status.folder)));
    watchFolder();
    setBusy(false);
    emit statusChanged();
}

void MigrationsPanel::fillRevisions()
{
    const QString selected =
        m_revisions->currentItem() ? m_revisions->currentItem()->text(RevisionIdColumn) : QString();
    m_revisions->clear();
    const int head = m_status.headIndex();
    for (int i = head; i >= -1; --i) {
        auto* item = new QTreeWidgetItem(m_revisions);
        item->setData(GraphColumn, IndexRole, i);
        item->setData(GraphColumn, Qt::AccessibleTextRole,
                      i == m_status.currentIndex ? tr("current revision") : QString());
        if (i < 0 && m_status.unmanaged()) {
            // Not at base: its tables are there, BlogDesk just has no record of them.
            item->setText(RevisionIdColumn, tr("<base>"));
            item->setText(MessageColumn, unmanagedText());
            item->setText(StateColumn, tr("not recorded"));
            item->setData(GraphColumn, RevisionGraphDelegate::DotRole,
                          RevisionGraphDelegate::BaseDot);
        } else if (i < 0) {
            item->setText(RevisionIdColumn, tr("<base>"));
            item->setText(MessageColumn, tr("Empty database, before the first revision"));
            item->setText(StateColumn, m_status.currentIndex < 0 ? tr("current") : QString());
            item->setData(GraphColumn, RevisionGraphDelegate::DotRole,
                          m_status.currentIndex < 0 ? RevisionGraphDelegate::CurrentDot
                                                    : RevisionGraphDelegate::BaseDot);
        } else {
            const RevisionRow& row = m_status.revisions.at(i);
            item->setText(RevisionIdColumn, row.revision);
            item->setText(MessageColumn, row.message);
            item->setText(ParentColumn, row.parent.isEmpty() ? tr("<base>") : row.parent);
            item->setText(CreatedColumn, row.createDate);
            item->setText(AppliedColumn, row.appliedAt);
            item->setText(DurationColumn,
                          row.durationMs < 0 ? (row.appliedAt.isEmpty() ? QString() : tr("stamped"))
                                             : tr("%1 ms").arg(row.durationMs));
            QStringList state;
            int dot = RevisionGraphDelegate::PendingDot;
            switch (row.state) {
            case RevisionState::Pending:
                state << tr("pending");
                item->setForeground(StateColumn, palette().color(QPalette::PlaceholderText));
                break;
            case RevisionState::Applied:
                state << tr("applied");
                dot = RevisionGraphDelegate::AppliedDot;
                break;
            case RevisionState::Changed:
                state << tr("changed since applied");
                dot = RevisionGraphDelegate::ChangedDot;
                item->setForeground(StateColumn, QColor(170, 20, 20));
                break;
            }
            if (i == m_status.currentIndex) {
                state << tr("current");
                dot = row.state == RevisionState::Changed ? dot : RevisionGraphDelegate::CurrentDot;
            }
            if (i == head) {
                state << tr("head");
            }
            item->setText(StateColumn, state.join(QStringLiteral(", ")));
            item->setData(GraphColumn, RevisionGraphDelegate::DotRole, dot);
            item->setToolTip(MessageColumn, row.fileName);
        }
        if (i == m_status.currentIndex && !(i < 0 && m_status.unmanaged())) {
            QFont bold = item->font(RevisionIdColumn);
            bold.setBold(true);
            for (int column = RevisionIdColumn; column <= DurationColumn; ++column) {
                item->setFont(column, bold);
            }
        }
        if (item->text(RevisionIdColumn) == selected) {
            m_revisions->setCurrentItem(item);
        }
    }
}

int MigrationsPanel::selectedIndex(bool* isRevision) const
{
    const QTreeWidgetItem* item = m_revisions->currentItem();
    *isRevision = item != nullptr;
    return item ? item->data(GraphColumn, IndexRole).toInt() : -1;
}

QString MigrationsPanel::revisionName(int index) const
{
    if (index < 0 || index >= m_status.revisions.size()) {
        return tr("<base>");
    }
    return m_status.revisions.at(index).revision;
}

void MigrationsPanel::updateButtons()
{
    bool selected = false;
    const int index = selectedIndex(&selected);
    const bool readable = !m_busy && m_status.error.isEmpty() && m_status.historyError.isEmpty();
    const bool movable = readable && m_status.integrityError.isEmpty() && !m_status.unmanaged();
    m_upgradeHead->setEnabled(movable && m_status.currentIndex < m_status.headIndex());
    m_upgradeSelected->setEnabled(movable && selected && index > m_status.currentIndex);
    m_downgradeSelected->setEnabled(movable && selected && index < m_status.currentIndex);
    m_stampSelected->setEnabled(readable && selected);
    m_adopt->setEnabled(readable && m_status.unmanaged());
    m_schema->setEnabled(readable);
    m_newRevision->setEnabled(!m_busy && m_status.historyError.isEmpty());
    m_refresh->setEnabled(!m_busy);
    m_browseIndexes->setEnabled(!m_busy);
    m_restore->setEnabled(!m_busy && m_backups->currentItem() != nullptr);
}

QString MigrationsPanel::summary() const
{
    if (!m_status.historyError.isEmpty()) {
        return tr("Migrations unreadable");
    }
    if (!m_status.error.isEmpty()) {
        return tr("Revision unknown");
    }
    QString text;
    if (m_status.unmanaged()) {
        text = unmanagedText();
    } else if (m_status.currentIndex < 0) {
        text = tr("Revision: <base> (empty; head is %1)").arg(revisionName(m_status.headIndex()));
    } else if (m_status.currentIndex == m_status.headIndex()) {
        text = tr("Revision: %1 (head)").arg(revisionName(m_status.currentIndex));
    } else {
        text = tr("Revision: %1 (head is %2)")
                   .arg(revisionName(m_status.currentIndex), revisionName(m_status.headIndex()));
    }
    if (!m_status.alembicRevision.isEmpty()) {
        text += m_status.alembicForeign
                    ? tr(" · Flask-Migrate: %1 (another history)").arg(m_status.alembicRevision)
                    : tr(" · Flask-Migrate: %1").arg(m_status.alembicRevision);
    }
    return text;
}

bool MigrationsPanel::needsUpgrade() const
{
    return m_status.error.isEmpty() && m_status.historyError.isEmpty() && !m_status.unmanaged() &&
           m_status.currentIndex < m_status.headIndex();
}
