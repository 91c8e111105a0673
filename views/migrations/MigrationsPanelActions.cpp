// The panel's actions: preview, confirm, run, and what it says about the outcome.
#include "MigrationsPanel.h"
#include "sql/Dialect.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>

#include "migrations/engine/MigrationTemplate.h"
#include "views/migrations/FlaskMigrateNote.h"
#include "views/migrations/MigrationPreviewDialog.h"

// A database with the blog's tables but no BlogDesk history: it is not empty, and upgrading
// from base would fail on the first table that exists.
QString MigrationsPanel::unmanagedText() const
{
    return tr("Not managed by BlogDesk: %n table(s), made elsewhere — Adopt… records its "
              "revision",
              nullptr, m_status.tableCount);
}

void MigrationsPanel::updateBanner()
{
    const MigrationStatus& s = m_status;
    QString text;
    if (!s.historyError.isEmpty()) {
        text = tr("A migration file is broken, so nothing can run until it is fixed:\n%1")
                   .arg(s.historyError);
    } else if (!s.error.isEmpty()) {
        text = tr("The database's history cannot be read: %1").arg(s.error);
    } else if (s.unmanaged() && s.alembicForeign) {
        text = tr("This database was made by the Flask app's own migrations: its alembic_version "
                  "holds %1, a revision of the app's migrations folder, not of BlogDesk's "
                  "history. BlogDesk never changes alembic_version, so \"flask db\" keeps "
                  "working. \"Adopt…\" compares the schema with BlogDesk's revisions and, if one "
                  "matches exactly, records it in BlogDesk's own history table.")
                   .arg(s.alembicRevision);
    } else if (s.unmanaged()) {
        text = tr("BlogDesk has no record of this schema: %n table(s) made elsewhere (by "
                  "db.create_all() or another tool). Upgrading is not offered, since it would "
                  "start from an empty database and fail on the tables that exist. \"Adopt…\" "
                  "compares the schema with BlogDesk's revisions and records the one it "
                  "matches; nothing is changed if none does.",
                  nullptr, s.tableCount);
    } else if (!s.integrityError.isEmpty()) {
        text = tr("Upgrade and downgrade are refused: %1").arg(s.integrityError);
    } else if (s.currentIndex < s.headIndex()) {
        QStringList pending;
        for (int i = s.currentIndex + 1; i <= s.headIndex(); ++i) {
            pending << QStringLiteral("%1 (%2)").arg(s.revisions.at(i).revision,
                                                     s.revisions.at(i).message);
        }
        text = s.databaseEmpty
                   ? tr("The database is empty: upgrading to head creates BlogDesk's "
                        "schema.")
                   : tr("This database is at %1, behind BlogDesk's history by %n "
                        "revision(s): %2. \"Upgrade to head\" shows the SQL and what "
                        "it does to the data before anything runs.",
                        nullptr, s.headIndex() - s.currentIndex)
                         .arg(revisionName(s.currentIndex), pending.join(QStringLiteral(", ")));
    } else {
        text = tr("The database is at the head revision %1.").arg(revisionName(s.currentIndex));
    }
    m_banner->setText(text);
    // The Flask app needs the filter once BlogDesk's history is in a database it migrates.
    m_flaskMigrateNote->setVisible(
        (s.currentIndex >= 0 && (m_adopted || !s.alembicRevision.isEmpty())) ||
        m_browseIndexesAdded);
}

// The slots do what their buttons do, and nothing when the button is disabled: a shortcut or
// a script gets the same refusal as a click.
void MigrationsPanel::upgradeToHead()
{
    if (m_upgradeHead->isEnabled()) {
        requestPlan(MigrationOperation::Upgrade, m_status.headIndex());
    }
}

void MigrationsPanel::upgradeToSelected()
{
    bool selected = false;
    const int index = selectedIndex(&selected);
    if (selected && m_upgradeSelected->isEnabled()) {
        requestPlan(MigrationOperation::Upgrade, index);
    }
}

void MigrationsPanel::downgradeToSelected()
{
    bool selected = false;
    const int index = selectedIndex(&selected);
    if (selected && m_downgradeSelected->isEnabled()) {
        requestPlan(MigrationOperation::Downgrade, index);
    }
}

void MigrationsPanel::stampSelected()
{
    bool selected = false;
    const int index = selectedIndex(&selected);
    if (selected && m_stampSelected->isEnabled()) {
        requestPlan(MigrationOperation::Stamp, index);
    }
}

void MigrationsPanel::requestPlan(MigrationOperation operation, int targetIndex)
{
    if (m_busy) {
        return;
    }
    m_error->setVisible(false);
    setBusy(true, tr("Preparing the preview…"));
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, operation, targetIndex] { worker->plan(operation, targetIndex); },
        Qt::QueuedConnection);
}

QString MigrationsPanel::planTitle(const MigrationPlan& plan) const
{
    const QString from = revisionName(m_status.currentIndex);
    const QString to = revisionName(plan.targetIndex);
    if (m_adopting) {
        return tr("Adopt revision %1").arg(to);
    }
    switch (plan.operation) {
    case MigrationOperation::Stamp:
        return tr("Stamp revision %1").arg(to);
    case MigrationOperation::Downgrade:
        return tr("Downgrade %1 → %2").arg(from, to);
    default:
        return tr("Upgrade %1 → %2").arg(from, to);
    }
}

void MigrationsPanel::showPlan(const MigrationPlan& plan)
{
    QString summary;
    QWidget* note = nullptr;
    if (m_adopting) {
        summary = tr("The live schema matches revision %1 exactly. Adopting records it (and its "
                     "ancestors) as applied in BlogDesk's history table, which it creates if "
                     "needed; no table of the blog is changed and alembic_version stays as it "
                     "is.")
                      .arg(revisionName(plan.targetIndex));
        note = new FlaskMigrateNote;
    } else if (plan.operation == MigrationOperation::Stamp) {
        summary = tr("Stamping records revision %1 as the database's revision without running "
                     "its SQL: only BlogDesk's history table changes.")
                      .arg(revisionName(plan.targetIndex));
    } else {
        summary = !Dialect(m_status.dialect).hasTransactionalDdl()
                      ? tr("Each revision runs in its own transaction, but MySQL commits every "
                           "schema change at once: a failing revision can stay half-applied, "
                           "and BlogDesk then says exactly what stayed.")
                      : tr("Each revision runs in its own transaction: a failing revision is "
                           "rolled back whole and the database stays at the last good one.");
        if (m_status.dialect == SqlDialect::SQLite && !m_status.databaseFile.isEmpty()) {
            summary += QLatin1Char(' ') + tr("A backup of the file is taken first.");
        }
    }
    UnknownObjectsDecision decision;
    const bool confirmed = MigrationPreviewDialog::confirm(this, planTitle(plan), summary, plan,
                                                           m_status.dialect, &decision, note);
    m_adoptionRunning = m_adopting && confirmed;
    m_adopting = false;
    if (!confirmed) {
        m_statement->setText(tr("Cancelled: nothing was changed."));
        setBusy(false);
        return;
    }
    runConfirmed(plan.operation, plan.targetIndex, 0, decision);
}

void MigrationsPanel::runConfirmed(MigrationOperation operation, int targetIndex, int fromStatement,
                                   const UnknownObjectsDecision& decision)
{
    m_busy = true;
    updateButtons();
    emit aboutToChangeDatabase();
    m_error->setVisible(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_statement->setText(tr("Starting…"));
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, operation, targetIndex, fromStatement, decision] {
            worker->run(operation, targetIndex, fromStatement, decision);
        },
        Qt::QueuedConnection);
}

void MigrationsPanel::showProgress(int done, int total, const QString& revision,
                                   const QString& statement)
{
    m_progress->setRange(0, qMax(total, 1));
    m_progress->setValue(qMin(done, qMax(total, 1)));
    if (!statement.isEmpty()) {
        m_statement->setText(tr("Running %1: %2").arg(revision, statement.simplified().left(240)));
    }
}

void MigrationsPanel::showOutcome(const MigrationOutcome& outcome)
{
    m_progress->setVisible(false);
    m_adopted = m_adopted || (outcome.ok && m_adoptionRunning);
    m_adoptionRunning = false;
    if (outcome.ok) {
        m_statement->setText(outcome.operation == MigrationOperation::Restore
                                 ? tr("Backup restored.")
                                 : tr("Done."));
    } else {
        m_statement->clear();
        QString text;
        if (!outcome.lockHolder.isEmpty()) {
            text = tr("Nothing was changed: %1").arg(outcome.error.message);
        } else if (outcome.error.partiallyApplied()) {
            text = outcome.error.text();
        } else if (!outcome.error.revision.isEmpty()) {
            text = tr("Revision %1 failed and was rolled back; the database stays at the last "
                      "good revision.\nStatement: %2\nError: %3")
                       .arg(outcome.error.revision, outcome.error.statement.simplified(),
                            outcome.error.message);
        } else {
            text = outcome.error.message;
        }
        m_error->setText(text);
        m_error->setVisible(true);
    }
    m_busy = false;
    updateButtons();
    emit databaseChanged();
    if (outcome.error.partiallyApplied()) {
        offerPartialChoices(outcome);
    }
    refresh();
}

// MySQL committed part of the revision: say what, and let the person choose the way out.
void MigrationsPanel::offerPartialChoices(const MigrationOutcome& outcome)
{
    const MigrationError& error = outcome.error;
    QMessageBox box(QMessageBox::Warning, tr("Revision half-applied"),
                    tr("Revision %1 failed at statement %2, but MySQL had already committed %n "
                       "statement(s) of it, so the database is between two revisions. The "
                       "revision is not recorded as applied.\n\nError: %3")
                        .arg(error.revision)
                        .arg(error.failedStatement + 1)
                        .arg(error.message),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("partialMigration"));
    box.setDetailedText(
        tr("Committed:\n%1\n\nFailed:\n%2")
            .arg(error.committedStatements.join(QStringLiteral(";\n")), error.statement));
    QPushButton* retry = box.addButton(tr("&Retry the rest"), QMessageBox::AcceptRole);
    retry->setObjectName(QStringLiteral("retryRestButton"));
    QPushButton* revert = box.addButton(tr("Run its &downgrade"), QMessageBox::DestructiveRole);
    revert->setObjectName(QStringLiteral("revertPartialButton"));
    QPushButton* mark = box.addButton(tr("&Mark applied"), QMessageBox::ActionRole);
    mark->setObjectName(QStringLiteral("markAppliedButton"));
    QPushButton* leave = box.addButton(tr("&Leave it"), QMessageBox::RejectRole);
    box.setDefaultButton(leave);
    box.exec();
    const int index = outcome.failedIndex;
    if (box.clickedButton() == retry) {
        runConfirmed(MigrationOperation::Resume, index, error.firstUncommittedStatement);
    } else if (box.clickedButton() == revert) {
        runConfirmed(MigrationOperation::Revert, index);
    } else if (box.clickedButton() == mark) {
        runConfirmed(MigrationOperation::Stamp, index);
    } else {
        showSchema(); // the schema as it now is, beside what it should be
    }
}

void MigrationsPanel::adopt()
{
    if (!m_adopt->isEnabled()) {
        return;
    }
    setBusy(true, tr("Comparing the schema with every revision…"));
    QMetaObject::invokeMethod(m_worker, &MigrationWorker::checkAdoption, Qt::QueuedConnection);
}

void MigrationsPanel::showAdoption(const AdoptionCheck& check)
{
    if (check.error.isEmpty() && check.matchIndex >= 0) {
        m_adopting = true;
        m_busy = false;
        requestPlan(MigrationOperation::Stamp, check.matchIndex);
        return;
    }
    QStringList lines;
    for (const SchemaDifference& difference : check.differences) {
        lines << QStringLiteral("• %1").arg(difference.text());
    }
    QMessageBox box(QMessageBox::Information, tr("Schema does not match"),
                    check.error.isEmpty()
                        ? tr("The schema matches none of BlogDesk's revisions, so nothing was "
                             "recorded or changed. Closest is %1, which differs in %n place(s).",
                             nullptr, int(check.differences.size()))
                              .arg(revisionName(check.closestIndex))
                        : tr("The schema could not be compared: %1").arg(check.error),
                    QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("adoptionRefused"));
    box.setDetailedText(lines.join(QLatin1Char('\n')));
    m_statement->setText(tr("Not adopted: the schema differs from every revision."));
    box.exec();
    setBusy(false);
}

void MigrationsPanel::showSchema()
{
    if (!m_schema->isEnabled()) {
        return;
    }
    setBusy(true, tr("Reading the schema…"));
    QMetaObject::invokeMethod(m_worker, &MigrationWorker::compareSchema, Qt::QueuedConnection);
}

void MigrationsPanel::restoreSelectedBackup()
{
    const QListWidgetItem* item = m_backups->currentItem();
    if (m_busy || !item) {
        return;
    }
    const QString path = item->data(Qt::UserRole).toString();
    QMessageBox box(QMessageBox::Question, tr("Restore backup?"),
                    tr("Replace everything in the database with the backup %1?\n\nThe current "
                       "contents are backed up first, so this can be undone the same way.")
                        .arg(item->text()),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("restoreConfirmation"));
    QPushButton* restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    restore->setObjectName(QStringLiteral("confirmRestoreButton"));
    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
    box.exec();
    if (box.clickedButton() != restore) {
        return;
    }
    m_busy = true;
    updateButtons();
    emit aboutToChangeDatabase();
    m_statement->setText(tr("Restoring…"));
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, path] { worker->restore(path); }, Qt::QueuedConnection);
}

bool MigrationsPanel::chooseFolderForNewRevision()
{
    QMessageBox::information(
        this, tr("Choose a migrations folder"),
        tr("BlogDesk's own history is built in and cannot be changed. Choose a folder for your "
           "migrations: BlogDesk's revisions are copied into it, the new one is added, and the "
           "panel follows the files there from now on."));
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Migrations folder"));
    if (folder.isEmpty()) {
        return false;
    }
    QString error;
    if (!MigrationTemplate::copyBuiltIn(folder, &error)) {
        QMessageBox::warning(this, tr("Migrations folder"), error);
        return false;
    }
    setMigrationsFolder(folder);
    return true;
}

void MigrationsPanel::newRevision()
{
    if (!m_newRevision->isEnabled() || (m_folder.isEmpty() && !chooseFolderForNewRevision())) {
        return;
    }
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("newRevisionMessage"));
    dialog.setWindowTitle(tr("New revision"));
    dialog.setLabelText(tr("What does the revision change?"));
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    MigrationHistory history;
    QString path;
    QString error;
    if (!history.load(m_folder, &error) ||
        !MigrationTemplate::create(m_folder, history, dialog.textValue(), &path, &error)) {
        m_error->setText(tr("No revision was created: %1").arg(error));
        m_error->setVisible(true);
        return;
    }
    m_log->appendPlainText(tr("Created %1 (parent %2). Write its SQL there; the list follows "
                              "the file.")
                               .arg(QDir::toNativeSeparators(path), history.head()));
    refresh();
}
