#include "SchemaSnapshot.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include "migrations/SqlDialect.h"

namespace {

// Stands in for the column name of an index part that is an expression, not a column.
const char* const ExpressionPart = "<expression>";

QString tr(const char* text)
{
    return QCoreApplication::translate("SchemaSnapshot", text);
}

bool sameName(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool lessByName(const QString& a, const QString& b)
{
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

bool run(QSqlQuery& query, const QString& statement, const QVariantList& values, QString* error)
{
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        *error = tr("cannot read the schema: %1").arg(query.lastError().text());
        return false;
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        *error = tr("cannot read the schema: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

QString partName(const QVariant& value)
{
    return value.isNull() ? QLatin1String(ExpressionPart) : value.toString();
}

// Collects the rows of catalogue queries into tables. Rows about tables that were not added
// (bookkeeping and scratch tables) are dropped, so the per-dialect readers need not filter.
class SnapshotBuilder
{
public:
    void addTable(const QString& name)
    {
        if (!isSchemaSnapshotIgnoredTable(name)) {
            m_tables.append(SchemaTable{name, {}, {}, {}});
        }
    }

    SchemaTable* table(const QString& name)
    {
        for (SchemaTable& table : m_tables) {
            if (sameName(table.name, name)) {
                return &table;
            }
        }
        return nullptr;
    }

    QList<SchemaTable>& tables() { return m_tables; }

    void addColumn(const QString& tableName, const QString& name, const QString& declaredType,
                   bool nullable)
    {
        if (SchemaTable* target = table(tableName)) {
            target->columns.append(
                SchemaColumn{name, canonicalSqlType(declaredType), declaredType, nullable, false});
        }
    }

    void markPrimaryKey(const QString& tableName, const QString& columnName)
    {
        SchemaTable* target = table(tableName);
        if (!target) {
            return;
        }
        for (SchemaColumn& column : target->columns) {
            if (sameName(column.name, columnName)) {
                column.primaryKey = true;
            }
        }
    }

    // Rows must come ordered by table, index and position: a row continues the index before
    // it when the name is the same.
    void addIndexPart(const QString& tableName, const QString& indexName, bool unique,
                      const QString& columnName)
    {
        SchemaTable* target = table(tableName);
        if (!target) {
            return;
        }
        if (target->indexes.isEmpty() || target->indexes.last().name != indexName) {
            target->indexes.append(SchemaIndex{indexName, {}, unique});
        }
        target->indexes.last().columns.append(columnName);
    }

    // Rows ordered by table, constraint and position, as for indexes; the constraint name
    // only groups the rows.
    void addForeignKeyPart(const QString& tableName, const QString& constraintName,
                           const QString& columnName, const QString& referencedTable,
                           const QString& referencedColumn)
    {
        SchemaTable* target = table(tableName);
        if (!target) {
            return;
        }
        const QString key = tableName + QLatin1Char('\n') + constraintName;
        if (key != m_lastForeignKey || target->foreignKeys.isEmpty()) {
            target->foreignKeys.append(SchemaForeignKey{{}, referencedTable, {}});
            m_lastForeignKey = key;
        }
        SchemaForeignKey& foreignKey = target->foreignKeys.last();
        foreignKey.columns.append(columnName);
        if (!referencedColumn.isEmpty()) {
            foreignKey.referencedColumns.append(referencedColumn);
        }
    }

    SchemaSnapshot finish()
    {
        resolveImplicitReferences();
        std::sort(m_tables.begin(), m_tables.end(), [](const SchemaTable& a, const SchemaTable& b) {
            return lessByName(a.name, b.name);
        });
        for (SchemaTable& table : m_tables) {
            std::sort(table.indexes.begin(), table.indexes.end(),
                      [](const SchemaIndex& a, const SchemaIndex& b) {
                          return lessByName(a.name, b.name);
                      });
            std::sort(table.foreignKeys.begin(), table.foreignKeys.end(),
                      [](const SchemaForeignKey& a, const SchemaForeignKey& b) {
                          return lessByName(a.text(), b.text());
                      });
        }
        SchemaSnapshot snapshot;
        snapshot.tables = m_tables;
        return snapshot;
    }

private:
    // SQLite allows "REFERENCES users" without columns, meaning the referenced table's
    // primary key; spelled out here so it compares equal to the explicit form.
    void resolveImplicitReferences()
    {
        for (SchemaTable& table : m_tables) {
            for (SchemaForeignKey& foreignKey : table.foreignKeys) {
                if (!foreignKey.referencedColumns.isEmpty()) {
                    continue;
                }
                if (const SchemaTable* referenced = this->table(foreignKey.referencedTable)) {
                    for (const SchemaColumn& column : referenced->columns) {
                        if (column.primaryKey) {
                            foreignKey.referencedColumns.append(column.name);
                        }
                    }
                }
            }
        }
    }

    QList<SchemaTable> m_tables;
    QString m_lastForeignKey;
};

// --- SQLite ----------------------------------------------------------------------------

// The pragmas are used in their table-valued form so the table name can be bound instead of
// quoted into the statement.

bool readSqliteTables(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTable(query.value(0).toString());
    }
    return true;
}

bool readSqliteColumns(QSqlDatabase& db, const QString& table, SnapshotBuilder* builder,
                       QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) "
                            "ORDER BY cid"),
             {table}, error)) {
        return false;
    }
    while (query.next()) {
        const QString column = query.value(0).toString();
        builder->addColumn(table, column, query.value(1).toString(), query.value(2).toInt() == 0);
        if (query.value(3).toInt() > 0) {
            builder->markPrimaryKey(table, column);
        }
    }
    return true;
}

bool readSqliteIndexColumns(QSqlDatabase& db, const QString& index, QStringList* columns,
                            QString* error)
{
    QSqlQuery query(db);
    if (!run(query, QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), {index},
             error)) {
        return false;
    }
    while (query.next()) {
        columns->append(partName(query.value(0)));
    }
    return true;
}

bool readSqliteIndexes(QSqlDatabase& db, const QString& table, SnapshotBuilder* builder,
                       QString* error)
{
    QSqlQuery query(db);
    // origin 'pk' is the index behind a PRIMARY KEY clause: the key is compared as columns.
    if (!run(query,
             QStringLiteral("SELECT name, \"unique\" FROM pragma_index_list(?) "
                            "WHERE origin <> 'pk' ORDER BY name"),
             {table}, error)) {
        return false;
    }
    while (query.next()) {
        const QString index = query.value(0).toString();
        QStringList columns;
        if (!readSqliteIndexColumns(db, index, &columns, error)) {
            return false;
        }
        for (const QString& column : columns) {
            builder->addIndexPart(table, index, query.value(1).toInt() != 0, column);
        }
    }
    return true;
}

bool readSqliteForeignKeys(QSqlDatabase& db, const QString& table, SnapshotBuilder* builder,
                           QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT id, \"table\", \"from\", \"to\" "
                            "FROM pragma_foreign_key_list(?) ORDER BY id, seq"),
             {table}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addForeignKeyPart(table, query.value(0).toString(), query.value(2).toString(),
                                   query.value(1).toString(), query.value(3).toString());
    }
    return true;
}

bool readSqlite(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    if (!readSqliteTables(db, builder, error)) {
        return false;
    }
    for (const SchemaTable& table : builder->tables()) {
        if (!readSqliteColumns(db, table.name, builder, error) ||
            !readSqliteIndexes(db, table.name, builder, error) ||
            !readSqliteForeignKeys(db, table.name, builder, error)) {
            return false;
        }
    }
    return true;
}

// --- PostgreSQL ------------------------------------------------------------------------

// pg_catalog rather than information_schema: format_type() gives the declared type with its
// length ("character varying(80)"), and index definitions are only there.

bool readPostgresTables(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT c.relname FROM pg_catalog.pg_class c "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                            "ORDER BY c.relname"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTable(query.value(0).toString());
    }
    return true;
}

bool readPostgresColumns(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT c.relname, a.attname, "
                            "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull "
                            "FROM pg_catalog.pg_attribute a "
                            "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                            "AND a.attnum > 0 AND NOT a.attisdropped "
                            "ORDER BY c.relname, a.attnum"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addColumn(query.value(0).toString(), query.value(1).toString(),
                           query.value(2).toString(), !query.value(3).toBool());
    }
    return true;
}

// Unique constraints appear here through the unique indexes PostgreSQL makes for them.
bool readPostgresIndexes(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral(
                 "SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary, a.attname "
                 "FROM pg_catalog.pg_index ix "
                 "JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
                 "JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid "
                 "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                 "CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                 "LEFT JOIN pg_catalog.pg_attribute a "
                 "ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0 "
                 "WHERE n.nspname = current_schema() AND k.ord <= ix.indnkeyatts "
                 "ORDER BY t.relname, i.relname, k.ord"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString table = query.value(0).toString();
        const QString column = partName(query.value(4));
        if (query.value(3).toBool()) {
            builder->markPrimaryKey(table, column);
        } else {
            builder->addIndexPart(table, query.value(1).toString(), query.value(2).toBool(),
                                  column);
        }
    }
    return true;
}

bool readPostgresForeignKeys(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT t.relname, c.conname, a.attname, r.relname, ra.attname "
                            "FROM pg_catalog.pg_constraint c "
                            "JOIN pg_catalog.pg_class t ON t.oid = c.conrelid "
                            "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
                            "JOIN pg_catalog.pg_class r ON r.oid = c.confrelid "
                            "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY "
                            "AS k(attnum, refnum, ord) "
                            "JOIN pg_catalog.pg_attribute a "
                            "ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                            "JOIN pg_catalog.pg_attribute ra "
                            "ON ra.attrelid = c.confrelid AND ra.attnum = k.refnum "
                            "WHERE c.contype = 'f' AND n.nspname = current_schema() "
                            "ORDER BY t.relname, c.conname, k.ord"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addForeignKeyPart(query.value(0).toString(), query.value(1).toString(),
                                   query.value(2).toString(), query.value(3).toString(),
                                   query.value(4).toString());
    }
    return true;
}

bool readPostgres(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    return readPostgresTables(db, builder, error) && readPostgresColumns(db, builder, error) &&
           readPostgresIndexes(db, builder, error) && readPostgresForeignKeys(db, builder, error);
}

// --- MySQL / MariaDB -------------------------------------------------------------------

bool readMysqlTables(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES "
                            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' "
                            "ORDER BY TABLE_NAME"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addTable(query.value(0).toString());
    }
    return true;
}

bool readMysqlColumns(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE "
                            "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                            "ORDER BY TABLE_NAME, ORDINAL_POSITION"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        builder->addColumn(
            query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toString().compare(QLatin1String("YES"), Qt::CaseInsensitive) == 0);
    }
    return true;
}

// Unique keys (UNIQUE constraints) are ordinary rows here with NON_UNIQUE = 0.
bool readMysqlIndexes(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME "
                            "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                            "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString table = query.value(0).toString();
        const QString index = query.value(1).toString();
        const QString column = partName(query.value(3));
        if (index == QLatin1String("PRIMARY")) {
            builder->markPrimaryKey(table, column);
        } else {
            builder->addIndexPart(table, index, query.value(2).toInt() == 0, column);
        }
    }
    return true;
}

bool readMysqlForeignKeys(QSqlDatabase& db, SnapshotBuilder* builder,
                          QSet<QString>* constraintNames, QString* error)
{
    QSqlQuery query(db);
    if (!run(query,
             QStringLiteral("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "
                            "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                            "FROM information_schema.KEY_COLUMN_USAGE "
                            "WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL "
                            "ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"),
             {}, error)) {
        return false;
    }
    while (query.next()) {
        const QString table = query.value(0).toString();
        const QString constraint = query.value(1).toString();
        constraintNames->insert(table.toLower() + QLatin1Char('\n') + constraint.toLower());
        builder->addForeignKeyPart(table, constraint, query.value(2).toString(),
                                   query.value(3).toString(), query.value(4).toString());
    }
    return true;
}

// InnoDB creates an index for every foreign key that no other index covers, named after the
// constraint or, for an unnamed one, after its first column. Nobody asked for it, and no
// other back end has it, so it would show as an extra index on every MySQL database.
bool isImplicitForeignKeyIndex(const SchemaTable& table, const SchemaIndex& index,
                               const QSet<QString>& constraintNames)
{
    if (index.unique) {
        return false;
    }
    for (const SchemaForeignKey& foreignKey : table.foreignKeys) {
        if (foreignKey.columns.join(QLatin1Char(','))
                .compare(index.columns.join(QLatin1Char(',')), Qt::CaseInsensitive) != 0) {
            continue;
        }
        if (sameName(index.name, foreignKey.columns.first()) ||
            constraintNames.contains(table.name.toLower() + QLatin1Char('\n') +
                                     index.name.toLower())) {
            return true;
        }
    }
    return false;
}

void dropImplicitForeignKeyIndexes(SnapshotBuilder* builder, const QSet<QString>& constraintNames)
{
    for (SchemaTable& table : builder->tables()) {
        table.indexes.erase(std::remove_if(table.indexes.begin(), table.indexes.end(),
                                           [&](const SchemaIndex& index) {
                                               return isImplicitForeignKeyIndex(table, index,
                                                                                constraintNames);
                                           }),
                            table.indexes.end());
    }
}

bool readMysql(QSqlDatabase& db, SnapshotBuilder* builder, QString* error)
{
    QSet<QString> constraintNames;
    if (!readMysqlTables(db, builder, error) || !readMysqlColumns(db, builder, error) ||
        !readMysqlIndexes(db, builder, error) ||
        !readMysqlForeignKeys(db, builder, &constraintNames, error)) {
        return false;
    }
    dropImplicitForeignKeyIndexes(builder, constraintNames);
    return true;
}

// --- canonical types -------------------------------------------------------------------

// "VARCHAR (80)", "NUMERIC(10, 2)", "timestamp(6)  without time zone" -> "varchar(80)",
// "numeric(10,2)", "timestamp(6) without time zone": lower case, single spaces, none before
// or inside the parentheses.
QString normalizedTypeSpelling(const QString& declaredType)
{
    QString type = declaredType.simplified().toLower();
    static const QRegularExpression spaceAroundArguments(
        QStringLiteral("\\s*([(,])\\s*|\\s*(\\))"));
    type.replace(spaceAroundArguments, QStringLiteral("\\1\\2"));
    return type;
}

// A canonical name and the (lower-case, normalised) spellings that mean it.
struct TypeFamily
{
    QRegularExpression spellings;
    QString canonical;
};

const QList<TypeFamily>& typeFamilies()
{
    static const QList<TypeFamily> families = [] {
        const QList<QPair<const char*, const char*>> patterns{
            // MySQL stores BOOL as tinyint(1); other tinyints are numbers and stay as declared.
            {"boolean|bool|tinyint\\(1\\)", "boolean"},
            {"integer|int|int\\(\\d+\\)|int4|serial|serial4", "integer"},
            {"text|tinytext|mediumtext|longtext", "text"},
            {"datetime(?:\\(\\d+\\))?|timestamp(?:\\(\\d+\\))?(?: without time zone)?", "datetime"},
            {"float(?:\\(\\d+\\))?|real|double|double precision|float8", "float"},
            {"blob|tinyblob|mediumblob|longblob|bytea", "blob"},
        };
        QList<TypeFamily> compiled;
        for (const auto& [pattern, canonical] : patterns) {
            compiled.append(TypeFamily{
                QRegularExpression(QRegularExpression::anchoredPattern(QLatin1String(pattern))),
                QLatin1String(canonical)});
        }
        return compiled;
    }();
    return families;
}

// varchar and numeric keep their arguments: a length or precision is part of the type.
QString canonicalOf(const QString& type)
{
    static const QRegularExpression varchar(QRegularExpression::anchoredPattern(
        QStringLiteral("(?:varchar|character varying|nvarchar)(?:\\((\\d+)\\))?")));
    if (const QRegularExpressionMatch match = varchar.match(type); match.hasMatch()) {
        return match.captured(1).isEmpty() ? QStringLiteral("varchar")
                                           : QStringLiteral("varchar(%1)").arg(match.captured(1));
    }
    static const QRegularExpression numeric(QRegularExpression::anchoredPattern(
        QStringLiteral("(?:numeric|decimal)(\\(\\d+(?:,\\d+)?\\))?")));
    if (const QRegularExpressionMatch match = numeric.match(type); match.hasMatch()) {
        return QStringLiteral("numeric") + match.captured(1);
    }
    for (const TypeFamily& family : typeFamilies()) {
        if (family.spellings.match(type).hasMatch()) {
            return family.canonical;
        }
    }
    return type;
}

} // namespace

QString SchemaForeignKey::text() const
{
    return QStringLiteral("%1 -> %2(%3)")
        .arg(columns.join(QStringLiteral(", ")), referencedTable,
             referencedColumns.join(QStringLiteral(", ")));
}

const SchemaColumn* SchemaTable::column(const QString& name) const
{
    for (const SchemaColumn& candidate : columns) {
        if (sameName(candidate.name, name)) {
            return &candidate;
        }
    }
    return nullptr;
}

const SchemaTable* SchemaSnapshot::table(const QString& name) const
{
    for (const SchemaTable& candidate : tables) {
        if (sameName(candidate.name, name)) {
            return &candidate;
        }
    }
    return nullptr;
}

bool SchemaSnapshot::read(QSqlDatabase db, SchemaSnapshot* snapshot, QString* error)
{
    SqlDialect dialect;
    if (!sqlDialectOfDriver(db.driverName(), &dialect)) {
        *error = tr("unsupported database driver %1").arg(db.driverName());
        return false;
    }
    SnapshotBuilder builder;
    bool ok = false;
    switch (dialect) {
    case SqlDialect::SQLite:
        ok = readSqlite(db, &builder, error);
        break;
    case SqlDialect::PostgreSQL:
        ok = readPostgres(db, &builder, error);
        break;
    case SqlDialect::MySQL:
        ok = readMysql(db, &builder, error);
        break;
    }
    if (ok) {
        *snapshot = builder.finish();
    }
    return ok;
}

bool isSchemaSnapshotIgnoredTable(const QString& name)
{
    return sameName(name, QStringLiteral("blogdesk_migrations")) ||
           sameName(name, QStringLiteral("alembic_version")) ||
           name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive) ||
           name.startsWith(QLatin1Char('_'));
}

QString canonicalSqlType(const QString& declaredType)
{
    return canonicalOf(normalizedTypeSpelling(declaredType));
}
