#include "QueryPlan.h"

#include "sql/Dialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>

namespace {

// Deeper than any real plan; a fuzzed one must not exhaust the stack.
constexpr int MaxDepth = 200;

void addOnce(QStringList* list, const QString& name)
{
    if (!name.isEmpty() && !list->contains(name)) {
        list->append(name);
    }
}

// One line of SQLite's EXPLAIN QUERY PLAN. Older versions write "SCAN TABLE posts".
void readSqliteDetail(const QString& detail, QueryPlan* plan)
{
    static const QRegularExpression access(
        QStringLiteral(R"(^(SCAN|SEARCH) (?:TABLE )?(\S+)(?: AS (\S+))?(.*)$)"));
    static const QRegularExpression namedIndex(
        QStringLiteral(R"(USING (?:COVERING )?INDEX (\S+))"));
    static const QRegularExpression primaryKey(
        QStringLiteral(R"(USING (?:INTEGER )?PRIMARY KEY|USING ROWID)"));
    if (detail.startsWith(QLatin1String("USE TEMP B-TREE FOR "))) {
        const bool part = detail.contains(QLatin1String("RIGHT PART OF")) ||
                          detail.contains(QLatin1String("LAST TERM OF"));
        (part ? plan->sortsWithinRuns : plan->sorts) = true;
        return;
    }
    const QRegularExpressionMatch match = access.match(detail);
    if (!match.hasMatch() || match.captured(2) == QLatin1String("CONSTANT") ||
        match.captured(4).startsWith(QLatin1String(" CONSTANT"))) {
        return; // MATERIALIZE, CO-ROUTINE, SCAN CONSTANT ROW, subquery headings, ...
    }
    const QString table = match.captured(3).isEmpty() ? match.captured(2) : match.captured(3);
    const QString how = match.captured(4);
    const QRegularExpressionMatch index = namedIndex.match(how);
    if (how.contains(QLatin1String("AUTOMATIC"))) {
        addOnce(&plan->scannedTables, table); // the automatic index is built by a scan
    } else if (index.hasMatch()) {
        addOnce(&plan->indexes, index.captured(1));
    } else if (primaryKey.match(how).hasMatch()) {
        addOnce(&plan->indexes, QStringLiteral("PRIMARY KEY"));
    } else if (match.captured(1) == QLatin1String("SCAN") &&
               !how.contains(QLatin1String("VIRTUAL TABLE"))) {
        addOnce(&plan->scannedTables, table);
    }
}

bool readPostgresNode(const QJsonValue& value, int depth, QueryPlan* plan)
{
    if (depth > MaxDepth) {
        return false;
    }
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray()) {
            if (!readPostgresNode(item, depth + 1, plan)) {
                return false;
            }
        }
        return true;
    }
    if (!value.isObject()) {
        return true;
    }
    const QJsonObject node = value.toObject();
    const QString type = node.value(QLatin1String("Node Type")).toString();
    if (type == QLatin1String("Seq Scan")) {
        const QString alias = node.value(QLatin1String("Alias")).toString();
        addOnce(&plan->scannedTables,
                alias.isEmpty() ? node.value(QLatin1String("Relation Name")).toString() : alias);
    } else if (type == QLatin1String("Sort")) {
        plan->sorts = true;
    } else if (type == QLatin1String("Incremental Sort")) {
        plan->sortsWithinRuns = true;
    }
    addOnce(&plan->indexes, node.value(QLatin1String("Index Name")).toString());
    for (auto it = node.begin(); it != node.end(); ++it) {
        if ((it->isArray() || it->isObject()) && !readPostgresNode(*it, depth + 1, plan)) {
            return false;
        }
    }
    return true;
}

bool readMysqlNode(const QJsonValue& value, int depth, QueryPlan* plan)
{
    if (depth > MaxDepth) {
        return false;
    }
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray()) {
            if (!readMysqlNode(item, depth + 1, plan)) {
                return false;
            }
        }
        return true;
    }
    if (!value.isObject()) {
        return true;
    }
    const QJsonObject node = value.toObject();
    if (node.contains(QLatin1String("table_name"))) {
        if (node.value(QLatin1String("access_type")).toString() == QLatin1String("ALL")) {
            addOnce(&plan->scannedTables, node.value(QLatin1String("table_name")).toString());
        }
        addOnce(&plan->indexes, node.value(QLatin1String("key")).toString());
    }
    // MariaDB nests the rows it sorts under "filesort"; MySQL 8 says "using_filesort": true.
    if (node.contains(QLatin1String("filesort")) ||
        node.value(QLatin1String("using_filesort")).toBool()) {
        plan->sorts = true;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        if ((it->isArray() || it->isObject()) && !readMysqlNode(*it, depth + 1, plan)) {
            return false;
        }
    }
    return true;
}

bool readJson(const QByteArray& json, QJsonValue* value, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        *error = QueryPlan::tr("the plan is not JSON: %1 at %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    *value = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    return true;
}

QString literal(const QSqlDriver* driver, const QVariant& value)
{
    QSqlField field(QStringLiteral("value"), value.metaType());
    field.setValue(value);
    return driver->formatValue(field);
}

// '?' placeholders outside quotes replaced by the driver's literals, in order.
bool inlineValues(const QSqlDriver* driver, const QString& sql, const QVariantList& values,
                  QString* result)
{
    int next = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            quote = c == quote ? QChar() : quote;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('?')) {
            if (next >= values.size()) {
                return false;
            }
            *result += literal(driver, values.at(next++));
            continue;
        }
        *result += c;
    }
    return next == values.size();
}

} // namespace

bool QueryPlan::uses(const QString& index) const
{
    return indexes.contains(index, Qt::CaseInsensitive);
}

bool QueryPlan::scans(const QString& table) const
{
    return scannedTables.contains(table, Qt::CaseInsensitive);
}

QString QueryPlan::summary() const
{
    QStringList parts{QStringLiteral("indexes: ") + indexes.join(QStringLiteral(", "))};
    if (!scannedTables.isEmpty()) {
        parts << QStringLiteral("scans: ") + scannedTables.join(QStringLiteral(", "));
    }
    if (sorts) {
        parts << QStringLiteral("sorts");
    }
    if (sortsWithinRuns) {
        parts << QStringLiteral("sorts within runs");
    }
    return parts.join(QStringLiteral("; "));
}

bool QueryPlan::fromSqlite(const QStringList& details, QueryPlan* plan, QString* error)
{
    *plan = QueryPlan();
    plan->text = details.join(QLatin1Char('\n'));
    if (details.isEmpty()) {
        *error = tr("the plan is empty");
        return false;
    }
    for (const QString& detail : details) {
        readSqliteDetail(detail.trimmed(), plan);
    }
    return true;
}

bool QueryPlan::fromPostgresJson(const QByteArray& json, QueryPlan* plan, QString* error)
{
    *plan = QueryPlan();
    plan->text = QString::fromUtf8(json);
    QJsonValue value;
    if (!readJson(json, &value, error)) {
        return false;
    }
    // [{"Plan": {...}}]: one element per statement.
    const QJsonArray statements = value.toArray();
    const QJsonValue root = statements.isEmpty() ? value : statements.at(0);
    if (!root.toObject().value(QLatin1String("Plan")).isObject()) {
        *error = tr("the plan has no \"Plan\" node");
        return false;
    }
    if (!readPostgresNode(root, 0, plan)) {
        *error = tr("the plan is nested too deeply");
        return false;
    }
    return true;
}

bool QueryPlan::fromMysqlJson(const QByteArray& json, QueryPlan* plan, QString* error)
{
    *plan = QueryPlan();
    plan->text = QString::fromUtf8(json);
    QJsonValue value;
    if (!readJson(json, &value, error)) {
        return false;
    }
    if (!value.toObject().value(QLatin1String("query_block")).isObject()) {
        *error = tr("the plan has no \"query_block\"");
        return false;
    }
    if (!readMysqlNode(value, 0, plan)) {
        *error = tr("the plan is nested too deeply");
        return false;
    }
    return true;
}

bool QueryPlan::parse(SqlDialect dialect, const QByteArray& output, QueryPlan* plan, QString* error)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return fromSqlite(QString::fromUtf8(output).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                          plan, error);
    case SqlDialect::PostgreSQL:
        return fromPostgresJson(output, plan, error);
    case SqlDialect::MySQL:
        return fromMysqlJson(output, plan, error);
    }
    return false;
}

bool QueryPlan::explain(QSqlDatabase db, const QString& sql, const QVariantList& values,
                        QueryPlan* plan, QString* error)
{
    const SqlDialect dialect = Dialect::of(db).kind();
    QString statement;
    switch (dialect) {
    case SqlDialect::SQLite:
        statement = QStringLiteral("EXPLAIN QUERY PLAN ") + sql;
        break;
    case SqlDialect::PostgreSQL:
        statement = QStringLiteral("EXPLAIN (FORMAT JSON) ") + sql;
        break;
    case SqlDialect::MySQL:
        statement = QStringLiteral("EXPLAIN FORMAT=JSON ") + sql;
        break;
    }
    const bool inlined = dialect != SqlDialect::SQLite;
    QString withValues;
    if (inlined && !inlineValues(db.driver(), statement, values, &withValues)) {
        *error = tr("the statement's placeholders do not match its %n value(s)", nullptr,
                    int(values.size()));
        return false;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok = true;
    if (inlined) {
        ok = query.exec(withValues);
    } else {
        ok = query.prepare(statement);
        for (const QVariant& value : values) {
            query.addBindValue(value);
        }
        ok = ok && query.exec();
    }
    if (!ok) {
        *error = tr("cannot read the plan: %1").arg(query.lastError().text());
        return false;
    }
    // SQLite: one row per step, the detail last; the servers: one row with the JSON.
    QStringList rows;
    const int column = dialect == SqlDialect::SQLite ? 3 : 0;
    while (query.next()) {
        rows << query.value(column).toString();
    }
    return parse(dialect, rows.join(QLatin1Char('\n')).toUtf8(), plan, error);
}
