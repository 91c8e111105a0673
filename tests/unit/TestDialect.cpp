#include "sql/Dialect.h"
#include "sql/TextSearch.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "migrations/engine/MigrationHistory.h"
#include "migrations/engine/MigrationTemplate.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestServers::BackendDatabase;
using Type = Dialect::ColumnType;

// Each rule of models/Dialect, run on a real SQLite file, PostgreSQL and MariaDB: the SQL it
// gives must do on each back end what its comment promises.
class TestDialect : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup() { m_database.reset(); }

    void sessionStatementsRanOnOpen();
    void columnTypesKeepTheSameData();
    void quotedIdentifiersTakeReservedWords();
    void failedTransactionTakesDdlBackUnlessMysql();
    void implicitCommitsAreRecognised();
    void exactTextKeepsMicroseconds();
    void equalsExactlyComparesBytes();
    void nullsSortAsTheLargestValue();
    void caseFoldedSearchIgnoresCaseNotAccents();
    void caseFoldedForATextFindsWhatTheFullFoldFinds();
    void insertHandsBackTheNewId();
    void idSequenceMovesPastExplicitIds();
    void insertUnlessPresentKeepsTheExistingRow();
    void upsertUpdatesOnlyTheNamedColumns();
    void newRevisionTemplateListsTheTypes();

private:
    QSqlDatabase db() const { return m_database->db(); }
    Dialect dialect() const { return Dialect(m_database->dialect()); }
    // Creates table `name` with an Id column `id` and `columns` ("name TYPE"), with the
    // dialect's table options.
    [[nodiscard]] bool createTable(const QString& name, const QStringList& columns);
    QVariant scalar(const QString& statement, const QVariantList& values = {});
    bool run(const QString& statement, const QVariantList& values = {}, QString* error = nullptr);

    std::unique_ptr<BackendDatabase> m_database;
};

void TestDialect::init()
{
    FETCH_GLOBAL_BACKEND();
    QString error;
    m_database = BackendDatabase::create(dialect, QStringLiteral("dialect"), &error);
    QVERIFY2(m_database, qPrintable(error));
}

bool TestDialect::createTable(const QString& name, const QStringList& columns)
{
    const QString statement =
        QStringLiteral("CREATE TABLE %1 (id %2, %3, PRIMARY KEY (id)) %4")
            .arg(name, dialect().columnType(Type::Id), columns.join(QStringLiteral(", ")),
                 dialect().tableOptions());
    QString error;
    HELPER_VERIFY2(run(statement, {}, &error), qPrintable(error));
    return true;
}

QVariant TestDialect::scalar(const QString& statement, const QVariantList& values)
{
    // Unprepared without values: QPSQL cannot PREPARE every statement (SHOW, DDL).
    QSqlQuery query(db());
    bool ok = values.isEmpty() ? query.exec(statement) : query.prepare(statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!values.isEmpty()) {
        ok = ok && query.exec();
    }
    if (!ok || !query.next()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

bool TestDialect::run(const QString& statement, const QVariantList& values, QString* error)
{
    QSqlQuery query(db());
    bool ok = values.isEmpty() ? query.exec(statement) : query.prepare(statement);
    if (ok && !values.isEmpty()) {
        for (const QVariant& value : values) {
            query.addBindValue(value);
        }
        ok = query.exec();
    }
    if (!ok && error) {
        *error = statement + QStringLiteral(": ") + query.lastError().text();
    }
    return ok;
}

void TestDialect::sessionStatementsRanOnOpen()
{
    switch (dialect().kind()) {
    case SqlDialect::SQLite:
        QCOMPARE(scalar(QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        break;
    case SqlDialect::PostgreSQL:
        QCOMPARE(scalar(QStringLiteral("SHOW DateStyle")).toString(), QStringLiteral("ISO, YMD"));
        QCOMPARE(scalar(QStringLiteral("SHOW client_encoding")).toString(), QStringLiteral("UTF8"));
        break;
    case SqlDialect::MySQL:
        QCOMPARE(scalar(QStringLiteral("SELECT @@character_set_client")).toString(),
                 QStringLiteral("utf8mb4"));
        break;
    }
}

// A post of 300,000 characters, microseconds, 'Ada' and 'ada' under a unique index, a
// boolean, and ids that number themselves: the same values come back on every back end.
void TestDialect::columnTypesKeepTheSameData()
{
    QVERIFY(
        createTable(QStringLiteral("samples"),
                    {QStringLiteral("name %1 NOT NULL").arg(dialect().columnType(Type::String, 80)),
                     QStringLiteral("body %1").arg(dialect().columnType(Type::LongText)),
                     QStringLiteral("at %1").arg(dialect().columnType(Type::Timestamp)),
                     QStringLiteral("flag %1").arg(dialect().columnType(Type::Boolean)),
                     QStringLiteral("amount %1").arg(dialect().columnType(Type::Integer))}));
    QString error;
    QVERIFY2(
        run(QStringLiteral("CREATE UNIQUE INDEX ix_samples_name ON samples (name)"), {}, &error),
        qPrintable(error));
    const QString longBody = QString(300000, QLatin1Char('x')) + QStringLiteral("ü😀");
    const QString insert =
        QStringLiteral("INSERT INTO samples (name, body, at, flag, amount) VALUES (?, ?, ?, ?, ?)");
    QVERIFY2(run(insert,
                 {QStringLiteral("Ada"), longBody, QStringLiteral("2024-01-10 09:00:00.123456"),
                  true, 2147483647},
                 &error),
             qPrintable(error));
    QVERIFY2(run(insert,
                 {QStringLiteral("ada"), QStringLiteral("short"),
                  QStringLiteral("2024-01-10 09:00:00.000001"), false, -1},
                 &error),
             qPrintable(error));

    QCOMPARE(scalar(QStringLiteral("SELECT body FROM samples WHERE id = 1")).toString(), longBody);
    QCOMPARE(scalar(QStringLiteral("SELECT name FROM samples WHERE id = 2")).toString(),
             QStringLiteral("ada"));
    QCOMPARE(scalar(QStringLiteral("SELECT flag FROM samples WHERE id = 1")).toBool(), true);
    QCOMPARE(scalar(QStringLiteral("SELECT flag FROM samples WHERE id = 2")).toBool(), false);
    QCOMPARE(scalar(QStringLiteral("SELECT amount FROM samples WHERE id = 1")).toLongLong(),
             2147483647LL);
    const QString at = dialect().exactText(QStringLiteral("at"));
    QCOMPARE(scalar(QStringLiteral("SELECT %1 FROM samples WHERE id = 2").arg(at)).toString(),
             QStringLiteral("2024-01-10 09:00:00.000001"));
    // The unique index still refuses a real duplicate.
    QVERIFY(!run(insert, {QStringLiteral("Ada"), QString(), QVariant(), false, 0}));
}

void TestDialect::quotedIdentifiersTakeReservedWords()
{
    const QSqlDriver* driver = db().driver();
    const QString table = driver->escapeIdentifier(QStringLiteral("user"), QSqlDriver::TableName);
    const QString column = driver->escapeIdentifier(QStringLiteral("order"), QSqlDriver::FieldName);
    QString error;
    QVERIFY2(run(QStringLiteral("CREATE TABLE %1 (%2 INTEGER)").arg(table, column), {}, &error),
             qPrintable(error));
    QVERIFY2(run(QStringLiteral("INSERT INTO %1 (%2) VALUES (7)").arg(table, column), {}, &error),
             qPrintable(error));
    QCOMPARE(scalar(QStringLiteral("SELECT %2 FROM %1").arg(table, column)).toInt(), 7);
}

void TestDialect::failedTransactionTakesDdlBackUnlessMysql()
{
    QSqlDatabase connection = db();
    QVERIFY(connection.transaction());
    QString error;
    QVERIFY2(run(QStringLiteral("CREATE TABLE scratch (id INTEGER)"), {}, &error),
             qPrintable(error));
    connection.rollback();
    const bool tableStayed = connection.tables().contains(QStringLiteral("scratch"));
    QCOMPARE(tableStayed, !dialect().hasTransactionalDdl());
    QCOMPARE(dialect().commitsImplicitly(QStringLiteral("CREATE TABLE scratch (id INTEGER)")),
             !dialect().hasTransactionalDdl());
}

void TestDialect::implicitCommitsAreRecognised()
{
    const Dialect mysql(SqlDialect::MySQL);
    QVERIFY(mysql.commitsImplicitly(QStringLiteral("CREATE TABLE a (id INT)")));
    QVERIFY(mysql.commitsImplicitly(QStringLiteral("  alter table a add b int")));
    QVERIFY(mysql.commitsImplicitly(QStringLiteral("DROP INDEX ix ON a")));
    QVERIFY(mysql.commitsImplicitly(QStringLiteral("RENAME TABLE a TO b")));
    QVERIFY(mysql.commitsImplicitly(QStringLiteral("TRUNCATE TABLE a")));
    QVERIFY(!mysql.commitsImplicitly(QStringLiteral("CREATE TEMPORARY TABLE t (id INT)")));
    QVERIFY(!mysql.commitsImplicitly(QStringLiteral("INSERT INTO a VALUES (1)")));
    QVERIFY(!mysql.commitsImplicitly(QStringLiteral("UPDATE a SET b = 'CREATE'")));
    QVERIFY(!mysql.commitsImplicitly(QStringLiteral("@step populate_post_slugs")));
    QVERIFY(!mysql.commitsImplicitly(QStringLiteral("CREATED_AT")));
    QVERIFY(
        !Dialect(SqlDialect::SQLite).commitsImplicitly(QStringLiteral("CREATE TABLE a (b INT)")));
    QVERIFY(!Dialect(SqlDialect::PostgreSQL).commitsImplicitly(QStringLiteral("DROP TABLE a")));
}

// Read through the driver, the servers' timestamps arrive as QDateTime with milliseconds.
void TestDialect::exactTextKeepsMicroseconds()
{
    QVERIFY(createTable(QStringLiteral("stamps"),
                        {QStringLiteral("at %1").arg(dialect().columnType(Type::Timestamp))}));
    QString error;
    QVERIFY2(run(QStringLiteral("INSERT INTO stamps (at) VALUES (?)"),
                 {QStringLiteral("2024-03-01 12:34:56.789012")}, &error),
             qPrintable(error));
    const QString exact = dialect().exactText(QStringLiteral("at"));
    QCOMPARE(scalar(QStringLiteral("SELECT %1 FROM stamps").arg(exact)).toString(),
             QStringLiteral("2024-03-01 12:34:56.789012"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM stamps WHERE at = ?"),
                    {QStringLiteral("2024-03-01 12:34:56.789012")})
                 .toInt(),
             1);
}

void TestDialect::equalsExactlyComparesBytes()
{
    // A table as a Flask app would make it on MySQL: the server's default collation, which
    // ignores case and accents.
    QString error;
    QVERIFY2(run(QStringLiteral("CREATE TABLE names (name VARCHAR(20))"), {}, &error),
             qPrintable(error));
    QVERIFY2(
        run(QStringLiteral("INSERT INTO names (name) VALUES (?)"), {QStringLiteral("Ada")}, &error),
        qPrintable(error));
    const QString test = QStringLiteral("SELECT COUNT(*) FROM names WHERE ") +
                         dialect().equalsExactly(QStringLiteral("name"), QStringLiteral("?"));
    QCOMPARE(scalar(test, {QStringLiteral("Ada")}).toInt(), 1);
    QCOMPARE(scalar(test, {QStringLiteral("ada")}).toInt(), 0);
    QCOMPARE(scalar(test, {QStringLiteral("Adá")}).toInt(), 0);
    QCOMPARE(scalar(test, {QStringLiteral("Ada ")}).toInt(), 0);
}

void TestDialect::nullsSortAsTheLargestValue()
{
    QString error;
    QVERIFY2(run(QStringLiteral("CREATE TABLE ranks (id INTEGER, score INTEGER)"), {}, &error),
             qPrintable(error));
    QVERIFY2(run(QStringLiteral("INSERT INTO ranks (id, score) VALUES (1, 5), (2, NULL), "
                                "(3, 1), (4, NULL)"),
                 {}, &error),
             qPrintable(error));
    for (const bool descending : {false, true}) {
        QSqlQuery query(db());
        QVERIFY(
            query.exec(QStringLiteral("SELECT score FROM ranks ORDER BY %1, id")
                           .arg(Dialect::nullsLargestOrder(QStringLiteral("score"), descending))));
        QStringList order;
        while (query.next()) {
            order << (query.isNull(0) ? QStringLiteral("NULL") : query.value(0).toString());
        }
        QCOMPARE(order.join(QLatin1Char(' ')),
                 descending ? QStringLiteral("NULL NULL 5 1") : QStringLiteral("1 5 NULL NULL"));
    }
}

void TestDialect::caseFoldedSearchIgnoresCaseNotAccents()
{
    QVERIFY(createTable(QStringLiteral("words"),
                        {QStringLiteral("word %1").arg(dialect().columnType(Type::String, 40))}));
    QString error;
    for (const QString& word : {QStringLiteral("ΣΊΣΥΦΟΣ"), QStringLiteral("Über"),
                                QStringLiteral("uber"), QStringLiteral("STRAẞE")}) {
        QVERIFY2(run(QStringLiteral("INSERT INTO words (word) VALUES (?)"), {word}, &error),
                 qPrintable(error));
    }
    const auto matches = [&](const QString& text) {
        const QString pattern = QLatin1Char('%') +
                                (dialect().foldsPatternInClient() ? text.toCaseFolded() : text) +
                                QLatin1Char('%');
        const QString placeholder = dialect().foldsPatternInClient()
                                        ? QStringLiteral("?")
                                        : dialect().caseFolded(QStringLiteral("?"));
        QSqlQuery query(db());
        query.prepare(QStringLiteral("SELECT word FROM words WHERE %1 LIKE %2 ORDER BY id")
                          .arg(dialect().caseFolded(QStringLiteral("word")), placeholder));
        query.addBindValue(pattern);
        QStringList found;
        if (!query.exec()) {
            qWarning("%s", qPrintable(query.lastError().text()));
        }
        while (query.next()) {
            found << query.value(0).toString();
        }
        return found.join(QLatin1Char(','));
    };
    QCOMPARE(matches(QStringLiteral("σίσυφος")), QStringLiteral("ΣΊΣΥΦΟΣ"));
    QCOMPARE(matches(QStringLiteral("ÜBER")), QStringLiteral("Über"));
    QCOMPARE(matches(QStringLiteral("UBER")), QStringLiteral("uber"));
    QCOMPARE(matches(QStringLiteral("straße")), QStringLiteral("STRAẞE"));
}

// caseFolded(operand, text) leaves out the REPLACE()s a pattern of `text` cannot tell apart:
// the rows found are the full fold's, for ASCII texts (trimmed) and others (kept whole), with
// every character the servers' fold replaces in the rows, next to what it becomes.
void TestDialect::caseFoldedForATextFindsWhatTheFullFoldFinds()
{
    QVERIFY(createTable(QStringLiteral("words"),
                        {QStringLiteral("word %1").arg(dialect().columnType(Type::String, 40))}));
    QString error;
    for (const QString& word :
         {QStringLiteral("aſb"), QStringLiteral("asb"), QStringLiteral("AṠB"),
          QStringLiteral("xςy σ"), QStringLiteral("µm μm"), QStringLiteral("STRAẞE"),
          QStringLiteral("ϐϑϕϖϰϱϵι"), QStringLiteral("KELVIN kelvin"), QStringLiteral("ẛ ṡ"),
          QStringLiteral("100% a_b")}) {
        QVERIFY2(run(QStringLiteral("INSERT INTO words (word) VALUES (?)"), {word}, &error),
                 qPrintable(error));
    }
    const auto matches = [&](const QString& text, bool trimmed) {
        const QString pattern =
            QLatin1Char('%') +
            TextSearch::escapeLike(dialect().foldsPatternInClient() ? text.toCaseFolded() : text) +
            QLatin1Char('%');
        const auto folded = [&](const QString& operand) {
            return trimmed ? dialect().caseFolded(operand, text) : dialect().caseFolded(operand);
        };
        const QString placeholder =
            dialect().foldsPatternInClient() ? QStringLiteral("?") : folded(QStringLiteral("?"));
        QSqlQuery query(db());
        query.prepare(
            QStringLiteral("SELECT word FROM words WHERE %1 LIKE %2 ESCAPE '!' ORDER BY id")
                .arg(folded(QStringLiteral("word")), placeholder));
        query.addBindValue(pattern);
        QStringList found;
        if (!query.exec()) {
            found << query.lastError().text();
        }
        while (query.next()) {
            found << query.value(0).toString();
        }
        return found;
    };
    for (const QString& text :
         {QStringLiteral("s"), QStringLiteral("ASB"), QStringLiteral("a_b"), QStringLiteral("%"),
          QStringLiteral("m"), QStringLiteral("k"), QStringLiteral("σ"), QStringLiteral("ß"),
          QStringLiteral("μm"), QStringLiteral("βθ"), QStringLiteral("ṡ"), QStringLiteral("x_y")}) {
        const QStringList full = matches(text, false);
        QCOMPARE(matches(text, true), full);
        QVERIFY2(!full.isEmpty() || text == QLatin1String("x_y"), qPrintable(text));
    }
    QVERIFY(!dialect().caseFolded(QStringLiteral("w"), QStringLiteral("abc")).contains("REPLACE"));
}

void TestDialect::insertHandsBackTheNewId()
{
    QVERIFY(createTable(QStringLiteral("notes"), {QStringLiteral("note VARCHAR(20)")}));
    for (const qint64 expected : {1, 2}) {
        QSqlQuery query(db());
        QVERIFY(query.prepare(
            dialect().returningId(QStringLiteral("INSERT INTO notes (note) VALUES (?)"))));
        query.addBindValue(QStringLiteral("hello"));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        const QVariant id =
            dialect().returnsIdAsRow() && query.next() ? query.value(0) : query.lastInsertId();
        QCOMPARE(id.toLongLong(), expected);
    }
}

void TestDialect::idSequenceMovesPastExplicitIds()
{
    QVERIFY(createTable(QStringLiteral("notes"), {QStringLiteral("note VARCHAR(20)")}));
    QString error;
    QVERIFY2(
        run(QStringLiteral("INSERT INTO notes (id, note) VALUES (41, 'restored')"), {}, &error),
        qPrintable(error));
    const QString advance = dialect().advanceIdSequence(QStringLiteral("notes"));
    QCOMPARE(advance.isEmpty(), dialect().kind() != SqlDialect::PostgreSQL);
    if (!advance.isEmpty()) {
        QVERIFY2(run(advance, {}, &error), qPrintable(error));
    }
    QVERIFY2(run(QStringLiteral("INSERT INTO notes (note) VALUES ('next')"), {}, &error),
             qPrintable(error));
    QCOMPARE(scalar(QStringLiteral("SELECT id FROM notes WHERE note = 'next'")).toInt(), 42);
}

void TestDialect::insertUnlessPresentKeepsTheExistingRow()
{
    QString error;
    QVERIFY2(run(QStringLiteral("CREATE TABLE links (a INTEGER NOT NULL, b INTEGER NOT NULL, "
                                "note VARCHAR(20), PRIMARY KEY (a, b)) %1")
                     .arg(dialect().tableOptions()),
                 {}, &error),
             qPrintable(error));
    const QString insert = dialect().insertUnlessPresent(
        QStringLiteral("links"), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("note")},
        {QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY2(run(insert, {1, 2, QStringLiteral("first")}, &error), qPrintable(error));
    QVERIFY2(run(insert, {1, 2, QStringLiteral("second")}, &error), qPrintable(error));
    QVERIFY2(run(insert, {1, 3, QStringLiteral("other")}, &error), qPrintable(error));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM links")).toInt(), 2);
    QCOMPARE(scalar(QStringLiteral("SELECT note FROM links WHERE a = 1 AND b = 2")).toString(),
             QStringLiteral("first"));
    // Other failures still fail: a NULL in a NOT NULL column is not "already there".
    QVERIFY(!run(insert, {1, QVariant(QMetaType::fromType<int>()), QStringLiteral("bad")}));
}

void TestDialect::upsertUpdatesOnlyTheNamedColumns()
{
    QString error;
    QVERIFY2(run(QStringLiteral("CREATE TABLE history (revision VARCHAR(32) NOT NULL PRIMARY "
                                "KEY, checksum VARCHAR(64), applied VARCHAR(20)) %1")
                     .arg(dialect().tableOptions()),
                 {}, &error),
             qPrintable(error));
    const QString upsert = dialect().upsert(
        QStringLiteral("history"),
        {QStringLiteral("revision"), QStringLiteral("checksum"), QStringLiteral("applied")},
        {QStringLiteral("revision")}, {QStringLiteral("checksum")});
    QVERIFY2(run(upsert, {QStringLiteral("r1"), QStringLiteral("old"), QStringLiteral("monday")},
                 &error),
             qPrintable(error));
    QVERIFY2(run(upsert, {QStringLiteral("r1"), QStringLiteral("new"), QStringLiteral("tuesday")},
                 &error),
             qPrintable(error));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM history")).toInt(), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT checksum FROM history")).toString(),
             QStringLiteral("new"));
    QCOMPARE(scalar(QStringLiteral("SELECT applied FROM history")).toString(),
             QStringLiteral("monday"));
}

void TestDialect::newRevisionTemplateListsTheTypes()
{
    QTemporaryDir folder;
    MigrationHistory history;
    QString error;
    QVERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    QVERIFY2(MigrationTemplate::copyBuiltIn(folder.path(), &error), qPrintable(error));
    QString path;
    QVERIFY2(MigrationTemplate::create(folder.path(), history, QStringLiteral("Add views"), &path,
                                       &error),
             qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(dialect().columnType(Type::LongText)), qPrintable(text));
    QVERIFY2(text.contains(dialect().columnType(Type::Timestamp)), qPrintable(text));
    QVERIFY2(text.contains(Dialect(SqlDialect::MySQL).tableOptions()), qPrintable(text));
    // The guide does not break the file: the new revision loads after the built-in ones.
    MigrationHistory extended;
    QVERIFY2(extended.load(folder.path(), &error), qPrintable(error));
    QCOMPARE(extended.size(), history.size() + 1);
}

QTEST_MAIN(TestDialect)
#include "TestDialect.moc"
