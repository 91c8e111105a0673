#include "MigrationStep.h"

#include "sql/Dialect.h"
#include "sql/SqlTime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "migrations/engine/DataSteps.h"

namespace {

// A bound value written out as a SQL literal, for the printed script only.
QString literal(const QVariant& value)
{
    if (value.isNull()) {
        return QStringLiteral("NULL");
    }
    if (value.metaType().id() == QMetaType::QString) {
        QString text = value.toString();
        return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QStringLiteral("''")) +
               QLatin1Char('\'');
    }
    return value.toString();
}

QString withValues(QString statement, const QVariantList& values)
{
    for (const QVariant& value : values) {
        const int at = statement.indexOf(QLatin1Char('?'));
        if (at >= 0) {
            statement.replace(at, 1, literal(value));
        }
    }
    return statement;
}

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
    if (m_script) {
        const QString arrow =
            direction == MigrationDirection::Upgrade
                ? QStringLiteral("%1 -> %2").arg(migration.downRevision, migration.revision)
                : QStringLiteral("%1 -> %2").arg(migration.revision, migration.downRevision);
        *m_script << "-- Running "
                  << (direction == MigrationDirection::Upgrade ? "upgrade " : "downgrade ") << arrow
                  << ", " << migration.message << "\n";
    }
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
        const bool implicitCommit = Dialect(m_dialect).commitsImplicitly(statement) && !m_script;
        if (implicitCommit && !commit(error)) {
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
            ok = beginAgain(ok, error);
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
    if (!isDataStep(statement, &step)) {
        return execute(statement, {}, error);
    }
    if (m_script) {
        *m_script << DataSteps::describe(step) << "\n";
        return true;
    }
    return DataSteps::run(step, m_db, &error->message);
}

// MySQL would commit the open transaction before a DDL statement anyway; committing here first
// makes "everything before it is committed" hold even when the statement fails to parse (the
// server would then not have committed).
bool MigrationStep::executeStatement(const QString& statement, MigrationError* error)
{
    if (!Dialect(m_dialect).commitsImplicitly(statement) || m_script) {
        return execute(statement, {}, error);
    }
    const bool ok = commit(error) && execute(statement, {}, error);
    return beginAgain(ok, error);
}

// After MySQL's implicit commit the session is back in autocommit mode: without a new
// transaction, the DML that follows would be committed statement by statement instead of being
// rolled back if the revision fails later.
bool MigrationStep::beginAgain(bool statementOk, MigrationError* error)
{
    if (!m_db.transaction() && statementOk) {
        error->message = tr("cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    return statementOk;
}

bool MigrationStep::commit(MigrationError* error)
{
    if (!m_db.commit()) {
        error->message = tr("commit failed: %1").arg(m_db.lastError().text());
        return false;
    }
    return true;
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
        return execute(QStringLiteral("DELETE FROM blogdesk_migrations WHERE revision = ?"),
                       {migration.revision}, error);
    }
    return execute(QStringLiteral("INSERT INTO blogdesk_migrations "
                                  "(revision, checksum, applied_at, duration_ms) "
                                  "VALUES (?, ?, ?, ?)"),
                   {migration.revision, migration.checksum, SqlTime::nowUtc(), durationMs}, error);
}

bool MigrationStep::runInTransaction(const std::function<bool(MigrationError*)>& body,
                                     MigrationError* error)
{
    // SQLite: foreign keys can only be switched outside a transaction, and must be off while
    // a table is rebuilt, or dropping the old table would cascade into its children.
    const bool sqlite = m_dialect == SqlDialect::SQLite;
    const bool foreignKeysWereOn = sqlite && !m_script && foreignKeysEnabled();
    if (sqlite && !pragma(QStringLiteral("PRAGMA foreign_keys=OFF"), error)) {
        return false;
    }
    bool ok = begin(error);
    if (ok) {
        const bool checkKeys = sqlite && !m_script;
        QSet<QString> violationsBefore;
        ok = (!checkKeys || foreignKeyViolations(&violationsBefore, error)) && body(error) &&
             (!checkKeys || checkNoNewViolations(violationsBefore, error));
        ok = finish(ok, error);
        // A rolled-back CREATE TABLE must run again in the next transaction.
        m_historyTableReady = m_historyTableReady && (ok || m_script);
    }
    if (foreignKeysWereOn || (sqlite && m_script)) {
        MigrationError ignored;
        pragma(QStringLiteral("PRAGMA foreign_keys=ON"), &ignored);
    }
    return ok;
}

bool MigrationStep::begin(MigrationError* error)
{
    // IMMEDIATE takes SQLite's write lock now rather than at the first write, so a second
    // writer is refused before anything runs instead of deadlocking half way.
    const QString ownBegin = Dialect(m_dialect).beginWriteStatement();
    if (!ownBegin.isEmpty() || m_script) {
        return execute(ownBegin.isEmpty() ? QStringLiteral("BEGIN") : ownBegin, {}, error);
    }
    if (!m_db.transaction()) {
        error->message = tr("cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    return true;
}

bool MigrationStep::finish(bool success, MigrationError* error)
{
    if (m_script) {
        *m_script << (success ? "COMMIT;\n\n" : "ROLLBACK;\n\n");
        return success;
    }
    // Begun with the dialect's own statement: ended with one too, since QSqlDatabase::commit()
    // only ends a transaction that QSqlDatabase::transaction() began.
    if (!Dialect(m_dialect).beginWriteStatement().isEmpty()) {
        MigrationError ignored;
        if (success && execute(QStringLiteral("COMMIT"), {}, error)) {
            return true;
        }
        execute(QStringLiteral("ROLLBACK"), {}, &ignored);
        return false;
    }
    if (success && m_db.commit()) {
        return true;
    }
    if (success) {
        error->message = tr("commit failed: %1").arg(m_db.lastError().text());
    }
    m_db.rollback();
    return false;
}

bool MigrationStep::execute(const QString& statement, const QVariantList& values,
                            MigrationError* error)
{
    if (m_script) {
        *m_script << withValues(statement, values) << ";\n";
        return true;
    }
    // Without values the statement runs unprepared: the PostgreSQL driver prepares with
    // PREPARE, which does not take DDL.
    QSqlQuery query(m_db);
    bool ok = false;
    if (values.isEmpty()) {
        ok = query.exec(statement);
    } else if (query.prepare(statement)) {
        for (const QVariant& value : values) {
            query.addBindValue(value);
        }
        ok = query.exec();
    }
    if (!ok) {
        error->statement = statement;
        error->message = query.lastError().text();
    }
    return ok;
}

bool MigrationStep::pragma(const QString& statement, MigrationError* error)
{
    return execute(statement, {}, error);
}

bool MigrationStep::foreignKeysEnabled()
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next() &&
           query.value(0).toInt() == 1;
}

bool MigrationStep::foreignKeyViolations(QSet<QString>* violations, MigrationError* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA foreign_key_check"))) {
        error->message = query.lastError().text();
        return false;
    }
    while (query.next()) {
        violations->insert(QStringLiteral("%1 row %2 -> %3")
                               .arg(query.value(0).toString(), query.value(1).toString(),
                                    query.value(2).toString()));
    }
    return true;
}

// Dangling references that were there before (a Flask app seldom enforces foreign keys) are
// left alone; only the ones this revision would create stop it.
bool MigrationStep::checkNoNewViolations(const QSet<QString>& before, MigrationError* error)
{
    QSet<QString> after;
    if (!foreignKeyViolations(&after, error)) {
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
