#include "FullTextBulkLoad.h"

#include "sql/Dialect.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace {

// The full-text revision names its insert triggers after the table they fill.
const QString insertTriggerSuffix = QStringLiteral("_after_insert");

} // namespace

bool FullTextBulkLoad::suspend(QString* error)
{
    if (Dialect::of(m_db).kind() != SqlDialect::SQLite) {
        return true;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral(
            "SELECT t.name, t.sql, f.name FROM sqlite_master t JOIN sqlite_master f "
            "ON f.type = 'table' AND t.name = f.name || '_after_insert' "
            "WHERE t.type = 'trigger' AND f.sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"))) {
        *error = tr("cannot read the full-text triggers: %1").arg(query.lastError().text());
        return false;
    }
    QList<Trigger> triggers;
    while (query.next()) {
        triggers.append(
            {query.value(0).toString(), query.value(1).toString(), query.value(2).toString()});
    }
    for (const Trigger& trigger : std::as_const(triggers)) {
        const QString name = m_db.driver()->escapeIdentifier(trigger.name, QSqlDriver::TableName);
        if (!query.exec(QStringLiteral("DROP TRIGGER ") + name)) {
            *error = tr("cannot pause the full-text trigger %1: %2")
                         .arg(trigger.name, query.lastError().text());
            return false;
        }
        m_suspended.append(trigger);
    }
    return true;
}

bool FullTextBulkLoad::finish(QString* error)
{
    QSqlQuery query(m_db);
    for (const Trigger& trigger : std::as_const(m_suspended)) {
        const QString table =
            m_db.driver()->escapeIdentifier(trigger.fullTextTable, QSqlDriver::TableName);
        if (!query.exec(trigger.sql) ||
            !query.exec(QStringLiteral("INSERT INTO %1(%1) VALUES ('rebuild')").arg(table))) {
            *error = tr("cannot rebuild the full-text index %1: %2")
                         .arg(trigger.fullTextTable, query.lastError().text());
            return false;
        }
    }
    m_suspended.clear();
    return true;
}
