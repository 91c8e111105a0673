#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>
#include <QStringList>

#include "migrations/engine/Migration.h"
#include "migrations/impact/DataImpact.h"
#include "migrations/impact/UnknownObjectsFinder.h"

// Internal to DataImpact: the plan followed statement by statement on a model of the tables.
// DataImpact.cpp follows the statements that create, drop, alter and fill tables;
// DataImpactPlan.cpp keeps the running table state and counts against today's rows, also
// for the statements that change rows (DELETE, UPDATE, data steps).

namespace DataImpactPlan {

// The database's tables, without SQLite's FTS5 tables and their shadow tables: those hold
// an index of other tables' text, so dropping them loses nothing.
QStringList dataTables(QSqlDatabase db);

// "1 row", "N rows", translated.
QString rowsText(qint64 rows);

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

// Follows a plan statement by statement on a model of the tables, asking the database only
// for counts of rows that exist today.
class PlanSimulation
{
    Q_DECLARE_TR_FUNCTIONS(DataImpact)

public:
    explicit PlanSimulation(QSqlDatabase db) : m_db(db), m_realTables(dataTables(db)) {}

    // `leftIndex`: the revision the database is at when this one runs (-1 = base).
    bool assessRevision(const Migration& migration, int leftIndex, const QStringList& statements,
                        QString* error);

    QList<DataImpactItem> items() const { return m_items; }
    // Today's tables that the revisions drop, in plan order.
    QList<DestroyedTable> destroyed() const { return m_destroyed; }

private:
    // What one statement does to the tables (DataImpact.cpp).
    bool assessStatement(const QString& statement, QString* error);
    bool assessCreateTable(const QString& name, bool ifNotExists, const QString& rest,
                           QString* error);
    bool assessDropTable(const QString& name, QString* error);
    bool assessTruncate(const QString& name, QString* error);
    bool assessInsert(const QString& name, const QString& rest, QString* error);
    bool assessAlterTable(const QString& name, const QString& clauses, QString* error);
    bool assessDropColumn(const QString& tableName, const QString& column, QString* error);

    // The running table state and what changes rows (DataImpactPlan.cpp).
    bool assessDelete(const QString& name, const QString& rest, QString* error);
    bool assessUpdate(const QString& name, const QString& rest, QString* error);
    bool assessDataStep(const QString& step, QString* error);

    // CREATE TABLE x AS SELECT ... FROM t, INSERT INTO x ... SELECT ... FROM t: x now holds
    // t's rows (all of them: a condition on the copy is not followed), and t's rows are safe
    // if this revision drops t afterwards.
    bool copyRows(const QString& sourceName, TableState* target, QString* error);
    bool rename(const QString& from, const QString& to, QString* error);
    // The rows of `table` that `rest` (what follows the table name in a DELETE or UPDATE: an
    // alias, SET ..., WHERE ...) matches today. A count the database refuses (a condition on
    // a column the plan adds first, say) is not an error of the assessment: *why says it.
    bool countMatching(const TableState* table, const QString& rest, qint64* rows, QString* why);
    // Finds (or, the first time, reads from the database) the state of a table.
    bool lookUp(const QString& name, TableState** state, QString* error);
    bool count(const QString& sql, qint64* rows, QString* error);
    QString escaped(const QString& name, QSqlDriver::IdentifierType type) const;
    void addItem(const QString& description, qint64 rows, bool destructive, bool rebuild = false);
    // At the end of a revision: which of the tables it dropped it made again. Those hold
    // today's rows (and what "keep" carried) from now on, like the table they replace.
    void settleDestroyedTables(int leftIndex);

    QSqlDatabase m_db;
    QStringList m_realTables;
    // By lower-case name. A QMap (a std::map) because lookUp() hands out pointers that must
    // survive later insertions, which a QHash may move.
    QMap<QString, TableState> m_tables;
    QHash<QString, qint64> m_copiedOut; // tables this revision copied elsewhere: rows copied
    QString m_revision;
    QList<DataImpactItem> m_items;
    QStringList m_destroyedNow; // today's tables this revision has dropped so far
    QList<DestroyedTable> m_destroyed;
};

} // namespace DataImpactPlan
