#include "SchemaDiff.h"

#include <QCoreApplication>

namespace {

using Kind = SchemaDifference::Kind;

bool sameName(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool sameNames(const QStringList& a, const QStringList& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (int i = 0; i < a.size(); ++i) {
        if (!sameName(a.at(i), b.at(i))) {
            return false;
        }
    }
    return true;
}

bool allowsNull(const SchemaColumn& column)
{
    return column.nullable && !column.primaryKey;
}

QString nullability(const SchemaColumn& column)
{
    return allowsNull(column) ? SchemaDifference::tr("NULL allowed")
                              : SchemaDifference::tr("NOT NULL");
}

QString indexDescription(const SchemaIndex& index)
{
    const QString columns = index.columns.join(QStringLiteral(", "));
    if (index.fullText) {
        return SchemaDifference::tr("full-text (%1)").arg(columns);
    }
    return index.unique ? SchemaDifference::tr("unique (%1)").arg(columns)
                        : QStringLiteral("(%1)").arg(columns);
}

bool sameForeignKey(const SchemaForeignKey& a, const SchemaForeignKey& b)
{
    return sameNames(a.columns, b.columns) && sameName(a.referencedTable, b.referencedTable) &&
           sameNames(a.referencedColumns, b.referencedColumns);
}

// An expected index is there when the live table has one on the same columns that is at
// least as strict: a UNIQUE constraint also does the work of a plain index.
bool indexSatisfied(const SchemaIndex& wanted, const QList<SchemaIndex>& present)
{
    for (const SchemaIndex& index : present) {
        if (sameNames(index.columns, wanted.columns) && index.fullText == wanted.fullText &&
            (index.unique || !wanted.unique)) {
            return true;
        }
    }
    return false;
}

// A live index is expected when the revision has one on the same columns and of the same
// uniqueness and kind (full-text or not): a unique index where BlogDesk has a plain one is a
// constraint it does not know.
bool indexExpected(const SchemaIndex& live, const QList<SchemaIndex>& expected)
{
    for (const SchemaIndex& index : expected) {
        if (sameNames(index.columns, live.columns) && index.unique == live.unique &&
            index.fullText == live.fullText) {
            return true;
        }
    }
    return false;
}

bool foreignKeyIn(const SchemaForeignKey& foreignKey, const QList<SchemaForeignKey>& list)
{
    for (const SchemaForeignKey& candidate : list) {
        if (sameForeignKey(candidate, foreignKey)) {
            return true;
        }
    }
    return false;
}

class TableComparison
{
public:
    TableComparison(const SchemaTable& expected, const SchemaTable& actual,
                    QList<SchemaDifference>* differences)
        : m_expected(expected), m_actual(actual), m_differences(differences)
    {}

    void run()
    {
        compareColumns();
        compareIndexes();
        compareForeignKeys();
    }

private:
    void add(Kind kind, const QString& object, const QString& expected, const QString& actual)
    {
        m_differences->append(SchemaDifference{kind, m_expected.name, object, expected, actual});
    }

    void compareColumns()
    {
        for (const SchemaColumn& wanted : m_expected.columns) {
            const SchemaColumn* live = m_actual.column(wanted.name);
            if (!live) {
                add(Kind::MissingColumn, wanted.name, wanted.type, QString());
                continue;
            }
            if (wanted.type != live->type) {
                add(Kind::ColumnType, wanted.name, wanted.type, live->type);
            }
            if (allowsNull(wanted) != allowsNull(*live)) {
                add(Kind::ColumnNullability, wanted.name, nullability(wanted), nullability(*live));
            }
        }
        for (const SchemaColumn& live : m_actual.columns) {
            if (!m_expected.column(live.name)) {
                add(Kind::ExtraColumn, live.name, QString(), live.type);
            }
        }
    }

    void compareIndexes()
    {
        for (const SchemaIndex& wanted : m_expected.indexes) {
            if (!indexSatisfied(wanted, m_actual.indexes)) {
                add(Kind::MissingIndex, wanted.name, indexDescription(wanted), QString());
            }
        }
        for (const SchemaIndex& live : m_actual.indexes) {
            if (!indexExpected(live, m_expected.indexes)) {
                add(Kind::ExtraIndex, live.name, QString(), indexDescription(live));
            }
        }
    }

    void compareForeignKeys()
    {
        for (const SchemaForeignKey& wanted : m_expected.foreignKeys) {
            if (!foreignKeyIn(wanted, m_actual.foreignKeys)) {
                add(Kind::MissingForeignKey, wanted.text(), wanted.text(), QString());
            }
        }
        for (const SchemaForeignKey& live : m_actual.foreignKeys) {
            if (!foreignKeyIn(live, m_expected.foreignKeys)) {
                add(Kind::ExtraForeignKey, live.text(), QString(), live.text());
            }
        }
    }

    const SchemaTable& m_expected;
    const SchemaTable& m_actual;
    QList<SchemaDifference>* m_differences;
};

// Both snapshots are sorted by name, but the comparison must not rely on it: a snapshot
// built by hand (or by another reader) may not be.
QStringList tableNamesOfBoth(const SchemaSnapshot& expected, const SchemaSnapshot& actual)
{
    QStringList names;
    for (const SchemaSnapshot* snapshot : {&expected, &actual}) {
        for (const SchemaTable& table : snapshot->tables) {
            if (!names.contains(table.name, Qt::CaseInsensitive)) {
                names << table.name;
            }
        }
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

} // namespace

QString SchemaDifference::text() const
{
    const QString where = QStringLiteral("%1.%2").arg(table, object);
    switch (kind) {
    case Kind::MissingTable:
        return tr("%1: table is missing").arg(table);
    case Kind::ExtraTable:
        return tr("%1: table is not in the expected schema").arg(table);
    case Kind::MissingColumn:
        return tr("%1: column is missing (expected %2)").arg(where, expected);
    case Kind::ExtraColumn:
        return tr("%1: column is not in the expected schema (%2)").arg(where, actual);
    case Kind::ColumnType:
    case Kind::ColumnNullability:
        return tr("%1: expected %2, found %3").arg(where, expected, actual);
    case Kind::MissingIndex:
        return tr("%1: index %2 %3 is missing").arg(table, object, expected);
    case Kind::ExtraIndex:
        return tr("%1: index %2 %3 is not in the expected schema").arg(table, object, actual);
    case Kind::MissingForeignKey:
        return tr("%1: foreign key %2 is missing").arg(table, object);
    case Kind::ExtraForeignKey:
        return tr("%1: foreign key %2 is not in the expected schema").arg(table, object);
    }
    return where;
}

QList<SchemaDifference> compareSchemas(const SchemaSnapshot& expected, const SchemaSnapshot& actual)
{
    QList<SchemaDifference> differences;
    for (const QString& name : tableNamesOfBoth(expected, actual)) {
        const SchemaTable* wanted = expected.table(name);
        const SchemaTable* live = actual.table(name);
        if (!live) {
            differences.append(SchemaDifference{Kind::MissingTable, name, name, name, QString()});
        } else if (!wanted) {
            differences.append(SchemaDifference{Kind::ExtraTable, name, name, QString(), name});
        } else {
            TableComparison(*wanted, *live, &differences).run();
        }
    }
    return differences;
}

QString schemaDifferencesText(const QList<SchemaDifference>& differences)
{
    QStringList lines;
    for (const SchemaDifference& difference : differences) {
        lines << difference.text();
    }
    return lines.join(QLatin1Char('\n'));
}
