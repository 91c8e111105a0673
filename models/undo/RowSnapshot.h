#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <initializer_list>

#include "models/BlogTable.h"

// Which rows of which tables a snapshot holds: per table, the rows whose `column` holds one of
// the given values. A table's primary key selects by "id"; post_tags (key post_id + tag_id) is
// selected by post_id or by tag_id; any integer column works (profiles by user_id, ...).
class RowKeys
{
public:
    struct Selector
    {
        Selector(const QString& table, const QList<qint64>& ids);
        Selector(const QString& table, const QString& column, const QList<qint64>& values);
        Selector(BlogTable table, const QList<qint64>& ids);
        Selector(BlogTable table, const QString& column, const QList<qint64>& values);

        QString table;
        QString column;
        QList<qint64> values;
    };

    RowKeys() = default;
    RowKeys(std::initializer_list<Selector> selectors);

    RowKeys& add(const Selector& selector);
    RowKeys& add(const QString& table, const QList<qint64>& ids);
    RowKeys& add(const QString& table, const QString& column, const QList<qint64>& values);
    RowKeys& operator+=(const RowKeys& other);
    RowKeys united(const RowKeys& other) const;

    bool isEmpty() const { return m_keys.isEmpty(); }
    QStringList tables() const { return m_keys.keys(); }
    // column -> the values (sorted, unique) selected in `table`.
    QMap<QString, QList<qint64>> columnsOf(const QString& table) const;
    bool operator==(const RowKeys& other) const { return m_keys == other.m_keys; }
    bool operator!=(const RowKeys& other) const { return !(*this == other); }

private:
    QMap<QString, QMap<QString, QList<qint64>>> m_keys; // table -> column -> values
};

// The full rows (every column) that a RowKeys selects, as stored. On SQLite the values are
// read raw (an SQLAlchemy DATETIME stays the exact text, a 0/1 boolean an integer), so writing
// them back restores the row byte for byte; on PostgreSQL and MySQL every value is read as its
// text form (microseconds included) and written back from it.
class RowSnapshot
{
    Q_DECLARE_TR_FUNCTIONS(RowSnapshot)

public:
    using Key = QList<qint64>; // the primary key's values, in key-column order
    using Row = QVariantList;  // in the table's column order
    struct Table
    {
        QStringList columns;
        QStringList keyColumns;
        QMap<Key, Row> rows;
    };

    // The rows `keys` selects, with a bounded number of queries (one per table, selecting
    // column and batch of 500 values). On failure *error says why and the snapshot is empty.
    static RowSnapshot capture(QSqlDatabase db, const RowKeys& keys, QString* error);

    // The tables BlogDesk knows (BlogTables::all()'s names), parents before children.
    // capture() refuses others.
    static QStringList knownTables();
    static QStringList keyColumnsOf(const QString& table);

    const RowKeys& keys() const { return m_keys; }
    QStringList tables() const { return m_tables.keys(); }
    // The table's columns and captured rows (empty when nothing was captured there).
    Table table(const QString& table) const { return m_tables.value(table); }
    int rowCount() const;
    bool contains(const QString& table, const Key& key) const;

    // Values compared exactly: NULL only equals NULL, the same type and the same value.
    static bool sameRow(const Row& a, const Row& b);

    // The row in words for messages: "user 'alice'", "post 'Hello'", "comment #12", ...
    static QString describe(const QString& table, const Table& layout, const Row& row);

    // Same tables, same rows with the same values (the keys may differ).
    bool sameRows(const RowSnapshot& other) const;

private:
    RowKeys m_keys;
    QMap<QString, Table> m_tables;
};
