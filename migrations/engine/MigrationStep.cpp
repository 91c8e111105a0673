#include "MigrationStep.h"

#include "sql/Dialect.h"
#include "sql/SqlTime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QVariant>

namespace {

QString historyTableDdl(SqlDialect dialect)
{
    using Type = Dialect::ColumnType;
    const Dialect rules(dialect);
    return QStringLiteral("CREATE TABLE IF NOT EXISTS blogdesk_migrations ("
                          "revision %1 NOT NULL PRIMARY KEY, "
                          "checksum %2 NOT NULL, "
                          "applied_at %3 NOT NULL, "
                          "duration_ms %4) %5")
        .arg(rules.columnType(Type::String, 32), rules.columnType(Type::String, 64),
             rules.columnType(Type::Timestamp), rules.columnType(Type::Integer),
             rules.tableOptions())
        .trimmed();
}

QString statementsText(qsizetype count)
{
    return count == 1 ? MigrationError::tr("1 statement")
                      : MigrationError::tr("%1 statements").arg(count);
}

} // namespace

QString MigrationError::text() const
{
    if (revision.isEmpty()) {
        return message;
    }
    QString line =
        partiallyApplied()
            ? tr("revision %1 failed and was NOT rolled back whole: MySQL commits every schema "
                 "change at once, so %2 of it stayed committed, but the history table was not "
                 "changed: %3")
                  .arg(revision, statementsText(committedStatements.size()), message)
            : tr("revision %1 failed and was rolled back: %2").arg(revision, message);
    if (!statement.isEmpty()) {
        line += tr(" (statement: %1)").arg(statement.simplified().left(200));
    }
    return line;
}

const char* MigrationStep::historyTable()
{
    return "blogdesk_migrations";
}

// Inside the first transaction, so a failed first revision leaves no trace either.
bool MigrationStep::ensureHistoryTable(MigrationError* error)
{
    if (m_historyTableReady) {
        return true;
    }
    m_historyTableReady = executeStatement(historyTableDdl(m_dialect), error);
    return m_historyTableReady;
}

bool MigrationStep::run(const Migration& migration, MigrationDirection direction,
                        MigrationError* error)
{
    return runRevision(migration, direction, 0, true, error);
}

bool MigrationStep::runFrom(const Migration& migration, MigrationDirection direction,
                            int fromStatement, MigrationError* error)
{
    return runRevision(migration, direction, fromStatement, true, error);
}

bool MigrationStep::runUnrecorded(const Migration& migration, MigrationDirection direction,
                                  MigrationError* error)
{
    return runRevision(migration, direction, 0, false, error);
}

bool MigrationStep::runRevision(const Migration& migration, MigrationDirection direction,
                                int fromStatement, bool recordIt, MigrationError* error)
{
    if (!migration.hasScript(direction, m_dialect)) {
        error->message =
            tr("revision %1 has no %2 script for %3")
                .arg(migration.revision,
                     direction == MigrationDirection::Upgrade ? tr("upgrade") : tr("downgrade"),
                     sqlDialectName(m_dialect));
        return false;
    }
    QStringList statements = migration.statements(direction, m_dialect);
    if (fromStatement == 0) {
        statements = UnknownObjects::carriedThrough(m_carries, migration.revision, statements);
    }
    if (fromStatement < 0 || fromStatement > statements.size()) {
        error->message =
            tr("revision %1 has no statement %2").arg(migration.revision).arg(fromStatement + 1);
        return false;
    }
    const bool up = direction == MigrationDirection::Upgrade;
    m_sink->comment(QStringLiteral("Running %1 %2 -> %3, %4")
                        .arg(up ? QStringLiteral("upgrade") : QStringLiteral("downgrade"),
                             up ? migration.downRevision : migration.revision,
                             up ? migration.revision : migration.downRevision, migration.message));
    StatementRun statementRun{migration, direction, statements, fromStatement, fromStatement};
    const bool ok = runInTransaction(
        [&](MigrationError* bodyError) {
            QElapsedTimer timer;
            timer.start();
            return (!recordIt || ensureHistoryTable(bodyError)) &&
                   runStatements(statementRun, bodyError) &&
                   (!recordIt || record(migration, direction, timer.elapsed(), bodyError));
        },
        error);
    if (!ok) {
        if (error->revision.isEmpty()) {
            error->revision = migration.revision;
        }
        reportCommitted(statementRun, error);
    }
    return ok;
}

bool MigrationStep::runStatements(StatementRun& run, MigrationError* error)
{
    for (int index = run.fromStatement; index < run.statements.size(); ++index) {
        const QString& statement = run.statements.at(index);
        if (m_progress) {
            m_progress(run.migration, run.direction, statement);
        }
        const bool implicitCommit = Dialect(m_dialect).commitsImplicitly(statement);
        if (implicitCommit && !m_sink->commit(error)) {
            error->statement = statement;
            error->failedStatement = index;
            return false;
        }
        if (implicitCommit) {
            run.committedEnd = index;
        }
        bool ok = runStatement(statement, error);
        if (implicitCommit && ok) {
            run.committedEnd = index + 1;
        }
        if (implicitCommit) {
            ok = m_sink->beginAgain(ok, error);
        }
        if (!ok) {
            error->revision = run.migration.revision;
            error->statement = statement;
            error->failedStatement = index;
            return false;
        }
    }
    return true;
}

bool MigrationStep::runStatement(const QString& statement, MigrationError* error)
{
    QString step;
    return isDataStep(statement, &step) ? m_sink->dataStep(step, error)
                                        : execute(statement, {}, error);
}

// MySQL would commit the open transaction before a DDL statement anyway; committing here first
// makes "everything before it is committed" hold even when the statement fails to parse (the
// server would then not have committed).
bool MigrationStep::executeStatement(const QString& statement, MigrationError* error)
{
    if (!Dialect(m_dialect).commitsImplicitly(statement)) {
        return execute(statement, {}, error);
    }
    const bool ok = m_sink->commit(error) && execute(statement, {}, error);
    return m_sink->beginAgain(ok, error);
}

void MigrationStep::reportCommitted(const StatementRun& run, MigrationError* error) const
{
    error->firstUncommittedStatement = run.committedEnd;
    error->committedStatements =
        run.statements.mid(run.fromStatement, run.committedEnd - run.fromStatement);
}

bool MigrationStep::record(const Migration& migration, MigrationDirection direction,
                           qint64 durationMs, MigrationError* error)
{
    if (direction == MigrationDirection::Downgrade) {
        return unrecord(migration.revision, error);
    }
    return execute(QStringLiteral("INSERT INTO blogdesk_migrations "
                                  "(revision, checksum, applied_at, duration_ms) "
                                  "VALUES (?, ?, ?, ?)"),
                   {migration.revision, migration.checksum, SqlTime::nowUtc(), durationMs}, error);
}

bool MigrationStep::unrecord(const QString& revision, MigrationError* error)
{
    return execute(QStringLiteral("DELETE FROM blogdesk_migrations WHERE revision = ?"), {revision},
                   error);
}

bool MigrationStep::recordStamped(const Migration& migration, MigrationError* error)
{
    const QString upsert =
        Dialect(m_dialect).upsert(QLatin1String(historyTable()),
                                  {QStringLiteral("revision"), QStringLiteral("checksum"),
                                   QStringLiteral("applied_at"), QStringLiteral("duration_ms")},
                                  {QStringLiteral("revision")}, {QStringLiteral("checksum")});
    return execute(upsert,
                   {migration.revision, migration.checksum, SqlTime::nowUtc(),
                    QVariant(QMetaType::fromType<qint64>())},
                   error);
}

bool MigrationStep::runInTransaction(const std::function<bool(MigrationError*)>& body,
                                     MigrationError* error)
{
    // SQLite: foreign keys can only be switched outside a transaction, and must be off while
    // a table is rebuilt, or dropping the old table would cascade into its children.
    const bool sqlite = m_dialect == SqlDialect::SQLite;
    const bool foreignKeysWereOn = sqlite && m_sink->foreignKeysEnabled();
    if (sqlite && !execute(QStringLiteral("PRAGMA foreign_keys=OFF"), {}, error)) {
        return false;
    }
    bool ok = m_sink->begin(error);
    if (ok) {
        QSet<QString> violationsBefore;
        ok = (!sqlite || m_sink->foreignKeyViolations(&violationsBefore, error)) && body(error) &&
             (!sqlite || checkNoNewViolations(violationsBefore, error));
        ok = m_sink->finish(ok, error);
        // A rolled-back CREATE TABLE must run again in the next transaction.
        m_historyTableReady = m_historyTableReady && ok;
    }
    if (foreignKeysWereOn) {
        MigrationError ignored;
        execute(QStringLiteral("PRAGMA foreign_keys=ON"), {}, &ignored);
    }
    return ok;
}

bool MigrationStep::execute(const QString& statement, const QVariantList& values,
                            MigrationError* error)
{
    return m_sink->execute(statement, values, error);
}

// Dangling references that were there before (a Flask app seldom enforces foreign keys) are
// left alone; only the ones this revision would create stop it.
bool MigrationStep::checkNoNewViolations(const QSet<QString>& before, MigrationError* error)
{
    QSet<QString> after;
    if (!m_sink->foreignKeyViolations(&after, error)) {
        return false;
    }
    for (const QString& violation : std::as_const(after)) {
        if (!before.contains(violation)) {
            error->message = tr("foreign key check failed: %1").arg(violation);
            return false;
        }
    }
    return true;
}
