#include "RowSnapshot.h"

#include "sql/Dialect.h"
#include "sql/IdBatches.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

using IdBatches::placeholders;
using IdBatches::sortedUnique;

namespace {

// A column as the snapshot reads it: raw on SQLite, its exact text form elsewhere.
QString selectExpression(const QSqlDatabase& db, const QString& column)
{
    return Dialect::of(db).exactText(db.driver()->escapeIdentifier(column, QSqlDriver::FieldName));
}

bool readColumns(const QSqlDatabase& db, const QString& table, QStringList* columns, QString* error)
{
    const QSqlRecord record = db.record(table);
    for (int i = 0; i < record.count(); ++i) {
        *columns << record.fieldName(i);
    }
    if (columns->isEmpty()) {
        *error = RowSnapshot::tr("Could not read the columns of table %1.").arg(table);
        return false;
    }
    return true;
}

bool readRows(const QSqlDatabase& db, const QString& table, const QString& column,
              const QList<qint64>& values, RowSnapshot::Table* rows, QString* error)
{
    QStringList expressions;
    for (const QString& name : rows->columns) {
        expressions << selectExpression(db, name);
    }
    QList<int> keyIndexes;
    for (const QString& key : rows->keyColumns) {
        keyIndexes << int(rows->columns.indexOf(key));
    }
    const QString statement =
        QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4)")
            .arg(expressions.join(QStringLiteral(", ")), table,
                 db.driver()->escapeIdentifier(column, QSqlDriver::FieldName));
    for (qsizetype start = 0; start < values.size(); start += IdBatches::Size) {
        const QList<qint64> batch = values.mid(start, IdBatches::Size);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        bool ok = query.prepare(statement.arg(placeholders(batch.size())));
        for (const qint64 value : batch) {
            query.addBindValue(value);
        }
        if (!ok || !query.exec()) {
            *error =
                RowSnapshot::tr("Could not read table %1: %2").arg(table, query.lastError().text());
            return false;
        }
        while (query.next()) {
            RowSnapshot::Row row;
            row.reserve(rows->columns.size());
            for (int i = 0; i < rows->columns.size(); ++i) {
                row << query.value(i);
            }
            RowSnapshot::Key key;
            for (const int index : keyIndexes) {
                key << row.at(index).toLongLong();
            }
            rows->rows.insert(key, row);
        }
    }
    return true;
}

} // namespace

// ---- RowKeys -------------------------------------------------------------------------------

RowKeys::Selector::Selector(const QString& table, const QList<qint64>& ids)
    : table(table), column(QStringLiteral("id")), values(ids)
{}

RowKeys::Selector::Selector(const QString& table, const QString& column,
                            const QList<qint64>& values)
    : table(table), column(column), values(values)
{}

RowKeys::RowKeys(std::initializer_list<Selector> selectors)
{
    for (const Selector& selector : selectors) {
        add(selector);
    }
}

RowKeys& RowKeys::add(const Selector& selector)
{
    if (selector.values.isEmpty()) {
        return *this;
    }
    QList<qint64>& values = m_keys[selector.table][selector.column];
    values = sortedUnique(values + selector.values);
    return *this;
}

RowKeys::Selector::Selector(BlogTable table, const QList<qint64>& ids)
    : Selector(BlogTables::name(table), ids)
{}

RowKeys::Selector::Selector(BlogTable table, const QString& column, const QList<qint64>& values)
    : Selector(BlogTables::name(table), column, values)
{}

RowKeys& RowKeys::add(const QString& table, const QList<qint64>& ids)
{
    return add(Selector(table, ids));
}

RowKeys& RowKeys::add(const QString& table, const QString& column, const QList<qint64>& values)
{
    return add(Selector(table, column, values));
}

RowKeys& RowKeys::operator+=(const RowKeys& other)
{
    for (auto table = other.m_keys.cbegin(); table != other.m_keys.cend(); ++table) {
        for (auto column = table->cbegin(); column != table->cend(); ++column) {
            add(table.key(), column.key(), column.value());
        }
    }
    return *this;
}

RowKeys RowKeys::united(const RowKeys& other) const
{
    RowKeys keys = *this;
    keys += other;
    return keys;
}

QMap<QString, QList<qint64>> RowKeys::columnsOf(const QString& table) const
{
    return m_keys.value(table);
}

// ---- RowSnapshot ---------------------------------------------------------------------------

QStringList RowSnapshot::knownTables()
{
    QStringList names;
    for (const BlogTable table : BlogTables::all()) {
        names << BlogTables::name(table);
    }
    return names;
}

QStringList RowSnapshot::keyColumnsOf(const QString& table)
{
    const std::optional<BlogTable> known = BlogTables::fromName(table);
    return known ? BlogTables::keyColumns(*known) : QStringList{QStringLiteral("id")};
}

RowSnapshot RowSnapshot::capture(QSqlDatabase db, const RowKeys& keys, QString* error)
{
    error->clear();
    RowSnapshot snapshot;
    snapshot.m_keys = keys;
    for (const QString& table : keys.tables()) {
        if (!knownTables().contains(table)) {
            *error = tr("Cannot keep rows of table %1 for undo.").arg(table);
            return {};
        }
        Table rows;
        rows.keyColumns = keyColumnsOf(table);
        if (!readColumns(db, table, &rows.columns, error)) {
            return {};
        }
        const QMap<QString, QList<qint64>> columns = keys.columnsOf(table);
        for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
            if (!rows.columns.contains(it.key())) {
                *error = tr("Table %1 has no column %2.").arg(table, it.key());
                return {};
            }
            if (!readRows(db, table, it.key(), it.value(), &rows, error)) {
                return {};
            }
        }
        snapshot.m_tables.insert(table, rows);
    }
    return snapshot;
}

int RowSnapshot::rowCount() const
{
    int count = 0;
    for (const Table& table : m_tables) {
        count += int(table.rows.size());
    }
    return count;
}

bool RowSnapshot::contains(const QString& table, const Key& key) const
{
    return m_tables.value(table).rows.contains(key);
}

bool RowSnapshot::sameRow(const Row& a, const Row& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QVariant& x = a.at(i);
        const QVariant& y = b.at(i);
        if (x.isNull() || y.isNull()) {
            if (x.isNull() != y.isNull()) {
                return false;
            }
            continue;
        }
        if (x.typeId() != y.typeId() || x != y) {
            return false;
        }
    }
    return true;
}

QString RowSnapshot::describe(const QString& table, const Table& layout, const Row& row)
{
    const auto value = [&](const char* column) {
        const qsizetype index = layout.columns.indexOf(QLatin1String(column));
        return index < 0 ? QString() : row.value(index).toString();
    };
    const std::optional<BlogTable> known = BlogTables::fromName(table);
    if (!known) {
        return tr("a row of %1").arg(table);
    }
    switch (*known) {
    case BlogTable::Users:
        return tr("user '%1'").arg(value("username"));
    case BlogTable::Posts:
        return tr("post '%1'").arg(value("title"));
    case BlogTable::Tags:
        return tr("tag '%1'").arg(value("name"));
    case BlogTable::Profiles:
        return tr("the profile of user #%1").arg(value("user_id"));
    case BlogTable::PostTags:
        return tr("the link of post #%1 to tag #%2").arg(value("post_id"), value("tag_id"));
    case BlogTable::Comments:
        return tr("comment #%1").arg(value("id"));
    }
    return tr("a row of %1").arg(table);
}

bool RowSnapshot::sameRows(const RowSnapshot& other) const
{
    QStringList names = tables() + other.tables();
    names.removeDuplicates();
    for (const QString& name : names) {
        const Table mine = table(name);
        const Table theirs = other.table(name);
        if (mine.rows.keys() != theirs.rows.keys()) {
            return false;
        }
        for (auto it = mine.rows.cbegin(); it != mine.rows.cend(); ++it) {
            if (!sameRow(it.value(), theirs.rows.value(it.key()))) {
                return false;
            }
        }
    }
    return true;
}
