#include "StatementSink.h"

#include "sql/Dialect.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QVariant>

#include "migrations/engine/DataSteps.h"
#include "migrations/engine/MigrationStep.h"

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

} // namespace

std::unique_ptr<StatementSink> StatementSink::create(QSqlDatabase db, SqlDialect dialect,
                                                     QTextStream* script)
{
    if (script) {
        return std::make_unique<ScriptSink>(script, dialect);
    }
    return std::make_unique<DatabaseSink>(db, dialect);
}

bool DatabaseSink::execute(const QString& statement, const QVariantList& values,
                           MigrationError* error)
{
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

bool DatabaseSink::dataStep(const QString& name, MigrationError* error)
{
    return DataSteps::run(name, m_db, &error->message);
}

bool DatabaseSink::begin(MigrationError* error)
{
    // IMMEDIATE takes SQLite's write lock now rather than at the first write, so a second
    // writer is refused before anything runs instead of deadlocking half way.
    const QString ownBegin = Dialect(m_dialect).beginWriteStatement();
    if (!ownBegin.isEmpty()) {
        return execute(ownBegin, {}, error);
    }
    if (!m_db.transaction()) {
        error->message =
            MigrationStep::tr("cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    return true;
}

bool DatabaseSink::finish(bool success, MigrationError* error)
{
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
        error->message = MigrationStep::tr("commit failed: %1").arg(m_db.lastError().text());
    }
    m_db.rollback();
    return false;
}

bool DatabaseSink::commit(MigrationError* error)
{
    if (!m_db.commit()) {
        error->message = MigrationStep::tr("commit failed: %1").arg(m_db.lastError().text());
        return false;
    }
    return true;
}

// After MySQL's implicit commit the session is back in autocommit mode: without a new
// transaction, the DML that follows would be committed statement by statement instead of being
// rolled back if the revision fails later.
bool DatabaseSink::beginAgain(bool statementOk, MigrationError* error)
{
    if (!m_db.transaction() && statementOk) {
        error->message =
            MigrationStep::tr("cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    return statementOk;
}

bool DatabaseSink::foreignKeysEnabled()
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next() &&
           query.value(0).toInt() == 1;
}

bool DatabaseSink::foreignKeyViolations(QSet<QString>* violations, MigrationError* error)
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

bool ScriptSink::execute(const QString& statement, const QVariantList& values, MigrationError*)
{
    *m_out << withValues(statement, values) << ";\n";
    return true;
}

bool ScriptSink::dataStep(const QString& name, MigrationError*)
{
    *m_out << DataSteps::describe(name) << "\n";
    return true;
}

void ScriptSink::comment(const QString& text)
{
    *m_out << "-- " << text << "\n";
}

bool ScriptSink::begin(MigrationError* error)
{
    const QString ownBegin = Dialect(m_dialect).beginWriteStatement();
    return execute(ownBegin.isEmpty() ? QStringLiteral("BEGIN") : ownBegin, {}, error);
}

bool ScriptSink::finish(bool success, MigrationError*)
{
    *m_out << (success ? "COMMIT;\n\n" : "ROLLBACK;\n\n");
    return success;
}
