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
#include <memory>

#include "models/browse/BlogTableModel.h"
#include "models/browse/CommentsModel.h"
#include "models/browse/PostsModel.h"
#include "models/browse/TagsModel.h"
#include "models/browse/UsersModel.h"
#include "models/records/PasswordHash.h"
#include "tests/support/BrowseCheck.h"
#include "tests/support/FlaskApp.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using BrowseCheck::browsesCompletely;
using BrowseCheck::cellText;
using BrowseCheck::rowCount;
using TestSupport::column;
using TestSupport::scalar;
using TestSupport::sqliteSchema;

// End-to-end compatibility with the real Flask app of the guide (tests/flaskapp/blogapp.py,
// run by Debian's python3-flask-sqlalchemy and python3-flask-migrate): BlogDesk opens what
// Flask made, and Flask loads what BlogDesk wrote. A missing Python or Flask is a failure,
// not a skip: without them this test proves nothing.
//
// The interop checks (Flask's create_all() blog browsed by BlogDesk, BlogDesk's sample and
// upgraded databases loaded by Flask) run on SQLite and, as the app's DATABASE_URL points at
// them with psycopg2 and PyMySQL, on the PostgreSQL and MariaDB test servers. The checks that
// read SQLite's stored text (typeof, sqlite_master, PRAGMA) and the migration-command checks
// that compare the file before and after stay SQLite-only.

namespace {

const QStringList BlogTables{QStringLiteral("users"),     QStringLiteral("profiles"),
                             QStringLiteral("posts"),     QStringLiteral("tags"),
                             QStringLiteral("post_tags"), QStringLiteral("comments")};

// SQLAlchemy's DATETIME text on SQLite: microseconds always present.
const QRegularExpression
    SqlAlchemyDateTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));

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

// The URL the Flask app is given for a database (mysql+pymysql://). BlogDesk is given the
// same URL, as a user would copy it from the app.
QString appUrl(const QString& url)
{
    return FlaskApp::sqlAlchemyUrl(url);
}

// A fresh database on the current row's back end (see TestServers::addBackendRows).
std::unique_ptr<TestServers::BackendDatabase> backendDatabase(SqlDialect dialect, QString* failure)
{
    return TestServers::BackendDatabase::create(dialect, QStringLiteral("test"), failure);
}

// On MariaDB, SQLAlchemy's DateTime is DATETIME without a fraction: the server drops the
// microseconds the app sets. PostgreSQL's TIMESTAMP and SQLite's text keep them.
bool keepsMicroseconds(SqlDialect dialect)
{
    return dialect != SqlDialect::MySQL;
}

// One timestamp (the first row `where` selects) as SQLAlchemy's text, six fraction digits.
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

// datetime.isoformat() of the value SQLAlchemy stored as `raw`: a 'T', and no fraction at all
// when the microseconds are zero.
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

// --- columns by declared type ----------------------------------------------------------

struct TableColumn
{
    QString table;
    QString column;
    QString name() const { return table + QLatin1Char('.') + column; }
};

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

// Every stored DATETIME that is not SQLAlchemy's text, or that SqlTime reads differently
// (to the millisecond, which is what Qt keeps); `checked` counts the values looked at.
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

// The servers' timestamps of every blog table, read as text: each must be a full date-time
// that SqlTime reads to the millisecond; `checked` counts the values looked at.
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

// Every stored BOOLEAN that is not the integer 0 or 1, as SQLAlchemy writes them.
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

// A cell by the table's column name: a relation column is renamed after its display column
// in the model's own record, so the table's record is the one to ask.
QVariant cell(const BlogTableModel& model, int row, const char* column, int role = Qt::EditRole)
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

// Everything a command could change in a SQLite database, for before/after comparisons.
struct Snapshot
{
    QStringList tables; // BlogDesk's own history table included
    QStringList schema; // sqliteSchema: the schema without BlogDesk's history table
    // Like sqliteSchema, rows and counts leave BlogDesk's history table out: whether it is
    // there is compared (last) through `tables`.
    QMap<QString, qint64> rowCounts;
    QStringList rows; // every row as text
};

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

} // namespace

class TestFlaskCompat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // a. A database the Flask app made with create_all() opens in BlogDesk, nothing lost
    // (every back end).
    void flaskDatabaseBrowsesCompletely_data() { TestServers::addBackendRows(); }
    void flaskDatabaseBrowsesCompletely();
    void flaskDateTimesAreReadExactly_data() { TestServers::addBackendRows(); }
    void flaskDateTimesAreReadExactly();
    void flaskPasswordHashesCheck_data() { TestServers::addBackendRows(); }
    void flaskPasswordHashesCheck();
    // b. BlogDesk's migration commands on that create_all() database (reports on every back
    // end; the rest compares the SQLite file).
    void currentAndHistoryReportNothingApplied_data() { TestServers::addBackendRows(); }
    void currentAndHistoryReportNothingApplied();
    void upgradeFailsAndLeavesDatabaseAsItWas();
    void stampedDatabaseDowngradesPastProfiles();
    // c. A database BlogDesk made is loaded by the Flask app (every back end; the stored text
    // is SQLite's alone).
    void flaskLoadsBlogDeskSample_data() { TestServers::addBackendRows(); }
    void flaskLoadsBlogDeskSample();
    void flaskWritesToBlogDeskSchema_data() { TestServers::addBackendRows(); }
    void flaskWritesToBlogDeskSchema();
    void blogDeskSampleStoresSqlAlchemyFormats();
    // d. A database under Flask-Migrate's own history.
    void flaskMigrateHistoryIsLeftAlone();

private:
    ProcessResult runBlogDesk(const QStringList& arguments) const;
    bool createFlaskBlog(TempDatabase& database, QJsonObject* summary, QString* failure) const;
    bool createBlogDeskSample(TempDatabase& database, QString* failure) const;
    // The same on any back end: the connection stays open while the other program writes.
    bool createFlaskBlog(const TestServers::BackendDatabase& database, QJsonObject* summary,
                         QString* failure) const;
    bool createBlogDeskSample(const TestServers::BackendDatabase& database, QString* failure) const;

    QString m_blogDesk;
};

ProcessResult TestFlaskCompat::runBlogDesk(const QStringList& arguments) const
{
    return FlaskApp::run(m_blogDesk, arguments, FlaskApp::cleanEnvironment());
}

// Runs `blogapp.py create` on the (closed) database and reopens it.
bool TestFlaskCompat::createFlaskBlog(TempDatabase& database, QJsonObject* summary,
                                      QString* failure) const
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

bool TestFlaskCompat::createBlogDeskSample(TempDatabase& database, QString* failure) const
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

bool TestFlaskCompat::createFlaskBlog(const TestServers::BackendDatabase& database,
                                      QJsonObject* summary, QString* failure) const
{
    const ProcessResult created =
        FlaskApp::runBlogApp({QStringLiteral("create")}, appUrl(database.url()));
    if (!created.exited(0)) {
        *failure = QStringLiteral("the Flask app could not create its blog:") + created.describe();
        return false;
    }
    return parseJsonObject(created, summary, failure);
}

bool TestFlaskCompat::createBlogDeskSample(const TestServers::BackendDatabase& database,
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

void TestFlaskCompat::initTestCase()
{
    m_blogDesk = qEnvironmentVariable("BLOGDESK_BINARY");
    QVERIFY2(QFileInfo(m_blogDesk).isExecutable(),
             "BLOGDESK_BINARY must name the built blogdesk executable (CTest sets it)");
    QString problem;
    QVERIFY2(FlaskApp::available(&problem),
             qPrintable(problem + QStringLiteral(" (install python3 or set BLOGDESK_PYTHON)")));
    const ProcessResult imports = FlaskApp::run(
        FlaskApp::python(),
        {QStringLiteral("-c"), QStringLiteral("import flask, flask_sqlalchemy, flask_migrate, "
                                              "sqlalchemy, werkzeug.security, psycopg2, "
                                              "pymysql")},
        FlaskApp::cleanEnvironment());
    QVERIFY2(imports.exited(0),
             qPrintable(QStringLiteral("%1 cannot import Flask, Flask-SQLAlchemy and "
                                       "Flask-Migrate and the server drivers: apt-get install "
                                       "python3-flask-sqlalchemy python3-flask-migrate "
                                       "python3-psycopg2 python3-pymysql%2")
                            .arg(FlaskApp::python(), imports.describe())));
}

void TestFlaskCompat::flaskDatabaseBrowsesCompletely()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();
    for (const QString& table : BlogTables) {
        QCOMPARE(rowCount(db, table), made[QLatin1String("counts")][table].toInteger());
        QVERIFY2(browsesCompletely(db, table, &failure), qPrintable(failure));
    }

    PostsModel posts(db);
    QVERIFY(posts.select());
    const QJsonObject unicodePost = made[QLatin1String("unicode_post")].toObject();
    const int unicodeRow = rowWithId(posts, unicodePost[QLatin1String("id")].toInteger());
    QVERIFY(unicodeRow >= 0);
    QCOMPARE(cell(posts, unicodeRow, "title").toString(), QStringLiteral("Über café ünïcödé"));
    QCOMPARE(cell(posts, unicodeRow, "title").toString(),
             unicodePost[QLatin1String("title")].toString());
    QCOMPARE(cell(posts, unicodeRow, "slug").toString(),
             unicodePost[QLatin1String("slug")].toString());
    QCOMPARE(cell(posts, unicodeRow, "content").toString(),
             unicodePost[QLatin1String("content")].toString());
    QCOMPARE(cell(posts, unicodeRow, "user_id", Qt::DisplayRole).toString(), QStringLiteral("bob"));

    const int draftRow =
        rowWithId(posts, made[QLatin1String("draft")][QLatin1String("id")].toInteger());
    QVERIFY(draftRow >= 0);
    QVERIFY(cell(posts, draftRow, "published_at").isNull());
    QCOMPARE(cell(posts, draftRow, "published_at", Qt::DisplayRole).toString(),
             BlogTableModel::tr("NULL"));
    QCOMPARE(cell(posts, draftRow, "is_published", Qt::DisplayRole).toString(),
             BlogTableModel::tr("no"));

    // The thread: top-level comment (parent NULL), reply, reply to the reply.
    CommentsModel comments(db);
    QVERIFY(comments.select());
    const QJsonArray thread = made[QLatin1String("thread")].toArray();
    QCOMPARE(thread.size(), 3);
    const int topRow = rowWithId(comments, thread[0][QLatin1String("id")].toInteger());
    const int nestedRow = rowWithId(comments, thread[2][QLatin1String("id")].toInteger());
    QVERIFY2(topRow >= 0, "the top-level comment (parent_id NULL) is missing");
    QVERIFY(cell(comments, topRow, "parent_id").isNull());
    QVERIFY(nestedRow >= 0);
    QCOMPARE(cell(comments, nestedRow, "parent_id").toLongLong(),
             thread[1][QLatin1String("id")].toInteger());
    QCOMPARE(cell(comments, nestedRow, "user_id", Qt::DisplayRole).toString(),
             QStringLiteral("carol"));
    QCOMPARE(cell(comments, nestedRow, "post_id", Qt::DisplayRole).toString(),
             made[QLatin1String("first_post")][QLatin1String("title")].toString());

    UsersModel users(db);
    QVERIFY(users.select());
    const int carolRow =
        rowWithId(users, made[QLatin1String("users")][2][QLatin1String("id")].toInteger());
    QVERIFY(carolRow >= 0);
    QCOMPARE(cell(users, carolRow, "is_active", Qt::DisplayRole).toString(),
             BlogTableModel::tr("no"));
}

void TestFlaskCompat::flaskDateTimesAreReadExactly()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();

    int checked = 0;
    // SQLite: the stored text itself must be SQLAlchemy's; the servers store typed values.
    const QStringList problems = dialect == SqlDialect::SQLite
                                     ? badDateTimes(db, &checked)
                                     : badServerDateTimes(db, dialect, &checked);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
    QVERIFY2(checked >= 20, "too few date-times to prove anything");

    // Values the Flask app set itself: microseconds kept (where the column keeps them), and a
    // whole second still ".000000".
    const bool micro = keepsMicroseconds(dialect);
    QCOMPARE(timestampText(db, dialect, QStringLiteral("users"), QStringLiteral("last_login"),
                           QStringLiteral("username = 'alice'")),
             micro ? QStringLiteral("2024-01-15 10:30:00.123456")
                   : QStringLiteral("2024-01-15 10:30:00.000000"));
    QCOMPARE(timestampText(db, dialect, QStringLiteral("users"), QStringLiteral("deleted_at"),
                           QStringLiteral("username = 'carol'")),
             QStringLiteral("2024-02-01 12:00:00.000000"));
    const QJsonObject firstPost = made[QLatin1String("first_post")].toObject();
    const QString published =
        timestampText(db, dialect, QStringLiteral("posts"), QStringLiteral("published_at"),
                      QStringLiteral("id = %1").arg(firstPost[QLatin1String("id")].toInteger()));
    QCOMPARE(pythonIsoFormat(published), firstPost[QLatin1String("published_at")].toString());
    QDateTime parsed;
    QVERIFY(SqlTime::parse(published, &parsed));
    QCOMPARE(parsed, QDateTime(QDate(2024, 1, 15), QTime(10, 30, 0, micro ? 654 : 0), Qt::UTC));
    QCOMPARE(SqlTime::display(published), QStringLiteral("2024-01-15 10:30:00"));
}

void TestFlaskCompat::flaskPasswordHashesCheck()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QJsonArray users = made[QLatin1String("users")].toArray();
    QCOMPARE(users.size(), 3);
    for (const QJsonValue& user : users) {
        const QString hash =
            scalar(database->db(), QStringLiteral("SELECT password_hash FROM users "
                                                  "WHERE id = %1")
                                       .arg(user[QLatin1String("id")].toInteger()))
                .toString();
        const QString password =
            QStringLiteral("secret-") + user[QLatin1String("username")].toString();
        QVERIFY2(PasswordHash::check(hash, password), qPrintable(hash));
        QVERIFY(!PasswordHash::check(hash, password + QLatin1Char('x')));
    }
}

void TestFlaskCompat::currentAndHistoryReportNothingApplied()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QString url = appUrl(database->url());

    const ProcessResult current = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"), url});
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QCOMPARE(nonEmptyLines(current.out), QStringList{QStringLiteral("<base>")});
    QVERIFY2(current.err.isEmpty(), qPrintable(current.describe()));

    const ProcessResult history = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("history"), QStringLiteral("--database"), url});
    QVERIFY2(history.exited(0), qPrintable(history.describe()));
    const QStringList lines = nonEmptyLines(history.out);
    QVERIFY2(!lines.isEmpty(), qPrintable(history.describe()));
    for (const QString& line : lines) {
        QVERIFY2(line.endsWith(QLatin1String("[pending]")) &&
                     !line.contains(QLatin1String("(current)")),
                 qPrintable(line));
    }
}

void TestFlaskCompat::upgradeFailsAndLeavesDatabaseAsItWas()
{
    TempDatabase database;
    QJsonObject made;
    QString failure;
    QVERIFY2(createFlaskBlog(database, &made, &failure), qPrintable(failure));
    const Snapshot before = snapshotOf(database.db());
    database.close();

    const ProcessResult upgrade = runBlogDesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                                               QStringLiteral("--database"), database.url()});
    QVERIFY2(upgrade.exited(1), qPrintable(upgrade.describe()));
    const QStringList errorLines = nonEmptyLines(upgrade.err);
    QVERIFY2(errorLines.size() == 1 && errorLines[0].startsWith(QLatin1String("blogdesk: ")) &&
                 errorLines[0].contains(QLatin1String("already exists")),
             qPrintable(upgrade.describe()));

    QVERIFY(database.reopen());
    const Snapshot after = snapshotOf(database.db());
    QCOMPARE(after.rowCounts, before.rowCounts);
    QCOMPARE(after.schema, before.schema);
    QCOMPARE(after.rows, before.rows);
    // The table BlogDesk keeps its history in must not be left behind either: the Flask
    // app's next `flask db migrate` would otherwise propose to drop it.
    QStringList leftBehind = after.tables;
    for (const QString& table : before.tables) {
        leftBehind.removeOne(table);
    }
    QVERIFY2(after.tables == before.tables,
             qPrintable(QStringLiteral("the failed upgrade left table(s) behind: ") +
                        leftBehind.join(QStringLiteral(", "))));
}

// Stamping is how a create_all() database joins BlogDesk's history (upgrade cannot create
// tables that exist); from then on every revision's downgrade must work on it, although
// create_all() never made the indexes that only the guide's migration files create.
void TestFlaskCompat::stampedDatabaseDowngradesPastProfiles()
{
    TempDatabase database;
    QJsonObject made;
    QString failure;
    QVERIFY2(createFlaskBlog(database, &made, &failure), qPrintable(failure));
    database.close();
    const QStringList url{QStringLiteral("--database"), database.url()};
    const ProcessResult stamp = runBlogDesk(
        QStringList{QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head")} + url);
    QVERIFY2(stamp.exited(0), qPrintable(stamp.describe()));

    const ProcessResult downgrade = runBlogDesk(
        QStringList{QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("5678abcd")} +
        url);
    QVERIFY2(downgrade.exited(0), qPrintable(downgrade.describe()));
    QVERIFY(database.reopen());
    QVERIFY(!database.db().tables().contains(QStringLiteral("profiles")));
    QCOMPARE(rowCount(database.db(), QStringLiteral("comments")),
             made[QLatin1String("counts")][QLatin1String("comments")].toInteger());
}

void TestFlaskCompat::flaskLoadsBlogDeskSample()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    QVERIFY2(createBlogDeskSample(*database, &failure), qPrintable(failure));
    const ProcessResult read = FlaskApp::runBlogApp(
        {QStringLiteral("read"), QStringLiteral("--password"), QStringLiteral("password")},
        appUrl(database->url()));
    QVERIFY2(read.exited(0), qPrintable(QStringLiteral("the Flask app cannot load what BlogDesk "
                                                       "wrote:") +
                                        read.describe()));
    QJsonObject loaded;
    QVERIFY2(parseJsonObject(read, &loaded, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();

    for (const QString& table : BlogTables) {
        QCOMPARE(loaded[QLatin1String("counts")][table].toInteger(), rowCount(db, table));
    }
    const qint64 users = rowCount(db, QStringLiteral("users"));
    QVERIFY(users > 0 && rowCount(db, QStringLiteral("comments")) > 0);
    QCOMPARE(loaded[QLatin1String("passwords_checked")].toInteger(), users);
    QCOMPARE(loaded[QLatin1String("active_users")].toInteger(),
             rowCount(db, QStringLiteral("users"), QStringLiteral("is_active")));
    QCOMPARE(loaded[QLatin1String("published_posts")].toInteger(),
             rowCount(db, QStringLiteral("posts"), QStringLiteral("is_published")));
    QCOMPARE(loaded[QLatin1String("top_level_comments")].toInteger(),
             rowCount(db, QStringLiteral("comments"), QStringLiteral("parent_id IS NULL")));

    const QJsonObject firstPost = loaded[QLatin1String("first_post")].toObject();
    QSqlQuery query(db);
    QVERIFY(
        query.exec(QStringLiteral("SELECT p.title, p.slug, %1, u.username "
                                  "FROM posts p JOIN users u ON u.id = p.user_id "
                                  "ORDER BY p.id LIMIT 1")
                       .arg(TestServers::columnAsText(dialect, QStringLiteral("p.created_at")))) &&
        query.next());
    QCOMPARE(firstPost[QLatin1String("title")].toString(), query.value(0).toString());
    QCOMPARE(firstPost[QLatin1String("slug")].toString(), query.value(1).toString());
    QCOMPARE(
        firstPost[QLatin1String("created_at")].toString(),
        pythonIsoFormat(TestServers::portableText(query.value(2), QStringLiteral("created_at"))));
    QCOMPARE(firstPost[QLatin1String("author")].toString(), query.value(3).toString());
}

// A database `blogdesk db upgrade` made takes the Flask app's rows (create_all() leaves the
// existing tables alone), BlogDesk browses them, and the app loads them back.
void TestFlaskCompat::flaskWritesToBlogDeskSchema()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString failure;
    const std::unique_ptr<TestServers::BackendDatabase> database =
        backendDatabase(dialect, &failure);
    QVERIFY2(database, qPrintable(failure));
    const QString url = appUrl(database->url());
    const ProcessResult upgrade = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"), url});
    QVERIFY2(upgrade.exited(0), qPrintable(upgrade.describe()));
    QJsonObject made;
    QVERIFY2(createFlaskBlog(*database, &made, &failure), qPrintable(failure));
    const QSqlDatabase db = database->db();
    QVERIFY(db.tables().contains(QStringLiteral("blogdesk_migrations")));
    for (const QString& table : BlogTables) {
        QCOMPARE(rowCount(db, table), made[QLatin1String("counts")][table].toInteger());
        QVERIFY2(browsesCompletely(db, table, &failure), qPrintable(failure));
    }

    const ProcessResult read = FlaskApp::runBlogApp(
        {QStringLiteral("read"), QStringLiteral("--password"), QStringLiteral("secret-alice")},
        url);
    QVERIFY2(read.exited(0), qPrintable(read.describe()));
    QJsonObject loaded;
    QVERIFY2(parseJsonObject(read, &loaded, &failure), qPrintable(failure));
    QCOMPARE(loaded[QLatin1String("counts")].toObject(), made[QLatin1String("counts")].toObject());
    QCOMPARE(loaded[QLatin1String("passwords_checked")].toInteger(), 1);
    QCOMPARE(loaded[QLatin1String("active_users")].toInteger(),
             rowCount(db, QStringLiteral("users"), QStringLiteral("is_active")));

    const ProcessResult current = runBlogDesk(
        {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"), url});
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QVERIFY2(!nonEmptyLines(current.out).contains(QStringLiteral("<base>")),
             qPrintable(current.describe()));
}

void TestFlaskCompat::blogDeskSampleStoresSqlAlchemyFormats()
{
    TempDatabase database;
    QString failure;
    QVERIFY2(createBlogDeskSample(database, &failure), qPrintable(failure));
    const QSqlDatabase db = database.db();

    int dateTimes = 0;
    const QStringList dateTimeProblems = badDateTimes(db, &dateTimes);
    QVERIFY2(dateTimeProblems.isEmpty(), qPrintable(dateTimeProblems.join(QStringLiteral("; "))));
    QVERIFY2(dateTimes >= 100, "too few date-times to prove anything");
    int booleans = 0;
    const QStringList booleanProblems = badBooleans(db, &booleans);
    QVERIFY2(booleanProblems.isEmpty(), qPrintable(booleanProblems.join(QStringLiteral("; "))));
    QVERIFY2(booleans >= 10, "too few booleans to prove anything");

    // The ORM fills these from Python-side defaults and never leaves them NULL.
    const QList<TableColumn> ormDefaults{
        {QStringLiteral("users"), QStringLiteral("is_active")},
        {QStringLiteral("users"), QStringLiteral("created_at")},
        {QStringLiteral("users"), QStringLiteral("updated_at")},
        {QStringLiteral("posts"), QStringLiteral("is_published")},
        {QStringLiteral("posts"), QStringLiteral("created_at")},
        {QStringLiteral("posts"), QStringLiteral("updated_at")},
        {QStringLiteral("post_tags"), QStringLiteral("created_at")},
        {QStringLiteral("comments"), QStringLiteral("created_at")}};
    for (const TableColumn& defaulted : ormDefaults) {
        QVERIFY2(rowCount(db, defaulted.table, defaulted.column + QStringLiteral(" IS NULL")) == 0,
                 qPrintable(defaulted.name() + QStringLiteral(" left NULL")));
    }
}

void TestFlaskCompat::flaskMigrateHistoryIsLeftAlone()
{
    TempDatabase database;
    database.close();
    const QTemporaryDir project;
    QVERIFY(project.isValid());
    const ProcessResult init =
        FlaskApp::runBlogApp({QStringLiteral("migrate-init"), project.path()}, database.url());
    QVERIFY2(init.exited(0), qPrintable(init.describe()));
    QJsonObject initialized;
    QString failure;
    QVERIFY2(parseJsonObject(init, &initialized, &failure), qPrintable(failure));
    const QString revision = initialized[QLatin1String("revision")].toString();
    QVERIFY2(QDir(project.filePath(QStringLiteral("migrations/versions")))
                     .entryList({revision + QStringLiteral("_*.py")})
                     .size() == 1,
             "Flask-Migrate wrote no revision file of its own");
    QVERIFY(database.reopen());
    const QStringList alembicBefore =
        column(database.db(), QStringLiteral("SELECT version_num FROM alembic_version"));
    QCOMPARE(alembicBefore, QStringList{revision});
    const Snapshot before = snapshotOf(database.db());
    database.close();

    const QStringList url{QStringLiteral("--database"), database.url()};
    const ProcessResult current =
        runBlogDesk(QStringList{QStringLiteral("db"), QStringLiteral("current")} + url);
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QVERIFY2(current.out.contains(QStringLiteral("alembic_version holds %1").arg(revision)) &&
                 current.out.contains(QLatin1String("another")),
             qPrintable(current.describe()));
    const ProcessResult history =
        runBlogDesk(QStringList{QStringLiteral("db"), QStringLiteral("history")} + url);
    QVERIFY2(history.exited(0), qPrintable(history.describe()));

    QVERIFY(database.reopen());
    const QSqlDatabase db = database.db();
    QCOMPARE(column(db, QStringLiteral("SELECT version_num FROM alembic_version")), alembicBefore);
    const Snapshot after = snapshotOf(db);
    QCOMPARE(after.tables, before.tables);
    QCOMPARE(after.rows, before.rows);
    for (const QString& table : BlogTables) {
        QCOMPARE(rowCount(db, table), initialized[QLatin1String("counts")][table].toInteger());
        QVERIFY2(browsesCompletely(db, table, &failure), qPrintable(failure));
    }
}

QTEST_GUILESS_MAIN(TestFlaskCompat)
#include "TestFlaskCompat.moc"
