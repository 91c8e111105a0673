#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QTextStream>

#include "migrations/engine/MigrationHistory.h"
#include "models/connection/Database.h"
#include "models/connection/DatabaseUrl.h"

// What every verb takes: which database, which migration files, print or run.
struct CommonArguments
{
    QString database;
    QString migrations;
    bool sqlOnly = false;
    // Objects BlogDesk's history does not know on tables a migration rebuilds or drops: carry
    // them through, or drop them knowingly (see MigrationSafeguards).
    bool keepUnknown = false;
    bool dropUnknown = false;
    int waitSeconds = 0; // how long a writing verb waits for another migration (--wait)
};

class CommonOptions
{
    Q_DECLARE_TR_FUNCTIONS(CommonOptions)

public:
    static CommonOptions addTo(QCommandLineParser* parser);
    // False with a one-line *error when an option's value is not valid.
    bool read(const QCommandLineParser& parser, CommonArguments* arguments, QString* error) const;

private:
    CommonOptions();

    QCommandLineOption m_database;
    QCommandLineOption m_migrations;
    QCommandLineOption m_sql;
    QCommandLineOption m_keepUnknown;
    QCommandLineOption m_dropUnknown;
    QCommandLineOption m_wait;
};

// An open database and the history to compare it with, for one command. Failures are
// printed as one line on `err`.
class CliSession
{
public:
    CliSession() = default;
    ~CliSession();
    CliSession(const CliSession&) = delete;
    CliSession& operator=(const CliSession&) = delete;

    // 0 when open; otherwise the exit code, with the reason printed. `access` says whether a
    // missing SQLite file is created (writing verbs) or an error (reading verbs, --sql).
    int open(const CommonArguments& arguments, QTextStream& err,
             Database::Access access = Database::Access::CreateIfMissing);

    QSqlDatabase db;
    DatabaseUrl url;
    MigrationHistory history;
};

// Prints "blogdesk: MESSAGE" on one line and returns the exit code, for failure returns.
// With --verbose the message as it came and `detail` (e.g. the driver's whole text) follow,
// indented, when they say more than that line.
int reportFailure(QTextStream& err, const QString& message, int exitCode,
                  const QString& detail = QString());
// Set from --verbose for the whole run.
void setVerboseFailures(bool verbose);
