#include "MigrationStep.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "migrations/DataSteps.h"
#include "migrations/SqlTime.h"

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("MigrationStep", text);
}

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
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return QStringLiteral("CREATE TABLE IF NOT EXISTS blogdesk_migrations ("
                              "revision VARCHAR(32) NOT NULL PRIMARY KEY, "
                              "checksum VARCHAR(64) NOT NULL, "
                              "applied_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, "
                              "duration_ms INTEGER)");
    case SqlDialect::MySQL:
        return QStringLiteral("CREATE TABLE IF NOT EXISTS blogdesk_migrations ("
                              "revision VARCHAR(32) NOT NULL PRIMARY KEY, "
                              "checksum VARCHAR(64) NOT NULL, "
                              "applied_at DATETIME(6) NOT NULL, "
                              "duration_ms INTEGER) "
                              "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
    case SqlDialect::SQLite:
        break;
    }
    return QStringLiteral("CREATE TABLE IF NOT EXISTS blogdesk_migrations ("
                          "revision VARCHAR(32) NOT NULL PRIMARY KEY, "
                          "checksum VARCHAR(64) NOT NULL, "
                          "applied_at DATETIME NOT NULL, "
                          "duration_ms INTEGER)");
}

} // namespace

QString MigrationError::text() const
{
    if (revision.isEmpty()) {
        return message;
    }
    QString line = tr("revision %1 failed and was rolled back: %2").arg(revision, message);
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
    m_historyTableReady = execute(historyTableDdl(m_dialect), {}, error);
    return m_historyTableReady;
}

bool MigrationStep::run(const Migration& migration, MigrationDirection direction,
                        MigrationError* error)
{
    if (!migration.hasScript(direction, m_dialect)) {
        error->message =
            tr("revision %1 has no %2 script for %3")
                .arg(migration.revision,
                     direction == MigrationDirection::Upgrade ? tr("upgrade") : tr("downgrade"),
                     sqlDialectName(m_dialect));
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
    const bool ok = runInTransaction(
        [&](MigrationError* bodyError) {
            QElapsedTimer timer;
            timer.start();
            return ensureHistoryTable(bodyError) &&
                   runStatements(migration, direction, bodyError) &&
                   record(migration, direction, timer.elapsed(), bodyError);
        },
        error);
    if (!ok && error->revision.isEmpty()) {
        error->revision = migration.revision;
    }
    return ok;
}

bool MigrationStep::runStatements(const Migration& migration, MigrationDirection direction,
                                  MigrationError* error)
{
    for (const QString& statement : migration.statements(direction, m_dialect)) {
        if (m_progress) {
            m_progress(migration, direction, statement);
        }
        QString step;
        if (!isDataStep(statement, &step)) {
            if (!execute(statement, {}, error)) {
                error->revision = migration.revision;
                return false;
            }
            continue;
        }
        if (m_script) {
            *m_script << DataSteps::describe(step) << "\n";
        } else if (!DataSteps::run(step, m_db, &error->message)) {
            error->revision = migration.revision;
            error->statement = statement;
            return false;
        }
    }
    return true;
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
    if (m_dialect == SqlDialect::SQLite || m_script) {
        const QString statement = m_dialect == SqlDialect::SQLite
                                      ? QStringLiteral("BEGIN IMMEDIATE")
                                      : QStringLiteral("BEGIN");
        return execute(statement, {}, error);
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
    if (m_dialect == SqlDialect::SQLite) {
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
