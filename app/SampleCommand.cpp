#include "SampleCommand.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>

#include <cstdio>
#include <memory>
#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

#include "app/CliLock.h"
#include "app/CommandLine.h"
#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/MigrationLock.h"
#include "models/records/SampleBlog.h"
#include "models/schema/DefaultDatabase.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SampleCommand)
};

// Reads a whole number in [minimum, maximum]; false with a one-line *error otherwise.
bool readNumber(const QCommandLineParser& parser, const QCommandLineOption& option, qint64 minimum,
                qint64 maximum, qint64* value, QString* error)
{
    if (!parser.isSet(option)) {
        return true;
    }
    bool ok = false;
    const QString text = parser.value(option);
    const qint64 number = text.toLongLong(&ok);
    if (!ok || number < minimum || number > maximum) {
        *error = Text::tr("--%1 must be a whole number from %2 to %3, not '%4'")
                     .arg(option.names().constFirst())
                     .arg(minimum)
                     .arg(maximum)
                     .arg(text);
        return false;
    }
    *value = number;
    return true;
}

bool readOptions(const SampleCommand::Options& options, const QCommandLineParser& parser,
                 SampleBlogOptions* sample, QString* error)
{
    qint64 users = sample->users;
    qint64 posts = sample->postsPerUser;
    qint64 comments = sample->commentsPerPost;
    qint64 seed = sample->seed;
    const bool ok = readNumber(parser, options.users, 1, 10000000, &users, error) &&
                    readNumber(parser, options.postsPerUser, 0, 100000, &posts, error) &&
                    readNumber(parser, options.commentsPerPost, 0, 100000, &comments, error) &&
                    readNumber(parser, options.seed, 0, 4294967295LL, &seed, error);
    sample->users = int(users);
    sample->postsPerUser = int(posts);
    sample->commentsPerPost = int(comments);
    sample->seed = quint32(seed);
    return ok;
}

// The sample needs the full schema: an empty database is upgraded first, any other one must
// already be at head (BlogDesk never migrates a real database on the side).
bool ensureSchema(CliSession& session, QTextStream& out, QString* error)
{
    MigrationEngine engine(session.db, session.history);
    if (!engine.refresh(error) || !engine.checkIntegrity(error)) {
        return false;
    }
    if (engine.isAtHead()) {
        return true;
    }
    if (!DefaultDatabase::isEmpty(session.db)) {
        *error = Text::tr("the database is at %1, not at head %2: run 'blogdesk db upgrade' first")
                     .arg(engine.currentRevision().isEmpty() ? QStringLiteral("<base>")
                                                             : engine.currentRevision(),
                          session.history.head());
        return false;
    }
    MigrationError migrationError;
    if (!engine.upgrade(session.history.headIndex(), &migrationError)) {
        *error = migrationError.text();
        return false;
    }
    out << Text::tr("Empty database upgraded to %1").arg(session.history.head()) << "\n";
    return true;
}

bool stderrIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

// "1,234,567 rows, 68,000 rows/s, 45%, about 0:42 left", for a line rewritten in place.
QString progressLine(const SampleBlogProgress& progress, qint64 elapsedMs)
{
    const QLocale locale(QLocale::English);
    const qint64 perSecond = elapsedMs > 0 ? progress.rows * 1000 / elapsedMs : 0;
    const int percent = progress.total > 0 ? int(progress.done * 100 / progress.total) : 100;
    const qint64 leftSeconds =
        progress.done > 0 ? elapsedMs * (progress.total - progress.done) / progress.done / 1000 : 0;
    return Text::tr("%1 rows, %2 rows/s, %3%, about %4:%5 left")
        .arg(locale.toString(progress.rows), locale.toString(perSecond))
        .arg(percent)
        .arg(leftSeconds / 60)
        .arg(leftSeconds % 60, 2, 10, QLatin1Char('0'));
}

// On a terminal, a progress line on stderr rewritten in place (at most five times a second);
// nothing when stderr is a file or a pipe, so scripts and tests read only the result.
void showProgressOnTerminal(SampleBlog& sample, QTextStream& err, const QElapsedTimer& clock)
{
    if (!stderrIsTerminal()) {
        return;
    }
    auto lastShown = std::make_shared<qint64>(-1000);
    sample.setProgress([&err, &clock, lastShown](const SampleBlogProgress& progress) {
        const qint64 now = clock.elapsed();
        if (now - *lastShown < 200) {
            return;
        }
        *lastShown = now;
        err << '\r' << progressLine(progress, now) << "\x1b[K";
        err.flush();
    });
}

} // namespace

namespace SampleCommand {

Options addOptions(QCommandLineParser* parser)
{
    Options options{
        QCommandLineOption(QStringLiteral("users"), Text::tr("Number of users."), Text::tr("N")),
        QCommandLineOption(QStringLiteral("posts-per-user"), Text::tr("Posts per user."),
                           Text::tr("N")),
        QCommandLineOption(QStringLiteral("comments-per-post"), Text::tr("Comments per post."),
                           Text::tr("N")),
        QCommandLineOption(QStringLiteral("seed"), Text::tr("Random seed."), Text::tr("S")),
    };
    parser->addOptions(
        {options.users, options.postsPerUser, options.commentsPerPost, options.seed});
    return options;
}

int run(const CommonArguments& common, const Options& options, const QCommandLineParser& parser,
        QTextStream& out, QTextStream& err)
{
    SampleBlogOptions sampleOptions;
    QString error;
    if (!readOptions(options, parser, &sampleOptions, &error)) {
        return reportFailure(err, error, CommandLine::UsageError);
    }
    if (common.sqlOnly) {
        return reportFailure(err, Text::tr("sample has no --sql mode"), CommandLine::UsageError);
    }
    CliSession session;
    if (const int code = session.open(common, err)) {
        return code;
    }
    // An empty database is migrated first, and nobody should migrate under the sample.
    MigrationLock lock(session.db, MigrationLock::Role::CommandLine);
    if (const int code = CliLock::acquire(lock, common.waitSeconds, out, err)) {
        return code;
    }
    if (!ensureSchema(session, out, &error)) {
        return reportFailure(err, error, CommandLine::Failure);
    }
    SampleBlog sample(session.db, sampleOptions);
    QElapsedTimer clock;
    clock.start();
    showProgressOnTerminal(sample, err, clock);
    const bool added = sample.populate(&error);
    if (stderrIsTerminal()) {
        err << '\r' << "\x1b[K";
        err.flush();
    }
    if (!added) {
        return reportFailure(err, Text::tr("sample not added, nothing written: %1").arg(error),
                             CommandLine::Failure);
    }
    const SampleBlogCounts counts = sample.counts();
    out << Text::tr("Added %1 users, %2 profiles, %3 posts, %4 new tags and %5 comments to %6")
               .arg(counts.users)
               .arg(counts.profiles)
               .arg(counts.posts)
               .arg(counts.tags)
               .arg(counts.comments)
               .arg(session.url.displayName())
        << "\n";
    if (stderrIsTerminal()) {
        const qint64 ms = qMax<qint64>(clock.elapsed(), 1);
        err << Text::tr("%1 rows in %2 s (%3 rows/s)")
                   .arg(QLocale(QLocale::English).toString(counts.rows()))
                   .arg(double(ms) / 1000.0, 0, 'f', 1)
                   .arg(QLocale(QLocale::English).toString(counts.rows() * 1000 / ms))
            << "\n";
    }
    return CommandLine::Success;
}

} // namespace SampleCommand
