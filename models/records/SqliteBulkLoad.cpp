#include "SqliteBulkLoad.h"

#include "sql/Dialect.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

bool SqliteBulkLoad::suspend(QString* error)
{
    if (Dialect::of(m_db).kind() != SqlDialect::SQLite) {
        return true;
    }
    return suspendIndexes(error) && suspendFullTextTriggers(error);
}

bool SqliteBulkLoad::suspendIndexes(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master "
                                   "WHERE type = 'index' AND sql IS NOT NULL"))) {
        *error = tr("cannot read the indexes: %1").arg(query.lastError().text());
        return false;
    }
    QList<Suspended> indexes;
    while (query.next()) {
        indexes.append({query.value(0).toString(), query.value(1).toString(), {}});
    }
    for (const Suspended& index : std::as_const(indexes)) {
        if (!drop(QStringLiteral("INDEX"), index.name, error)) {
            return false;
        }
        m_indexes.append(index);
    }
    return true;
}

bool SqliteBulkLoad::suspendFullTextTriggers(QString* error)
{
    // The full-text revision names its insert triggers after the table they fill.
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral(
            "SELECT t.name, t.sql, f.name FROM sqlite_master t JOIN sqlite_master f "
            "ON f.type = 'table' AND t.name = f.name || '_after_insert' "
            "WHERE t.type = 'trigger' AND f.sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"))) {
        *error = tr("cannot read the full-text triggers: %1").arg(query.lastError().text());
        return false;
    }
    QList<Suspended> triggers;
    while (query.next()) {
        triggers.append(
            {query.value(0).toString(), query.value(1).toString(), query.value(2).toString()});
    }
    for (const Suspended& trigger : std::as_const(triggers)) {
        if (!drop(QStringLiteral("TRIGGER"), trigger.name, error)) {
            return false;
        }
        m_triggers.append(trigger);
    }
    return true;
}

bool SqliteBulkLoad::drop(const QString& kind, const QString& name, QString* error)
{
    QSqlQuery query(m_db);
    const QString escaped = m_db.driver()->escapeIdentifier(name, QSqlDriver::TableName);
    if (!query.exec(QStringLiteral("DROP %1 %2").arg(kind, escaped))) {
        *error = tr("cannot pause %1 for the load: %2").arg(name, query.lastError().text());
        return false;
    }
    return true;
}

bool SqliteBulkLoad::finish(QString* error)
{
    QSqlQuery query(m_db);
    for (const Suspended& index : std::as_const(m_indexes)) {
        if (!query.exec(index.sql)) {
            *error = tr("cannot create the index %1 again: %2")
                         .arg(index.name, query.lastError().text());
            return false;
        }
    }
    m_indexes.clear();
    for (const Suspended& trigger : std::as_const(m_triggers)) {
        const QString table =
            m_db.driver()->escapeIdentifier(trigger.fullTextTable, QSqlDriver::TableName);
        if (!query.exec(trigger.sql) ||
            !query.exec(QStringLiteral("INSERT INTO %1(%1) VALUES ('rebuild')").arg(table))) {
            *error = tr("cannot rebuild the full-text index %1: %2")
                         .arg(trigger.fullTextTable, query.lastError().text());
            return false;
        }
    }
    m_triggers.clear();
    return true;
}
