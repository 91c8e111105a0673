#include "DataImpact.h"

#include <QSqlRecord>

#include "migrations/impact/DataImpactPlan.h"
#include "migrations/impact/DataImpactStatements.h"

namespace DataImpactPlan {

using namespace DataImpactStatements;

namespace {

QString valuesText(qint64 values)
{
    return values == 1 ? PlanSimulation::tr("1 value")
                       : PlanSimulation::tr("%1 values").arg(values);
}

} // namespace

bool PlanSimulation::assessStatement(const QString& statement, QString* error)
{
    static const QRegularExpression createTable = statementPattern(QStringLiteral(
        R"re(^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(NAME)(.*)$)re"));
    static const QRegularExpression dropTable = statementPattern(QStringLiteral(
        R"re(^DROP\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(.+?)(?:\s+(?:CASCADE|RESTRICT))?$)re"));
    static const QRegularExpression truncate =
        statementPattern(QStringLiteral(R"re(^TRUNCATE\s+(?:TABLE\s+)?(NAME))re"));
    static const QRegularExpression insert = statementPattern(
        QStringLiteral(R"re(^(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO\s+(NAME)(.*)$)re"));
    static const QRegularExpression alterTable = statementPattern(
        QStringLiteral(R"re(^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(NAME)\s+(.*)$)re"));
    static const QRegularExpression renameTable =
        statementPattern(QStringLiteral(R"re(^RENAME\s+TABLE\s+(NAME)\s+TO\s+(NAME)$)re"));
    static const QRegularExpression deleteFrom =
        statementPattern(QStringLiteral(R"re(^DELETE\s+FROM\s+(NAME)(.*)$)re"));
    static const QRegularExpression update =
        statementPattern(QStringLiteral(R"re(^UPDATE\s+(?:ONLY\s+)?(NAME)(.*)$)re"));

    QString step;
    if (isDataStep(statement, &step)) {
        return assessDataStep(step, error);
    }
    QRegularExpressionMatch match;
    if ((match = createTable.match(statement)).hasMatch()) {
        return assessCreateTable(match.captured(2), !match.captured(1).isEmpty(), match.captured(3),
                                 error);
    }
    if ((match = dropTable.match(statement)).hasMatch()) {
        for (const QString& name : splitTopLevel(match.captured(1))) {
            if (!assessDropTable(name, error)) {
                return false;
            }
        }
        return true;
    }
    if ((match = truncate.match(statement)).hasMatch()) {
        return assessTruncate(match.captured(1), error);
    }
    if ((match = insert.match(statement)).hasMatch()) {
        return assessInsert(match.captured(1), match.captured(2), error);
    }
    if ((match = alterTable.match(statement)).hasMatch()) {
        return assessAlterTable(match.captured(1), match.captured(2), error);
    }
    if ((match = renameTable.match(statement)).hasMatch()) {
        return rename(match.captured(1), match.captured(2), error);
    }
    if ((match = deleteFrom.match(statement)).hasMatch()) {
        return assessDelete(match.captured(1), match.captured(2), error);
    }
    if ((match = update.match(statement)).hasMatch()) {
        return assessUpdate(match.captured(1), match.captured(2), error);
    }
    return true; // indexes, constraints, nullability: no rows change
}

bool PlanSimulation::assessCreateTable(const QString& name, bool ifNotExists, const QString& rest,
                                       QString* error)
{
    TableState* target = nullptr;
    if (!lookUp(name, &target, error)) {
        return false;
    }
    if (ifNotExists && target->exists) {
        return true;
    }
    *target = TableState();
    target->exists = true;
    target->createdInPlan = true;
    const QString source = selectSource(rest);
    return source.isEmpty() || copyRows(source, target, error);
}

bool PlanSimulation::assessDropTable(const QString& name, QString* error)
{
    TableState* table = nullptr;
    if (!lookUp(name, &table, error)) {
        return false;
    }
    const TableState dropped = *table;
    *table = TableState();
    if (dropped.exists && !dropped.createdInPlan && !dropped.realTable.isEmpty() &&
        !m_destroyedNow.contains(dropped.realTable)) {
        m_destroyedNow << dropped.realTable; // today's table itself, perhaps renamed
    }
    if (!dropped.exists || dropped.rows == 0) {
        return true;
    }
    const bool copiedOut = m_copiedOut.contains(keyOf(name));
    if (dropped.createdInPlan && (copiedOut || dropped.realTable.isEmpty())) {
        return true; // a scratch table of the plan: nothing of today's data is in it alone
    }
    if (copiedOut) {
        addItem(tr("rebuilds table %1 (%2 copied)")
                    .arg(plainName(name), rowsText(m_copiedOut.value(keyOf(name)))),
                m_copiedOut.value(keyOf(name)), false, true);
        return true;
    }
    addItem(tr("drops table %1: %2 will be lost").arg(plainName(name), rowsText(dropped.rows)),
            dropped.rows, true);
    return true;
}

bool PlanSimulation::assessTruncate(const QString& name, QString* error)
{
    TableState* table = nullptr;
    if (!lookUp(name, &table, error)) {
        return false;
    }
    const qint64 rows = table->rows;
    const bool realRows = !table->realTable.isEmpty();
    table->rows = 0;
    table->realTable.clear();
    if (rows > 0 && realRows) {
        addItem(tr("empties table %1: %2 will be lost").arg(plainName(name), rowsText(rows)), rows,
                true);
    }
    return true;
}

bool PlanSimulation::assessInsert(const QString& name, const QString& rest, QString* error)
{
    TableState* target = nullptr;
    if (!lookUp(name, &target, error)) {
        return false;
    }
    const QString source = selectSource(rest);
    if (!source.isEmpty()) {
        return copyRows(source, target, error);
    }
    target->rows += valuesRowCount(rest);
    return true;
}

bool PlanSimulation::assessAlterTable(const QString& name, const QString& clauses, QString* error)
{
    static const QRegularExpression dropColumn = statementPattern(QStringLiteral(
        R"re(^DROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?(NAME)(?:\s+(?:CASCADE|RESTRICT))?$)re"));
    static const QRegularExpression renameTo =
        statementPattern(QStringLiteral(R"re(^RENAME\s+TO\s+(NAME)$)re"));
    static const QStringList notColumns{"constraint", "index", "key",      "primary",
                                        "foreign",    "check", "partition"};
    for (const QString& clause : splitTopLevel(clauses)) {
        QRegularExpressionMatch match = dropColumn.match(clause);
        if (match.hasMatch() && !notColumns.contains(keyOf(match.captured(1)))) {
            if (!assessDropColumn(name, match.captured(1), error)) {
                return false;
            }
        } else if ((match = renameTo.match(clause)).hasMatch()) {
            if (!rename(name, match.captured(1), error)) {
                return false;
            }
        }
    }
    return true;
}

bool PlanSimulation::assessDropColumn(const QString& tableName, const QString& column,
                                      QString* error)
{
    TableState* table = nullptr;
    if (!lookUp(tableName, &table, error)) {
        return false;
    }
    // A column the plan added holds none of today's values.
    if (table->realTable.isEmpty() || table->rows == 0 ||
        !m_db.record(table->realTable).contains(plainName(column))) {
        return true;
    }
    qint64 values = 0;
    if (!count(QStringLiteral("SELECT COUNT(%1) FROM %2")
                   .arg(escaped(plainName(column), QSqlDriver::FieldName),
                        escaped(table->realTable, QSqlDriver::TableName)),
               &values, error)) {
        return false;
    }
    if (values > 0) {
        addItem(tr("drops column %1.%2: %3 will be lost")
                    .arg(plainName(tableName), plainName(column), valuesText(values)),
                values, true);
    }
    return true;
}

} // namespace DataImpactPlan

using DataImpactPlan::PlanSimulation;

namespace DataImpact {

bool assess(QSqlDatabase db, const MigrationHistory& history, int fromIndex, int toIndex,
            QList<DataImpactItem>* items, QString* error)
{
    DataImpactReport report;
    const bool ok = assess(db, history, fromIndex, toIndex, &report, error);
    *items = report.items;
    return ok;
}

bool assess(QSqlDatabase db, const MigrationHistory& history, int fromIndex, int toIndex,
            DataImpactReport* report, QString* error)
{
    *report = DataImpactReport();
    SqlDialect dialect;
    if (!sqlDialectOfDriver(db.driverName(), &dialect)) {
        *error = PlanSimulation::tr("unsupported database driver %1").arg(db.driverName());
        return false;
    }
    const int head = history.headIndex();
    if (fromIndex < -1 || fromIndex > head || toIndex < -1 || toIndex > head) {
        *error = PlanSimulation::tr("no such revision in the history");
        return false;
    }
    PlanSimulation simulation(db);
    const bool up = toIndex > fromIndex;
    const MigrationDirection direction =
        up ? MigrationDirection::Upgrade : MigrationDirection::Downgrade;
    for (int index = fromIndex; index != toIndex; index += up ? 1 : -1) {
        const Migration& migration = history.at(up ? index + 1 : index);
        if (!simulation.assessRevision(migration, index, migration.statements(direction, dialect),
                                       error)) {
            return false;
        }
    }
    report->items = simulation.items();
    return UnknownObjectsFinder::find(db, history, fromIndex, simulation.destroyed(),
                                      &report->unknownObjects, &report->carries, error);
}

} // namespace DataImpact

bool DataImpactReport::destructive() const
{
    for (const DataImpactItem& item : items) {
        if (item.destructive) {
            return true;
        }
    }
    return false;
}

bool DataImpactReport::losesOrRebuilds() const
{
    for (const DataImpactItem& item : items) {
        if (item.destructive || item.rebuild) {
            return true;
        }
    }
    return !unknownObjects.isEmpty();
}
