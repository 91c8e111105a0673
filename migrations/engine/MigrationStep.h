#pragma once

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QTextStream>

#include <functional>
#include <memory>

#include "migrations/engine/Migration.h"
#include "migrations/engine/StatementSink.h"
#include "migrations/impact/UnknownObjects.h"

// Why a migration did not happen, with the revision and statement when there is one.
struct MigrationError
{
    QString revision;
    QString statement;
    QString message;
    int failedStatement = -1; // index into the revision's statements; -1: none of them failed
    // MySQL/MariaDB only: statements of the failed revision that stayed committed (each DDL
    // statement commits at once there), in order. The revision is not recorded.
    QStringList committedStatements;
    // Where "retry the rest" (MigrationEngine::resumeUpgrade) carries on: the first of the
    // revision's statements that is not committed; -1 when the revision did not fail half way.
    int firstUncommittedStatement = -1;

    bool partiallyApplied() const { return !committedStatements.isEmpty(); }

    // One line for the command line and the status bar.
    QString text() const;

    Q_DECLARE_TR_FUNCTIONS(MigrationError) // last: it ends in "private:"
};

// Called before each statement runs, for progress reporting.
using MigrationProgress = std::function<void(
    const Migration& migration, MigrationDirection direction, const QString& statement)>;

// Runs one revision in one direction as one transaction, recording it in the engine's
// history table; or, with a script stream, only prints what it would run. Everything goes
// through a StatementSink chosen at construction.
class MigrationStep
{
    Q_DECLARE_TR_FUNCTIONS(MigrationStep)

public:
    static const char* historyTable();

    // Runs on `db`, or only prints to `script` when it is set.
    MigrationStep(QSqlDatabase db, SqlDialect dialect, QTextStream* script = nullptr)
        : m_dialect(dialect), m_sink(StatementSink::create(db, dialect, script))
    {}

    void setProgress(MigrationProgress progress) { m_progress = std::move(progress); }
    // What "keep" carries through the rebuilds of the revisions run (DataImpactReport).
    void setCarries(QList<TableCarry> carries) { m_carries = std::move(carries); }

    // The history table: created when missing, a revision's record removed, or a revision
    // recorded as stamped (not run) keeping the time and duration of a record it already has.
    bool ensureHistoryTable(MigrationError* error);
    bool unrecord(const QString& revision, MigrationError* error);
    bool recordStamped(const Migration& migration, MigrationError* error);
    bool run(const Migration& migration, MigrationDirection direction, MigrationError* error);
    // Like run(), from statement `fromStatement` of the revision on: the rest of a revision
    // that MySQL left half applied.
    bool runFrom(const Migration& migration, MigrationDirection direction, int fromStatement,
                 MigrationError* error);
    // Runs the revision's statements without touching the history table: undoes a revision
    // that was never recorded.
    bool runUnrecorded(const Migration& migration, MigrationDirection direction,
                       MigrationError* error);

    // The statements, run (or printed) in one transaction, with the SQLite foreign-key
    // handling of a migration; used by stamping too.
    bool runInTransaction(const std::function<bool(MigrationError*)>& body, MigrationError* error);
    bool execute(const QString& statement, const QVariantList& values, MigrationError* error);

private:
    // The statements of one revision being run, and how far they are committed.
    struct StatementRun
    {
        const Migration& migration;
        MigrationDirection direction;
        QStringList statements;
        int fromStatement = 0;
        int committedEnd = 0; // statements [fromStatement, committedEnd) are committed
    };

    bool runRevision(const Migration& migration, MigrationDirection direction, int fromStatement,
                     bool recordIt, MigrationError* error);
    bool runStatements(StatementRun& run, MigrationError* error);
    bool runStatement(const QString& statement, MigrationError* error);
    // execute(), with MySQL's implicit commit around DDL made explicit.
    bool executeStatement(const QString& statement, MigrationError* error);
    void reportCommitted(const StatementRun& run, MigrationError* error) const;
    bool record(const Migration& migration, MigrationDirection direction, qint64 durationMs,
                MigrationError* error);
    bool checkNoNewViolations(const QSet<QString>& before, MigrationError* error);

    SqlDialect m_dialect;
    std::unique_ptr<StatementSink> m_sink;
    MigrationProgress m_progress;
    QList<TableCarry> m_carries;
    bool m_historyTableReady = false;
};
