#include "MigrationEngine.h"

#include "sql/Dialect.h"
#include "sql/SqlTime.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

MigrationEngine::MigrationEngine(QSqlDatabase db, MigrationHistory history)
    : m_db(db), m_history(std::move(history)), m_dialect(Dialect::of(db).kind())
{}

QString MigrationEngine::historyStamp(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString table = db.driver()->escapeIdentifier(
        QLatin1String(MigrationStep::historyTable()), QSqlDriver::TableName);
    if (!query.exec(QStringLiteral("SELECT COUNT(*), MAX(applied_at) FROM ") + table) ||
        !query.next()) {
        return QString();
    }
    return query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString();
}

bool MigrationEngine::refresh(QString* error)
{
    SqlDialect known;
    if (!sqlDialectOfDriver(m_db.driverName(), &known)) {
        *error = tr("unsupported database driver %1").arg(m_db.driverName());
        return false;
    }
    return readApplied(error) && readAlembicVersion(error);
}

bool MigrationEngine::tableExists(const QString& name) const
{
    return m_db.tables().contains(name, Qt::CaseInsensitive);
}

bool MigrationEngine::readApplied(QString* error)
{
    m_applied.clear();
    m_unknown.clear();
    m_currentIndex = -1;
    if (!tableExists(QLatin1String(MigrationStep::historyTable()))) {
        return true;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT revision, checksum, applied_at, duration_ms FROM ") +
                    QLatin1String(MigrationStep::historyTable()))) {
        *error = tr("cannot read the migration history: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        AppliedRevision applied;
        applied.revision = query.value(0).toString();
        applied.checksum = query.value(1).toString();
        applied.appliedAt = SqlTime::display(query.value(2));
        applied.durationMs = query.value(3).isNull() ? -1 : query.value(3).toLongLong();
        const int index = m_history.indexOf(applied.revision);
        if (index < 0) {
            m_unknown << applied.revision;
        }
        m_currentIndex = qMax(m_currentIndex, index);
        m_applied << applied;
    }
    return true;
}

bool MigrationEngine::readAlembicVersion(QString* error)
{
    m_alembicRevision.clear();
    if (!tableExists(QStringLiteral("alembic_version"))) {
        return true;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT version_num FROM alembic_version"))) {
        *error = tr("cannot read alembic_version: %1").arg(query.lastError().text());
        return false;
    }
    QStringList versions;
    while (query.next()) {
        versions << query.value(0).toString();
    }
    m_alembicRevision = versions.join(QLatin1Char(','));
    return true;
}

QString MigrationEngine::currentRevision() const
{
    return m_currentIndex < 0 ? QString() : m_history.at(m_currentIndex).revision;
}

const AppliedRevision* MigrationEngine::appliedRecord(const QString& revision) const
{
    for (const AppliedRevision& applied : m_applied) {
        if (applied.revision == revision) {
            return &applied;
        }
    }
    return nullptr;
}

RevisionState MigrationEngine::state(int index) const
{
    const Migration& migration = m_history.at(index);
    const AppliedRevision* applied = appliedRecord(migration.revision);
    if (!applied) {
        return RevisionState::Pending;
    }
    return applied->checksum == migration.checksum ? RevisionState::Applied
                                                   : RevisionState::Changed;
}

bool MigrationEngine::alembicIsForeign() const
{
    return !m_alembicRevision.isEmpty() && m_history.indexOf(m_alembicRevision) < 0;
}

bool MigrationEngine::checkIntegrity(QString* error) const
{
    if (!m_unknown.isEmpty()) {
        *error = tr("the database has revision %1 applied, which this BlogDesk does not know: "
                    "it was migrated by a newer version")
                     .arg(m_unknown.join(QStringLiteral(", ")));
        return false;
    }
    for (int i = 0; i <= m_currentIndex; ++i) {
        const Migration& migration = m_history.at(i);
        const AppliedRevision* applied = appliedRecord(migration.revision);
        if (!applied) {
            *error = tr("revision %1 is missing from the history table although %2 is applied")
                         .arg(migration.revision, currentRevision());
            return false;
        }
        if (applied->checksum != migration.checksum) {
            *error = tr("migration %1 (%2) has changed since it was applied on %3; refusing to "
                        "migrate (restore the file, or stamp to accept it)")
                         .arg(migration.revision, migration.fileName, applied->appliedAt);
            return false;
        }
    }
    return true;
}

MigrationStep MigrationEngine::makeStep() const
{
    MigrationStep step(m_db, m_dialect, m_script);
    step.setProgress(m_progress);
    step.setCarries(m_carries);
    return step;
}

bool MigrationEngine::upgrade(int targetIndex, MigrationError* error)
{
    *error = {};
    if (targetIndex < m_currentIndex) {
        error->message = tr("the target is older than the current revision %1: use downgrade")
                             .arg(currentRevision());
        return false;
    }
    return migrate(targetIndex, error);
}

bool MigrationEngine::downgrade(int targetIndex, MigrationError* error)
{
    *error = {};
    if (targetIndex > m_currentIndex) {
        error->message = tr("the target is newer than the current revision %1: use upgrade")
                             .arg(currentRevision().isEmpty() ? tr("base") : currentRevision());
        return false;
    }
    return migrate(targetIndex, error);
}

bool MigrationEngine::migrate(int targetIndex, MigrationError* error)
{
    if (!checkIntegrity(&error->message)) {
        return false;
    }
    MigrationStep step = makeStep();
    while (m_currentIndex != targetIndex) {
        const bool up = targetIndex > m_currentIndex;
        const int index = up ? m_currentIndex + 1 : m_currentIndex;
        const MigrationDirection direction =
            up ? MigrationDirection::Upgrade : MigrationDirection::Downgrade;
        if (!step.run(m_history.at(index), direction, error)) {
            return false;
        }
        m_currentIndex = up ? index : index - 1;
    }
    return reread(error);
}

bool MigrationEngine::reread(MigrationError* error)
{
    if (m_script) {
        return true; // nothing ran: the database's own state is unchanged
    }
    QString refreshError;
    if (!refresh(&refreshError)) {
        error->message = refreshError;
        return false;
    }
    return true;
}

// Only the revision after the current one can have been left half applied: an earlier one is
// recorded (use downgrade), a later one cannot have run.
bool MigrationEngine::checkNextRevision(int index, MigrationError* error) const
{
    if (index != m_currentIndex + 1 || index > m_history.headIndex()) {
        error->message =
            tr("only the revision after the current one (%1) can be resumed or reverted")
                .arg(currentRevision().isEmpty() ? tr("base") : currentRevision());
        return false;
    }
    return checkIntegrity(&error->message);
}

bool MigrationEngine::resumeUpgrade(int index, int fromStatement, MigrationError* error)
{
    *error = {};
    if (!checkNextRevision(index, error)) {
        return false;
    }
    MigrationStep step = makeStep();
    if (!step.runFrom(m_history.at(index), MigrationDirection::Upgrade, fromStatement, error)) {
        return false;
    }
    m_currentIndex = index;
    return reread(error);
}

bool MigrationEngine::revertPartial(int index, MigrationError* error)
{
    *error = {};
    if (!checkNextRevision(index, error)) {
        return false;
    }
    MigrationStep step = makeStep();
    return step.runUnrecorded(m_history.at(index), MigrationDirection::Downgrade, error) &&
           reread(error);
}

bool MigrationEngine::stamp(int targetIndex, MigrationError* error)
{
    *error = {};
    MigrationStep step = makeStep();
    const bool ok = step.runInTransaction(
        [&](MigrationError* bodyError) {
            return step.ensureHistoryTable(bodyError) && stampRecords(targetIndex, step, bodyError);
        },
        error);
    QString refreshError;
    if (ok && !m_script && !refresh(&refreshError)) {
        error->message = refreshError;
        return false;
    }
    return ok;
}

// Keeps the real records of revisions that stay applied (refreshing their checksums: a stamp
// says "the database is as these files describe"), adds the missing ones as stamped, and
// removes the rest.
bool MigrationEngine::stampRecords(int targetIndex, MigrationStep& step, MigrationError* error)
{
    for (const AppliedRevision& applied : m_applied) {
        const int index = m_history.indexOf(applied.revision);
        if ((index < 0 || index > targetIndex) && !step.unrecord(applied.revision, error)) {
            return false;
        }
    }
    for (int i = 0; i <= targetIndex; ++i) {
        if (!step.recordStamped(m_history.at(i), error)) {
            return false;
        }
    }
    return true;
}
