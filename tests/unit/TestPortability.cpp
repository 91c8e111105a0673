#include "sql/BatchInserter.h"
#include "sql/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "models/undo/RowSnapshot.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;
using TestServers::portableDump;

namespace {

constexpr int LongPostLength = 300000;

// Rows per multi-row INSERT: the long post alone is 300,000 characters, so few rows per
// statement keep every statement far below MariaDB's max_allowed_packet.
constexpr int RowsPerStatement = 50;

bool exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values,
          QString* error)
{
    QSqlQuery query(db);
    bool ok = query.prepare(statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    ok = ok && query.exec();
    if (!ok) {
        *error = QStringLiteral("%1: %2").arg(statement, query.lastError().text());
    }
    return ok;
}

bool upgradeToHead(const QSqlDatabase& db, QString* error)
{
    MigrationHistory history;
    if (!history.loadBuiltIn(error)) {
        return false;
    }
    MigrationEngine engine(db, history);
    MigrationError failure;
    if (!engine.refresh(error)) {
        return false;
    }
    if (!engine.upgrade(history.headIndex(), &failure)) {
        *error = failure.text();
        return false;
    }
    return true;
}

// 300,000 characters of every kind a post may hold: several scripts, characters outside the
// BMP (two UTF-16 units each), quotes, backslashes, LIKE wildcards, tabs and newlines.
QString longPostContent()
{
    const QString piece = QStringLiteral("Ünïcödé 漢字 Ελληνικά ' \" \\ %_ \t 😀🚀\n");
    QString content;
    content.reserve(LongPostLength);
    while (content.size() < LongPostLength) {
        content += piece;
    }
    content.truncate(LongPostLength);
    if (content.at(content.size() - 1).isHighSurrogate()) {
        content.back() = QLatin1Char('.'); // never half a character at the end
    }
    return content;
}

// Adds what is hardest to keep on the way: users 'Ada' and 'ada', timestamps whose
// microseconds matter (one of them all zeros, which PostgreSQL writes without a fraction),
// and a post of 300,000 characters.
bool addHardRows(const QSqlDatabase& db, QString* error)
{
    const QString insertUser =
        QStringLiteral("INSERT INTO users (id, username, email, password_hash, is_active, "
                       "created_at, last_login) VALUES (?, ?, ?, 'pbkdf2:sha256:600000$s$h', ?, "
                       "?, ?)");
    const QString insertPost = QStringLiteral(
        "INSERT INTO posts (id, title, content, slug, is_published, published_at, created_at, "
        "updated_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return exec(db, insertUser,
                {1001, QStringLiteral("Ada"), QStringLiteral("Ada@example.com"), true,
                 QStringLiteral("2024-02-29 23:59:59.123456"),
                 QStringLiteral("2024-03-01 00:00:00.000001")},
                error) &&
           exec(db, insertUser,
                {1002, QStringLiteral("ada"), QStringLiteral("ada@example.com"), false,
                 QStringLiteral("2024-02-29 23:59:59.000000"), QVariant()},
                error) &&
           exec(db, insertPost,
                {5001, QStringLiteral("A very long post"), longPostContent(),
                 QStringLiteral("a-very-long-post"), true,
                 QStringLiteral("2024-03-01 12:00:00.999999"),
                 QStringLiteral("2024-03-01 11:59:59.500000"), QVariant(), 1001},
                error);
}

bool copyTable(const QSqlDatabase& from, SqlDialect fromDialect, const QSqlDatabase& to,
               const QString& table, QString* error)
{
    const TestServers::PortableTable rows = TestServers::readPortable(from, fromDialect, table);
    if (!rows.error.isEmpty()) {
        *error = rows.error;
        return false;
    }
    BatchInserter inserter(to, table, rows.columns, RowsPerStatement);
    for (const QVariantList& row : rows.rows) {
        if (!inserter.add(row, error)) {
            return false;
        }
    }
    return inserter.flush(error);
}

// Every row of every blog table of `from` into `to` (migrated to head and empty), ids
// included, in one transaction, parents first.
bool copyBlog(const BackendDatabase& from, const BackendDatabase& to, QString* error)
{
    QSqlDatabase target = to.db();
    if (!target.transaction()) {
        *error = target.lastError().text();
        return false;
    }
    for (const QString& table : RowSnapshot::knownTables()) {
        if (!copyTable(from.db(), from.dialect(), target, table, error)) {
            target.rollback();
            return false;
        }
    }
    return target.commit() && TestServers::advanceSequences(target, to.dialect(), error);
}

// SQLite's own view of every value: its storage class and its exact SQL literal, so the
// round trip is checked byte for byte, integers staying integers and text staying text.
QStringList sqliteTypedDump(const QSqlDatabase& db)
{
    QStringList lines;
    for (const QString& table : RowSnapshot::knownTables()) {
        QStringList values;
        for (const QString& name : TestSupport::column(
                 db, QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table))) {
            values << QStringLiteral("typeof(%1) || ':' || quote(%1)").arg(name);
        }
        lines << TestSupport::column(
            db, QStringLiteral("SELECT '%1|' || %2 FROM %1 ORDER BY %3")
                    .arg(table, values.join(QStringLiteral(" || '|' || ")),
                         RowSnapshot::keyColumnsOf(table).join(QStringLiteral(", "))));
    }
    return lines;
}

} // namespace

// Declares `database`, a fresh database on `dialect` migrated to head, opened as `connection`.
#define OPEN_EMPTY_BLOG(database, dialect, connection)                                             \
    BLOGDESK_REQUIRE_SERVER(dialect);                                                              \
    QString database##Error;                                                                       \
    const auto database =                                                                          \
        BackendDatabase::create(dialect, QStringLiteral(connection), &database##Error);            \
    QVERIFY2(database, qPrintable(database##Error));                                               \
    QVERIFY2(upgradeToHead(database->db(), &database##Error), qPrintable(database##Error))

class TestPortability : public QObject
{
    Q_OBJECT

private slots:
    void portableValuesAreCanonical();
    void sampleBlogMovesBetweenEveryBackEndUnchanged();
};

void TestPortability::portableValuesAreCanonical()
{
    std::unique_ptr<BackendDatabase> source;
    QVERIFY(
        TestServers::openSampleDatabase(source, SqlDialect::SQLite, QStringLiteral("canonical")));
    if (QTest::currentTestFailed()) {
        return;
    }
    QString error;
    QVERIFY2(addHardRows(source->db(), &error), qPrintable(error));
    const TestServers::PortableTable users =
        TestServers::readPortable(source->db(), SqlDialect::SQLite, QStringLiteral("users"));
    QVERIFY2(users.error.isEmpty(), qPrintable(users.error));
    const int username = int(users.columns.indexOf(QStringLiteral("username")));
    const int lastLogin = int(users.columns.indexOf(QStringLiteral("last_login")));
    QStringList names;
    for (const QVariantList& row : users.rows) {
        names << row.at(username).toString();
        if (row.at(username) == QStringLiteral("Ada")) {
            QCOMPARE(row.at(lastLogin).toString(), QStringLiteral("2024-03-01 00:00:00.000001"));
        }
    }
    QVERIFY(names.contains(QStringLiteral("Ada")) && names.contains(QStringLiteral("ada")));
    QCOMPARE(TestSupport::scalar(source->db(), QStringLiteral("SELECT LENGTH(content) FROM posts "
                                                              "WHERE slug = 'a-very-long-post'"))
                 .toInt(),
             // SQLite counts characters, and each emoji is one character but two QChars.
             int(longPostContent().toUcs4().size()));
}

void TestPortability::sampleBlogMovesBetweenEveryBackEndUnchanged()
{
    std::unique_ptr<BackendDatabase> source;
    QVERIFY(TestServers::openSampleDatabase(source, SqlDialect::SQLite, QStringLiteral("source")));
    if (QTest::currentTestFailed()) {
        return;
    }
    QString error;
    QVERIFY2(addHardRows(source->db(), &error), qPrintable(error));
    const QStringList original = portableDump(source->db(), SqlDialect::SQLite);
    QVERIFY(original.size() > 100);

    OPEN_EMPTY_BLOG(postgres, SqlDialect::PostgreSQL, "postgres");
    QVERIFY2(copyBlog(*source, *postgres, &error), qPrintable(error));
    QCOMPARE(portableDump(postgres->db(), SqlDialect::PostgreSQL), original);

    OPEN_EMPTY_BLOG(mariadb, SqlDialect::MySQL, "mariadb");
    QVERIFY2(copyBlog(*postgres, *mariadb, &error), qPrintable(error));
    QCOMPARE(portableDump(mariadb->db(), SqlDialect::MySQL), original);

    OPEN_EMPTY_BLOG(back, SqlDialect::SQLite, "back");
    QVERIFY2(copyBlog(*mariadb, *back, &error), qPrintable(error));
    QCOMPARE(portableDump(back->db(), SqlDialect::SQLite), original);
    QCOMPARE(sqliteTypedDump(back->db()), sqliteTypedDump(source->db()));
}

QTEST_GUILESS_MAIN(TestPortability)
#include "TestPortability.moc"
