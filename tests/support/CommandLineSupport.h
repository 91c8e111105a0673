#pragma once

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

// For the tests that run the real `blogdesk` executable (BLOGDESK_BINARY, set by CTest) the
// way a user or a deployment script does, and check exit codes, stdout, stderr and the
// database afterwards. Contract: exit 0 success, 1 the work failed, 2 the command line was
// wrong; a failure says exactly one line "blogdesk: ..." on stderr.
namespace CommandLineSupport {

// The built-in revisions, oldest first.
extern const QString Initial;
extern const QString Profiles;
extern const QString Slugs;
extern const QString Indexes;  // c71e5a2d9f0, the browse indexes
extern const QString FullText; // e83b4f6a1c2, the head
extern const QStringList BlogTables;

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

// `inChild` runs in the child between fork and exec (e.g. to drop privileges).
Run runIn(const QString& binary, const QStringList& arguments, const QProcessEnvironment& env,
          const QString& workingDirectory = QString(), int timeoutMs = TimeoutMs,
          const std::function<void()>& inChild = {});

// Whether stderr is exactly one line "blogdesk: ..." (and says `needle`, if given).
bool isOneFailureLine(const Run& run, const QString& needle = QString());
bool hasControlCharacters(const QString& text);
QStringList lines(const QString& text);

// A SQLite database's tables, sorted; only the blog's; the revisions the engine recorded.
QStringList tables(const QSqlDatabase& db);
QStringList blogTables(const QSqlDatabase& db);
QStringList applied(const QSqlDatabase& db);
// posts.slug's "notnull" from PRAGMA table_info, or -1 when there is no such column.
int slugNotNull(const QSqlDatabase& db);
// Every row of `table`, every column, in a stable order.
QStringList rows(const QSqlDatabase& db, const QString& table);
qint64 count(const QSqlDatabase& db, const QString& table);

QByteArray readAll(const QString& path);
bool writeFile(const QString& path, const QByteArray& contents);
bool isRoot();

// A revision after head whose second statement fails.
extern const char* const BrokenMigration;

} // namespace CommandLineSupport

// Base of the command-line test classes: the binary and a home of the test's own, so the
// embedded default database (should a test reach it) never lands in the real user's.
class CommandLineTest : public QObject
{
protected:
    // For initTestCase(): checks BLOGDESK_BINARY and makes the home's folders.
    void setUpSandbox();
    // No display, no DATABASE_URL, the test's home.
    QProcessEnvironment environment() const;
    // As on a server reached over SSH: creating a QApplication would abort here.
    QProcessEnvironment environmentWithoutDisplay() const;
    // Runs blogdesk with environment().
    CommandLineSupport::Run blogdesk(const QStringList& arguments) const;
    // For the tests of files blogdesk may not read or write. Root reads and writes whatever
    // the permissions say, so as root blogdesk runs as the user "nobody", with `folders`
    // (recursively, modes unchanged) handed over to it and a home in the first of them.
    CommandLineSupport::Run blogdeskUnprivileged(const QStringList& arguments,
                                                 const QStringList& folders) const;

    QString m_binary;
    QTemporaryDir m_home;
};
