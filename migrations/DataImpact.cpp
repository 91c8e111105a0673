#include "DataImpact.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include "migrations/DataSteps.h"

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DataImpact", text);
}

QString rowsText(qint64 rows)
{
    return rows == 1 ? tr("1 row") : tr("%1 rows").arg(rows);
}

QString valuesText(qint64 values)
{
    return values == 1 ? tr("1 value") : tr("%1 values").arg(values);
}

// A table or column name, bare or quoted in any dialect's way, optionally schema-qualified.
const QString NamePattern =
    QStringLiteral(R"re((?:(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*)?)re"
                   R"re((?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*))re");

QRegularExpression statementPattern(const QString& pattern)
{
    return QRegularExpression(QString(pattern).replace(QLatin1String("NAME"), NamePattern),
                              QRegularExpression::CaseInsensitiveOption |
                                  QRegularExpression::DotMatchesEverythingOption);
}

// The last part of a possibly qualified, possibly quoted name, without its quotes: the name
// the statement means, whatever schema it is in.
QString plainName(const QString& name)
{
    static const QRegularExpression part(
        QStringLiteral(R"re("([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_$]*))re"));
    QString last;
    for (const QRegularExpressionMatch& match : part.globalMatch(name)) {
        for (int group = 1; group <= 4; ++group) {
            if (match.capturedLength(group) > 0) {
                last = match.captured(group);
            }
        }
    }
    return last;
}

QString keyOf(const QString& name)
{
    return plainName(name).toLower();
}

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

// Where `keyword` stands as a whole word outside quotes and parentheses, from `from` on; -1
// if nowhere. Finds the WHERE of an UPDATE whose SET holds a sub-select, for instance.
int findTopLevel(const QString& sql, const QString& keyword, int from = 0)
{
    int depth = 0;
    for (int at = from; at < sql.size(); ++at) {
        const QChar c = sql.at(at);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const int close = sql.indexOf(c, at + 1);
            at = close < 0 ? sql.size() : close;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (depth == 0 && (at == 0 || !isWordCharacter(sql.at(at - 1))) &&
                   QStringView(sql).mid(at, keyword.size()).compare(keyword, Qt::CaseInsensitive) ==
                       0 &&
                   (at + keyword.size() >= sql.size() ||
                    !isWordCharacter(sql.at(at + keyword.size())))) {
            return at;
        }
    }
    return -1;
}

// The top-level comma-separated parts of `sql` (the clauses of an ALTER TABLE, the tables of
// a DROP TABLE).
QStringList splitTopLevel(const QString& sql)
{
    QStringList parts;
    int depth = 0;
    int start = 0;
    for (int at = 0; at < sql.size(); ++at) {
        const QChar c = sql.at(at);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const int close = sql.indexOf(c, at + 1);
            at = close < 0 ? sql.size() : close;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (c == QLatin1Char(',') && depth == 0) {
            parts << sql.mid(start, at - start).trimmed();
            start = at + 1;
        }
    }
    parts << sql.mid(start).trimmed();
    return parts;
}

// The first table a SELECT in `sql` reads from ("... SELECT a, b FROM t ..."), or "".
QString selectSource(const QString& sql)
{
    const int select = findTopLevel(sql, QStringLiteral("SELECT"));
    const int from = select < 0 ? -1 : findTopLevel(sql, QStringLiteral("FROM"), select);
    if (from < 0) {
        return QString();
    }
    static const QRegularExpression name =
        statementPattern(QStringLiteral(R"re(^FROM\s+(NAME))re"));
    const QRegularExpressionMatch match = name.match(sql.mid(from));
    return match.hasMatch() ? match.captured(1) : QString();
}

// The condition of a WHERE at the top level of `sql` (without a MySQL ORDER BY / LIMIT or a
// PostgreSQL RETURNING after it), or "" when there is none.
QString whereCondition(const QString& sql)
{
    const int where = findTopLevel(sql, QStringLiteral("WHERE"));
    if (where < 0) {
        return QString();
    }
    QString condition = sql.mid(where + 5);
    for (const char* tail : {"ORDER", "LIMIT", "RETURNING"}) {
        const int at = findTopLevel(condition, QLatin1String(tail));
        if (at >= 0) {
            condition.truncate(at);
        }
    }
    return condition.trimmed();
}

// The number of top-level parenthesised rows after VALUES: "VALUES (1, 'a'), (2, 'b')" is 2.
qint64 valuesRowCount(const QString& sql)
{
    const int values = findTopLevel(sql, QStringLiteral("VALUES"));
    if (values < 0) {
        return 0;
    }
    qint64 rows = 0;
    for (const QString& part : splitTopLevel(sql.mid(values + 6))) {
        rows += part.startsWith(QLatin1Char('(')) ? 1 : 0;
    }
    return rows;
}

// A table as the plan has left it by the statement being assessed.
struct TableState
{
    bool exists = false;
    qint64 rows = 0;
    // The table in the database whose current rows this one holds (itself, or the table it
    // was copied from); empty when it holds none of today's rows.
    QString realTable;
    bool createdInPlan = false;
};

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

// Follows a plan statement by statement on a model of the tables, asking the database only
// for counts of rows that exist today.
class PlanSimulation
{
public:
    explicit PlanSimulation(QSqlDatabase db) : m_db(db), m_realTables(db.tables()) {}

    bool assessRevision(const Migration& migration, const QStringList& statements, QString* error)
    {
        m_revision = migration.revision;
        m_copiedOut.clear(); // a rebuild copies out and drops within one revision
        for (const QString& statement : statements) {
            if (!assessStatement(statement.trimmed(), error)) {
                *error = tr("revision %1: %2").arg(migration.revision, *error);
                return false;
            }
        }
        return true;
    }

    QList<DataImpactItem> items() const { return m_items; }

private:
    bool assessStatement(const QString& statement, QString* error)
    {
        static const QRegularExpression createTable = statementPattern(QStringLiteral(
            R"re(^CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(NAME)(.*)$)re"));
        static const QRegularExpression dropTable = statementPattern(QStringLiteral(
            R"re(^DROP\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(.+?)(?:\s+(?:CASCADE|RESTRICT))?$)re"));
        static const QRegularExpression truncate =
            statementPattern(QStringLiteral(R"re(^TRUNCATE\s+(?:TABLE\s+)?(NAME))re"));
        static const QRegularExpression insert = statementPattern(
            QStringLiteral(R"re(^(?:INSERT|REPLACE)\s+(?:IGNORE\s+)?INTO\s+(NAME)(.*)$)re"));
        static const QRegularExpression alterTable = statementPattern(QStringLiteral(
            R"re(^ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(NAME)\s+(.*)$)re"));
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
            return assessCreateTable(match.captured(2), !match.captured(1).isEmpty(),
                                     match.captured(3), error);
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

    bool assessCreateTable(const QString& name, bool ifNotExists, const QString& rest,
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

    // CREATE TABLE x AS SELECT ... FROM t, INSERT INTO x ... SELECT ... FROM t: x now holds
    // t's rows (all of them: a condition on the copy is not followed), and t's rows are safe
    // if this revision drops t afterwards.
    bool copyRows(const QString& sourceName, TableState* target, QString* error)
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

    bool assessDropTable(const QString& name, QString* error)
    {
        TableState* table = nullptr;
        if (!lookUp(name, &table, error)) {
            return false;
        }
        const TableState dropped = *table;
        *table = TableState();
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
                    m_copiedOut.value(keyOf(name)), false);
            return true;
        }
        addItem(tr("drops table %1: %2 will be lost").arg(plainName(name), rowsText(dropped.rows)),
                dropped.rows, true);
        return true;
    }

    bool assessTruncate(const QString& name, QString* error)
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
            addItem(tr("empties table %1: %2 will be lost").arg(plainName(name), rowsText(rows)),
                    rows, true);
        }
        return true;
    }

    bool assessInsert(const QString& name, const QString& rest, QString* error)
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

    bool assessAlterTable(const QString& name, const QString& clauses, QString* error)
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

    bool assessDropColumn(const QString& tableName, const QString& column, QString* error)
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

    bool rename(const QString& from, const QString& to, QString* error)
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

    bool assessDelete(const QString& name, const QString& rest, QString* error)
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

    bool assessUpdate(const QString& name, const QString& rest, QString* error)
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

    bool assessDataStep(const QString& step, QString* error)
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
            addItem(why.isEmpty()
                        ? tr("%1 (%2 of %3)")
                              .arg(description, rowsText(rows), QLatin1String(known.table))
                        : description,
                    why.isEmpty() ? rows : 0, false);
            return true;
        }
        addItem(description, 0, false);
        return true;
    }

    // The rows of `table` that `rest` (what follows the table name in a DELETE or UPDATE: an
    // alias, SET ..., WHERE ...) matches today. A count the database refuses (a condition on
    // a column the plan adds first, say) is not an error of the assessment: *why says it.
    bool countMatching(const TableState* table, const QString& rest, qint64* rows, QString* why)
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

    // Finds (or, the first time, reads from the database) the state of a table.
    bool lookUp(const QString& name, TableState** state, QString* error)
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

    bool count(const QString& sql, qint64* rows, QString* error)
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

    QString escaped(const QString& name, QSqlDriver::IdentifierType type) const
    {
        return m_db.driver()->escapeIdentifier(name, type);
    }

    void addItem(const QString& description, qint64 rows, bool destructive)
    {
        DataImpactItem item;
        item.revision = m_revision;
        item.description = description;
        item.rows = rows;
        item.destructive = destructive;
        m_items << item;
    }

    QSqlDatabase m_db;
    QStringList m_realTables;
    // By lower-case name. A QMap (a std::map) because lookUp() hands out pointers that must
    // survive later insertions, which a QHash may move.
    QMap<QString, TableState> m_tables;
    QHash<QString, qint64> m_copiedOut; // tables this revision copied elsewhere: rows copied
    QString m_revision;
    QList<DataImpactItem> m_items;
};

} // namespace

namespace DataImpact {

bool assess(QSqlDatabase db, const MigrationHistory& history, int fromIndex, int toIndex,
            QList<DataImpactItem>* items, QString* error)
{
    items->clear();
    SqlDialect dialect;
    if (!sqlDialectOfDriver(db.driverName(), &dialect)) {
        *error = tr("unsupported database driver %1").arg(db.driverName());
        return false;
    }
    const int head = history.headIndex();
    if (fromIndex < -1 || fromIndex > head || toIndex < -1 || toIndex > head) {
        *error = tr("no such revision in the history");
        return false;
    }
    PlanSimulation simulation(db);
    const bool up = toIndex > fromIndex;
    const MigrationDirection direction =
        up ? MigrationDirection::Upgrade : MigrationDirection::Downgrade;
    for (int index = fromIndex; index != toIndex; index += up ? 1 : -1) {
        const Migration& migration = history.at(up ? index + 1 : index);
        if (!simulation.assessRevision(migration, migration.statements(direction, dialect),
                                       error)) {
            return false;
        }
    }
    *items = simulation.items();
    return true;
}

} // namespace DataImpact
