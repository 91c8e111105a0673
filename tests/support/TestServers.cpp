#include "TestServers.h"

#include "sql/Dialect.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include "migrations/engine/MigrationHistory.h"
#include "models/connection/Database.h"
#include "models/schema/DefaultDatabase.h"
#include "models/undo/RowSnapshot.h"
#include "tests/support/TestSupport.h"

namespace TestServers {

namespace {

const char* urlVariable(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::PostgreSQL:
        return "BLOGDESK_TEST_POSTGRESQL_URL";
    case SqlDialect::MySQL:
        return "BLOGDESK_TEST_MYSQL_URL";
    case SqlDialect::SQLite:
        break;
    }
    return nullptr;
}

// `serverUrl` with its database replaced by `database` (and any query parameters kept).
QString withDatabase(const QString& serverUrl, const QString& database)
{
    const int authority = serverUrl.indexOf(QLatin1String("://")) + 3;
    int queryStart = serverUrl.indexOf(QLatin1Char('?'), authority);
    if (queryStart < 0) {
        queryStart = serverUrl.size();
    }
    int pathStart = serverUrl.indexOf(QLatin1Char('/'), authority);
    if (pathStart < 0 || pathStart > queryStart) {
        pathStart = queryStart;
    }
    return serverUrl.left(pathStart) + QLatin1Char('/') + database + serverUrl.mid(queryStart);
}

bool execute(const QSqlDatabase& db, const QString& statement, QString* error)
{
    QSqlQuery query(db);
    if (query.exec(statement)) {
        return true;
    }
    if (error) {
        *error = QStringLiteral("%1: %2").arg(statement, query.lastError().text());
    }
    return false;
}

// Every row of a query with its columns joined by spaces ("NULL" for NULL), or "ERROR …".
QStringList rows(const QSqlDatabase& db, const QString& statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        return {QStringLiteral("ERROR %1").arg(query.lastError().text())};
    }
    QStringList lines;
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < query.record().count(); ++i) {
            fields << (query.value(i).isNull() ? QStringLiteral("NULL")
                                               : query.value(i).toString());
        }
        lines << fields.join(QLatin1Char(' '));
    }
    return lines;
}

QStringList prefixed(const QString& prefix, const QStringList& lines)
{
    QStringList result;
    for (const QString& line : lines) {
        result << prefix + line;
    }
    return result;
}

} // namespace

QString url(SqlDialect dialect)
{
    const char* variable = urlVariable(dialect);
    return variable ? qEnvironmentVariable(variable) : QString();
}

bool required()
{
    return !qEnvironmentVariableIsEmpty("CI") ||
           qEnvironmentVariable("BLOGDESK_REQUIRE_SERVERS") == QLatin1String("1");
}

QString missingServer(SqlDialect dialect)
{
    if (dialect == SqlDialect::SQLite || !url(dialect).isEmpty()) {
        return {};
    }
    const QString server = dialect == SqlDialect::PostgreSQL ? QStringLiteral("PostgreSQL")
                                                             : QStringLiteral("MariaDB");
    return QStringLiteral("%1 is not set: run the tests through scripts/test.sh, which starts "
                          "a %2 server for them")
        .arg(QLatin1String(urlVariable(dialect)), server);
}

SqlDialect dialectNamed(const QString& name)
{
    for (SqlDialect dialect : {SqlDialect::PostgreSQL, SqlDialect::MySQL}) {
        if (name == sqlDialectName(dialect)) {
            return dialect;
        }
    }
    return SqlDialect::SQLite;
}

void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    for (SqlDialect dialect : {SqlDialect::SQLite, SqlDialect::PostgreSQL, SqlDialect::MySQL}) {
        const QString name = sqlDialectName(dialect);
        QTest::newRow(qPrintable(name)) << name;
    }
}

std::unique_ptr<ServerDatabase>
ServerDatabase::create(SqlDialect dialect, const QString& connectionName, QString* error)
{
    const QString serverText = TestServers::url(dialect);
    if (serverText.isEmpty()) {
        *error = dialect == SqlDialect::SQLite ? QStringLiteral("SQLite has no server")
                                               : missingServer(dialect);
        return nullptr;
    }
    DatabaseUrl serverUrl;
    if (!DatabaseUrl::parse(serverText, &serverUrl, error)) {
        *error = QStringLiteral("%1: %2").arg(QLatin1String(urlVariable(dialect)), *error);
        return nullptr;
    }
    std::unique_ptr<ServerDatabase> database(new ServerDatabase);
    database->m_dialect = dialect;

    const QString adminConnectionName = connectionName + QStringLiteral("-admin");
    QSqlDatabase admin;
    if (!Database::open(serverUrl, adminConnectionName, &admin, error)) {
        return nullptr;
    }
    database->m_adminConnectionName = adminConnectionName;

    // Lower case: PostgreSQL folds unquoted names, and MySQL compares them by file name.
    const QString name =
        QStringLiteral("blogdesk_t%1")
            .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    const QString options = dialect == SqlDialect::MySQL
                                ? QStringLiteral(" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
                                : QString();
    if (!execute(admin, QStringLiteral("CREATE DATABASE %1%2").arg(name, options), error)) {
        return nullptr;
    }
    database->m_name = name;

    if (!DatabaseUrl::parse(withDatabase(serverText, name), &database->m_url, error)) {
        return nullptr;
    }
    QSqlDatabase db;
    if (!Database::open(database->m_url, connectionName, &db, error)) {
        return nullptr;
    }
    database->m_connectionName = connectionName;
    return database;
}

ServerDatabase::~ServerDatabase()
{
    if (!m_connectionName.isEmpty()) {
        Database::close(m_connectionName);
    }
    if (m_adminConnectionName.isEmpty()) {
        return;
    }
    if (!m_name.isEmpty()) {
        // FORCE ends connections a test left behind (e.g. a blogdesk process it started),
        // which would otherwise keep PostgreSQL from dropping the database.
        const QString statement =
            m_dialect == SqlDialect::PostgreSQL
                ? QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name)
                : QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name);
        QString error;
        if (!execute(QSqlDatabase::database(m_adminConnectionName, false), statement, &error)) {
            qWarning("cannot drop the test database: %s", qPrintable(error));
        }
    }
    Database::close(m_adminConnectionName);
}

QSqlDatabase ServerDatabase::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString ServerDatabase::url() const
{
    return m_url.toString(false);
}

std::unique_ptr<BackendDatabase>
BackendDatabase::create(SqlDialect dialect, const QString& connectionName, QString* error)
{
    std::unique_ptr<BackendDatabase> database(new BackendDatabase);
    database->m_dialect = dialect;
    if (dialect == SqlDialect::SQLite) {
        database->m_sqlite = std::make_unique<TempDatabase>(connectionName);
        if (!database->m_sqlite->isOpen()) {
            *error = QStringLiteral("cannot open a temporary SQLite database");
            return nullptr;
        }
        return database;
    }
    database->m_server = ServerDatabase::create(dialect, connectionName, error);
    return database->m_server ? std::move(database) : nullptr;
}

BackendDatabase::~BackendDatabase() = default;

QSqlDatabase BackendDatabase::db() const
{
    return m_sqlite ? m_sqlite->db() : m_server->db();
}

QString BackendDatabase::url() const
{
    return m_sqlite ? m_sqlite->url() : m_server->url();
}

bool BackendDatabase::openAnother(const QString& connectionName, QSqlDatabase* db,
                                  QString* error) const
{
    DatabaseUrl parsed;
    return DatabaseUrl::parse(url(), &parsed, error) &&
           Database::open(parsed, connectionName, db, error);
}

bool BackendDatabase::runElsewhere(const QString& statement, QString* error) const
{
    const QString name = QStringLiteral("elsewhere");
    bool ok = false;
    {
        QSqlDatabase other;
        if (!openAnother(name, &other, error)) {
            return false;
        }
        QSqlQuery query(other);
        ok = query.exec(statement);
        if (!ok) {
            *error = query.lastError().text();
        }
    }
    Database::close(name);
    return ok;
}

QStringList schema(const QSqlDatabase& db, SqlDialect dialect)
{
    QStringList lines;
    switch (dialect) {
    case SqlDialect::SQLite:
        return TestSupport::sqliteSchema(db);
    case SqlDialect::PostgreSQL:
        lines << prefixed(QStringLiteral("column "),
                          rows(db, QStringLiteral(
                                       "SELECT table_name, column_name, data_type, "
                                       "character_maximum_length, is_nullable, column_default "
                                       "FROM information_schema.columns "
                                       "WHERE table_schema = current_schema() "
                                       "AND table_name <> 'blogdesk_migrations'")))
              << prefixed(QStringLiteral("index "),
                          rows(db, QStringLiteral("SELECT tablename, indexdef FROM pg_indexes "
                                                  "WHERE schemaname = current_schema() "
                                                  "AND tablename <> 'blogdesk_migrations'")))
              << prefixed(QStringLiteral("constraint "),
                          rows(db, QStringLiteral(
                                       "SELECT conrelid::regclass::text, conname, "
                                       "pg_get_constraintdef(oid) FROM pg_constraint "
                                       "WHERE connamespace = current_schema()::regnamespace "
                                       "AND conrelid <> 0 "
                                       "AND conrelid::regclass::text <> 'blogdesk_migrations'")));
        break;
    case SqlDialect::MySQL:
        lines << prefixed(
                     QStringLiteral("column "),
                     rows(db, QStringLiteral("SELECT table_name, column_name, column_type, "
                                             "is_nullable, column_default, extra, collation_name "
                                             "FROM information_schema.columns "
                                             "WHERE table_schema = DATABASE() "
                                             "AND table_name <> 'blogdesk_migrations'")))
              << prefixed(QStringLiteral("index "),
                          rows(db, QStringLiteral("SELECT table_name, index_name, non_unique, "
                                                  "seq_in_index, column_name "
                                                  "FROM information_schema.statistics "
                                                  "WHERE table_schema = DATABASE() "
                                                  "AND table_name <> 'blogdesk_migrations'")))
              << prefixed(
                     QStringLiteral("constraint "),
                     rows(db, QStringLiteral("SELECT table_name, constraint_name, column_name, "
                                             "referenced_table_name, referenced_column_name "
                                             "FROM information_schema.key_column_usage "
                                             "WHERE table_schema = DATABASE() "
                                             "AND referenced_table_name IS NOT NULL")));
        break;
    }
    lines.sort();
    return lines;
}

bool isNullable(const QSqlDatabase& db, SqlDialect dialect, const QString& table,
                const QString& column)
{
    QString statement;
    switch (dialect) {
    case SqlDialect::SQLite:
        statement = QStringLiteral("SELECT CASE WHEN \"notnull\" = 0 THEN 'YES' ELSE 'NO' END "
                                   "FROM pragma_table_info('%1') WHERE name = '%2'");
        break;
    case SqlDialect::PostgreSQL:
        statement = QStringLiteral("SELECT is_nullable FROM information_schema.columns "
                                   "WHERE table_schema = current_schema() "
                                   "AND table_name = '%1' AND column_name = '%2'");
        break;
    case SqlDialect::MySQL:
        statement = QStringLiteral("SELECT is_nullable FROM information_schema.columns "
                                   "WHERE table_schema = DATABASE() "
                                   "AND table_name = '%1' AND column_name = '%2'");
        break;
    }
    return TestSupport::scalar(db, statement.arg(table, column)).toString() == QLatin1String("YES");
}

bool openSampleDatabase(std::unique_ptr<BackendDatabase>& database, SqlDialect dialect,
                        const QString& connectionName)
{
    QString error;
    database = BackendDatabase::create(dialect, connectionName, &error);
    HELPER_VERIFY2(database, qPrintable(error));
    MigrationHistory history;
    QString summary;
    HELPER_VERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    HELPER_VERIFY2(DefaultDatabase::prepare(database->db(), history, &summary, &error),
                   qPrintable(error));
    return true;
}

namespace {

struct ForeignKey
{
    const char* table;
    const char* column;
    const char* parent;
};

// The guide's foreign keys (profiles' from revision ae1027a6acf on).
const ForeignKey blogForeignKeys[] = {
    {"profiles", "user_id", "users"},      {"posts", "user_id", "users"},
    {"post_tags", "post_id", "posts"},     {"post_tags", "tag_id", "tags"},
    {"comments", "user_id", "users"},      {"comments", "post_id", "posts"},
    {"comments", "parent_id", "comments"},
};

bool dropPostgresForeignKeys(const QSqlDatabase& db, QString* error)
{
    const QStringList constraints = rows(
        db, QStringLiteral("SELECT conrelid::regclass::text || ' ' || conname FROM pg_constraint "
                           "WHERE contype = 'f' "
                           "AND connamespace = current_schema()::regnamespace"));
    for (const QString& line : constraints) {
        if (line.startsWith(QLatin1String("ERROR"))) {
            *error = line;
            return false;
        }
        const QString table = line.section(QLatin1Char(' '), 0, 0);
        const QString name = line.section(QLatin1Char(' '), 1);
        if (!execute(db, QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(table, name),
                     error)) {
            return false;
        }
    }
    return true;
}

enum class ValueKind
{
    Text,
    Integer,
    Boolean,
    Timestamp,
};

// The blog's columns by the guide's naming: id and *_id are integers, is_* booleans, *_at and
// last_login timestamps, the rest text.
ValueKind kindOfColumn(const QString& column)
{
    if (column == QLatin1String("id") || column.endsWith(QLatin1String("_id"))) {
        return ValueKind::Integer;
    }
    if (column.startsWith(QLatin1String("is_"))) {
        return ValueKind::Boolean;
    }
    if (column.endsWith(QLatin1String("_at")) || column == QLatin1String("last_login")) {
        return ValueKind::Timestamp;
    }
    return ValueKind::Text;
}

// PostgreSQL's timestamp text leaves out a zero fraction and the trailing zeros of one.
QString withSixFractionDigits(const QString& timestamp)
{
    const int dot = int(timestamp.indexOf(QLatin1Char('.')));
    if (dot < 0) {
        return timestamp + QStringLiteral(".000000");
    }
    return timestamp.leftJustified(dot + 7, QLatin1Char('0'));
}

QVariant portableValue(const QVariant& value, ValueKind kind)
{
    if (value.isNull()) {
        return QVariant();
    }
    const QString text = value.toString();
    switch (kind) {
    case ValueKind::Integer:
        return value.toLongLong();
    case ValueKind::Boolean:
        return text == QLatin1String("true") || text == QLatin1String("1");
    case ValueKind::Timestamp:
        return withSixFractionDigits(text);
    case ValueKind::Text:
        break;
    }
    return text;
}

// A column as text on the servers: their drivers would hand timestamps over as QDateTime,
// which keeps milliseconds only.
QString textExpression(SqlDialect dialect, const QString& column)
{
    return Dialect(dialect).exactText(column);
}

QString canonicalText(const QVariant& value)
{
    if (value.isNull()) {
        return QStringLiteral("NULL");
    }
    return value.typeId() == QMetaType::Bool ? QString::number(int(value.toBool()))
                                             : value.toString();
}

} // namespace

QStringList danglingReferences(const QSqlDatabase& db)
{
    QStringList problems;
    for (const ForeignKey& key : blogForeignKeys) {
        const QString statement =
            QStringLiteral("SELECT COUNT(*) FROM %1 c WHERE c.%2 IS NOT NULL AND NOT EXISTS "
                           "(SELECT 1 FROM %3 p WHERE p.id = c.%2)")
                .arg(QLatin1String(key.table), QLatin1String(key.column),
                     QLatin1String(key.parent));
        const QStringList counts = TestSupport::column(db, statement);
        if (counts != QStringList{QStringLiteral("0")}) {
            problems << QStringLiteral("%1.%2: %3")
                            .arg(QLatin1String(key.table), QLatin1String(key.column),
                                 counts.join(QLatin1Char(' ')));
        }
    }
    return problems;
}

bool allowDanglingReferences(const QSqlDatabase& db, SqlDialect dialect, QString* error)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return execute(db, QStringLiteral("PRAGMA foreign_keys=OFF"), error);
    case SqlDialect::MySQL:
        return execute(db, QStringLiteral("SET FOREIGN_KEY_CHECKS=0"), error);
    case SqlDialect::PostgreSQL:
        break;
    }
    return dropPostgresForeignKeys(db, error);
}

bool advanceSequences(const QSqlDatabase& db, SqlDialect dialect, QString* error)
{
    for (const char* table : {"users", "profiles", "posts", "tags", "comments"}) {
        const QString statement = Dialect(dialect).advanceIdSequence(QLatin1String(table));
        if (!statement.isEmpty() && !execute(db, statement, error)) {
            return false;
        }
    }
    return true;
}

PortableTable readPortable(const QSqlDatabase& db, SqlDialect dialect, const QString& table)
{
    PortableTable result;
    const QSqlRecord record = db.record(table);
    QStringList expressions;
    QList<ValueKind> kinds;
    for (int i = 0; i < record.count(); ++i) {
        result.columns << record.fieldName(i);
        expressions << textExpression(dialect, record.fieldName(i));
        kinds << kindOfColumn(record.fieldName(i));
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Qualified keys: PostgreSQL would sort by the output column CAST(id AS TEXT), named id.
    QStringList keys;
    for (const QString& key : RowSnapshot::keyColumnsOf(table)) {
        keys << table + QLatin1Char('.') + key;
    }
    if (!query.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                        .arg(expressions.join(QStringLiteral(", ")), table,
                             keys.join(QStringLiteral(", "))))) {
        result.error = QStringLiteral("%1: %2").arg(table, query.lastError().text());
        return result;
    }
    while (query.next()) {
        QVariantList row;
        for (int i = 0; i < kinds.size(); ++i) {
            row << portableValue(query.value(i), kinds.at(i));
        }
        result.rows << row;
    }
    return result;
}

QStringList portableDump(const QSqlDatabase& db, SqlDialect dialect)
{
    QStringList lines;
    for (const QString& table : RowSnapshot::knownTables()) {
        const PortableTable rows = readPortable(db, dialect, table);
        if (!rows.error.isEmpty()) {
            lines << QStringLiteral("ERROR ") + rows.error;
        }
        for (const QVariantList& row : rows.rows) {
            QStringList values{table};
            for (const QVariant& value : row) {
                values << canonicalText(value);
            }
            lines << values.join(QLatin1Char('|'));
        }
    }
    return lines;
}

QString columnAsText(SqlDialect dialect, const QString& column)
{
    return textExpression(dialect, column);
}

QString portableText(const QVariant& value, const QString& column)
{
    return canonicalText(portableValue(value, kindOfColumn(column.section(QLatin1Char('.'), -1))));
}

} // namespace TestServers
