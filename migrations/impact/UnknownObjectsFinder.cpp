#include "UnknownObjectsFinder.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "migrations/schema/ExpectedSchema.h"
#include "migrations/schema/SchemaDiff.h"
#include "migrations/schema/SchemaSnapshot.h"

namespace {

using Kind = UnknownObject::Kind;

// A snapshot of one table, to compare one table with compareSchemas().
SchemaSnapshot only(const SchemaTable& table)
{
    SchemaSnapshot snapshot;
    snapshot.tables << table;
    return snapshot;
}

// The names of the live table's columns or indexes (by `kind`) that `known` does not have.
QStringList extras(const SchemaTable& known, const SchemaTable& live, SchemaDifference::Kind kind)
{
    QStringList names;
    for (const SchemaDifference& difference : compareSchemas(only(known), only(live))) {
        if (difference.kind == kind) {
            names << difference.object.toLower();
        }
    }
    return names;
}

UnknownObject makeObject(Kind kind, const QString& table, const QString& name)
{
    UnknownObject object;
    object.kind = kind;
    object.table = table;
    object.name = name;
    return object;
}

bool inEvery(const QList<QStringList>& lists, const QString& name)
{
    for (const QStringList& list : lists) {
        if (!list.contains(name, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

class Finder
{
    Q_DECLARE_TR_FUNCTIONS(UnknownObject)

public:
    Finder(QSqlDatabase db, const SchemaSnapshot& live, const QList<SchemaSnapshot>& expected,
           int fromIndex)
        : m_db(db), m_live(live), m_expected(expected), m_fromIndex(fromIndex),
          m_sqlite(db.driverName() == QLatin1String("QSQLITE"))
    {}

    bool visit(const DestroyedTable& event, QString* error);

    QList<UnknownObject> objects;
    QList<TableCarry> carries;

private:
    const SchemaTable* expectedTable(int index, const QString& name) const
    {
        return index < 0 || index >= m_expected.size() ? nullptr : m_expected.at(index).table(name);
    }
    bool unknownOn(const SchemaTable& live, const QList<const SchemaTable*>& known,
                   QList<UnknownObject>* found, QString* error);
    bool addColumns(const SchemaTable& live, const QStringList& names, QList<UnknownObject>* found,
                    QString* error);
    bool addIndexes(const SchemaTable& live, const QStringList& names, QList<UnknownObject>* found,
                    QString* error);
    void merge(UnknownObject object, const DestroyedTable& event, bool hasKey);
    void addCarry(const SchemaTable& live, const QList<UnknownObject>& found,
                  const DestroyedTable& event);
    bool count(const QString& table, const QString& column, qint64* rows, QString* error);
    bool storedSql(const QString& type, const QString& name, QString* sql, QString* error);

    QSqlDatabase m_db;
    const SchemaSnapshot& m_live;
    const QList<SchemaSnapshot>& m_expected;
    int m_fromIndex;
    bool m_sqlite;
};

bool Finder::visit(const DestroyedTable& event, QString* error)
{
    const SchemaTable* live = m_live.table(event.table);
    if (!live) {
        return true; // bookkeeping or scratch space: not the blog's
    }
    QList<const SchemaTable*> known;
    for (int index : {m_fromIndex, event.leftIndex}) {
        if (const SchemaTable* table = expectedTable(index, event.table)) {
            known << table;
        }
    }
    QList<UnknownObject> found;
    if (!unknownOn(*live, known, &found, error)) {
        return false;
    }
    bool hasKey = false;
    for (const SchemaColumn& column : live->columns) {
        hasKey = hasKey || column.primaryKey;
    }
    for (const UnknownObject& object : std::as_const(found)) {
        merge(object, event, hasKey);
    }
    if (event.rebuilt && m_sqlite) {
        addCarry(*live, found, event);
    }
    return true;
}

bool Finder::unknownOn(const SchemaTable& live, const QList<const SchemaTable*>& known,
                       QList<UnknownObject>* found, QString* error)
{
    if (known.isEmpty()) {
        UnknownObject table = makeObject(Kind::Table, live.name, live.name);
        if (!count(live.name, QString(), &table.rows, error)) {
            return false;
        }
        found->append(table);
        return true;
    }
    QList<QStringList> extraColumns;
    QList<QStringList> extraIndexes;
    QList<QStringList> knownTriggers;
    for (const SchemaTable* table : known) {
        extraColumns << extras(*table, live, SchemaDifference::Kind::ExtraColumn);
        extraIndexes << extras(*table, live, SchemaDifference::Kind::ExtraIndex);
        knownTriggers << table->triggers;
    }
    QStringList columns;
    for (const SchemaColumn& column : live.columns) {
        if (inEvery(extraColumns, column.name)) {
            columns << column.name;
        }
    }
    QStringList indexes;
    for (const SchemaIndex& index : live.indexes) {
        if (inEvery(extraIndexes, index.name)) {
            indexes << index.name;
        }
    }
    if (!addColumns(live, columns, found, error) || !addIndexes(live, indexes, found, error)) {
        return false;
    }
    for (const QString& trigger : live.triggers) {
        bool isKnown = false;
        for (const QStringList& names : std::as_const(knownTriggers)) {
            isKnown = isKnown || names.contains(trigger, Qt::CaseInsensitive);
        }
        UnknownObject object = makeObject(Kind::Trigger, live.name, trigger);
        if (!isKnown && (!m_sqlite || storedSql(QStringLiteral("trigger"), trigger,
                                                &object.definition, error))) {
            found->append(object);
        } else if (!isKnown) {
            return false;
        }
    }
    return true;
}

bool Finder::addColumns(const SchemaTable& live, const QStringList& names,
                        QList<UnknownObject>* found, QString* error)
{
    QString tableSql;
    if (m_sqlite && !names.isEmpty() &&
        !storedSql(QStringLiteral("table"), live.name, &tableSql, error)) {
        return false;
    }
    for (const QString& name : names) {
        const SchemaColumn* column = live.column(name);
        UnknownObject object = makeObject(Kind::Column, live.name, column->name);
        if (!count(live.name, column->name, &object.rows, error)) {
            return false;
        }
        object.definition =
            m_sqlite ? UnknownObjects::columnDefinition(tableSql, column->name) : QString();
        if (object.definition.isEmpty()) {
            object.definition = QStringLiteral("%1 %2%3").arg(
                UnknownObjects::quoted(column->name), column->declaredType,
                column->nullable ? QString() : QStringLiteral(" NOT NULL"));
        }
        found->append(object);
    }
    return true;
}

bool Finder::addIndexes(const SchemaTable& live, const QStringList& names,
                        QList<UnknownObject>* found, QString* error)
{
    for (const SchemaIndex& index : live.indexes) {
        if (!names.contains(index.name)) {
            continue;
        }
        UnknownObject object = makeObject(Kind::Index, live.name, index.name);
        object.columns = index.columns.join(QStringLiteral(", "));
        if (m_sqlite &&
            !storedSql(QStringLiteral("index"), index.name, &object.definition, error)) {
            return false;
        }
        if (m_sqlite && object.definition.isEmpty()) {
            // Behind a UNIQUE constraint (sqlite_autoindex_*): no SQL of its own, and the
            // name is SQLite's; a unique index on the same columns does the same work.
            QStringList quotedColumns;
            for (const QString& column : index.columns) {
                quotedColumns << UnknownObjects::quoted(column);
            }
            object.definition =
                QStringLiteral("CREATE UNIQUE INDEX %1 ON %2 (%3)")
                    .arg(UnknownObjects::quoted(live.name + QLatin1Char('_') +
                                                index.columns.join(QLatin1Char('_')) +
                                                QStringLiteral("_key")),
                         UnknownObjects::quoted(live.name),
                         quotedColumns.join(QStringLiteral(", ")));
        }
        found->append(object);
    }
    return true;
}

// The first drop of its table decides an object's fate, else the first rebuild.
void Finder::merge(UnknownObject object, const DestroyedTable& event, bool hasKey)
{
    const QString dropped = object.kind == Kind::Table ? tr("the migration drops the table")
                                                       : tr("the migration drops its table");
    for (UnknownObject& existing : objects) {
        if (existing.key() != object.key()) {
            continue;
        }
        if (!event.rebuilt && existing.whyNotKept != dropped) {
            existing.revision = event.revision;
            existing.fate = tr("revision %1 drops %2").arg(event.revision, event.table);
            existing.whyNotKept = dropped;
        }
        return;
    }
    object.revision = event.revision;
    object.fate = event.rebuilt ? tr("revision %1 rebuilds %2").arg(event.revision, event.table)
                                : tr("revision %1 drops %2").arg(event.revision, event.table);
    if (!event.rebuilt) {
        object.whyNotKept = dropped;
    } else if (object.kind == Kind::Table) {
        object.whyNotKept = tr("BlogDesk cannot rebuild a table its history does not know");
    } else if (!m_sqlite) {
        object.whyNotKept = tr("BlogDesk carries objects through a table rebuild on SQLite only");
    } else if (object.kind == Kind::Column && !hasKey) {
        object.whyNotKept =
            tr("%1 has no primary key by which to match the values to their rows").arg(event.table);
    }
    objects << object;
}

void Finder::addCarry(const SchemaTable& live, const QList<UnknownObject>& found,
                      const DestroyedTable& event)
{
    TableCarry carry{event.revision, live.name, {}, {}, {}, {}};
    for (const SchemaColumn& column : live.columns) {
        if (column.primaryKey) {
            carry.keyColumns << column.name;
        }
    }
    QStringList triggers;
    for (const UnknownObject& object : found) {
        if (object.kind == Kind::Column) {
            carry.columns << object.name;
            carry.columnDefinitions << object.definition;
        } else if (object.kind == Kind::Index) {
            carry.recreateSql << object.definition;
        } else if (object.kind == Kind::Trigger) {
            triggers << object.definition;
        }
    }
    carry.recreateSql << triggers;
    if (!carry.columns.isEmpty() || !carry.recreateSql.isEmpty()) {
        carries << carry;
    }
}

// Rows of `table`, or rows where `column` is not NULL.
bool Finder::count(const QString& table, const QString& column, qint64* rows, QString* error)
{
    const QSqlDriver* driver = m_db.driver();
    const QString counted = column.isEmpty()
                                ? QStringLiteral("*")
                                : driver->escapeIdentifier(column, QSqlDriver::FieldName);
    const QString sql = QStringLiteral("SELECT COUNT(%1) FROM %2")
                            .arg(counted, driver->escapeIdentifier(table, QSqlDriver::TableName));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql) || !query.next()) {
        *error = tr("cannot count (%1): %2").arg(sql, query.lastError().text());
        return false;
    }
    *rows = query.value(0).toLongLong();
    return true;
}

bool Finder::storedSql(const QString& type, const QString& name, QString* sql, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = ? AND name = ?"));
    query.addBindValue(type);
    query.addBindValue(name);
    if (!query.exec()) {
        *error = tr("cannot read the SQL of %1 %2: %3").arg(type, name, query.lastError().text());
        return false;
    }
    *sql = query.next() ? query.value(0).toString() : QString();
    return true;
}

} // namespace

namespace UnknownObjectsFinder {

bool find(QSqlDatabase db, const MigrationHistory& history, int fromIndex,
          const QList<DestroyedTable>& destroyed, QList<UnknownObject>* objects,
          QList<TableCarry>* carries, QString* error)
{
    objects->clear();
    carries->clear();
    if (destroyed.isEmpty()) {
        return true;
    }
    SchemaSnapshot live;
    QList<SchemaSnapshot> expected;
    if (!SchemaSnapshot::read(db, &live, error) ||
        !ExpectedSchema::buildAll(history, &expected, error)) {
        return false;
    }
    Finder finder(db, live, expected, fromIndex);
    for (const DestroyedTable& event : destroyed) {
        if (!finder.visit(event, error)) {
            return false;
        }
    }
    *objects = finder.objects;
    *carries = finder.carries;
    return true;
}

} // namespace UnknownObjectsFinder
