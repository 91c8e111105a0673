#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSqlDatabase>
#include <QTextStream>

#include "migrations/MigrationHistory.h"
#include "models/Database.h"
#include "models/DatabaseUrl.h"

// What every verb takes: which database, which migration files, print or run.
struct CommonArguments
{
    QString database;
    QString migrations;
    bool sqlOnly = false;
    int waitSeconds = 0; // how long a writing verb waits for another migration (--wait)
};

class CommonOptions
{
public:
    static CommonOptions addTo(QCommandLineParser* parser);
    // False with a one-line *error when an option's value is not valid.
    bool read(const QCommandLineParser& parser, CommonArguments* arguments, QString* error) const;

private:
    CommonOptions();

    QCommandLineOption m_database;
    QCommandLineOption m_migrations;
    QCommandLineOption m_sql;
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

// Prints "blogdesk: MESSAGE" and returns the exit code, for one-line failure returns.
int reportFailure(QTextStream& err, const QString& message, int exitCode);
