#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
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
#include <QTimer>

#include <unistd.h>

#include "tests/support/TestSupport.h"

// Runs the real `blogdesk` executable (BLOGDESK_BINARY, set by CTest) the way a user or a
// deployment script does, and checks exit codes, stdout, stderr and the database afterwards.
// Contract: exit 0 success, 1 the work failed, 2 the command line was wrong; a failure says
// exactly one line "blogdesk: ..." on stderr.
namespace {
struct Run;
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

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

    void failingMigrationRollsBack();
    void existingTablesMakeUpgradeFail();
    void changedMigrationIsRefused();
    void newerDatabaseIsRefused();
    void alembicVersionIsLeftAlone();
    void lockedDatabase();

    void worksWithoutDisplay();
    void databaseUrlEnvironment();
    void invalidDatabaseUrlEnvironment();
    void defaultDatabaseStaysInHome();

private:
    QProcessEnvironment environment() const;
    QProcessEnvironment environmentWithoutDisplay() const;
    Run blogdesk(const QStringList& arguments) const;

    QString m_binary;
    QTemporaryDir m_home;
};

namespace {

const QString Initial = QStringLiteral("5678abcd");
const QString Profiles = QStringLiteral("ae1027a6acf");
const QString Slugs = QStringLiteral("bf2038b7def");
const QStringList BlogTables{QStringLiteral("comments"), QStringLiteral("post_tags"),
                             QStringLiteral("posts"),    QStringLiteral("profiles"),
                             QStringLiteral("tags"),     QStringLiteral("users")};

constexpr int TimeoutMs = 120000;

struct Run
{
    QStringList arguments;
    bool started = false;
    bool timedOut = false;
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QString out;
    QString err;

    // Exited by itself (no crash, no timeout) with `code`.
    bool exited(int code) const
    {
        return started && !timedOut && status == QProcess::NormalExit && exitCode == code;
    }
    // Everything about the run, for failure messages.
    QString describe() const
    {
        const QString state = !started   ? QStringLiteral("did not start")
                              : timedOut ? QStringLiteral("timed out")
                              : status == QProcess::CrashExit
                                  ? QStringLiteral("crashed (signal %1)").arg(exitCode)
                                  : QStringLiteral("exit %1").arg(exitCode);
        return QStringLiteral("\n  blogdesk %1\n  %2\n  stdout: [%3]\n  stderr: [%4]")
            .arg(arguments.join(QLatin1Char(' ')), state, visible(out.left(3000)),
                 visible(err.left(3000)));
    }
    // Control characters (other than line ends) as \xNN, so a message shows what was printed.
    static QString visible(const QString& text)
    {
        QString result;
        for (const QChar c : text) {
            result += c.category() == QChar::Other_Control && c != QLatin1Char('\n')
                          ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                          : QString(c);
        }
        return result;
    }
};

Run runIn(const QString& binary, const QStringList& arguments, const QProcessEnvironment& env,
          const QString& workingDirectory = QString(), int timeoutMs = TimeoutMs)
{
    Run run;
    run.arguments = arguments;
    QProcess process;
    process.setProgram(binary);
    process.setArguments(arguments);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!workingDirectory.isEmpty()) {
        process.setWorkingDirectory(workingDirectory);
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, [&run, &loop] {
        run.timedOut = true;
        loop.quit();
    });
    process.start();
    run.started = process.waitForStarted(30000);
    if (run.started) {
        timer.start(timeoutMs);
        if (process.state() != QProcess::NotRunning) {
            loop.exec();
        }
        if (run.timedOut) {
            process.kill();
            process.waitForFinished(10000);
        }
    }
    run.status = process.exitStatus();
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Whether stderr is exactly one line "blogdesk: ..." (and says `needle`, if given).
bool isOneFailureLine(const Run& run, const QString& needle = QString())
{
    const QString& err = run.err;
    return err.startsWith(QLatin1String("blogdesk: ")) && err.endsWith(QLatin1Char('\n')) &&
           err.count(QLatin1Char('\n')) == 1 &&
           (needle.isEmpty() || err.contains(needle, Qt::CaseInsensitive));
}

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n')) {
            return true;
        }
    }
    return false;
}

QStringList lines(const QString& text)
{
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList tables(const QSqlDatabase& db)
{
    return TestSupport::column(
        db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
}

QStringList blogTables(const QSqlDatabase& db)
{
    QStringList found;
    for (const QString& table : tables(db)) {
        if (BlogTables.contains(table)) {
            found << table;
        }
    }
    return found;
}

// The revisions recorded by the engine, sorted; empty when it has no table yet.
QStringList applied(const QSqlDatabase& db)
{
    if (!tables(db).contains(QStringLiteral("blogdesk_migrations"))) {
        return {};
    }
    return TestSupport::column(
        db, QStringLiteral("SELECT revision FROM blogdesk_migrations ORDER BY revision"));
}

// posts.slug's "notnull" from PRAGMA table_info, or -1 when there is no such column.
int slugNotNull(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(posts)"))) {
        return -1;
    }
    while (query.next()) {
        if (query.value(QStringLiteral("name")).toString() == QLatin1String("slug")) {
            return query.value(QStringLiteral("notnull")).toInt();
        }
    }
    return -1;
}

// Every row of `table`, every column, in a stable order.
QStringList rows(const QSqlDatabase& db, const QString& table)
{
    QSqlQuery query(db);
    QStringList result;
    if (!query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(table))) {
        return {QStringLiteral("ERROR")};
    }
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i) {
            values << (query.value(i).isNull() ? QStringLiteral("NULL")
                                               : query.value(i).toString());
        }
        result << values.join(QLatin1Char('|'));
    }
    return result;
}

qint64 count(const QSqlDatabase& db, const QString& table)
{
    const QVariant value =
        TestSupport::scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(table));
    return value.isValid() ? value.toLongLong() : -1;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(contents) == contents.size();
}

bool isRoot()
{
    return ::geteuid() == 0;
}

const char* const BrokenMigration = "-- revision: c0ffee0004\n"
                                    "-- down_revision: bf2038b7def\n"
                                    "-- message: Broken on purpose\n"
                                    "--\n"
                                    "-- [upgrade]\n"
                                    "CREATE TABLE broken_on_purpose (id INTEGER NOT NULL);\n"
                                    "THIS IS NOT VALID SQL;\n"
                                    "\n"
                                    "-- [downgrade]\n"
                                    "DROP TABLE broken_on_purpose;\n";

} // namespace

// Runs blogdesk with the test's usual environment.
Run TestCommandLine::blogdesk(const QStringList& arguments) const
{
    return runIn(m_binary, arguments, environment());
}

void TestCommandLine::initTestCase()
{
    m_binary = qEnvironmentVariable("BLOGDESK_BINARY");
    QVERIFY2(!m_binary.isEmpty(), "BLOGDESK_BINARY is not set (run the test through ctest)");
    const QFileInfo binary(m_binary);
    QVERIFY2(binary.isFile() && binary.isExecutable(), qPrintable(m_binary));
    QVERIFY(m_home.isValid());
    for (const char* folder : {"data", "config", "cache", "runtime"}) {
        QVERIFY(QDir(m_home.path()).mkpath(QLatin1String(folder)));
    }
    QFile::setPermissions(m_home.filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// No display, no DATABASE_URL, and a home of our own: the embedded default database (should a
// test reach it) lives in the temporary folder, never in the real user's.
QProcessEnvironment TestCommandLine::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "DATABASE_URL"}) {
        env.remove(QLatin1String(name));
    }
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("runtime")));
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM"))) {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    return env;
}

// As on a server reached over SSH: creating a QApplication would abort here.
QProcessEnvironment TestCommandLine::environmentWithoutDisplay() const
{
    QProcessEnvironment env = environment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return env;
}

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
        {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("+4"), db, url}, 2, "+4");
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
    if (isRoot()) {
        QSKIP("running as root: file permissions do not apply");
    }
    QTemporaryDir dir;
    const QString locked = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner));
    const QString urlInLocked = QStringLiteral("sqlite:///") + locked + QStringLiteral("/blog.db");
    const QString urlBelowLocked =
        QStringLiteral("sqlite:///") + locked + QStringLiteral("/new/blog.db");
    const Run inLocked = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                                   QStringLiteral("--database"), urlInLocked});
    const Run belowLocked = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                                      QStringLiteral("--database"), urlBelowLocked});
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
    if (isRoot()) {
        QSKIP("running as root: file permissions do not apply");
    }
    QTemporaryDir dir;
    QVERIFY(TestSupport::copyBuiltInMigrations(dir.path()));
    const QString locked =
        lockFolder ? dir.path() : dir.filePath(QStringLiteral("0002_add_user_profile_table.sql"));
    const QFile::Permissions before = QFile::permissions(locked);
    QVERIFY(QFile::setPermissions(locked, QFile::WriteOwner));
    TempDatabase database;
    const Run run =
        blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--migrations"),
                  dir.path(), QStringLiteral("--database"), database.url()});
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
// Moving along the history

void TestCommandLine::newDatabase()
{
    TempDatabase database;
    const Run history = blogdesk({QStringLiteral("db"), QStringLiteral("history"),
                                  QStringLiteral("--database"), database.url()});
    QVERIFY2(history.exited(0), qPrintable(history.describe()));
    const QStringList listed = lines(history.out);
    QCOMPARE(listed.size(), 3);
    QVERIFY2(listed.at(0).startsWith(Profiles + QStringLiteral(" -> ") + Slugs +
                                     QStringLiteral(" (head), Populate post slugs")),
             qPrintable(history.out));
    QVERIFY2(listed.at(1).startsWith(Initial + QStringLiteral(" -> ") + Profiles +
                                     QStringLiteral(", Add user profile table")),
             qPrintable(history.out));
    QVERIFY2(listed.at(2).startsWith(QStringLiteral("<base> -> ") + Initial +
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

void TestCommandLine::upgradeDowngradeCycle()
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
    QCOMPARE(run.out, QStringLiteral("Database is now at bf2038b7def (head)\n"));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(current(), QStringLiteral("bf2038b7def (head)"));
    QCOMPARE(blogTables(database.db()), BlogTables);
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs}));
    QCOMPARE(count(database.db(), QStringLiteral("blogdesk_migrations WHERE duration_ms IS NULL")),
             qint64(0));
    QCOMPARE(slugNotNull(database.db()), 1);

    run = db(QStringLiteral("history"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(lines(run.out).value(0).contains(QLatin1String("(head) (current)")),
             qPrintable(run.out));
    QCOMPARE(run.out.count(QLatin1String("[applied ")), 3);

    run = db(QStringLiteral("upgrade"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Already at bf2038b7def (head)\n"));

    run = db(QStringLiteral("downgrade"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at ae1027a6acf\n"));
    QCOMPARE(current(), Profiles);
    QCOMPARE(slugNotNull(database.db()), 0);
    QCOMPARE(blogTables(database.db()), BlogTables);
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles}));

    run = db(QStringLiteral("downgrade"), QStringLiteral("base"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at <base>\n"));
    QCOMPARE(current(), QStringLiteral("<base>"));
    QCOMPARE(blogTables(database.db()), QStringList());
    QCOMPARE(applied(database.db()), QStringList());

    run = db(QStringLiteral("upgrade"), Profiles);
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(current(), Profiles);
    QVERIFY(blogTables(database.db()).contains(QStringLiteral("profiles")));
    QCOMPARE(slugNotNull(database.db()), 0);

    run = db(QStringLiteral("upgrade"), QStringLiteral("+1"));
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(current(), QStringLiteral("bf2038b7def (head)"));
    QCOMPARE(slugNotNull(database.db()), 1);
    // No helper table of the posts rebuild is left behind.
    QCOMPARE(tables(database.db()),
             QStringList{QStringLiteral("blogdesk_migrations")} + BlogTables);
}

// The slug revision rebuilds posts on SQLite: a round trip over it keeps every row, every link
// and the schema text.
void TestCommandLine::downgradeAndUpgradeKeepData()
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

    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("--database"),
                    database.url()});
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

void TestCommandLine::upgradeToUniquePrefix()
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
void TestCommandLine::downgradeRelative()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));

    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("-1"),
                    QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at ae1027a6acf\n"));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles}));

    // Option before the revision, and a two-step jump.
    run = blogdesk({QStringLiteral("db"), QStringLiteral("downgrade"), QStringLiteral("--database"),
                    database.url(), QStringLiteral("-2")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at <base>\n"));
    QCOMPARE(blogTables(database.db()), QStringList());

    // After --sql (a flag) and after --migrations DIR (an option with a value).
    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"),
                    database.url()});
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

void TestCommandLine::relativeAndNamedTargets_data()
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
    const QString head = Slugs + QStringLiteral(" (head)");
    row("upgrade +2 from base", QString(), "upgrade", "+2", Profiles);
    row("upgrade heads", QString(), "upgrade", "heads", head);
    row("upgrade REV+1", QString(), "upgrade", "5678abcd+1", Profiles);
    row("upgrade to prefix", Initial, "upgrade", "ae", Profiles);
    row("upgrade to current", Profiles, "upgrade", "ae1027a6acf", Profiles);
    row("downgrade REV-1", head, "downgrade", "bf2038b7def-1", Profiles);
    row("downgrade to prefix", head, "downgrade", "5678", Initial);
    row("downgrade to current", Profiles, "downgrade", "ae1027a6acf", Profiles);
    row("stamp -1", head, "stamp", "-1", Profiles);
    row("stamp prefix", QString(), "stamp", "ae", Profiles);
}

void TestCommandLine::relativeAndNamedTargets()
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

void TestCommandLine::wrongDirectionIsRefused()
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
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs}));
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

void TestCommandLine::sqlUpgradeChangesNothing()
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
             3);
    QCOMPARE(run.out.count(QRegularExpression(QStringLiteral("^COMMIT;"),
                                              QRegularExpression::MultilineOption)),
             3);
    QVERIFY(run.out.contains(QLatin1String("INSERT INTO blogdesk_migrations")));
    QVERIFY(run.out.contains(QLatin1String("populate_post_slugs")));
    QVERIFY2(!run.out.contains(QLatin1String("Database is now")), qPrintable(run.out));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schemaBefore);
    QCOMPARE(tables(database.db()), QStringList());
    QCOMPARE(applied(database.db()), QStringList());
}

void TestCommandLine::sqlDowngradeAndStampChangeNothing()
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

void TestCommandLine::stampHeadAndBase()
{
    TempDatabase database;
    Run run = blogdesk({QStringLiteral("db"), QStringLiteral("stamp"), QStringLiteral("head"),
                        QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Database is now at bf2038b7def (head)\n"));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs}));
    QCOMPARE(count(database.db(), QStringLiteral("blogdesk_migrations WHERE duration_ms IS NULL")),
             qint64(3));
    QCOMPARE(blogTables(database.db()), QStringList());

    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out, QStringLiteral("bf2038b7def (head)\n"));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("history"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out.count(QLatin1String("[stamped ")), 3);

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

void TestCommandLine::sampleOnEmptyDatabase()
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
             (QStringList{QStringLiteral("Empty database upgraded to bf2038b7def"),
                          QStringLiteral("Added 3 users, 2 profiles, 6 posts, 8 new tags and 12 "
                                         "comments to blog.db")}));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs}));
    QCOMPARE(count(database.db(), QStringLiteral("users")), qint64(3));
    QCOMPARE(count(database.db(), QStringLiteral("profiles")), qint64(2));
    QCOMPARE(count(database.db(), QStringLiteral("posts")), qint64(6));
    QCOMPARE(count(database.db(), QStringLiteral("tags")), qint64(8));
    QCOMPARE(count(database.db(), QStringLiteral("comments")), qint64(12));
    QCOMPARE(count(database.db(), QStringLiteral("posts WHERE slug IS NULL")), qint64(0));
}

void TestCommandLine::sampleIsDeterministic()
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

void TestCommandLine::sampleAtOlderRevisionWritesNothing()
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

// ---------------------------------------------------------------------------------------------
// Migration files that fail or have changed

void TestCommandLine::failingMigrationRollsBack()
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
    QVERIFY2(lines(run.out).value(0).startsWith(QLatin1String("bf2038b7def -> c0ffee0004 (head)")),
             qPrintable(run.out));

    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("c0ffee0004")), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QLatin1String("THIS IS NOT VALID SQL")), qPrintable(run.describe()));
    QVERIFY2(!run.out.contains(QLatin1String("Database is now")), qPrintable(run.describe()));

    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs}));
    QVERIFY(!tables(database.db()).contains(QStringLiteral("broken_on_purpose")));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), database.url()});
    QCOMPARE(run.out, QStringLiteral("bf2038b7def\n"));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("current"), QStringLiteral("--database"),
                    database.url()});
    QCOMPARE(run.out, QStringLiteral("bf2038b7def (head)\n"));

    // From an empty database the good revisions are committed one by one before the bad one.
    TempDatabase fresh(QStringLiteral("fresh"));
    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--migrations"),
                    migrations.path(), QStringLiteral("--database"), fresh.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("c0ffee0004")), qPrintable(run.describe()));
    QCOMPARE(applied(fresh.db()), (QStringList{Initial, Profiles, Slugs}));
    QCOMPARE(TestSupport::sqliteSchema(fresh.db()), schema);
}

void TestCommandLine::changedMigrationIsRefused()
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
    QCOMPARE(listed.size(), 3);
    QVERIFY2(listed.at(1).contains(QLatin1String("[CHANGED")), qPrintable(run.out));
    QVERIFY2(!listed.at(0).contains(QLatin1String("CHANGED")), qPrintable(run.out));
    QVERIFY2(!listed.at(2).contains(QLatin1String("CHANGED")), qPrintable(run.out));

    // Stamping says "the database is as these files describe": the change is accepted.
    run = db({QStringLiteral("stamp"), QStringLiteral("head")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    run = db({QStringLiteral("history")});
    QVERIFY2(!run.out.contains(QLatin1String("CHANGED")), qPrintable(run.out));
    QCOMPARE(run.out.count(QLatin1String("[applied ")), 3); // the real records are kept
    run = db({QStringLiteral("upgrade")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Already at bf2038b7def (head)\n"));
    run = db({QStringLiteral("downgrade")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles}));

    // The built-in history now sees the recorded checksum as changed, as it should.
    run = blogdesk({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--database"),
                    database.url()});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("changed")), qPrintable(run.describe()));
}

// A database whose tables exist already (made by Flask's db.create_all()) cannot be upgraded
// from base: the first revision fails as a whole and nothing is recorded.
void TestCommandLine::existingTablesMakeUpgradeFail()
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
void TestCommandLine::newerDatabaseIsRefused()
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
    QCOMPARE(lines(run.out).value(0), QStringLiteral("bf2038b7def (head)"));
    QVERIFY2(run.out.contains(QLatin1String("f00d0005")), qPrintable(run.describe()));

    for (const QString& verb : {QStringLiteral("upgrade"), QStringLiteral("downgrade")}) {
        run = blogdesk({QStringLiteral("db"), verb, QStringLiteral("--database"), database.url()});
        QVERIFY2(run.exited(1), qPrintable(run.describe()));
        QVERIFY2(isOneFailureLine(run, QStringLiteral("f00d0005")), qPrintable(run.describe()));
    }
    QCOMPARE(TestSupport::sqliteSchema(database.db()), schema);
    QCOMPARE(applied(database.db()), (QStringList{Initial, Profiles, Slugs, "f00d0005"}));
}

// Flask-Migrate's own table belongs to the Flask app: noted, never written.
void TestCommandLine::alembicVersionIsLeftAlone()
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
    QCOMPARE(lines(run.out).value(0), QStringLiteral("bf2038b7def (head)"));
    QVERIFY2(lines(run.out).value(1).contains(QLatin1String("1a2b3c4d5e6f")), qPrintable(run.out));
    QCOMPARE(TestSupport::column(database.db(),
                                 QStringLiteral("SELECT version_num FROM alembic_version")),
             QStringList{QStringLiteral("1a2b3c4d5e6f")});
}

// Another writer holds the database: BlogDesk waits a while, then fails cleanly.
void TestCommandLine::lockedDatabase()
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
    QCOMPARE(applied(fromOption.db()), (QStringList{Initial, Profiles, Slugs}));
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
    QCOMPARE(current.out, QStringLiteral("bf2038b7def (head)\n"));
}

QTEST_GUILESS_MAIN(TestCommandLine)

#include "TestCommandLine.moc"
