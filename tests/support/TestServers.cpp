#include "TestServers.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include "models/Database.h"
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

} // namespace TestServers
