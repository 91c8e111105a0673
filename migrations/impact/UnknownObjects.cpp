#include "UnknownObjects.h"

#include <QRegularExpression>

#include "migrations/impact/DataImpactStatements.h"

namespace {

const char* const CarryPrefix = "_blogdesk_carry_";

QString kindName(UnknownObject::Kind kind)
{
    switch (kind) {
    case UnknownObject::Kind::Column:
        return QStringLiteral("column");
    case UnknownObject::Kind::Index:
        return QStringLiteral("index");
    case UnknownObject::Kind::Trigger:
        return QStringLiteral("trigger");
    case UnknownObject::Kind::Table:
        break;
    }
    return QStringLiteral("table");
}

QString quotedList(const QStringList& names, const QString& qualifier = QString())
{
    QStringList parts;
    for (const QString& name : names) {
        parts << qualifier + UnknownObjects::quoted(name);
    }
    return parts.join(QStringLiteral(", "));
}

// `carry`.key IS `table`.key for every key column: the row the values were set aside from.
QString sameRow(const TableCarry& carry)
{
    QStringList parts;
    for (const QString& key : carry.keyColumns) {
        parts << QStringLiteral("c.%1 IS %2.%1")
                     .arg(UnknownObjects::quoted(key), UnknownObjects::quoted(carry.table));
    }
    return parts.join(QStringLiteral(" AND "));
}

// The text between the parentheses that follow the table name, without them.
QString tableBody(const QString& createTableSql)
{
    const int open = createTableSql.indexOf(QLatin1Char('('));
    if (open < 0) {
        return QString();
    }
    int depth = 0;
    for (int at = open; at < createTableSql.size(); ++at) {
        const QChar c = createTableSql.at(at);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const int close = createTableSql.indexOf(c, at + 1);
            at = close < 0 ? createTableSql.size() : close;
        } else if (c == QLatin1Char('[')) {
            const int close = createTableSql.indexOf(QLatin1Char(']'), at + 1);
            at = close < 0 ? createTableSql.size() : close;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')') && --depth == 0) {
            return createTableSql.mid(open + 1, at - open - 1);
        }
    }
    return QString();
}

} // namespace

QString UnknownObject::key() const
{
    return QStringLiteral("%1 %2.%3").arg(kindName(kind), table.toLower(), name.toLower());
}

QString UnknownObject::text() const
{
    switch (kind) {
    case Kind::Column:
        if (rows == 0) {
            return tr("%1.%2: a column BlogDesk's history does not know; no row holds a value")
                .arg(table, name);
        }
        return rows == 1
                   ? tr("%1.%2: a column BlogDesk's history does not know; 1 row holds a value")
                         .arg(table, name)
                   : tr("%1.%2: a column BlogDesk's history does not know; %3 rows hold a value")
                         .arg(table, name)
                         .arg(rows);
    case Kind::Index:
        return tr("%1: index %2 (%3), which BlogDesk's history does not know")
            .arg(table, name, columns);
    case Kind::Trigger:
        return tr("%1: trigger %2, which BlogDesk's history does not know").arg(table, name);
    case Kind::Table:
        break;
    }
    return rows == 1
               ? tr("%1: a table BlogDesk's history does not know; 1 row").arg(table)
               : tr("%1: a table BlogDesk's history does not know; %2 rows").arg(table).arg(rows);
}

QString UnknownObject::withFate() const
{
    return tr("%1 (%2)").arg(text(), fate);
}

QString UnknownObject::fullText() const
{
    return keepable() ? withFate() : tr("%1; it cannot be kept: %2").arg(withFate(), whyNotKept);
}

QStringList TableCarry::before() const
{
    if (columns.isEmpty()) {
        return {};
    }
    // No declared types: no affinity, so every value is kept exactly as stored.
    const QString carryTable = UnknownObjects::quoted(QLatin1String(CarryPrefix) + table);
    const QStringList all = keyColumns + columns;
    return {QStringLiteral("CREATE TABLE %1 (%2, PRIMARY KEY (%3))")
                .arg(carryTable, quotedList(all), quotedList(keyColumns)),
            QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3")
                .arg(carryTable, quotedList(all), UnknownObjects::quoted(table))};
}

QStringList TableCarry::after() const
{
    QStringList statements;
    const QString target = UnknownObjects::quoted(table);
    for (const QString& definition : columnDefinitions) {
        statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(target, definition);
    }
    if (!columns.isEmpty()) {
        const QString carryTable = UnknownObjects::quoted(QLatin1String(CarryPrefix) + table);
        statements << QStringLiteral("UPDATE %1 SET (%2) = (SELECT %3 FROM %4 AS c WHERE %5) "
                                     "WHERE EXISTS (SELECT 1 FROM %4 AS c WHERE %5)")
                          .arg(target, quotedList(columns),
                               quotedList(columns, QStringLiteral("c.")), carryTable,
                               sameRow(*this));
        statements << QStringLiteral("DROP TABLE %1").arg(carryTable);
    }
    return statements + recreateSql;
}

namespace UnknownObjects {

bool allowed(const QList<UnknownObject>& objects, UnknownObjectsPolicy policy,
             QList<UnknownObject>* inTheWay)
{
    inTheWay->clear();
    for (const UnknownObject& object : objects) {
        if (policy == UnknownObjectsPolicy::Refuse ||
            (policy == UnknownObjectsPolicy::Keep && !object.keepable())) {
            inTheWay->append(object);
        }
    }
    return inTheWay->isEmpty();
}

QStringList keys(const QList<UnknownObject>& objects)
{
    QStringList result;
    for (const UnknownObject& object : objects) {
        result << object.key();
    }
    result.sort();
    return result;
}

QStringList carriedThrough(const QList<TableCarry>& carries, const QString& revision,
                           const QStringList& statements)
{
    QStringList before;
    QStringList after;
    for (const TableCarry& carry : carries) {
        if (carry.revision == revision) {
            before << carry.before();
            after << carry.after();
        }
    }
    return before + statements + after;
}

QString columnDefinition(const QString& createTableSql, const QString& column)
{
    static const QRegularExpression firstToken(
        QStringLiteral(R"re(^\s*("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[^\s(,]+))re"));
    static const QStringList constraints{"constraint", "primary", "unique", "check", "foreign"};
    for (const QString& part : DataImpactStatements::splitTopLevel(tableBody(createTableSql))) {
        const QRegularExpressionMatch match = firstToken.match(part);
        if (!match.hasMatch()) {
            continue;
        }
        const QString token = match.captured(1);
        const bool bare = token.at(0).isLetterOrNumber() || token.at(0) == QLatin1Char('_');
        if (bare && constraints.contains(token.toLower())) {
            continue;
        }
        QString name = bare ? token : token.mid(1, token.size() - 2);
        if (token.startsWith(QLatin1Char('"'))) {
            name.replace(QStringLiteral("\"\""), QStringLiteral("\""));
        }
        if (name.compare(column, Qt::CaseInsensitive) == 0) {
            return part.trimmed();
        }
    }
    return QString();
}

QString quoted(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
           QLatin1Char('"');
}

} // namespace UnknownObjects
