#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/CommandLineSupport.h"
#include "tests/support/TestSupport.h"

using namespace CommandLineSupport;

namespace {

// A downgrade on SQLite says where its backup is, then where the database is now.
bool backedUpThenAt(const Run& run, const QString& revision)
{
    const QStringList printed = lines(run.out);
    const QString prefix = QStringLiteral("Backup taken: ");
    return printed.size() == 2 && printed.at(0).startsWith(prefix) &&
           QFileInfo::exists(printed.at(0).mid(prefix.size())) &&
           printed.at(1) == QStringLiteral("Database is now at ") + revision;
}

} // namespace

// The db verbs through the real binary: moving along the history (upgrade, downgrade, relative
// and named targets, --sql, stamp), sample, and migration files that fail or have changed.
class TestCommandLineHistory : public CommandLineTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpSandbox(); }

    void newDatabase();
    void upgradeDowngradeCycle();
    void downgradeAndUpgradeKeepData();
    void upgradeToUniquePrefix();
    void downgradeRelative();
    void relativeAndNamedTargets_data();
    void relativeAndNamedTargets();
    void wrongDirectionIsRefused();
    void sqlUpgradeChangesNothing();
    void sqlDowngradeAndStampChangeNothing();
    void stampHeadAndBase();

    void sampleOnEmptyDatabase();
    void sampleIsDeterministic();
    void sampleAtOlderRevisionWritesNothing();
    void sampleShowsProgressOnATerminal();

    void failingMigrationRollsBack();
    void existingTablesMakeUpgradeFail();
    void changedMigrationIsRefused();
    void newerDatabaseIsRefused();
    void alembicVersionIsLeftAlone();
    void lockedDatabase();
};

// ---------------------------------------------------------------------------------------------
// Moving along the history

void TestCommandLineHistory::newDatabase()
{
    TempDatabase database;
    const Run history = blogdesk({QStringLiteral("db"), QStringLiteral("history"),
                                  QStringLiteral("--database"), database.url()});
    QVERIFY2(history.exited(0), qPrintable(history.describe()));
    const QStringList listed = lines(history.out);
    QCOMPARE(listed.size(), 5);
    QVERIFY2(listed.at(0).startsWith(Indexes + QStringLiteral(" -> ") + FullText +
                                     QStringLiteral(" (head), Add full-text search")),
             qPrintable(history.out));
    QVERIFY2(listed.at(1).startsWith(Slugs + QStringLiteral(" -> ") + Indexes +
                                     QStringLiteral(", Add browse indexes")),
             qPrintable(history.out));
    QVERIFY2(listed.at(2).startsWith(Profiles + QStringLiteral(" -> ") + Slugs +
                                     QStringLiteral(", Populate post slugs")),
             qPrintable(history.out));
    QVERIFY2(listed.at(3).startsWith(Initial + QStringLiteral(" -> ") + Profiles +
                                     QStringLiteral(", Add user profile table")),
             qPrintable(history.out));
    QVERIFY2(listed.at(4).startsWith(QStringLiteral("<base> -> ") + Initial +
                                     QStringLiteral(", Initial schema")),
             qPrintable(history.out));
    for (const QString& line : listed) {
        QVERIFY2(line.endsWith(QLatin1String("[pending]")), qPrintable(line));
        QVERIFY2(!line.contains(QLatin1String("(current)")), qPrintable(line));
    }
    QVERIFY2(history.err.isEmpty(), qPrintable(history.describe()));

    const Run current = blogdesk({QStringLiteral("db"), QStringLiteral("current"),
                                  QStringLiteral("--database"), database.url()});
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QCOMPARE(current.out, QStringLiteral("<base>\n"));
    // Reading verbs write nothing, not even the engine's table.
    QCOMPARE(tables(database.db()), QStringList());
}

void TestCommandLineHistory::upgradeDowngradeCycle()
{
    TempDatabase database;
    const QString url = database.url();
    auto db = [&](const QString& verb, const QString& target = QString()) {
        QStringList arguments{QStringLiteral("db"), verb};
        if (!target.isEmpty()) {
            arguments << target;
        }
        return runIn(m_binary, arguments + QStringList{QStringLiteral("--database"), url},
                     environment());
    };
    auto current = [&] {
        return db(QStringLiteral("current")).out.trimmed();
    };

    Run run = db(QStringLiteral("upgrade"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at e83b4f6a1c2 (head)\n"));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(current(), QStringLiteral("e83b4f6a1c2 (head)"));
    QCOMPARE(blogTables(database.db()), BlogTables);
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QCOMPARE(count(database.db(), QStringLiteral("blogdesk_migrations WHERE duration_ms IS NULL")),
             qint64(0));
    QCOMPARE(slugNotNull(database.db()), 1);

    run = db(QStringLiteral("history"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(lines(run.out).value(0).contains(QLatin1String("(head) (current)")),
             qPrintable(run.out));
    QCOMPARE(run.out.count(QLatin1String("[applied ")), 5);

    run = db(QStringLiteral("upgrade"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Already at e83b4f6a1c2 (head)\n"));

    run = db(QStringLiteral("downgrade"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(backedUpThenAt(run, Indexes), qPrintable(run.describe()));
    QCOMPARE(current(), Indexes);
    QCOMPARE(slugNotNull(database.db()), 1);

    run = db(QStringLiteral("downgrade"), QStringLiteral("-2"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(backedUpThenAt(run, QStringLiteral("ae1027a6acf")), qPrintable(run.describe()));
    QCOMPARE(current(), Profiles);
    QCOMPARE(slugNotNull(database.db()), 0);
    QCOMPARE(blogTables(database.db()), BlogTables);
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles}));

    run = db(QStringLiteral("downgrade"), QStringLiteral("base"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(backedUpThenAt(run, QStringLiteral("<base>")), qPrintable(run.describe()));
    QCOMPARE(current(), QStringLiteral("<base>"));
    QCOMPARE(blogTables(database.db()), QStringList());
    QCOMPARE(applied(database.db()), QStringList());

    run = db(QStringLiteral("upgrade"), Profiles);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(current(), Profiles);
    QVERIFY(blogTables(database.db()).contains(QStringLiteral("profiles")));
    QCOMPARE(slugNotNull(database.db()), 0);

    run = db(QStringLiteral("upgrade"), QStringLiteral("+3"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(current(), QStringLiteral("e83b4f6a1c2 (head)"));
    QCOMPARE(slugNotNull(database.db()), 1);
    // No helper table of the posts rebuild is left behind.
    QCOMPARE(blogTables(database.db()), BlogTables);
    QCOMPARE(tables(database.db()).filter(QRegularExpression(QStringLiteral("^_"))), QStringList());
}

// The slug revision rebuilds posts on SQLite: a round trip over it keeps every row, every link
// and the schema text.
void TestCommandLineHistory::downgradeAndUpgradeKeepData()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("sample"), QStringLiteral("--users"), QStringLiteral("4"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList schema = TestSupport::sqliteSchema(database.db());
    QHash<QString, QStringList> before;
    for (const QString& table : BlogTables) {
        before.insert(table, rows(database.db(), table));
        QVERIFY2(!before.value(table).isEmpty(), qPrintable(table));
    }

    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), Profiles,
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(slugNotNull(database.db()), 0);
    for (const QString& table : BlogTables) {
        QCOMPARE(rows(database.db(), table), before.value(table));
    }

    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"),
                    database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(slugNotNull(database.db()), 1);
    for (const QString& table : BlogTables) {
        QCOMPARE(rows(database.db(), table), before.value(table));
    }
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(TestSupport::column(database.db(), QStringLiteral("PRAGMA foreign_key_check")),
             QStringList());
}

void TestCommandLineHistory::upgradeToUniquePrefix()
{
    TempDatabase database;
    const Run run =
        blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("5678"),
                  QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at 5678abcd\n"));
    QCOMPARE(applied(database.db()), QStringList{Initial});
    QStringList expected = BlogTables;
    expected.removeOne(QStringLiteral("profiles"));
    QCOMPARE(blogTables(database.db()), expected);
}

// "-1" looks like an option but is a relative revision.
void TestCommandLineHistory::downgradeRelative()
{
    TempDatabase database;
    // Up to the slug revision: the steps below cross it.
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), Slugs,
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));

    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("-1"),
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(backedUpThenAt(run, QStringLiteral("ae1027a6acf")), qPrintable(run.describe()));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles}));

    // Option before the revision, and a two-step jump.
    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("--database"),
                    database.url(), QStringLiteral("-2")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(backedUpThenAt(run, QStringLiteral("<base>")), qPrintable(run.describe()));
    QCOMPARE(blogTables(database.db()), QStringList());

    // After --sql (a flag) and after --migrations DIR (an option with a value).
    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), Slugs,
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("--sql"),
                    QStringLiteral("-1"), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QLatin1String("Running downgrade bf2038b7def -> ae1027a6acf")),
             qPrintable(run.describe()));
    QVERIFY2(!run.out.contains(QLatin1String("Running downgrade ae1027a6acf")),
             qPrintable(run.describe()));
    QTemporaryDir migrations;
    QVERIFY(TestSupport::copyBuiltInMigrations(migrations.path()));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("--database"),
                    database.url(), QStringLiteral("--migrations"), migrations.path(),
                    QStringLiteral("-1")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles}));
}

void TestCommandLineHistory::relativeAndNamedTargets_data()
{
    QTest::addColumn<QString>("start"); // upgraded to first, "" = stay at base
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("expected"); // `db current` afterwards

    auto row = [](const char* name, const QString& start, const char* verb, const char* target,
                  const QString& expected) {
        QTest::newRow(name) << start << QString::fromLatin1(verb) << QString::fromLatin1(target)
                            << expected;
    };
    const QString head = FullText + QStringLiteral(" (head)");
    row("upgrade +2 from base", QString(), "upgrade", "+2", Profiles);
    row("upgrade heads", QString(), "upgrade", "heads", head);
    row("upgrade REV+1", QString(), "upgrade", "5678abcd+1", Profiles);
    row("upgrade to prefix", Initial, "upgrade", "ae", Profiles);
    row("upgrade to current", Profiles, "upgrade", "ae1027a6acf", Profiles);
    row("downgrade REV-1", head, "downgrade", "bf2038b7def-1", Profiles);
    row("downgrade to prefix", head, "downgrade", "5678", Initial);
    row("downgrade to current", Profiles, "downgrade", "ae1027a6acf", Profiles);
    row("stamp -1", head, "stamp", "-1", Indexes);
    row("stamp prefix", QString(), "stamp", "ae", Profiles);
}

void TestCommandLineHistory::relativeAndNamedTargets()
{
    QFETCH(QString, start);
    QFETCH(QString, verb);
    QFETCH(QString, target);
    QFETCH(QString, expected);
    TempDatabase database;
    if (!start.isEmpty()) {
        const Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                                  start.section(QLatin1Char(' '), 0, 0),
                                  QStringLiteral("--database"), database.url()});
        QVERIFY2(run.exited(0), qPrintable(run.describe()));
    }
    Run run = blogdesk(
        {QStringLiteral("db"), verb, target, QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out.trimmed(), expected);
}

void TestCommandLineHistory::wrongDirectionIsRefused()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList schema = TestSupport::sqliteSchema(database.db());

    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), Initial,
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("downgrade")), qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);

    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), Initial,
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("head"),
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("upgrade")), qPrintable(run.describe()));
    QCOMPARE(applied(database.db()), QStringList{Initial});
}

void TestCommandLineHistory::sqlUpgradeChangesNothing()
{
    TempDatabase database;
    const QStringList schemaBefore = TestSupport::sqliteSchema(database.db());
    const Run run =
        blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--sql"),
                  QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    for (const char* table : {"users", "posts", "tags", "post_tags", "comments", "profiles"}) {
        QVERIFY2(run.out.contains(QStringLiteral("CREATE TABLE %1 (").arg(QLatin1String(table))),
                 table);
    }
    QCOMPARE(run.out.count(QRegularExpression(QStringLiteral("^BEGIN\\b"),
                                              QRegularExpression::MultilineOption)),
             5);
    QCOMPARE(run.out.count(QRegularExpression(QStringLiteral("^COMMIT;"),
                                              QRegularExpression::MultilineOption)),
             5);
    QVERIFY(run.out.contains(QLatin1String("INSERT INTO blogdesk_migrations")));
    QVERIFY(run.out.contains(QLatin1String("populate_post_slugs")));
    QVERIFY2(!run.out.contains(QLatin1String("Database is now")), qPrintable(run.out));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schemaBefore);
    QCOMPARE(tables(database.db()), QStringList());
    QCOMPARE(applied(database.db()), QStringList());
}

void TestCommandLineHistory::sqlDowngradeAndStampChangeNothing()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList schema = TestSupport::sqliteSchema(database.db());
    const QStringList history = rows(database.db(), QStringLiteral("blogdesk_migrations"));

    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("base"),
                    QStringLiteral("--sql"), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    for (const char* table : {"users", "posts", "tags", "post_tags", "comments", "profiles"}) {
        QVERIFY2(run.out.contains(QStringLiteral("DROP TABLE %1;").arg(QLatin1String(table))),
                 table);
    }
    QVERIFY(run.out.contains(QLatin1String("DELETE FROM blogdesk_migrations")));

    run = blogdesk({QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("base"),
                    QStringLiteral("--sql"), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY(run.out.contains(QLatin1String("DELETE FROM blogdesk_migrations")));

    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(rows(database.db(), QStringLiteral("blogdesk_migrations")), history);
}

void TestCommandLineHistory::stampHeadAndBase()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at e83b4f6a1c2 (head)\n"));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QCOMPARE(count(database.db(), QStringLiteral("blogdesk_migrations WHERE duration_ms IS NULL")),
             qint64(5));
    QCOMPARE(blogTables(database.db()), QStringList());

    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out, QStringLiteral("e83b4f6a1c2 (head)\n"));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("history"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out.count(QLatin1String("[stamped ")), 5);

    run = blogdesk({QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("base"),
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at <base>\n"));
    QCOMPARE(applied(database.db()), QStringList());
    QCOMPARE(count(database.db(), QStringLiteral("blogdesk_migrations")), qint64(0));
    QCOMPARE(blogTables(database.db()), QStringList());
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out, QStringLiteral("<base>\n"));
}

// ---------------------------------------------------------------------------------------------
// sample

void TestCommandLineHistory::sampleOnEmptyDatabase()
{
    TempDatabase database;
    const Run run = blogdesk({QStringLiteral("sample"), QStringLiteral("--users"),
                              QStringLiteral("3"), QStringLiteral("--posts-per-user"),
                              QStringLiteral("2"), QStringLiteral("--comments-per-post"),
                              QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("7"),
                              QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(lines(run.out),
             (QStringList{QStringLiteral("Empty database upgraded to e83b4f6a1c2"),
                          QStringLiteral("Added 3 users, 2 profiles, 6 posts, 8 new tags and 12 "
                                         "comments to blog.db")}));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QCOMPARE(count(database.db(), QStringLiteral("users")), qint64(3));
    QCOMPARE(count(database.db(), QStringLiteral("profiles")), qint64(2));
    QCOMPARE(count(database.db(), QStringLiteral("posts")), qint64(6));
    QCOMPARE(count(database.db(), QStringLiteral("tags")), qint64(8));
    QCOMPARE(count(database.db(), QStringLiteral("comments")), qint64(12));
    QCOMPARE(count(database.db(), QStringLiteral("posts WHERE slug IS NULL")), qint64(0));
}

void TestCommandLineHistory::sampleIsDeterministic()
{
    TempDatabase first(QStringLiteral("first"));
    TempDatabase second(QStringLiteral("second"));
    TempDatabase other(QStringLiteral("other"));
    auto sample = [&](const TempDatabase& database, const QString& seed) {
        return blogdesk({QStringLiteral("sample"), QStringLiteral("--users"), QStringLiteral("4"),
                         QStringLiteral("--seed"), seed, QStringLiteral("--database"),
                         database.url()});
    };
    const Run runs[] = {sample(first, QStringLiteral("1234")),
                        sample(second, QStringLiteral("1234")),
                        sample(other, QStringLiteral("4321"))};
    for (const Run& run : runs) {
        QVERIFY2(run.exited(0), qPrintable(run.describe()));
    }
    QStringList differing;
    for (const char* name : {"users", "profiles", "posts", "tags", "post_tags", "comments"}) {
        const QString table = QLatin1String(name);
        const QStringList rowsOfFirst = rows(first.db(), table);
        QVERIFY2(!rowsOfFirst.isEmpty() && rowsOfFirst.constFirst() != QLatin1String("ERROR"),
                 name);
        QCOMPARE(rows(second.db(), table), rowsOfFirst);
        if (rows(other.db(), table) != rowsOfFirst) {
            differing << table;
        }
    }
    QVERIFY2(differing.contains(QStringLiteral("posts")), qPrintable(differing.join(' ')));
    QVERIFY2(differing.contains(QStringLiteral("comments")), qPrintable(differing.join(' ')));
}

void TestCommandLineHistory::sampleAtOlderRevisionWritesNothing()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), Profiles,
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList schema = TestSupport::sqliteSchema(database.db());
    const QStringList history = rows(database.db(), QStringLiteral("blogdesk_migrations"));

    run = blogdesk({QStringLiteral("sample"), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, Profiles), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("db upgrade")), qPrintable(run.describe()));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(rows(database.db(), QStringLiteral("blogdesk_migrations")), history);
    for (const char* table : {"users", "profiles", "posts", "tags", "post_tags", "comments"}) {
        QCOMPARE(count(database.db(), QLatin1String(table)), qint64(0));
    }
}

// On a terminal (script(1) gives it one) the sample rewrites a progress line on stderr; through
// a pipe (every other test here) stderr stays empty.
void TestCommandLineHistory::sampleShowsProgressOnATerminal()
{
    const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty()) {
        QSKIP("script(1) (util-linux) is needed to give the sample a terminal");
    }
    TempDatabase database;
    const auto quoted = [](const QString& word) {
        return QLatin1Char('\'') + word + '\'';
    };
    const QString command = QStringList{quoted(qEnvironmentVariable("BLOGDESK_BINARY")),
                                        QStringLiteral("sample"),
                                        QStringLiteral("--users"),
                                        QStringLiteral("40"),
                                        QStringLiteral("--database"),
                                        quoted(database.url())}
                                .join(QLatin1Char(' '));
    QProcess process;
    process.start(script, {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QString shown = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(shown.contains(QLatin1Char('\r')) && shown.contains(QLatin1String(" rows/s, ")) &&
                 shown.contains(QLatin1String(" left")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QLatin1String("Added 40 users")), qPrintable(shown));
}

// ---------------------------------------------------------------------------------------------
// Migration files that fail or have changed

void TestCommandLineHistory::failingMigrationRollsBack()
{
    QTemporaryDir migrations;
    QVERIFY(TestSupport::copyBuiltInMigrations(migrations.path()));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0004_broken.sql")), BrokenMigration));
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList schema = TestSupport::sqliteSchema(database.db());

    run = blogdesk({QStringLiteral("db"), QStringLiteral("history"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(lines(run.out).value(0).startsWith(QLatin1String("e83b4f6a1c2 -> c0ffee0004 (head)")),
             qPrintable(run.out));

    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("c0ffee0004")), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("THIS IS NOT VALID SQL")), qPrintable(run.describe()));
    QVERIFY2(!run.out.contains(QLatin1String("Database is now")), qPrintable(run.describe()));

    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QVERIFY(!tables(database.db()).contains(QStringLiteral("broken_on_purpose")));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), database.url()});
    QCOMPARE(run.out, QStringLiteral("e83b4f6a1c2\n"));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out, QStringLiteral("e83b4f6a1c2 (head)\n"));

    // From an empty database the good revisions are committed one by one before the bad one.
    TempDatabase fresh(QStringLiteral("fresh"));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), fresh.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("c0ffee0004")), qPrintable(run.describe()));
    QCOMPARE(applied(fresh.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QCOMPARE(TestSupport::sqliteSchema(fresh.db()), schema);
}

void TestCommandLineHistory::changedMigrationIsRefused()
{
    QTemporaryDir migrations;
    QVERIFY(TestSupport::copyBuiltInMigrations(migrations.path()));
    TempDatabase database;
    auto db = [&](const QStringList& verb) {
        return runIn(m_binary,
                     QStringList{QStringLiteral("db")} + verb +
                         QStringList{QStringLiteral("--migrations"), migrations.path(),
                                     QStringLiteral("--database"), database.url()},
                     environment());
    };
    Run run = db({QStringLiteral("upgrade")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList schema = TestSupport::sqliteSchema(database.db());
    const QStringList history = rows(database.db(), QStringLiteral("blogdesk_migrations"));

    const QString file = migrations.filePath(QStringLiteral("0002_add_user_profile_table.sql"));
    QByteArray contents = readAll(file);
    const QByteArray comment("-- One profile per user");
    QVERIFY(contents.contains(comment));
    contents.replace(comment, "-- Exactly one profile per user");
    QVERIFY(writeFile(file, contents));

    for (const QStringList& verb :
         {QStringList{QStringLiteral("upgrade")}, QStringList{QStringLiteral("downgrade")},
          QStringList{QStringLiteral("downgrade"), QStringLiteral("base")},
          QStringList{QStringLiteral("upgrade"), QStringLiteral("--sql")}}) {
        run = db(verb);
        QVERIFY2(run.exited(1), qPrintable(run.describe()));
        QVERIFY2(isOneFailureLine(run, QStringLiteral("changed")), qPrintable(run.describe()));
        QVERIFY2(run.err.contains(Profiles), qPrintable(run.describe()));
        QVERIFY2(run.err.contains(QLatin1String("0002_add_user_profile_table.sql")),
                 qPrintable(run.describe()));
    }
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(rows(database.db(), QStringLiteral("blogdesk_migrations")), history);

    run = db({QStringLiteral("history")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList listed = lines(run.out);
    QCOMPARE(listed.size(), 5);
    QVERIFY2(listed.at(3).contains(QLatin1String("[CHANGED")), qPrintable(run.out));
    for (int line : {0, 1, 2, 4}) {
        QVERIFY2(!listed.at(line).contains(QLatin1String("CHANGED")), qPrintable(run.out));
    }

    // Stamping says "the database is as these files describe": the change is accepted.
    run = db({QStringLiteral("stamp"), QStringLiteral("head")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    run = db({QStringLiteral("history")});
    QVERIFY2(!run.out.contains(QLatin1String("CHANGED")), qPrintable(run.out));
    QCOMPARE(run.out.count(QLatin1String("[applied ")), 5); // the real records are kept
    run = db({QStringLiteral("upgrade")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Already at e83b4f6a1c2 (head)\n"));
    run = db({QStringLiteral("downgrade")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, Indexes}));

    // The built-in history now sees the recorded checksum as changed, as it should.
    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"),
                    database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("changed")), qPrintable(run.describe()));
}

// A database whose tables exist already (made by Flask's db.create_all()) cannot be upgraded
// from base: the first revision fails as a whole and nothing is recorded.
void TestCommandLineHistory::existingTablesMakeUpgradeFail()
{
    TempDatabase database;
    QSqlQuery create(database.db());
    QVERIFY(
        create.exec(QStringLiteral("CREATE TABLE users (id INTEGER NOT NULL, PRIMARY KEY (id))")));
    create.finish();
    const QStringList schema = TestSupport::sqliteSchema(database.db());
    const Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                              QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, Initial), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("already exists")), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("CREATE TABLE users")), qPrintable(run.describe()));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(applied(database.db()), QStringList());
}

// A revision this BlogDesk does not know means a newer version migrated the database.
void TestCommandLineHistory::newerDatabaseIsRefused()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QSqlQuery insert(database.db());
    QVERIFY(insert.exec(QStringLiteral("INSERT INTO blogdesk_migrations "
                                       "(revision, checksum, applied_at, duration_ms) "
                                       "VALUES ('f00d0005', 'x', '2030-01-01 00:00:00', 5)")));
    insert.finish();
    const QStringList schema = TestSupport::sqliteSchema(database.db());

    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(lines(run.out).value(0), QStringLiteral("e83b4f6a1c2 (head)"));
    QVERIFY2(run.out.contains(QLatin1String("f00d0005")), qPrintable(run.describe()));

    for (const QString& verb : {QStringLiteral("upgrade"), QStringLiteral("downgrade")}) {
        run = blogdesk({QStringLiteral("db"), verb, QStringLiteral("--database"), database.url()});
        QVERIFY2(run.exited(1), qPrintable(run.describe()));
        QVERIFY2(isOneFailureLine(run, QStringLiteral("f00d0005")), qPrintable(run.describe()));
    }
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(applied(database.db()),
             (QStringList{Initial, Profiles, Slugs, Indexes, FullText, "f00d0005"}));
}

// Flask-Migrate's own table belongs to the Flask app: noted, never written.
void TestCommandLineHistory::alembicVersionIsLeftAlone()
{
    TempDatabase database;
    QSqlQuery query(database.db());
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) "
                                      "NOT NULL, PRIMARY KEY (version_num))")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('1a2b3c4d5e6f')")));
    query.finish();

    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(lines(run.out).size(), 2);
    QCOMPARE(lines(run.out).value(0), QStringLiteral("e83b4f6a1c2 (head)"));
    QVERIFY2(lines(run.out).value(1).contains(QLatin1String("1a2b3c4d5e6f")), qPrintable(run.out));
    QCOMPARE(TestSupport::column(database.db(),
                                 QStringLiteral("SELECT version_num FROM alembic_version")),
             QStringList{QStringLiteral("1a2b3c4d5e6f")});
}

// Another writer holds the database: BlogDesk waits a while, then fails cleanly.
void TestCommandLineHistory::lockedDatabase()
{
    TempDatabase database;
    QSqlQuery lock(database.db());
    QVERIFY(lock.exec(QStringLiteral("CREATE TABLE other_app (id INTEGER)")));
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    QElapsedTimer timer;
    timer.start();
    const Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                              QStringLiteral("--database"), database.url()});
    const qint64 waited = timer.elapsed();
    QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    lock.finish();
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("locked")), qPrintable(run.describe()));
    QVERIFY2(waited >= 4000, qPrintable(QString::number(waited)));
    QCOMPARE(applied(database.db()), QStringList());
    QCOMPARE(blogTables(database.db()), QStringList());

    const Run again = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                                QStringLiteral("--database"), database.url()});
    QVERIFY2(again.exited(0), qPrintable(again.describe()));
}

QTEST_GUILESS_MAIN(TestCommandLineHistory)
#include "TestCommandLineHistory.moc"
