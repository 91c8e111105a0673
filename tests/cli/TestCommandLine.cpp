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
#include <QTemporaryDir>
#include <QTest>

#include "tests/support/CommandLineSupport.h"
#include "tests/support/TestSupport.h"

using namespace CommandLineSupport;

// The command line's shape: --version, --help, wrong command lines, databases and migration
// folders that cannot be used, and the environment (no display, DATABASE_URL, the default
// database's place). The db verbs themselves are in TestCommandLineHistory.
class TestCommandLine : public CommandLineTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpSandbox(); }

    void version_data();
    void version();
    void help_data();
    void help();
    void usageErrors_data();
    void usageErrors();
    void usageErrorsWithoutDisplay_data();
    void usageErrorsWithoutDisplay();
    void optionValueIsShownAsTyped();

    void folderCannotBeCreated();
    void folderNotWritable();
    void missingFolderIsCreated();
    void relativeSqlitePath();
    void migrationsFolderProblems_data();
    void migrationsFolderProblems();
    void unreadableMigrations_data();
    void unreadableMigrations();
    void corruptDatabase_data();
    void corruptDatabase();
    void directoryAsDatabase_data();
    void directoryAsDatabase();

    void worksWithoutDisplay();
    void databaseUrlEnvironment();
    void invalidDatabaseUrlEnvironment();
    void defaultDatabaseStaysInHome();
};

// ---------------------------------------------------------------------------------------------
// --version, --help and command lines that are wrong

void TestCommandLine::version_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")};
    QTest::newRow("-v") << QStringList{QStringLiteral("-v")};
}

void TestCommandLine::version()
{
    QFETCH(QStringList, arguments);
    const Run run = runIn(m_binary, arguments, environmentWithoutDisplay());
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("BlogDesk " BLOGDESK_VERSION "\n"));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
}

void TestCommandLine::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")};
    QTest::newRow("db --help") << QStringList{QStringLiteral("db"), QStringLiteral("--help")};
    QTest::newRow("sample --help")
        << QStringList{QStringLiteral("sample"), QStringLiteral("--help")};
}

void TestCommandLine::help()
{
    QFETCH(QStringList, arguments);
    const Run run = runIn(m_binary, arguments, environmentWithoutDisplay());
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(run.out.startsWith(QLatin1String("Usage: blogdesk")), qPrintable(run.describe()));
    for (const char* verb : {"db upgrade", "db downgrade", "db current", "db history", "db stamp",
                             "sample", "--version", "--migrations", "DATABASE_URL"}) {
        QVERIFY2(run.out.contains(QLatin1String(verb)), verb);
    }
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
}

void TestCommandLine::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QString db = QStringLiteral("--database");
    const QString url = QStringLiteral("@URL@"); // replaced by a new database's URL
    auto row = [](const char* name, const QStringList& arguments, int exitCode,
                  const char* message) {
        QTest::newRow(name) << arguments << exitCode << QString::fromUtf8(message);
    };
    row("unknown verb", {QStringLiteral("frobnicate")}, 2, "frobnicate");
    row("unknown option", {QStringLiteral("--frobnicate")}, 2, "frobnicate");
    row("unknown db verb", {QStringLiteral("db"), QStringLiteral("frobnicate")}, 2, "usage");
    row("db without verb", {QStringLiteral("db")}, 2, "usage");
    row("unknown db option",
        {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--frobnicate")}, 2,
        "frobnicate");
    row("option without value", {QStringLiteral("db"), QStringLiteral("current"), db}, 2,
        "database");
    row("stamp without REV", {QStringLiteral("db"), QStringLiteral("stamp"), db, url}, 2,
        "revision");
    row("two revisions",
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("head"),
         QStringLiteral("base"), db, url},
        2, "usage");
    row("current with REV",
        {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("head"), db, url}, 2,
        "usage");
    row("oracle URL",
        {QStringLiteral("db"), QStringLiteral("current"), db, QStringLiteral("oracle://x/y")}, 2,
        "oracle");
    row("port not a number",
        {QStringLiteral("db"), QStringLiteral("current"), db,
         QStringLiteral("postgresql://host:abc/db")},
        2, "abc");
    row("not a URL",
        {QStringLiteral("db"), QStringLiteral("upgrade"), db, QStringLiteral("blog.db")}, 2, "");
    row("unknown revision",
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("fedcba98"), db, url}, 2,
        "fedcba98");
    row("relative beyond head",
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("+6"), db, url}, 2, "+6");
    row("downgrade below base", {QStringLiteral("db"), QStringLiteral("downgrade"), db, url}, 2,
        "-1");
    row("sample --users 0",
        {QStringLiteral("sample"), QStringLiteral("--users"), QStringLiteral("0"), db, url}, 2,
        "--users");
    row("sample --users abc",
        {QStringLiteral("sample"), QStringLiteral("--users"), QStringLiteral("abc"), db, url}, 2,
        "'abc'");
    row("sample --posts-per-user 1.5",
        {QStringLiteral("sample"), QStringLiteral("--posts-per-user"), QStringLiteral("1.5"), db,
         url},
        2, "--posts-per-user");
    row("sample --seed too big",
        {QStringLiteral("sample"), QStringLiteral("--seed"), QStringLiteral("4294967296"), db, url},
        2, "--seed");
    row("sample with argument", {QStringLiteral("sample"), QStringLiteral("extra"), db, url}, 2,
        "sample extra");
    row("--database without value", {db}, 2, "database");
    row("verb after --database", {db, url, QStringLiteral("frobnicate")}, 2, "frobnicate");
    row("sample --sql", {QStringLiteral("sample"), QStringLiteral("--sql"), db, url}, 2, "--sql");
}

// Every usage error: exit 2, one stderr line, nothing on stdout, and the database untouched.
void TestCommandLine::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    TempDatabase database;
    arguments.replaceInStrings(QStringLiteral("@URL@"), database.url());
    const Run run = runIn(m_binary, arguments, environment());
    QVERIFY2(run.exited(exitCode), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, message), qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QVERIFY2(tables(database.db()).isEmpty(), qPrintable(tables(database.db()).join(' ')));
}

// A mistyped verb on a server must be a usage error too, not an abort for want of a display.
void TestCommandLine::usageErrorsWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
    QTest::newRow("db-upgrade typo") << QStringList{QStringLiteral("db-upgrade")};
    QTest::newRow("unknown db verb")
        << QStringList{QStringLiteral("db"), QStringLiteral("frobnicate")};
}

void TestCommandLine::usageErrorsWithoutDisplay()
{
    QFETCH(QStringList, arguments);
    const Run run = runIn(m_binary, arguments, environmentWithoutDisplay());
    QVERIFY2(run.exited(2), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run), qPrintable(run.describe()));
}

// The "-N" protection for relative revisions must not leak into option values.
void TestCommandLine::optionValueIsShownAsTyped()
{
    TempDatabase database;
    const Run run = blogdesk({QStringLiteral("sample"), QStringLiteral("--users"),
                              QStringLiteral("-1"), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(2), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("--users")), qPrintable(run.describe()));
    QVERIFY2(!hasControlCharacters(run.err), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("not '-1'")), qPrintable(run.describe()));
    QCOMPARE(blogTables(database.db()), QStringList());
}

// ---------------------------------------------------------------------------------------------
// Databases and migration folders that cannot be used

void TestCommandLine::folderCannotBeCreated()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("plain-file")), "not a folder"));
    const QString url =
        QStringLiteral("sqlite:///") + dir.filePath(QStringLiteral("plain-file/sub/blog.db"));
    const Run run = blogdesk(
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"), url});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("plain-file")), qPrintable(run.describe()));
    QCOMPARE(readAll(dir.filePath(QStringLiteral("plain-file"))), QByteArray("not a folder"));
}

void TestCommandLine::folderNotWritable()
{
    QTemporaryDir dir;
    const QString locked = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner));
    const QString urlInLocked = QStringLiteral("sqlite:///") + locked + QStringLiteral("/blog.db");
    const QString urlBelowLocked =
        QStringLiteral("sqlite:///") + locked + QStringLiteral("/new/blog.db");
    const Run inLocked = blogdeskUnprivileged({QStringLiteral("db"), QStringLiteral("upgrade"),
                                               QStringLiteral("--database"), urlInLocked},
                                              {dir.path()});
    const Run belowLocked = blogdeskUnprivileged({QStringLiteral("db"), QStringLiteral("upgrade"),
                                                  QStringLiteral("--database"), urlBelowLocked},
                                                 {dir.path()});
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY2(inLocked.exited(1), qPrintable(inLocked.describe()));
    QVERIFY2(isOneFailureLine(inLocked), qPrintable(inLocked.describe()));
    QVERIFY2(belowLocked.exited(1), qPrintable(belowLocked.describe()));
    QVERIFY2(isOneFailureLine(belowLocked, QStringLiteral("folder")),
             qPrintable(belowLocked.describe()));
}

void TestCommandLine::missingFolderIsCreated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new/sub/blog.db"));
    const Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                              QStringLiteral("--database"), QStringLiteral("sqlite:///") + path});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY(QFileInfo(path).isFile());
}

// sqlite:///blog.db is relative to the working directory, as in SQLAlchemy.
void TestCommandLine::relativeSqlitePath()
{
    QTemporaryDir dir;
    const Run run = runIn(m_binary,
                          {QStringLiteral("db"), QStringLiteral("upgrade"),
                           QStringLiteral("--database"), QStringLiteral("sqlite:///relative.db")},
                          environment(), dir.path());
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("relative.db"))).size() > 0);
}

void TestCommandLine::migrationsFolderProblems_data()
{
    QTest::addColumn<QString>("folder");   // relative to a temporary folder
    QTest::addColumn<QString>("fileName"); // a file to put there, if any
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "nope" << QString() << QByteArray() << "does not exist";
    QTest::newRow("empty") << "empty" << QString() << QByteArray() << "no migration files";
    QTest::newRow("malformed") << "bad"
                               << "0001_bad.sql" << QByteArray("CREATE TABLE x (id INTEGER);\n")
                               << "0001_bad.sql";
    QTest::newRow("dangling parent")
        << "dangling"
        << "0001_orphan.sql"
        << QByteArray("-- revision: abc\n-- down_revision: nowhere\n-- message: m\n"
                      "-- [upgrade]\nSELECT 1;\n-- [downgrade]\nSELECT 1;\n")
        << "nowhere";
}

void TestCommandLine::migrationsFolderProblems()
{
    QFETCH(QString, folder);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, contents);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(folder);
    if (folder != QLatin1String("nope")) {
        QVERIFY(QDir().mkpath(path));
    }
    if (!fileName.isEmpty()) {
        QVERIFY(writeFile(QDir(path).filePath(fileName), contents));
    }
    TempDatabase database;
    for (const QString& verb : {QStringLiteral("upgrade"), QStringLiteral("current")}) {
        const Run run = blogdesk({QStringLiteral("db"), verb, QStringLiteral("--migrations"), path,
                                  QStringLiteral("--database"), database.url()});
        QVERIFY2(run.exited(1), qPrintable(run.describe()));
        QVERIFY2(isOneFailureLine(run, message), qPrintable(run.describe()));
    }
    QCOMPARE(tables(database.db()), QStringList());
}

void TestCommandLine::unreadableMigrations_data()
{
    QTest::addColumn<bool>("lockFolder"); // else lock one file in it
    QTest::newRow("folder") << true;
    QTest::newRow("file") << false;
}

void TestCommandLine::unreadableMigrations()
{
    QFETCH(bool, lockFolder);
    QTemporaryDir dir;
    QVERIFY(TestSupport::copyBuiltInMigrations(dir.path()));
    const QString locked =
        lockFolder ? dir.path() : dir.filePath(QStringLiteral("0002_add_user_profile_table.sql"));
    const QFile::Permissions before = QFile::permissions(locked);
    QVERIFY(QFile::setPermissions(locked, QFile::WriteOwner));
    TempDatabase database;
    const Run run = blogdeskUnprivileged({QStringLiteral("db"), QStringLiteral("upgrade"),
                                          QStringLiteral("--migrations"), dir.path(),
                                          QStringLiteral("--database"), database.url()},
                                         {database.folder(), dir.path()});
    QFile::setPermissions(locked, before);
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run), qPrintable(run.describe()));
    // The folder exists and has files: "empty" would send the user looking in the wrong place.
    QVERIFY2(!run.err.contains(QLatin1String("no migration files")), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("read"), Qt::CaseInsensitive),
             qPrintable(run.describe()));
    QCOMPARE(tables(database.db()), QStringList());
}

void TestCommandLine::corruptDatabase_data()
{
    QTest::addColumn<QStringList>("verb");
    QTest::newRow("current") << QStringList{QStringLiteral("db"), QStringLiteral("current")};
    QTest::newRow("history") << QStringList{QStringLiteral("db"), QStringLiteral("history")};
    QTest::newRow("upgrade") << QStringList{QStringLiteral("db"), QStringLiteral("upgrade")};
    QTest::newRow("upgrade --sql")
        << QStringList{QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--sql")};
    QTest::newRow("stamp") << QStringList{QStringLiteral("db"), QStringLiteral("stamp"),
                                          QStringLiteral("head")};
    QTest::newRow("sample") << QStringList{QStringLiteral("sample")};
}

// Random bytes are not a database: a clear one-line failure, no crash, and the file untouched.
void TestCommandLine::corruptDatabase()
{
    QFETCH(QStringList, verb);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.db"));
    QByteArray garbage(64 * 1024, '\0');
    QRandomGenerator random(42);
    random.fillRange(reinterpret_cast<quint32*>(garbage.data()), garbage.size() / 4);
    QVERIFY(writeFile(path, garbage));
    const Run run =
        runIn(m_binary,
              verb + QStringList{QStringLiteral("--database"), QStringLiteral("sqlite:///") + path},
              environment());
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("corrupt.db")), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("not a database")), qPrintable(run.describe()));
    QVERIFY(readAll(path) == garbage);
}

void TestCommandLine::directoryAsDatabase_data()
{
    corruptDatabase_data();
}

void TestCommandLine::directoryAsDatabase()
{
    QFETCH(QStringList, verb);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("folder.db"));
    QVERIFY(QDir().mkpath(path));
    const Run run =
        runIn(m_binary,
              verb + QStringList{QStringLiteral("--database"), QStringLiteral("sqlite:///") + path},
              environment());
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("folder.db")), qPrintable(run.describe()));
    QVERIFY(QFileInfo(path).isDir());
    QVERIFY(QDir(path).isEmpty());
}

// ---------------------------------------------------------------------------------------------
// Environment

// Without DISPLAY and QT_QPA_PLATFORM a QApplication aborts: every verb succeeding here proves
// none is created.
void TestCommandLine::worksWithoutDisplay()
{
    TempDatabase database;
    const QStringList url{QStringLiteral("--database"), database.url()};
    // The control: in this environment the window cannot start.
    const Run window = runIn(m_binary, url, environmentWithoutDisplay(), QString(), 30000);
    if (window.exited(0) || window.timedOut) {
        QSKIP("a display is reachable without DISPLAY and QT_QPA_PLATFORM: proves nothing here");
    }
    QCOMPARE(tables(database.db()), QStringList());

    const QList<QStringList> commands{
        {QStringLiteral("--version")},
        {QStringLiteral("--help")},
        QStringList{QStringLiteral("db"), QStringLiteral("history")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--sql")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("base")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("upgrade")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("current")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("-1")} + url,
        QStringList{QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("+1")} + url,
        QStringList{QStringLiteral("sample"), QStringLiteral("--users"), QStringLiteral("2")} + url,
    };
    for (const QStringList& arguments : commands) {
        const Run run = runIn(m_binary, arguments, environmentWithoutDisplay());
        QVERIFY2(run.exited(0), qPrintable(run.describe()));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    }
    QCOMPARE(count(database.db(), QStringLiteral("users")), qint64(2));

    // Failures, too, are reported rather than aborting.
    const Run failed = runIn(
        m_binary,
        QStringList{QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("nosuchrev")} +
            url,
        environmentWithoutDisplay());
    QVERIFY2(failed.exited(2), qPrintable(failed.describe()));
    QVERIFY2(isOneFailureLine(failed, QStringLiteral("nosuchrev")), qPrintable(failed.describe()));
}

void TestCommandLine::databaseUrlEnvironment()
{
    TempDatabase fromEnvironment(QStringLiteral("environment"));
    TempDatabase fromOption(QStringLiteral("option"));
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("DATABASE_URL"), fromEnvironment.url());

    Run run = runIn(m_binary, {QStringLiteral("db"), QStringLiteral("upgrade"), Initial}, env);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(applied(fromEnvironment.db()), QStringList{Initial});
    QCOMPARE(applied(fromOption.db()), QStringList());

    run = runIn(m_binary, {QStringLiteral("db"), QStringLiteral("current")}, env);
    QCOMPARE(run.out, QStringLiteral("5678abcd\n"));

    // --database wins over DATABASE_URL.
    run = runIn(m_binary,
                {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"),
                 fromOption.url()},
                env);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(applied(fromOption.db()), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    QCOMPARE(applied(fromEnvironment.db()), QStringList{Initial});

    run = runIn(m_binary,
                {QStringLiteral("sample"), QStringLiteral("--users"), QStringLiteral("1"),
                 QStringLiteral("--database"), fromOption.url()},
                env);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(count(fromOption.db(), QStringLiteral("users")), qint64(1));
    QCOMPARE(count(fromEnvironment.db(), QStringLiteral("users")), qint64(0));
}

void TestCommandLine::invalidDatabaseUrlEnvironment()
{
    TempDatabase database;
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("oracle://x/y"));
    Run run = runIn(m_binary, {QStringLiteral("db"), QStringLiteral("current")}, env);
    QVERIFY2(run.exited(2), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("DATABASE_URL")), qPrintable(run.describe()));

    // A good --database makes the environment irrelevant.
    run = runIn(m_binary,
                {QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                 database.url()},
                env);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("<base>\n"));
}

// Without --database and DATABASE_URL the verbs use the embedded default database, which lives
// in the (here temporary) user data folder.
void TestCommandLine::defaultDatabaseStaysInHome()
{
    const Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QStringList found;
    QDirIterator it(m_home.path(), {QStringLiteral("blogdesk.db")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        found << it.next();
    }
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.constFirst().startsWith(m_home.filePath(QStringLiteral("data")) + '/'),
             qPrintable(found.constFirst()));
    const Run current = blogdesk({QStringLiteral("db"), QStringLiteral("current")});
    QCOMPARE(current.out, QStringLiteral("e83b4f6a1c2 (head)\n"));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
