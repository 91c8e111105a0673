#pragma once

#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QTextStream>

#include <functional>

#include "migrations/Migration.h"

// Why a migration did not happen, with the revision and statement when there is one.
struct MigrationError
{
    QString revision;
    QString statement;
    QString message;

    // One line for the command line and the status bar.
    QString text() const;
};

// Called before each statement runs, for progress reporting.
using MigrationProgress = std::function<void(
    const Migration& migration, MigrationDirection direction, const QString& statement)>;

// Runs one revision in one direction as one transaction, recording it in the engine's
// history table; or, with a script stream, only prints what it would run.
class MigrationStep
{
public:
    static const char* historyTable();

    MigrationStep(QSqlDatabase db, SqlDialect dialect) : m_db(db), m_dialect(dialect) {}

    void setScriptOutput(QTextStream* out) { m_script = out; }
    void setProgress(MigrationProgress progress) { m_progress = std::move(progress); }

    bool ensureHistoryTable(MigrationError* error);
    bool run(const Migration& migration, MigrationDirection direction, MigrationError* error);

    // The statements, run (or printed) in one transaction, with the SQLite foreign-key
    // handling of a migration; used by stamping too.
    bool runInTransaction(const std::function<bool(MigrationError*)>& body, MigrationError* error);
    bool execute(const QString& statement, const QVariantList& values, MigrationError* error);

private:
    bool runStatements(const Migration& migration, MigrationDirection direction,
                       MigrationError* error);
    bool record(const Migration& migration, MigrationDirection direction, qint64 durationMs,
                MigrationError* error);
    bool begin(MigrationError* error);
    bool finish(bool success, MigrationError* error);
    bool pragma(const QString& statement, MigrationError* error);
    bool foreignKeysEnabled();
    bool foreignKeyViolations(QSet<QString>* violations, MigrationError* error);
    bool checkNoNewViolations(const QSet<QString>& before, MigrationError* error);

    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QTextStream* m_script = nullptr;
    MigrationProgress m_progress;
    bool m_historyTableReady = false;
};
