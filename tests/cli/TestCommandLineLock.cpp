#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "migrations/engine/MigrationLock.h"
#include "models/connection/Database.h"
#include "tests/support/CommandLineSupport.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using namespace CommandLineSupport;

namespace {

constexpr int WaitTimeoutMs = 60000;
// Another migration holds the migration lock (LockHeldExit).
constexpr int LockHeldExit = 3;

// A revision after head that writes to lock_probe, so a test holding a row of it keeps the
// command line's migration (and its migration lock) going for as long as it likes.
const char* const TouchMigration = "-- revision: c0ffee0005\n"
                                   "-- down_revision: e83b4f6a1c2\n"
                                   "-- message: Touch the lock probe\n"
                                   "--\n"
                                   "-- [upgrade]\n"
                                   "UPDATE lock_probe SET n = n + 1;\n"
                                   "\n"
                                   "-- [downgrade]\n"
                                   "UPDATE lock_probe SET n = n - 1;\n";

// A blogdesk started in the background: its output is read while it runs.
class Background
{
public:
    Background(const QString& binary, const QStringList& arguments, const QProcessEnvironment& env)
    {
        m_run.arguments = arguments;
        m_process.setProgram(binary);
        m_process.setArguments(arguments);
        m_process.setProcessEnvironment(env);
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.start();
        m_run.started = m_process.waitForStarted(30000);
    }
    ~Background()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    // Everything printed on stdout so far.
    QString out()
    {
        m_run.out += QString::fromUtf8(m_process.readAllStandardOutput());
        return m_run.out;
    }
    bool saysWaiting() { return out().contains(QLatin1String("Waiting up to")); }
    // Waits for the end; a run that does not end in time is killed and marked timed out.
    Run finish()
    {
        m_run.timedOut = !m_process.waitForFinished(TimeoutMs);
        if (m_run.timedOut) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
        out();
        m_run.status = m_process.exitStatus();
        m_run.exitCode = m_process.exitCode();
        m_run.err = QString::fromUtf8(m_process.readAllStandardError());
        return m_run;
    }

private:
    QProcess m_process;
    Run m_run;
};

bool migrated(const Run& run)
{
    return run.exited(0) && run.out.contains(QLatin1String("Database is now at"));
}

bool foundNothingToDo(const Run& run)
{
    return run.exited(0) && run.out.contains(QLatin1String("Already at"));
}

} // namespace

// The command line's verbs that write take the migration lock that the window's migrations
// take, on every back end: one migration at a time, the one refused is told who holds it and
// exits with 3, and the one that waited finds the work done.
class TestCommandLineLock : public CommandLineTest
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void initTestCase() { setUpSandbox(); }
    void init();
    void cleanup();

    void heldLockRefusesEveryWritingVerb_data();
    void heldLockRefusesEveryWritingVerb();
    void readingAndPrintingNeedNoLock();
    void waitingVerbRunsOnceTheLockIsFree();
    void twoWaitingUpgradesMigrateOnce();
    void twoUpgradesAtOnceWithoutWaiting();
    void windowIsToldTheCommandLineHoldsIt();

private:
    QStringList withDatabase(QStringList arguments) const;
    // Asserts that the blog's schema is whole: every table and every built-in revision.
    void checkSchemaIsWhole();
    QStringList blogTablesNow() const;
    QStringList appliedNow() const;
    QString expectedHolder() const;

    SqlDialect m_dialect = SqlDialect::SQLite;
    std::unique_ptr<TestServers::BackendDatabase> m_database;
};

void TestCommandLineLock::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QString error;
    m_database = TestServers::BackendDatabase::create(dialect, QStringLiteral("test"), &error);
    QVERIFY2(m_database, qPrintable(error));
}

void TestCommandLineLock::cleanup()
{
    m_database.reset();
}

QStringList TestCommandLineLock::withDatabase(QStringList arguments) const
{
    return arguments << QStringLiteral("--database") << m_database->url();
}

QStringList TestCommandLineLock::blogTablesNow() const
{
    QStringList found;
    for (const QString& table : m_database->db().tables()) {
        if (BlogTables.contains(table.toLower())) {
            found << table.toLower();
        }
    }
    found.sort();
    return found;
}

QStringList TestCommandLineLock::appliedNow() const
{
    if (!m_database->db().tables().contains(QStringLiteral("blogdesk_migrations"),
                                            Qt::CaseInsensitive)) {
        return {};
    }
    return TestSupport::column(
        m_database->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations ORDER BY 1"));
}

void TestCommandLineLock::checkSchemaIsWhole()
{
    QCOMPARE(blogTablesNow(), BlogTables);
    QCOMPARE(appliedNow(), (QStringList{Initial, Profiles, Slugs, Indexes, FullText}));
    // Every lock file and command-line mark went with its holder.
    if (m_dialect == SqlDialect::SQLite) {
        const QFileInfo file(m_database->url().mid(QStringLiteral("sqlite:///").size()));
        QCOMPARE(file.dir().entryList({QStringLiteral("*migration-lock*")}, QDir::Files),
                 QStringList());
    }
}

// How a lock held by this test process is named: its process and host on SQLite, its server
// session otherwise.
QString TestCommandLineLock::expectedHolder() const
{
    switch (m_dialect) {
    case SqlDialect::SQLite:
        return QStringLiteral("process %1 on host %2")
            .arg(QCoreApplication::applicationPid())
            .arg(QSysInfo::machineHostName());
    case SqlDialect::PostgreSQL:
        return QStringLiteral("PostgreSQL session");
    case SqlDialect::MySQL:
        break;
    }
    return QStringLiteral("MySQL connection");
}

void TestCommandLineLock::heldLockRefusesEveryWritingVerb_data()
{
    QTest::addColumn<QStringList>("verb");
    QTest::newRow("upgrade") << QStringList{QStringLiteral("db"), QStringLiteral("upgrade")};
    QTest::newRow("downgrade") << QStringList{QStringLiteral("db"), QStringLiteral("downgrade"),
                                              QStringLiteral("base")};
    QTest::newRow("stamp") << QStringList{QStringLiteral("db"), QStringLiteral("stamp"),
                                          QStringLiteral("head")};
    QTest::newRow("sample") << QStringList{QStringLiteral("sample")};
}

// As a migration in the window holds it: refused at once with --wait 0, the holder named, exit
// 3, and nothing changed.
void TestCommandLineLock::heldLockRefusesEveryWritingVerb()
{
    QFETCH(QStringList, verb);
    MigrationLock lock(m_database->db());
    QString holder;
    QString error;
    QVERIFY2(lock.tryAcquire(&holder, &error), qPrintable(holder + error));
    const Run run = blogdesk(withDatabase(verb << QStringLiteral("--wait") << QStringLiteral("0")));
    QVERIFY2(run.exited(LockHeldExit), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("another migration is running")),
             qPrintable(run.describe()));
    QVERIFY2(run.err.contains(expectedHolder()), qPrintable(run.describe()));
    QVERIFY2(!run.err.contains(QLatin1String("command line,")), qPrintable(run.describe()));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
    QCOMPARE(blogTablesNow(), QStringList());
    QCOMPARE(appliedNow(), QStringList());
}

void TestCommandLineLock::readingAndPrintingNeedNoLock()
{
    MigrationLock lock(m_database->db());
    QString holder;
    QString error;
    QVERIFY2(lock.tryAcquire(&holder, &error), qPrintable(holder + error));
    const Run current = blogdesk(withDatabase({QStringLiteral("db"), QStringLiteral("current")}));
    QVERIFY2(current.exited(0), qPrintable(current.describe()));
    QCOMPARE(current.out, QStringLiteral("<base>\n"));
    const Run script = blogdesk(
        withDatabase({QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--sql"),
                      QStringLiteral("--wait"), QStringLiteral("0")}));
    QVERIFY2(script.exited(0), qPrintable(script.describe()));
    QVERIFY2(script.out.contains(QLatin1String("CREATE TABLE")), qPrintable(script.describe()));
    QCOMPARE(blogTablesNow(), QStringList());
}

void TestCommandLineLock::waitingVerbRunsOnceTheLockIsFree()
{
    auto lock = std::make_unique<MigrationLock>(m_database->db());
    QString holder;
    QString error;
    QVERIFY2(lock->tryAcquire(&holder, &error), qPrintable(holder + error));
    Background upgrade(m_binary,
                       withDatabase({QStringLiteral("db"), QStringLiteral("upgrade"),
                                     QStringLiteral("--wait"), QStringLiteral("120")}),
                       environment());
    QTRY_VERIFY_WITH_TIMEOUT(upgrade.saysWaiting() || !upgrade.isRunning(), WaitTimeoutMs);
    QVERIFY2(upgrade.isRunning(), qPrintable(upgrade.out()));
    QVERIFY2(upgrade.out().contains(expectedHolder()), qPrintable(upgrade.out()));
    QCOMPARE(appliedNow(), QStringList());
    lock.reset();
    const Run run = upgrade.finish();
    QVERIFY2(migrated(run), qPrintable(run.describe()));
    QVERIFY2(run.err.isEmpty(), qPrintable(run.describe()));
    checkSchemaIsWhole();
}

// Both wait for the lock held here and then race for it: the one that gets it second reads the
// revision again inside the lock and finds nothing to do.
void TestCommandLineLock::twoWaitingUpgradesMigrateOnce()
{
    auto lock = std::make_unique<MigrationLock>(m_database->db());
    QString holder;
    QString error;
    QVERIFY2(lock->tryAcquire(&holder, &error), qPrintable(holder + error));
    const QStringList arguments = withDatabase({QStringLiteral("db"), QStringLiteral("upgrade"),
                                                QStringLiteral("--wait"), QStringLiteral("120")});
    Background first(m_binary, arguments, environment());
    Background second(m_binary, arguments, environment());
    QTRY_VERIFY_WITH_TIMEOUT(first.saysWaiting() || !first.isRunning(), WaitTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(second.saysWaiting() || !second.isRunning(), WaitTimeoutMs);
    QVERIFY2(first.isRunning(), qPrintable(first.out()));
    QVERIFY2(second.isRunning(), qPrintable(second.out()));
    lock.reset();
    const Run one = first.finish();
    const Run two = second.finish();
    const QString both = one.describe() + two.describe();
    QVERIFY2((migrated(one) && foundNothingToDo(two)) || (migrated(two) && foundNothingToDo(one)),
             qPrintable(both));
    QVERIFY2(one.err.isEmpty() && two.err.isEmpty(), qPrintable(both));
    checkSchemaIsWhole();
}

// Started together without waiting: one migrates; the other either came second (nothing to do)
// or met the first one's lock and names it.
void TestCommandLineLock::twoUpgradesAtOnceWithoutWaiting()
{
    const QStringList arguments = withDatabase({QStringLiteral("db"), QStringLiteral("upgrade"),
                                                QStringLiteral("--wait"), QStringLiteral("0")});
    Background first(m_binary, arguments, environment());
    Background second(m_binary, arguments, environment());
    const qint64 firstPid = first.pid();
    const qint64 secondPid = second.pid();
    const Run one = first.finish();
    const Run two = second.finish();
    const QString both = one.describe() + two.describe();
    auto refusedBy = [](const Run& run, qint64 pid) {
        return run.exited(LockHeldExit) &&
               isOneFailureLine(run, QStringLiteral("the BlogDesk command line")) &&
               (run.err.contains(QStringLiteral("process %1 ").arg(pid)) ||
                !run.err.contains(QLatin1String("process ")));
    };
    const bool firstWon = migrated(one) && (foundNothingToDo(two) || refusedBy(two, firstPid));
    const bool secondWon = migrated(two) && (foundNothingToDo(one) || refusedBy(one, secondPid));
    QVERIFY2(firstWon || secondWon, qPrintable(both));
    checkSchemaIsWhole();
}

// The command line is stopped in the middle of a migration (its revision waits for a row this
// test holds): the window's lock attempt is refused and told it is the command line.
void TestCommandLineLock::windowIsToldTheCommandLineHoldsIt()
{
    const Run atHead = blogdesk(withDatabase({QStringLiteral("db"), QStringLiteral("upgrade")}));
    QVERIFY2(atHead.exited(0), qPrintable(atHead.describe()));
    QSqlDatabase db = m_database->db();
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("CREATE TABLE lock_probe (n INTEGER NOT NULL)")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO lock_probe (n) VALUES (0)")));
    QTemporaryDir migrations;
    QVERIFY(TestSupport::copyBuiltInMigrations(migrations.path()));
    QVERIFY(writeFile(migrations.filePath(QStringLiteral("0004_touch.sql")), TouchMigration));
    QVERIFY(db.transaction());
    QVERIFY(query.exec(QStringLiteral("UPDATE lock_probe SET n = n")));

    // SQLite's busy wait must outlast the test's look at the lock.
    const QString url =
        m_database->url() +
        (m_dialect == SqlDialect::SQLite ? QStringLiteral("?timeout=120") : QString());
    Background upgrade(m_binary,
                       {QStringLiteral("db"), QStringLiteral("upgrade"), QStringLiteral("--wait"),
                        QStringLiteral("120"), QStringLiteral("--migrations"), migrations.path(),
                        QStringLiteral("--database"), url},
                       environment());
    const qint64 commandLinePid = upgrade.pid();
    QSqlDatabase window;
    QString error;
    QVERIFY2(m_database->openAnother(QStringLiteral("window"), &window, &error), qPrintable(error));
    QString holder;
    {
        // Taken before the command line gets it, the lock is let go again at once.
        MigrationLock lock(window);
        auto refused = [&] {
            holder.clear();
            const bool taken = lock.tryAcquire(&holder, &error);
            lock.release();
            return !taken && !holder.isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(refused() || !upgrade.isRunning(), WaitTimeoutMs);
    }
    window = QSqlDatabase();
    Database::close(QStringLiteral("window"));
    QVERIFY(db.rollback());
    const Run run = upgrade.finish();
    QVERIFY2(holder.startsWith(QLatin1String("the BlogDesk command line, ")), qPrintable(holder));
    if (m_dialect == SqlDialect::SQLite) {
        QVERIFY2(holder.contains(QStringLiteral("process %1 on host %2 since ")
                                     .arg(commandLinePid)
                                     .arg(QSysInfo::machineHostName())),
                 qPrintable(holder));
    }
    QVERIFY2(migrated(run), qPrintable(run.describe()));
    QCOMPARE(TestSupport::scalar(db, QStringLiteral("SELECT n FROM lock_probe")).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestCommandLineLock)
#include "TestCommandLineLock.moc"
