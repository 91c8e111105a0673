#pragma once

#include "sql/SqlDialect.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// Every rule by which BlogDesk's SQL differs between SQLite, PostgreSQL and MySQL/MariaDB, in
// one place. Code that builds SQL asks a Dialect for the piece that differs instead of asking
// which driver it has; tests/TestDialect.cpp runs each answer on all three back ends.
//
// Handled here without a method of their own:
// - Booleans are bound as bool and read with QVariant::toBool(): Qt binds 1/0 on SQLite and
//   MySQL (BOOL is TINYINT(1)) and true/false on PostgreSQL, and reads each back as 0/1 or
//   bool. A NULL reads false, as the Flask models' default False does.
// - Timestamps are written as SQLAlchemy's text (migrations/SqlTime) and compared or paged on
//   exactText(); sessionStatements() makes PostgreSQL print them the same way.
// - Identifiers are quoted by the driver, QSqlDriver::escapeIdentifier(): "name", or `name`
//   on MySQL, so reserved words such as user or order work as names.
// - ILIKE is never used: PostgreSQL's ILIKE, MySQL's collations and SQLite's ASCII-only LIKE
//   fold case differently, so a search matched different rows on each. caseFolded() gives one
//   folding everywhere.
//
// Kept with the code that needs them, because they are data or whole readers, not rules:
// - the blog's tables per back end: the [upgrade.sqlite|postgresql|mysql] sections of
//   migrations/versions/*.sql, written with columnType()'s types and tableOptions();
// - reading a live schema from each catalogue: migrations/SchemaReader{Sqlite,Postgres,Mysql};
// - the migration lock (a lock file, pg_advisory_lock, GET_LOCK): migrations/MigrationLock;
// - URL options and connection error codes per driver: DatabaseUrl, ConnectionErrors.
class Dialect
{
public:
    explicit Dialect(SqlDialect kind) : m_kind(kind) {}
    // The dialect of a connection. The one rule for a driver BlogDesk does not know (a
    // DatabaseUrl only opens QSQLITE, QPSQL and QMYSQL): PostgreSQL's standard SQL, which then
    // fails with the driver's own message rather than a guess. Every layer takes a
    // connection's dialect from here; code that can refuse such a connection before doing
    // anything (the migration engine, schema reading, data impact) asks sqlDialectOfDriver()
    // and says "unsupported database driver" instead.
    static Dialect of(const QSqlDatabase& db);

    SqlDialect kind() const { return m_kind; }
    QString name() const { return sqlDialectName(m_kind); }

    // ---- Connections ---------------------------------------------------------------------
    // Run on every new connection before anything else (and again after a reconnect).
    QStringList sessionStatements() const;
    // Opens a write transaction that holds the write lock from its first statement (SQLite's
    // BEGIN IMMEDIATE: a deferred BEGIN could fail with "database is locked" halfway through).
    // Empty where QSqlDatabase::transaction() is right: the servers lock rows as they go.
    QString beginWriteStatement() const;
    // One cheap SELECT whose single value changes whenever another connection commits a
    // change (see ChangeWatcher), without locking or scanning anything:
    // - SQLite: PRAGMA data_version (moves with commits of every other connection, WAL too);
    // - PostgreSQL: the current snapshot, which moves when a transaction that wrote ends;
    // - MySQL/MariaDB: the newest UPDATE_TIME of the database's tables, which InnoDB sets at
    //   visible at commit (to the second; while the newest is at most a second old the value
    //   carries NOW() as well, so a second commit within the same second still shows). MySQL 8
    //   caches it unless information_schema_stats_expiry is 0: there changes show on F5 only.
    QString changeStampStatement() const;

    // ---- Schema ----------------------------------------------------------------------------
    enum class ColumnType
    {
        Id,        // the integer primary key that numbers itself
        Integer,   // a plain integer, e.g. a foreign key
        Boolean,   // Flask's db.Boolean
        Timestamp, // Flask's db.DateTime, with microseconds
        String,    // Flask's db.String(length): VARCHAR, compared exactly
        LongText,  // Flask's db.Text: a post of several hundred thousand characters
    };
    // The column type to write in CREATE TABLE; `length` is String's VARCHAR length.
    QString columnType(ColumnType type, int length = 0) const;
    // What follows CREATE TABLE's closing parenthesis: on MySQL the engine (InnoDB, for
    // transactions and foreign keys), utf8mb4 (all of Unicode) and utf8mb4_bin, so that
    // "Ada" and "ada" or "é" and "e" are different names in a unique index, as elsewhere.
    QString tableOptions() const;
    // Whether a failed transaction takes its schema changes back with it. MySQL commits
    // before and after every CREATE/ALTER/DROP, so a failed migration there leaves the DDL
    // that ran: the migration engine commits around each such statement on purpose and
    // reports exactly which ones stayed.
    bool hasTransactionalDdl() const { return m_kind != SqlDialect::MySQL; }
    // Whether `statement` ends the open transaction by itself (only on MySQL).
    bool commitsImplicitly(const QString& statement) const;

    // ---- Reading and comparing -------------------------------------------------------------
    // `expression` in its exact text form: the servers' drivers hand timestamps over as
    // QDateTime with milliseconds only, so paging or comparing on those would round.
    QString exactText(const QString& expression) const;
    // `left` = `right`, byte for byte, whatever the columns' collation.
    QString equalsExactly(const QString& left, const QString& right) const;
    // ORDER BY terms for `expression` with NULL sorting as the largest value: last going up,
    // first going down, the same on every back end. PostgreSQL does so by itself; SQLite and
    // MySQL take NULL as the smallest value.
    static QString nullsLargestOrder(const QString& expression, bool descending);
    // `operand` case-folded for a LIKE that ignores case the same way everywhere: SQLite's
    // blogdesk_fold() (Qt's full Unicode case folding, registered per connection by
    // TextSearch), the servers' LOWER() plus the few characters it leaves unfolded.
    QString caseFolded(const QString& operand) const;
    // The same, for a LIKE against a pattern made of `text` only: on the servers, the REPLACE()
    // of a character whose folded form the pattern cannot hold is left out (the character
    // and its replacement then both match '_' and '%' alone, so the result is the same), which
    // for ASCII text leaves at most one of them (long s, when the text has an s): per row,
    // LOWER() instead of LOWER() and thirteen REPLACE()s. Any non-ASCII text keeps them all.
    QString caseFolded(const QString& operand, const QString& text) const;
    static constexpr char sqliteFoldFunction[] = "blogdesk_fold";
    // Whether the LIKE pattern is folded here before binding (SQLite) rather than in SQL by
    // caseFolded("?").
    bool foldsPatternInClient() const { return m_kind == SqlDialect::SQLite; }

    // ---- Writing ---------------------------------------------------------------------------
    // `insert` made to hand the new row's id back: QPSQL's lastInsertId() is an OID, so
    // PostgreSQL needs RETURNING id; read the id with insertedId().
    QString returningId(const QString& insert) const;
    bool returnsIdAsRow() const { return m_kind == SqlDialect::PostgreSQL; }
    // After rows were written with explicit ids, the statement that moves the table's id
    // counter past them: PostgreSQL's SERIAL sequence does not notice them (the next insert
    // would collide); SQLite and MySQL move on by themselves, so empty there.
    QString advanceIdSequence(const QString& table) const;
    // INSERT of `columns` (bound with ?) that does nothing when a row with the same
    // `keyColumns` exists: a link another user just made is kept as it is.
    QString insertUnlessPresent(const QString& table, const QStringList& columns,
                                const QStringList& keyColumns) const;
    // INSERT of `columns` (bound with ?) that, when a row with the same `keyColumns` exists,
    // sets only `updatedColumns` on it: ON CONFLICT ... DO UPDATE on SQLite and PostgreSQL,
    // ON DUPLICATE KEY UPDATE on MySQL (which goes by any unique key, so `keyColumns` must be
    // the table's only one).
    QString upsert(const QString& table, const QStringList& columns, const QStringList& keyColumns,
                   const QStringList& updatedColumns) const;

private:
    QString insertInto(const QString& table, const QStringList& columns) const;

    SqlDialect m_kind;
};
