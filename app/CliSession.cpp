#include "CliSession.h"

#include <QCoreApplication>

#include "app/CliLock.h"
#include "app/CommandLine.h"
#include "models/connection/Database.h"
#include "models/connection/DriverText.h"

namespace {

const char* const ConnectionName = "blogdesk-cli";
bool g_verbose = false; // --verbose: failures also show the driver's whole text

} // namespace

CommonOptions::CommonOptions()
    : m_database(QStringLiteral("database"), tr("SQLAlchemy database URL."), tr("URL")),
      m_migrations(QStringLiteral("migrations"), tr("Folder of migration files."), tr("DIR")),
      m_sql(QStringLiteral("sql"), tr("Print the SQL instead of running it.")),
      m_keepUnknown(QStringLiteral("keep-unknown"),
                    tr("Carry objects BlogDesk's history does not know through a rebuild.")),
      m_dropUnknown(QStringLiteral("drop-unknown"),
                    tr("Drop objects BlogDesk's history does not know along with their table.")),
      m_wait(QStringLiteral("wait"), tr("Seconds to wait for another migration to finish."),
             tr("SECONDS"))
{}

CommonOptions CommonOptions::addTo(QCommandLineParser* parser)
{
    CommonOptions options;
    parser->addOption(options.m_database);
    parser->addOption(options.m_migrations);
    parser->addOption(options.m_sql);
    parser->addOption(options.m_keepUnknown);
    parser->addOption(options.m_dropUnknown);
    parser->addOption(options.m_wait);
    return options;
}

bool CommonOptions::read(const QCommandLineParser& parser, CommonArguments* arguments,
                         QString* error) const
{
    arguments->database = parser.value(m_database);
    arguments->migrations = parser.value(m_migrations);
    arguments->sqlOnly = parser.isSet(m_sql);
    arguments->keepUnknown = parser.isSet(m_keepUnknown);
    arguments->dropUnknown = parser.isSet(m_dropUnknown);
    return CliLock::parseWait(parser.isSet(m_wait) ? parser.value(m_wait) : QString(),
                              &arguments->waitSeconds, error);
}

void setVerboseFailures(bool verbose)
{
    g_verbose = verbose;
}

int reportFailure(QTextStream& err, const QString& message, int exitCode, const QString& detail)
{
    const QString line = DriverText::oneLine(message);
    err << "blogdesk: " << line << "\n";
    for (const QString& more : {message, detail}) {
        if (!g_verbose || more.simplified().isEmpty() || more.simplified() == line) {
            continue;
        }
        for (const QString& moreLine : more.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            err << "  " << moreLine.trimmed() << "\n"; // indented, without the driver's tabs
        }
    }
    err.flush();
    return exitCode;
}

int CliSession::open(const CommonArguments& arguments, QTextStream& err, Database::Access access)
{
    QString error;
    bool isDefault = false;
    if (!Database::chooseUrl(arguments.database, &url, &isDefault, &error)) {
        return reportFailure(err, error, CommandLine::UsageError);
    }
    const bool historyLoaded = arguments.migrations.isEmpty()
                                   ? history.loadBuiltIn(&error)
                                   : history.load(arguments.migrations, &error);
    if (!historyLoaded) {
        return reportFailure(err, error, CommandLine::Failure);
    }
    QString detail;
    if (!Database::open(url, QLatin1String(ConnectionName), &db, &error, access, &detail)) {
        return reportFailure(err, error, CommandLine::Failure, detail);
    }
    return CommandLine::Success;
}

CliSession::~CliSession()
{
    if (db.isValid()) {
        db = QSqlDatabase();
        Database::close(QLatin1String(ConnectionName));
    }
}
