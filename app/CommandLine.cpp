#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include "app/CliLock.h"
#include "app/CliSession.h"
#include "app/DbCommand.h"
#include "app/SampleCommand.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

} // namespace

namespace CommandLine {

// The window takes nothing but --database URL, --migrations DIR and --verbose; anything else
// goes to the command line,
// which answers a typo with one line instead of a window (or a crash on a machine without
// a display).
bool wantsCommandLine(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        const bool takesValue = argument == "--database" || argument == "--migrations";
        if (takesValue && i + 1 < argc) {
            ++i;
        } else if (!argument.startsWith("--database=") && !argument.startsWith("--migrations=") &&
                   argument != "--verbose") {
            return true;
        }
    }
    return false;
}

QString usage()
{
    return Text::tr(
               "Usage: blogdesk [--database URL] [--migrations DIR] [--verbose]\n"
               "       blogdesk db upgrade [REV] [--sql] [--wait SECONDS]\n"
               "                           [--keep-unknown | --drop-unknown] [--database URL]\n"
               "       blogdesk db downgrade [REV] [--sql] [--wait SECONDS]\n"
               "                             [--keep-unknown | --drop-unknown] [--database URL]\n"
               "       blogdesk db current [--database URL]\n"
               "       blogdesk db history [--database URL]\n"
               "       blogdesk db stamp REV [--sql] [--wait SECONDS] [--database URL]\n"
               "       blogdesk sample [--database URL] [--users N] [--posts-per-user N]\n"
               "                       [--comments-per-post N] [--seed S] [--wait SECONDS]\n"
               "       blogdesk --version | --help\n"
               "\n"
               "Without a verb BlogDesk opens its window. URL is a SQLAlchemy database URL\n"
               "(sqlite:///blog.db, postgresql://user:pass@host:5432/db, mysql+pymysql://...);\n"
               "without --database, DATABASE_URL is used, else the embedded default database.\n"
               "REV is head, base, a revision id or a unique prefix, +N or -N.\n"
               "--migrations DIR uses the migration files in DIR instead of the built-in ones.\n"
               "--verbose adds the database driver's whole text to a failure's one line.\n"
               "A migration that rebuilds or drops a table holding columns, indexes, triggers\n"
               "(or a whole table) that BlogDesk's history does not know is refused with a list\n"
               "of them: --keep-unknown carries them through the rebuild with every value,\n"
               "--drop-unknown drops them knowingly. On SQLite a downgrade, or a migration that\n"
               "rebuilds or loses data, first copies the file next to it (VACUUM INTO).\n"
               "A verb that writes holds the migration lock while it runs; --wait SECONDS\n"
               "(default %1) is how long it waits for another migration to finish.\n"
               "Exit codes: 0 success, 1 failure, 2 wrong command line, 3 another migration\n"
               "holds the lock (nothing was changed).\n")
        .arg(CliLock::DefaultWaitSeconds);
}

// In "db downgrade -1" the -1 is a relative revision, not an option: hide it from the option
// parser and give it back as a positional argument afterwards.
const QString RelativeMarker = QStringLiteral("\x01");

QStringList protectRelativeRevisions(QStringList arguments)
{
    static const QRegularExpression relative(QStringLiteral("^-\\d+$"));
    static const QStringList moves{QStringLiteral("upgrade"), QStringLiteral("downgrade"),
                                   QStringLiteral("stamp")};
    static const QStringList takeValues{QStringLiteral("--database"),
                                        QStringLiteral("--migrations"), QStringLiteral("--wait")};
    bool afterMove = false;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& previous = arguments.at(i - 1);
        if (afterMove && !takeValues.contains(previous) &&
            relative.match(arguments.at(i)).hasMatch()) {
            arguments[i].prepend(RelativeMarker);
        }
        afterMove =
            afterMove || (previous == QLatin1String("db") && moves.contains(arguments.at(i)));
    }
    return arguments;
}

QStringList restoreRelativeRevisions(QStringList positional)
{
    for (QString& argument : positional) {
        if (argument.startsWith(RelativeMarker)) {
            argument.remove(0, RelativeMarker.size());
        }
    }
    return positional;
}

int run(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Text::tr("Help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     Text::tr("Version."));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     Text::tr("Driver's text in failures."));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(verbose);
    const CommonOptions common = CommonOptions::addTo(&parser);
    const SampleCommand::Options sampleOptions = SampleCommand::addOptions(&parser);
    if (!parser.parse(protectRelativeRevisions(arguments))) {
        err << "blogdesk: " << parser.errorText() << "\n";
        return UsageError;
    }
    setVerboseFailures(parser.isSet(verbose));
    if (parser.isSet(help)) {
        out << usage();
        return Success;
    }
    if (parser.isSet(version)) {
        out << "BlogDesk " << BLOGDESK_VERSION << "\n";
        return Success;
    }
    const QStringList positional = restoreRelativeRevisions(parser.positionalArguments());
    const QString verb = positional.value(0);
    CommonArguments commonArguments;
    QString error;
    if (!common.read(parser, &commonArguments, &error)) {
        err << "blogdesk: " << error << "\n";
        return UsageError;
    }
    if (verb == QLatin1String("db")) {
        return DbCommand::run(positional.mid(1), commonArguments, out, err);
    }
    if (verb == QLatin1String("sample") && positional.size() == 1) {
        return SampleCommand::run(commonArguments, sampleOptions, parser, out, err);
    }
    err << "blogdesk: "
        << Text::tr("unknown command '%1'; see blogdesk --help")
               .arg(positional.join(QLatin1Char(' ')))
        << "\n";
    return UsageError;
}

} // namespace CommandLine
