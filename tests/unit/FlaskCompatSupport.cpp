#include "FlaskCompatSupport.h"

#include "sql/SqlTime.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "models/browse/BlogTableModel.h"
#include "tests/support/BrowseCheck.h"

using BrowseCheck::cellText;
using BrowseCheck::rowCount;
using TestSupport::column;
using TestSupport::scalar;
using TestSupport::sqliteSchema;

namespace FlaskCompat {

const QStringList BlogTables{QStringLiteral("users"),     QStringLiteral("profiles"),
                             QStringLiteral("posts"),     QStringLiteral("tags"),
                             QStringLiteral("post_tags"), QStringLiteral("comments")};

namespace {

// SQLAlchemy's DATETIME text on SQLite: microseconds always present.
const QRegularExpression
    SqlAlchemyDateTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));

QList<TableColumn> columnsOfType(const QSqlDatabase& db, const QString& declaredType);

} // namespace

bool parseJsonObject(const ProcessResult& result, QJsonObject* object, QString* failure)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    if (!document.isObject()) {
        *failure = QStringLiteral("no JSON object on stdout (%1):%2")
                       .arg(error.errorString(), result.describe());
        return false;
    }
    *object = document.object();
    return true;
}

QString appUrl(const QString& url)
{
    return FlaskApp::sqlAlchemyUrl(url);
}

std::unique_ptr<TestServers::BackendDatabase> backendDatabase(SqlDialect dialect, QString* failure)
{
    return TestServers::BackendDatabase::create(dialect, QStringLiteral("test"), failure);
}

bool keepsMicroseconds(SqlDialect dialect)
{
    return dialect != SqlDialect::MySQL;
}

QString timestampText(const QSqlDatabase& db, SqlDialect dialect, const QString& table,
                      const QString& column, const QString& where)
{
    return TestServers::portableText(
        scalar(db, QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                       .arg(TestServers::columnAsText(dialect, column), table, where)),
        column);
}

QStringList nonEmptyLines(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QString pythonIsoFormat(const QString& raw)
{
    if (raw.size() <= 10) {
        return raw;
    }
    QString iso = raw;
    iso[10] = QLatin1Char('T');
    if (iso.endsWith(QLatin1String(".000000"))) {
        iso.chop(7);
    }
    return iso;
}

QStringList badDateTimes(const QSqlDatabase& db, int* checked)
{
    QStringList problems;
    for (const TableColumn& dateTime : columnsOfType(db, QStringLiteral("DATETIME"))) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT typeof(%1), %1 FROM %2 WHERE %1 IS NOT NULL")
                       .arg(dateTime.column, dateTime.table));
        while (query.next()) {
            ++*checked;
            const QString raw = query.value(1).toString();
            QDateTime parsed;
            const bool readable = SqlTime::parse(raw, &parsed);
            if (query.value(0).toString() != QLatin1String("text") ||
                !SqlAlchemyDateTime.match(raw).hasMatch() || !readable ||
                parsed.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) != raw.left(23)) {
                problems << QStringLiteral("%1 = '%2' (%3)")
                                .arg(dateTime.name(), raw, query.value(0).toString());
            }
        }
    }
    return problems;
}

QStringList badServerDateTimes(const QSqlDatabase& db, SqlDialect dialect, int* checked)
{
    QStringList problems;
    for (const QString& table : BlogTables) {
        const QSqlRecord record = db.record(table);
        for (int i = 0; i < record.count(); ++i) {
            if (record.field(i).metaType().id() != QMetaType::QDateTime) {
                continue;
            }
            const QString name = record.fieldName(i);
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT %1 FROM %2 WHERE %3 IS NOT NULL")
                                .arg(TestServers::columnAsText(dialect, name), table, name))) {
                problems << QStringLiteral("%1.%2: %3").arg(table, name, query.lastError().text());
                continue;
            }
            while (query.next()) {
                ++*checked;
                const QString text = TestServers::portableText(query.value(0), name);
                QDateTime parsed;
                if (!SqlAlchemyDateTime.match(text).hasMatch() || !SqlTime::parse(text, &parsed) ||
                    parsed.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) != text.left(23)) {
                    problems << QStringLiteral("%1.%2 = '%3'").arg(table, name, text);
                }
            }
        }
    }
    return problems;
}

QStringList badBooleans(const QSqlDatabase& db, int* checked)
{
    QStringList problems;
    for (const TableColumn& boolean : columnsOfType(db, QStringLiteral("BOOLEAN"))) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT typeof(%1), %1 FROM %2 WHERE %1 IS NOT NULL")
                       .arg(boolean.column, boolean.table));
        while (query.next()) {
            ++*checked;
            const QString raw = query.value(1).toString();
            if (query.value(0).toString() != QLatin1String("integer") ||
                (raw != QLatin1String("0") && raw != QLatin1String("1"))) {
                problems << QStringLiteral("%1 = '%2' (%3)")
                                .arg(boolean.name(), raw, query.value(0).toString());
            }
        }
    }
    return problems;
}

// --- browsing with the table models ----------------------------------------------------

QVariant cell(const BlogTableModel& model, int row, const char* column, int role)
{
    const int index = model.database().record(model.tableName()).indexOf(QLatin1String(column));
    return model.data(model.index(row, index), role);
}

int rowWithId(const BlogTableModel& model, qint64 id)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (cell(model, row, "id").toLongLong() == id) {
            return row;
        }
    }
    return -1;
}

// --- before/after ----------------------------------------------------------------------

Snapshot snapshotOf(const QSqlDatabase& db)
{
    Snapshot snapshot;
    snapshot.tables = column(db, QStringLiteral("SELECT name FROM sqlite_master "
                                                "WHERE type = 'table' ORDER BY name"));
    snapshot.schema = sqliteSchema(db);
    for (const QString& table : std::as_const(snapshot.tables)) {
        if (table == QLatin1String("blogdesk_migrations")) {
            continue;
        }
        snapshot.rowCounts.insert(table, rowCount(db, table));
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT * FROM %1").arg(table));
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i) {
                values << cellText(query.value(i));
            }
            snapshot.rows << table + QLatin1String(": ") + values.join(QLatin1Char('|'));
        }
    }
    snapshot.rows.sort();
    return snapshot;
}

ProcessResult Fixture::runBlogDesk(const QStringList& arguments) const
{
    return FlaskApp::run(m_blogDesk, arguments, FlaskApp::cleanEnvironment());
}

// Runs `blogapp.py create` on the (closed) database and reopens it.
bool Fixture::createFlaskBlog(TempDatabase& database, QJsonObject* summary, QString* failure) const
{
    database.close();
    const ProcessResult created = FlaskApp::runBlogApp({QStringLiteral("create")}, database.url());
    if (!created.exited(0)) {
        *failure = QStringLiteral("the Flask app could not create its blog:") + created.describe();
        return false;
    }
    if (!database.reopen()) {
        *failure = QStringLiteral("cannot reopen ") + database.path();
        return false;
    }
    return parseJsonObject(created, summary, failure);
}

bool Fixture::createBlogDeskSample(TempDatabase& database, QString* failure) const
{
    database.close();
    const ProcessResult sample =
        runBlogDesk({QStringLiteral("sample"), QStringLiteral("--database"), database.url()});
    if (!sample.exited(0)) {
        *failure = QStringLiteral("blogdesk sample failed:") + sample.describe();
        return false;
    }
    if (!database.reopen()) {
        *failure = QStringLiteral("cannot reopen ") + database.path();
        return false;
    }
    return true;
}

bool Fixture::createFlaskBlog(const TestServers::BackendDatabase& database, QJsonObject* summary,
                              QString* failure) const
{
    const ProcessResult created =
        FlaskApp::runBlogApp({QStringLiteral("create")}, appUrl(database.url()));
    if (!created.exited(0)) {
        *failure = QStringLiteral("the Flask app could not create its blog:") + created.describe();
        return false;
    }
    return parseJsonObject(created, summary, failure);
}

bool Fixture::createBlogDeskSample(const TestServers::BackendDatabase& database,
                                   QString* failure) const
{
    const ProcessResult sample = runBlogDesk(
        {QStringLiteral("sample"), QStringLiteral("--database"), appUrl(database.url())});
    if (!sample.exited(0)) {
        *failure = QStringLiteral("blogdesk sample failed:") + sample.describe();
        return false;
    }
    return true;
}

bool Fixture::findTools()
{
    m_blogDesk = qEnvironmentVariable("BLOGDESK_BINARY");
    HELPER_VERIFY2(QFileInfo(m_blogDesk).isExecutable(),
                   "BLOGDESK_BINARY must name the built blogdesk executable (CTest sets it)");
    QString problem;
    HELPER_VERIFY2(
        FlaskApp::available(&problem),
        qPrintable(problem + QStringLiteral(" (install python3 or set BLOGDESK_PYTHON)")));
    const ProcessResult imports = FlaskApp::run(
        FlaskApp::python(),
        {QStringLiteral("-c"), QStringLiteral("import flask, flask_sqlalchemy, flask_migrate, "
                                              "sqlalchemy, werkzeug.security, psycopg2, "
                                              "pymysql")},
        FlaskApp::cleanEnvironment());
    HELPER_VERIFY2(
        imports.exited(0),
        qPrintable(QStringLiteral("%1 cannot import Flask, Flask-SQLAlchemy and "
                                  "Flask-Migrate and the server drivers: apt-get install "
                                  "python3-flask-sqlalchemy python3-flask-migrate "
                                  "python3-psycopg2 python3-pymysql%2")
                       .arg(FlaskApp::python(), imports.describe())));
    return true;
}

namespace {

QList<TableColumn> columnsOfType(const QSqlDatabase& db, const QString& declaredType)
{
    QList<TableColumn> columns;
    const QStringList tables =
        column(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "ORDER BY name"));
    for (const QString& table : tables) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
        while (query.next()) {
            if (query.value(2).toString().compare(declaredType, Qt::CaseInsensitive) == 0) {
                columns.append({table, query.value(1).toString()});
            }
        }
    }
    return columns;
}

} // namespace

} // namespace FlaskCompat
