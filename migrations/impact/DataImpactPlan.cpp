#include "DataImpactPlan.h"

#include "sql/Dialect.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <algorithm>

#include "migrations/engine/DataSteps.h"
#include "migrations/impact/DataImpactStatements.h"
#include "migrations/schema/SqliteFullText.h"

namespace DataImpactPlan {

using namespace DataImpactStatements;

namespace {

// A data step's cheap count: the rows of `table` it will change.
struct DataStepCount
{
    const char* step;
    const char* table;
    const char* condition;
};

const DataStepCount DataStepCounts[] = {
    {"populate_post_slugs", "posts", "slug IS NULL"},
};

} // namespace

QStringList dataTables(QSqlDatabase db)
{
    QStringList tables = db.tables();
    QList<SqliteFullText::Table> fullText;
    QString ignored; // unreadable: every table stays, counting too much is the safe side
    if (Dialect::of(db).kind() == SqlDialect::SQLite &&
        SqliteFullText::read(db, &fullText, &ignored)) {
        const QStringList derived = SqliteFullText::derivedTableNames(fullText);
        tables.erase(
            std::remove_if(tables.begin(), tables.end(),
                           [&](const QString& name) { return derived.contains(name.toLower()); }),
            tables.end());
    }
    return tables;
}

QString rowsText(qint64 rows)
{
    return rows == 1 ? PlanSimulation::tr("1 row") : PlanSimulation::tr("%1 rows").arg(rows);
}

bool PlanSimulation::assessRevision(const Migration& migration, int leftIndex,
                                    const QStringList& statements, QString* error)
{
    m_revision = migration.revision;
    m_copiedOut.clear(); // a rebuild copies out and drops within one revision
    for (const QString& statement : statements) {
        if (!assessStatement(statement.trimmed(), error)) {
            *error = tr("revision %1: %2").arg(migration.revision, *error);
            return false;
        }
    }
    settleDestroyedTables(leftIndex);
    return true;
}

void PlanSimulation::settleDestroyedTables(int leftIndex)
{
    for (const QString& table : std::as_const(m_destroyedNow)) {
        const auto again = m_tables.find(keyOf(table));
        const bool rebuilt = again != m_tables.end() && again->exists;
        if (rebuilt) {
            again->createdInPlan = false;
            again->realTable = table;
        }
        m_destroyed << DestroyedTable{m_revision, leftIndex, table, rebuilt};
    }
    m_destroyedNow.clear();
}

bool PlanSimulation::copyRows(const QString& sourceName, TableState* target, QString* error)
{
    TableState* source = nullptr;
    if (!lookUp(sourceName, &source, error)) {
        return false;
    }
    if (target->rows == 0) {
        target->realTable = source->realTable;
    }
    target->rows += source->rows;
    m_copiedOut.insert(keyOf(sourceName), source->rows);
    return true;
}

bool PlanSimulation::rename(const QString& from, const QString& to, QString* error)
{
    TableState* source = nullptr;
    TableState* target = nullptr;
    if (!lookUp(from, &source, error) || !lookUp(to, &target, error)) {
        return false;
    }
    *target = *source;
    *source = TableState();
    return true;
}

bool PlanSimulation::countMatching(const TableState* table, const QString& rest, qint64* rows,
                                   QString* why)
{
    const int set = findTopLevel(rest, QStringLiteral("SET"));
    const int where = findTopLevel(rest, QStringLiteral("WHERE"));
    const int aliasEnd = set >= 0 ? set : (where >= 0 ? where : rest.size());
    const QString alias = rest.left(aliasEnd).trimmed();
    const QString condition = whereCondition(rest);
    if (!table->exists || table->rows == 0) {
        *rows = 0;
        return true;
    }
    if (table->realTable.isEmpty()) {
        *rows = condition.isEmpty() ? table->rows : -1;
        *why = condition.isEmpty() ? QString() : tr("the rows are added by the migration");
        return true;
    }
    QString sql = QStringLiteral("SELECT COUNT(*) FROM %1")
                      .arg(escaped(table->realTable, QSqlDriver::TableName));
    if (!alias.isEmpty()) {
        sql += QLatin1Char(' ') + alias;
    }
    if (!condition.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + condition;
    }
    *rows = -1;
    count(sql, rows, why);
    return true;
}

bool PlanSimulation::lookUp(const QString& name, TableState** state, QString* error)
{
    const QString key = keyOf(name);
    auto found = m_tables.find(key);
    if (found != m_tables.end()) {
        *state = &found.value();
        return true;
    }
    TableState table;
    for (const QString& real : std::as_const(m_realTables)) {
        if (real.compare(plainName(name), Qt::CaseInsensitive) == 0) {
            table.exists = true;
            table.realTable = real;
        }
    }
    if (table.exists && !count(QStringLiteral("SELECT COUNT(*) FROM %1")
                                   .arg(escaped(table.realTable, QSqlDriver::TableName)),
                               &table.rows, error)) {
        return false;
    }
    *state = &m_tables.insert(key, table).value();
    return true;
}

bool PlanSimulation::count(const QString& sql, qint64* rows, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql) || !query.next()) {
        *error = tr("cannot count (%1): %2").arg(sql, query.lastError().text());
        return false;
    }
    *rows = query.value(0).toLongLong();
    return true;
}

QString PlanSimulation::escaped(const QString& name, QSqlDriver::IdentifierType type) const
{
    return m_db.driver()->escapeIdentifier(name, type);
}

void PlanSimulation::addItem(const QString& description, qint64 rows, bool destructive,
                             bool rebuild)
{
    DataImpactItem item;
    item.revision = m_revision;
    item.description = description;
    item.rows = rows;
    item.destructive = destructive;
    item.rebuild = rebuild;
    m_items << item;
}

bool PlanSimulation::assessDelete(const QString& name, const QString& rest, QString* error)
{
    qint64 rows = 0;
    QString why;
    TableState* table = nullptr;
    if (!lookUp(name, &table, error) || !countMatching(table, rest, &rows, &why)) {
        return false;
    }
    if (!why.isEmpty()) {
        addItem(tr("deletes rows from %1 (they cannot be counted beforehand: %2)")
                    .arg(plainName(name), why),
                0, true);
    } else if (rows > 0) {
        addItem(tr("deletes %1 from %2").arg(rowsText(rows), plainName(name)), rows, true);
    }
    table->rows = qMax<qint64>(0, table->rows - qMax<qint64>(0, rows));
    return true;
}

bool PlanSimulation::assessUpdate(const QString& name, const QString& rest, QString* error)
{
    qint64 rows = 0;
    QString why;
    TableState* table = nullptr;
    if (!lookUp(name, &table, error) || !countMatching(table, rest, &rows, &why)) {
        return false;
    }
    if (!why.isEmpty()) {
        addItem(tr("changes rows of %1 (they cannot be counted beforehand: %2)")
                    .arg(plainName(name), why),
                0, false);
    } else if (rows > 0) {
        addItem(tr("changes %1 of %2").arg(rowsText(rows), plainName(name)), rows, false);
    }
    return true;
}

bool PlanSimulation::assessDataStep(const QString& step, QString* error)
{
    // describe() is written for the --sql script, as a comment line.
    QString description = DataSteps::describe(step);
    description.remove(QRegularExpression(QStringLiteral("^--\\s*")));
    for (const DataStepCount& known : DataStepCounts) {
        if (step != QLatin1String(known.step)) {
            continue;
        }
        TableState* table = nullptr;
        qint64 rows = 0;
        QString why;
        const QString where = QStringLiteral(" WHERE %1").arg(QLatin1String(known.condition));
        if (!lookUp(QLatin1String(known.table), &table, error) ||
            !countMatching(table, where, &rows, &why)) {
            return false;
        }
        if (why.isEmpty() && rows == 0) {
            return true;
        }
        addItem(
            why.isEmpty()
                ? tr("%1 (%2 of %3)").arg(description, rowsText(rows), QLatin1String(known.table))
                : description,
            why.isEmpty() ? rows : 0, false);
        return true;
    }
    addItem(description, 0, false);
    return true;
}

} // namespace DataImpactPlan
