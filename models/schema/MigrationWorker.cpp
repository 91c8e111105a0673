#include "MigrationWorker.h"

#include "sql/ConnectionSession.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>
#include <QTime>

#include "migrations/engine/MigrationLock.h"
#include "migrations/schema/ExpectedSchema.h"
#include "models/connection/Database.h"
#include "models/schema/DefaultDatabase.h"

namespace {

QString uniqueConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("blogdesk-migrations-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString stamped(const QString& line)
{
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + line;
}

int userTableCount(const QSqlDatabase& db)
{
    QStringList tables = db.tables();
    tables.removeIf([](const QString& table) {
        return table.compare(QLatin1String("blogdesk_migrations"), Qt::CaseInsensitive) == 0 ||
               table.compare(QLatin1String("alembic_version"), Qt::CaseInsensitive) == 0;
    });
    return int(tables.size());
}

} // namespace

bool MigrationPlan::destructive() const
{
    for (const DataImpactItem& item : impacts) {
        if (item.destructive) {
            return true;
        }
    }
    return false;
}

bool MigrationPlan::canKeepUnknownObjects() const
{
    QList<UnknownObject> inTheWay;
    return UnknownObjects::allowed(unknownObjects, UnknownObjectsPolicy::Keep, &inTheWay);
}

MigrationWorker::MigrationWorker(const DatabaseUrl& url)
    : m_url(url), m_connectionName(uniqueConnectionName())
{}

MigrationWorker::~MigrationWorker()
{
    shutdown();
}

void MigrationWorker::registerTypes()
{
    qRegisterMetaType<MigrationStatus>();
    qRegisterMetaType<MigrationPlan>();
    qRegisterMetaType<MigrationOutcome>();
    qRegisterMetaType<SchemaComparison>();
    qRegisterMetaType<AdoptionCheck>();
    qRegisterMetaType<BrowseIndexesOutcome>();
    qRegisterMetaType<MigrationOperation>();
    qRegisterMetaType<UnknownObjectsDecision>();
}

void MigrationWorker::shutdown()
{
    if (m_db.isValid()) {
        m_db = QSqlDatabase();
        Database::close(m_connectionName);
    }
}

void MigrationWorker::setMigrationsFolder(const QString& folder)
{
    m_folder = folder;
}

bool MigrationWorker::openConnection(QString* error)
{
    if (m_db.isValid() && ConnectionSession::isAlive(m_db)) {
        return true; // a dead server connection is opened again below
    }
    shutdown();
    return Database::open(m_url, m_connectionName, &m_db, error);
}

// Read again for every job, so an edited or new file in the folder is what runs.
bool MigrationWorker::loadHistory(QString* error)
{
    m_history = MigrationHistory();
    return m_folder.isEmpty() ? m_history.loadBuiltIn(error) : m_history.load(m_folder, error);
}

void MigrationWorker::inspect()
{
    emit inspected(readStatus());
}

MigrationStatus MigrationWorker::readStatus()
{
    MigrationStatus status;
    status.folder = m_folder;
    if (!loadHistory(&status.historyError)) {
        return status;
    }
    for (const Migration& migration : m_history.revisions()) {
        RevisionRow row;
        row.revision = migration.revision;
        row.parent = migration.downRevision;
        row.message = migration.message;
        row.createDate = migration.createDate;
        row.fileName = migration.fileName;
        status.revisions << row;
    }
    if (!openConnection(&status.error)) {
        return status;
    }
    MigrationEngine engine(m_db, m_history);
    if (!engine.refresh(&status.error)) {
        return status;
    }
    status.dialect = engine.dialect();
    status.currentIndex = engine.currentIndex();
    status.alembicRevision = engine.alembicRevision();
    status.alembicForeign = engine.alembicIsForeign();
    status.unknownRevisions = engine.unknownRevisions();
    engine.checkIntegrity(&status.integrityError);
    status.databaseEmpty = DefaultDatabase::isEmpty(m_db);
    status.tableCount = userTableCount(m_db);
    readMissingBrowseIndexes(&status);
    for (int i = 0; i < status.revisions.size(); ++i) {
        RevisionRow& row = status.revisions[i];
        row.state = engine.state(i);
        if (const AppliedRevision* applied = engine.appliedRecord(row.revision)) {
            row.appliedAt = applied->appliedAt;
            row.durationMs = applied->durationMs;
        }
    }
    if (status.dialect == SqlDialect::SQLite && !m_url.isSqliteMemory()) {
        status.databaseFile = QFileInfo(m_db.databaseName()).absoluteFilePath();
        status.backups = SqliteBackup::list(status.databaseFile);
    }
    return status;
}

void MigrationWorker::plan(MigrationOperation operation, int targetIndex)
{
    MigrationPlan plan;
    plan.operation = operation;
    plan.targetIndex = targetIndex;
    if (!openConnection(&plan.error) || !loadHistory(&plan.error)) {
        emit planned(plan);
        return;
    }
    MigrationEngine engine(m_db, m_history);
    DataImpactReport report;
    if (!engine.refresh(&plan.error) ||
        !planScript(operation, targetIndex, {}, &plan.sql, &plan.error)) {
        emit planned(plan);
        return;
    }
    if (operation != MigrationOperation::Stamp &&
        !DataImpact::assess(m_db, m_history, engine.currentIndex(), targetIndex, &report,
                            &plan.error)) {
        plan.error = tr("cannot tell what this does to the data: %1").arg(plan.error);
    }
    plan.impacts = report.items;
    plan.unknownObjects = report.unknownObjects;
    if (plan.error.isEmpty() && !plan.unknownObjects.isEmpty() && plan.canKeepUnknownObjects()) {
        planScript(operation, targetIndex, report.carries, &plan.sqlKeeping, &plan.error);
    }
    emit planned(plan);
}

int MigrationWorker::statementCount(const MigrationEngine& engine, MigrationOperation operation,
                                    int targetIndex) const
{
    int count = 0;
    const int current = engine.currentIndex();
    const SqlDialect dialect = engine.dialect();
    if (operation == MigrationOperation::Upgrade) {
        for (int i = current + 1; i <= targetIndex; ++i) {
            count += m_history.at(i).statements(MigrationDirection::Upgrade, dialect).size();
        }
    } else if (operation == MigrationOperation::Downgrade) {
        for (int i = targetIndex + 1; i <= current; ++i) {
            count += m_history.at(i).statements(MigrationDirection::Downgrade, dialect).size();
        }
    } else if (targetIndex >= 0 && targetIndex < m_history.size()) {
        const MigrationDirection direction = operation == MigrationOperation::Revert
                                                 ? MigrationDirection::Downgrade
                                                 : MigrationDirection::Upgrade;
        count = m_history.at(targetIndex).statements(direction, dialect).size();
    }
    return count;
}

void MigrationWorker::run(MigrationOperation operation, int targetIndex, int fromStatement,
                          const UnknownObjectsDecision& decision)
{
    MigrationOutcome outcome;
    outcome.operation = operation;
    if (!openConnection(&outcome.error.message) || !loadHistory(&outcome.error.message)) {
        emit finished(outcome);
        return;
    }
    MigrationLock lock(m_db);
    if (!acquire(lock, &outcome)) {
        emit finished(outcome);
        return;
    }
    MigrationEngine engine(m_db, m_history);
    if (!engine.refresh(&outcome.error.message) ||
        !applyDecision(engine, operation, targetIndex, decision, &outcome) ||
        !takeBackup(engine, &outcome)) {
        emit finished(outcome);
        return;
    }
    const int total = statementCount(engine, operation, targetIndex);
    int done = 0;
    engine.setProgress([&](const Migration& migration, MigrationDirection, const QString& sql) {
        emit progress(done++, total, migration.revision, sql);
        emit logLine(stamped(QStringLiteral("[%1] %2").arg(migration.revision, sql.simplified())));
    });
    outcome.ok = execute(engine, operation, targetIndex, fromStatement, &outcome.error);
    if (!outcome.ok) {
        outcome.failedIndex = m_history.indexOf(outcome.error.revision);
        emit logLine(stamped(tr("Failed: %1").arg(outcome.error.text())));
    } else {
        emit progress(total, total, QString(), QString());
        emit logLine(
            stamped(tr("Done: the database is at %1")
                        .arg(engine.currentRevision().isEmpty() ? tr("<base>")
                                                                : engine.currentRevision())));
    }
    emit finished(outcome);
}

bool MigrationWorker::acquire(MigrationLock& lock, MigrationOutcome* outcome)
{
    if (lock.tryAcquire(&outcome->lockHolder, &outcome->error.message)) {
        return true;
    }
    if (!outcome->lockHolder.isEmpty()) {
        outcome->error.message =
            tr("another migration is running on this database: %1").arg(outcome->lockHolder);
    }
    return false;
}

bool MigrationWorker::execute(MigrationEngine& engine, MigrationOperation operation,
                              int targetIndex, int fromStatement, MigrationError* error)
{
    switch (operation) {
    case MigrationOperation::Upgrade:
        return engine.upgrade(targetIndex, error);
    case MigrationOperation::Downgrade:
        return engine.downgrade(targetIndex, error);
    case MigrationOperation::Stamp:
        return engine.stamp(targetIndex, error);
    case MigrationOperation::Resume:
        return engine.resumeUpgrade(targetIndex, fromStatement, error);
    case MigrationOperation::Revert:
        return engine.revertPartial(targetIndex, error);
    case MigrationOperation::Restore:
        break;
    }
    error->message = tr("not a migration");
    return false;
}

// A copy of the file before anything changes it; a migration never runs without one.
bool MigrationWorker::takeBackup(const MigrationEngine& engine, MigrationOutcome* outcome)
{
    if (engine.dialect() != SqlDialect::SQLite || m_url.isSqliteMemory()) {
        return true;
    }
    const QString revision = engine.currentRevision();
    if (!SqliteBackup::take(m_db, revision.isEmpty() ? QStringLiteral("base") : revision,
                            &outcome->backupPath, &outcome->error.message)) {
        outcome->error.message =
            tr("no backup could be taken, so nothing was changed: %1").arg(outcome->error.message);
        return false;
    }
    emit logLine(stamped(tr("Backup taken: %1").arg(outcome->backupPath)));
    return true;
}

void MigrationWorker::restore(const QString& backupPath)
{
    MigrationOutcome outcome;
    outcome.operation = MigrationOperation::Restore;
    if (!openConnection(&outcome.error.message) || !loadHistory(&outcome.error.message)) {
        emit finished(outcome);
        return;
    }
    MigrationLock lock(m_db);
    if (!acquire(lock, &outcome)) {
        emit finished(outcome);
        return;
    }
    restoreLocked(backupPath, &outcome);
    emit finished(outcome);
}

// The state being replaced is backed up first, so a restore can itself be undone.
void MigrationWorker::restoreLocked(const QString& backupPath, MigrationOutcome* outcome)
{
    MigrationEngine engine(m_db, m_history);
    if (!engine.refresh(&outcome->error.message) || !takeBackup(engine, outcome)) {
        return;
    }
    emit logLine(stamped(tr("Restoring %1").arg(backupPath)));
    outcome->ok = SqliteBackup::restore(m_db, backupPath, &outcome->error.message);
    emit logLine(stamped(outcome->ok ? tr("Restored %1").arg(backupPath)
                                     : tr("Restore failed: %1").arg(outcome->error.message)));
}

void MigrationWorker::compareSchema()
{
    SchemaComparison comparison;
    if (!openConnection(&comparison.error) || !loadHistory(&comparison.error)) {
        emit schemaCompared(comparison);
        return;
    }
    MigrationEngine engine(m_db, m_history);
    if (engine.refresh(&comparison.error) &&
        SchemaSnapshot::read(m_db, &comparison.actual, &comparison.error) &&
        ExpectedSchema::build(m_history, engine.currentIndex(), &comparison.expected,
                              &comparison.error)) {
        comparison.revisionIndex = engine.currentIndex();
        comparison.differences = compareSchemas(comparison.expected, comparison.actual);
    }
    emit schemaCompared(comparison);
}

void MigrationWorker::checkAdoption()
{
    AdoptionCheck check;
    ExpectedSchema::Match match;
    if (openConnection(&check.error) && loadHistory(&check.error) &&
        ExpectedSchema::findMatch(m_db, m_history, &match, &check.error)) {
        check.matchIndex = match.index;
        check.closestIndex = match.closest;
        check.differences = match.differences;
    }
    emit adoptionChecked(check);
}
