#include "SampleCommand.h"

#include <QCoreApplication>

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
    if (!sample.populate(&error)) {
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
    return CommandLine::Success;
}

} // namespace SampleCommand
