#include "SqliteFullText.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace SqliteFullText {

namespace {

// content='posts', content="posts" or content=posts in the module arguments.
QString contentTableOf(const QString& createSql)
{
    static const QRegularExpression content(
        QStringLiteral(
            R"re([(,]\s*content\s*=\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z_][A-Za-z0-9_]*)))re"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = content.match(createSql);
    for (int group = 1; group <= 3; ++group) {
        if (match.capturedLength(group) > 0) {
            return match.captured(group);
        }
    }
    return QString();
}

bool readColumns(QSqlDatabase db, Table* table, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"))) {
        *error = query.lastError().text();
        return false;
    }
    query.addBindValue(table->name);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        table->columns << query.value(0).toString();
    }
    return true;
}

} // namespace

bool read(QSqlDatabase db, QList<Table>* tables, QString* error)
{
    static const QRegularExpression fts5(
        QStringLiteral(R"(^\s*CREATE\s+VIRTUAL\s+TABLE\b.*\bUSING\s+fts5\b)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    tables->clear();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                   "AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"))) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        const QString sql = query.value(1).toString();
        if (fts5.match(sql).hasMatch()) {
            tables->append(Table{query.value(0).toString(), contentTableOf(sql), {}});
        }
    }
    for (Table& table : *tables) {
        if (!readColumns(db, &table, error)) {
            return false;
        }
    }
    return true;
}

QStringList derivedTableNames(const QList<Table>& tables)
{
    QStringList names;
    for (const Table& table : tables) {
        const QString name = table.name.toLower();
        names << name;
        for (const char* shadow : {"_data", "_idx", "_docsize", "_config", "_content"}) {
            names << name + QLatin1String(shadow);
        }
    }
    return names;
}

} // namespace SqliteFullText
