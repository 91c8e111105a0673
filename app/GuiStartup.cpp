#include "GuiStartup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>

#include "app/CliSession.h"
#include "app/CommandLine.h"
#include "migrations/engine/MigrationLock.h"
#include "models/connection/Database.h"
#include "models/schema/DefaultDatabase.h"
#include "views/MainWindow.h"
#include "views/connection/CreateDatabaseQuestion.h"
#include "views/connection/FailureBox.h"
#include "views/migrations/MigrationsPanel.h"

namespace {

const char* const ConnectionName = "blogdesk-main";
constexpr int DefaultDatabaseLockWaitMs = 30000;

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(GuiStartup)
};

// Said on stderr (for a terminal, with --verbose the driver's whole text too) and in a message
// box (for a desktop launcher, the driver's text behind its details button).
int fail(const QString& message, int exitCode, const QString& detail = QString())
{
    QString text;
    QTextStream err(&text);
    reportFailure(err, message, exitCode, detail);
    std::fputs(qUtf8Printable(text), stderr);
    FailureBox::exec(QMessageBox::Critical, Text::tr("BlogDesk"), message, detail, nullptr);
    return exitCode;
}

// Two first starts at once migrate the new default database one after the other.
bool prepareDefault(QSqlDatabase db, const MigrationHistory& history, QString* error)
{
    MigrationLock lock(db);
    QString holder;
    if (!lock.acquireWithin(DefaultDatabaseLockWaitMs, &holder, error)) {
        if (!holder.isEmpty()) {
            *error = Text::tr("another migration is running on it: %1").arg(holder);
        }
        return false;
    }
    QString summary;
    return DefaultDatabase::prepare(db, history, &summary, error);
}

int showWindow(QSqlDatabase db, const DatabaseUrl& url, const QString& migrationsFolder)
{
    MainWindow window(db, url);
    if (!migrationsFolder.isEmpty()) {
        window.migrationsPanel()->setMigrationsFolder(migrationsFolder);
    }
    window.show();
    return QApplication::exec();
}

} // namespace

namespace GuiStartup {

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), Text::tr("Database URL."),
                                      Text::tr("URL"));
    parser.addOption(database);
    const QCommandLineOption migrations(QStringLiteral("migrations"),
                                        Text::tr("Folder of migration files (default: built in)."),
                                        Text::tr("DIR"));
    parser.addOption(migrations);
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     Text::tr("Failures also show the driver's whole text."));
    parser.addOption(verbose);
    if (!parser.parse(arguments) || !parser.positionalArguments().isEmpty()) {
        const QString problem =
            parser.errorText().isEmpty()
                ? Text::tr("unexpected argument '%1'").arg(parser.positionalArguments().value(0))
                : parser.errorText();
        std::fprintf(stderr, "blogdesk: %s\n%s", qUtf8Printable(problem),
                     qUtf8Printable(CommandLine::usage()));
        return CommandLine::UsageError;
    }
    setVerboseFailures(parser.isSet(verbose));
    DatabaseUrl url;
    bool isDefault = false;
    QString error;
    if (!Database::chooseUrl(parser.value(database), &url, &isDefault, &error)) {
        return fail(error, CommandLine::UsageError);
    }
    MigrationHistory history;
    if (!history.loadBuiltIn(&error)) {
        return fail(error, CommandLine::Failure);
    }
    // A path the user gave is created only when asked for; the embedded default silently.
    if (!isDefault && !CreateDatabaseQuestion::confirmIfMissing(nullptr, url)) {
        std::fprintf(stderr, "blogdesk: %s\n",
                     qUtf8Printable(Text::tr("no database at %1; nothing was created")
                                        .arg(QFileInfo(url.database()).absoluteFilePath())));
        return CommandLine::Failure;
    }
    QSqlDatabase db;
    QString detail;
    if (!Database::open(url, QLatin1String(ConnectionName), &db, &error,
                        Database::Access::CreateIfMissing, &detail)) {
        return fail(error, CommandLine::Failure, detail);
    }
    if (isDefault && !prepareDefault(db, history, &error)) {
        return fail(
            Text::tr("cannot prepare the default database %1: %2").arg(url.database(), error),
            CommandLine::Failure);
    }
    // A database behind the history opens the migrations panel, which previews the upgrade.
    const int code = showWindow(db, url, parser.value(migrations));
    db = QSqlDatabase();
    Database::close(QLatin1String(ConnectionName));
    return code;
}

} // namespace GuiStartup
