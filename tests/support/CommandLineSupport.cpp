#include "CommandLineSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QTimer>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include "tests/support/TestSupport.h"

namespace CommandLineSupport {

const QString Initial = QStringLiteral("5678abcd");
const QString Profiles = QStringLiteral("ae1027a6acf");
const QString Slugs = QStringLiteral("bf2038b7def");
const QString Indexes = QStringLiteral("c71e5a2d9f0");
const QString FullText = QStringLiteral("e83b4f6a1c2");
const QStringList BlogTables{QStringLiteral("comments"), QStringLiteral("post_tags"),
                             QStringLiteral("posts"),    QStringLiteral("profiles"),
                             QStringLiteral("tags"),     QStringLiteral("users")};

Run runIn(const QString& binary, const QStringList& arguments, const QProcessEnvironment& env,
          const QString& workingDirectory, int timeoutMs, const std::function<void()>& inChild)
{
    Run run;
    run.arguments = arguments;
    QProcess process;
    process.setProgram(binary);
    process.setArguments(arguments);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    if (inChild) {
        process.setChildProcessModifier(inChild);
    }
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
bool isOneFailureLine(const Run& run, const QString& needle)
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
                                    "-- down_revision: e83b4f6a1c2\n"
                                    "-- message: Broken on purpose\n"
                                    "--\n"
                                    "-- [upgrade]\n"
                                    "CREATE TABLE broken_on_purpose (id INTEGER NOT NULL);\n"
                                    "THIS IS NOT VALID SQL;\n"
                                    "\n"
                                    "-- [downgrade]\n"
                                    "DROP TABLE broken_on_purpose;\n";

} // namespace CommandLineSupport

using CommandLineSupport::Run;
using CommandLineSupport::runIn;

namespace {

bool chownTree(const QString& folder, uid_t uid, gid_t gid)
{
    bool ok = ::chown(QFile::encodeName(folder).constData(), uid, gid) == 0;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        ok = ::lchown(QFile::encodeName(it.next()).constData(), uid, gid) == 0 && ok;
    }
    return ok;
}

} // namespace

Run CommandLineTest::blogdeskUnprivileged(const QStringList& arguments,
                                          const QStringList& folders) const
{
    if (!CommandLineSupport::isRoot()) {
        return blogdesk(arguments);
    }
    Run refused;
    refused.arguments = arguments;
    const passwd* nobody = ::getpwnam("nobody");
    const QString home = folders.value(0) + QStringLiteral("/home-of-nobody");
    if (!nobody || !QDir().mkpath(home)) {
        refused.err = QStringLiteral("cannot run as the user nobody here");
        return refused;
    }
    const uid_t uid = nobody->pw_uid;
    const gid_t gid = nobody->pw_gid;
    for (const QString& folder : folders) {
        if (!chownTree(folder, uid, gid)) {
            refused.err = QStringLiteral("cannot hand %1 over to nobody").arg(folder);
            return refused;
        }
    }
    QProcessEnvironment env = environment();
    for (const char* name :
         {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        env.remove(QLatin1String(name));
    }
    env.insert(QStringLiteral("HOME"), home);
    return runIn(m_binary, arguments, env, QString(), CommandLineSupport::TimeoutMs, [uid, gid] {
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) {
            ::_exit(126);
        }
    });
}

// Runs blogdesk with the test's usual environment.
Run CommandLineTest::blogdesk(const QStringList& arguments) const
{
    return runIn(m_binary, arguments, environment());
}

void CommandLineTest::setUpSandbox()
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
QProcessEnvironment CommandLineTest::environment() const
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
QProcessEnvironment CommandLineTest::environmentWithoutDisplay() const
{
    QProcessEnvironment env = environment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return env;
}
