#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "models/connection/Database.h"
#include "tests/support/CommandLineSupport.h"
#include "tests/support/TestSupport.h"

using namespace CommandLineSupport;

namespace {

// What SQLite or BlogDesk could leave beside a database file.
const QStringList Companions{QString(), QStringLiteral("-journal"), QStringLiteral("-wal"),
                             QStringLiteral("-shm"), QStringLiteral(".migration-lock")};

QStringList existingCompanions(const QString& path)
{
    QStringList found;
    for (const QString& suffix : Companions) {
        if (QFileInfo::exists(path + suffix)) {
            found << path + suffix;
        }
    }
    return found;
}

} // namespace

// Reading verbs (current, history, any --sql) never write: a missing SQLite file is an error
// and nothing is created, an existing one is opened read-only (WAL mode included). Only upgrade
// and sample create a new database; an empty SQLite path is refused.
class TestReadOnlyVerbs : public CommandLineTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpSandbox(); }

    void missingDatabaseIsNotCreated_data();
    void missingDatabaseIsNotCreated();
    void missingRelativePathIsNamedInFull();
    void upgradeAndSampleCreateTheDatabase_data();
    void upgradeAndSampleCreateTheDatabase();
    void emptySqlitePathIsRefused_data();
    void emptySqlitePathIsRefused();
    void readingVerbsLeaveTheFileAlone();
    void walDatabaseIsReadReadOnly_data();
    void walDatabaseIsReadReadOnly();
    void openAccessModes();
};

void TestReadOnlyVerbs::missingDatabaseIsNotCreated_data()
{
    QTest::addColumn<QStringList>("verb");
    QTest::addColumn<QString>("where"); // the missing file, under a temporary folder
    const QList<QPair<const char*, QStringList>> verbs{
        {"current", {QStringLiteral("db"), QStringLiteral("current")}},
        {"history", {QStringLiteral("db"), QStringLiteral("history")}},
        {"upgrade --sql",
         {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--sql")}},
        {"downgrade --sql",
         {QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("base"),
          QStringLiteral("--sql")}},
        {"stamp --sql",
         {QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head"),
          QStringLiteral("--sql")}},
        {"downgrade", {QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("base")}},
        {"stamp", {QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head")}},
    };
    for (const auto& [name, verb] : verbs) {
        QTest::addRow("%s, missing folder", name) << verb << QStringLiteral("no/such/dir/x.db");
        QTest::addRow("%s, missing file", name) << verb << QStringLiteral("x.db");
    }
}

void TestReadOnlyVerbs::missingDatabaseIsNotCreated()
{
    QFETCH(QStringList, verb);
    QFETCH(QString, where);
    QTemporaryDir dir;
    const QString path = dir.filePath(where);
    const Run run =
        blogdesk(verb << QStringLiteral("--database") << QStringLiteral("sqlite:///") + path);
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("no database at ") + path),
             qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

// sqlite:///x.db is relative to the working directory; the message says which file it was.
void TestReadOnlyVerbs::missingRelativePathIsNamedInFull()
{
    QTemporaryDir dir;
    const Run run = runIn(m_binary,
                          {QStringLiteral("db"), QStringLiteral("current"),
                           QStringLiteral("--database"), QStringLiteral("sqlite:///sub/x.db")},
                          environment(), dir.path());
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("no database at ") +
                                       QDir(dir.path()).filePath(QStringLiteral("sub/x.db"))),
             qPrintable(run.describe()));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
}

void TestReadOnlyVerbs::upgradeAndSampleCreateTheDatabase_data()
{
    QTest::addColumn<QStringList>("verb");
    QTest::newRow("upgrade") << QStringList{QStringLiteral("db"), QStringLiteral("upgrade")};
    QTest::newRow("sample") << QStringList{QStringLiteral("sample"), QStringLiteral("--users"),
                                           QStringLiteral("2")};
}

// As `flask db upgrade` does; the lock file goes again afterwards.
void TestReadOnlyVerbs::upgradeAndSampleCreateTheDatabase()
{
    QFETCH(QStringList, verb);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new/blog.db"));
    const Run run =
        blogdesk(verb << QStringLiteral("--database") << QStringLiteral("sqlite:///") + path);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(existingCompanions(path), QStringList{path});
    const Run current =
        blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                  QStringLiteral("sqlite:///") + path});
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QCOMPARE(current.out, FullText + QStringLiteral(" (head)\n"));
}

void TestReadOnlyVerbs::emptySqlitePathIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("inEnvironment"); // DATABASE_URL rather than --database
    QTest::addColumn<QStringList>("verb");
    const QStringList upgrade{QStringLiteral("db"), QStringLiteral("upgrade")};
    const QStringList current{QStringLiteral("db"), QStringLiteral("current")};
    QTest::newRow("sqlite:///, upgrade") << "sqlite:///" << false << upgrade;
    QTest::newRow("sqlite://, upgrade") << "sqlite://" << false << upgrade;
    QTest::newRow("sqlite:///?timeout=1, current") << "sqlite:///?timeout=1" << false << current;
    QTest::newRow("DATABASE_URL sqlite:///, upgrade") << "sqlite:///" << true << upgrade;
    QTest::newRow("sample") << "sqlite:///" << false << QStringList{QStringLiteral("sample")};
}

void TestReadOnlyVerbs::emptySqlitePathIsRefused()
{
    QFETCH(QString, url);
    QFETCH(bool, inEnvironment);
    QFETCH(QStringList, verb);
    QTemporaryDir dir;
    QProcessEnvironment env = environment();
    if (inEnvironment) {
        env.insert(QStringLiteral("DATABASE_URL"), url);
    } else {
        verb << QStringLiteral("--database") << url;
    }
    const Run run = runIn(m_binary, verb, env, dir.path());
    QVERIFY2(run.exited(2), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("sqlite URL names no file")),
             qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("sqlite:///:memory:")), qPrintable(run.describe()));
    QCOMPARE(run.err.contains(QLatin1String("DATABASE_URL")), inEnvironment);
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

// Byte for byte, and no file beside it.
void TestReadOnlyVerbs::readingVerbsLeaveTheFileAlone()
{
    TempDatabase database;
    const QString url = database.url();
    const Run upgraded = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), Profiles,
                                   QStringLiteral("--database"), url});
    QVERIFY2(upgraded.exited(0), qPrintable(upgraded.describe()));
    database.close();
    const QByteArray before = readAll(database.path());
    const QList<QStringList> verbs{
        {QStringLiteral("db"), QStringLiteral("current")},
        {QStringLiteral("db"), QStringLiteral("history")},
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--sql")},
        {QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("--sql")},
        {QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head"),
         QStringLiteral("--sql")},
    };
    for (QStringList verb : verbs) {
        const Run run = blogdesk(verb << QStringLiteral("--database") << url);
        QVERIFY2(run.exited(0), qPrintable(run.describe()));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
        QVERIFY2(readAll(database.path()) == before, qPrintable(run.describe()));
        QCOMPARE(existingCompanions(database.path()), QStringList{database.path()});
    }
}

void TestReadOnlyVerbs::walDatabaseIsReadReadOnly_data()
{
    QTest::addColumn<bool>("otherConnectionOpen");
    // Closed by its last connection, a WAL database has neither -wal nor -shm file.
    QTest::newRow("closed") << false;
    // Open elsewhere, with a change that is only in the -wal file so far.
    QTest::newRow("open elsewhere") << true;
}

void TestReadOnlyVerbs::walDatabaseIsReadReadOnly()
{
    QFETCH(bool, otherConnectionOpen);
    TempDatabase database;
    const QString url = database.url();
    const Run upgraded = blogdesk(
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"), url});
    QVERIFY2(upgraded.exited(0), qPrintable(upgraded.describe()));
    QSqlQuery query(database.db());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode=wal")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    QString expected = FullText + QStringLiteral(" (head)\n");
    QByteArray before;
    if (otherConnectionOpen) {
        QVERIFY(query.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
        QVERIFY(query.exec(
            QStringLiteral("DELETE FROM blogdesk_migrations WHERE revision IN ('%1', '%2')")
                .arg(Indexes, FullText)));
        QVERIFY(QFileInfo(database.path() + QStringLiteral("-wal")).size() > 0);
        expected = Slugs + QStringLiteral("\n");
    } else {
        query.finish();
        query = QSqlQuery();
        database.close();
        QCOMPARE(existingCompanions(database.path()), QStringList{database.path()});
        before = readAll(database.path());
    }
    for (const QString& verb : {QStringLiteral("current"), QStringLiteral("history")}) {
        const Run run = blogdesk({QStringLiteral("db"), verb, QStringLiteral("--database"), url});
        QVERIFY2(run.exited(0), qPrintable(run.describe()));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
        if (verb == QLatin1String("current")) {
            QCOMPARE(run.out, expected);
        }
    }
    if (!otherConnectionOpen) {
        // A read-only reader leaves an empty -wal (and the -shm) for the next writer, as
        // sqlite3 -readonly does; the database itself is untouched.
        QVERIFY(readAll(database.path()) == before);
        QCOMPARE(QFileInfo(database.path() + QStringLiteral("-wal")).size(), 0);
    }
}

// Database::open itself: Existing and ReadOnly create nothing, ReadOnly cannot write.
void TestReadOnlyVerbs::openAccessModes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/blog.db"));
    const DatabaseUrl url = DatabaseUrl::forSqliteFile(path);
    QVERIFY(Database::isMissingSqliteFile(url));
    QVERIFY(!Database::isMissingSqliteFile(DatabaseUrl()));
    QSqlDatabase db;
    QString error;
    for (const Database::Access access : {Database::Access::Existing, Database::Access::ReadOnly}) {
        QVERIFY(!Database::open(url, QStringLiteral("modes"), &db, &error, access));
        QCOMPARE(error, QStringLiteral("no database at ") + path);
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("modes")));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
    }
    QVERIFY2(Database::open(url, QStringLiteral("modes"), &db, &error), qPrintable(error));
    QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (id INTEGER)")));
    db = QSqlDatabase();
    Database::close(QStringLiteral("modes"));
    QVERIFY(!Database::isMissingSqliteFile(url));

    QVERIFY2(Database::open(url, QStringLiteral("modes"), &db, &error, Database::Access::ReadOnly),
             qPrintable(error));
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM t")));
    QVERIFY(!query.exec(QStringLiteral("INSERT INTO t (id) VALUES (1)")));
    QVERIFY2(query.lastError().text().contains(QLatin1String("readonly")),
             qPrintable(query.lastError().text()));
    query = QSqlQuery();
    db = QSqlDatabase();
    Database::close(QStringLiteral("modes"));
}

QTEST_GUILESS_MAIN(TestReadOnlyVerbs)
#include "TestReadOnlyVerbs.moc"
