#pragma once

#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/SqliteBackup.h"
#include "migrations/impact/DataImpact.h"
#include "migrations/schema/BrowseIndexList.h"
#include "migrations/schema/SchemaDiff.h"
#include "migrations/schema/SchemaSnapshot.h"
#include "models/connection/DatabaseUrl.h"

class MigrationLock;

// One revision of the history as the panel lists it, with its state on this database.
struct RevisionRow
{
    QString revision;
    QString parent;
    QString message;
    QString createDate;
    QString fileName;
    RevisionState state = RevisionState::Pending;
    QString appliedAt;
    qint64 durationMs = -1; // -1: stamped or pending
};

// Where the database stands against the history, read on the worker's connection.
struct MigrationStatus
{
    QString error;        // the database could not be read
    QString historyError; // a migration file is broken: nothing may run
    QString folder;       // empty: the history built into BlogDesk
    SqlDialect dialect = SqlDialect::SQLite;
    QList<RevisionRow> revisions; // oldest first
    int currentIndex = -1;
    QString alembicRevision;
    bool alembicForeign = false;
    QStringList unknownRevisions;
    QString integrityError; // set when upgrade/downgrade would be refused
    bool databaseEmpty = false;
    int tableCount = 0;   // the database's tables besides BlogDesk's and Flask-Migrate's history
    QString databaseFile; // SQLite only
    QList<SqliteBackupFile> backups;
    // Only on a database BlogDesk's history does not manage: the browse indexes it lacks
    // (offered, never added unasked; see BrowseIndexes), or why they could not be read.
    QList<BrowseIndex> missingBrowseIndexes;
    QString browseIndexesError;

    int headIndex() const { return int(revisions.size()) - 1; }
    // Tables but no BlogDesk history: made by create_all() or by another tool.
    bool unmanaged() const { return currentIndex < 0 && !databaseEmpty; }
};

enum class MigrationOperation
{
    Upgrade,
    Downgrade,
    Stamp,
    Resume, // MySQL: run the rest of a half-applied revision
    Revert, // MySQL: run a half-applied revision's downgrade
    Restore,
};

// What an operation will do, shown before it runs.
struct MigrationPlan
{
    MigrationOperation operation = MigrationOperation::Upgrade;
    int targetIndex = -1;
    QString sql; // as the revisions are written: unknown objects go with their tables
    QList<DataImpactItem> impacts;
    // Not in BlogDesk's history, on tables the plan rebuilds or drops: the person chooses.
    QList<UnknownObject> unknownObjects;
    QString sqlKeeping; // the SQL that carries them through; empty when they cannot all be kept
    QString error;
    bool destructive() const;
    bool canKeepUnknownObjects() const;
};

// What the person chose for a plan's unknown objects, and which objects they were shown: a
// run that finds others (the schema changed since the preview) is refused.
struct UnknownObjectsDecision
{
    UnknownObjectsPolicy policy = UnknownObjectsPolicy::Refuse;
    QStringList shown; // UnknownObjects::keys()
};

// How an operation ended.
struct MigrationOutcome
{
    MigrationOperation operation = MigrationOperation::Upgrade;
    bool ok = false;
    QString lockHolder; // set when another migrator held the lock
    MigrationError error;
    int failedIndex = -1; // the revision that failed
    QString backupPath;
};

struct SchemaComparison
{
    QString error;
    int revisionIndex = -1; // what the expected schema is of
    SchemaSnapshot expected;
    SchemaSnapshot actual;
    QList<SchemaDifference> differences;
};

struct AdoptionCheck
{
    QString error;
    int matchIndex = -1;
    int closestIndex = -1;
    QList<SchemaDifference> differences;
};

// How adding browse indexes ended.
struct BrowseIndexesOutcome
{
    bool ok = false;
    QStringList made; // their names
    QString error;
};

Q_DECLARE_METATYPE(MigrationStatus)
Q_DECLARE_METATYPE(BrowseIndexesOutcome)
Q_DECLARE_METATYPE(MigrationPlan)
Q_DECLARE_METATYPE(MigrationOutcome)
Q_DECLARE_METATYPE(UnknownObjectsDecision)
Q_DECLARE_METATYPE(SchemaComparison)
Q_DECLARE_METATYPE(AdoptionCheck)

// Does every migration job on its own connection in a worker thread, so the window stays
// responsive however long a revision or a row count takes. Jobs arrive as queued calls and
// run one at a time; each answers with one signal.
class MigrationWorker : public QObject
{
    Q_OBJECT

public:
    explicit MigrationWorker(const DatabaseUrl& url);
    ~MigrationWorker() override;

    static void registerTypes();

public slots:
    void setMigrationsFolder(const QString& folder); // empty: built-in
    void inspect();
    void plan(MigrationOperation operation, int targetIndex);
    void run(MigrationOperation operation, int targetIndex, int fromStatement,
             const UnknownObjectsDecision& decision = {});
    void restore(const QString& backupPath);
    void compareSchema();
    void checkAdoption();
    // MigrationWorkerIndexes.cpp: adds the named browse indexes under the migration lock.
    void addBrowseIndexes(const QStringList& names);
    void shutdown(); // closes the connection, in the worker's thread

signals:
    void inspected(const MigrationStatus& status);
    void planned(const MigrationPlan& plan);
    void progress(int done, int total, const QString& revision, const QString& statement);
    void logLine(const QString& line);
    void finished(const MigrationOutcome& outcome);
    void schemaCompared(const SchemaComparison& comparison);
    void adoptionChecked(const AdoptionCheck& check);
    void browseIndexesAdded(const BrowseIndexesOutcome& outcome);

private:
    bool openConnection(QString* error);
    bool loadHistory(QString* error);
    MigrationStatus readStatus();
    bool acquire(MigrationLock& lock, MigrationOutcome* outcome);
    bool execute(MigrationEngine& engine, MigrationOperation operation, int targetIndex,
                 int fromStatement, MigrationError* error);
    int statementCount(const MigrationEngine& engine, MigrationOperation operation,
                       int targetIndex) const;
    bool takeBackup(const MigrationEngine& engine, MigrationOutcome* outcome);
    // MigrationWorkerSafeguards.cpp: the SQL of a plan, with or without carrying unknown
    // objects through; and, before a run, the unknown objects checked against the decision.
    bool planScript(MigrationOperation operation, int targetIndex, const QList<TableCarry>& carries,
                    QString* sql, QString* error);
    bool applyDecision(MigrationEngine& engine, MigrationOperation operation, int targetIndex,
                       const UnknownObjectsDecision& decision, MigrationOutcome* outcome);
    void restoreLocked(const QString& backupPath, MigrationOutcome* outcome);
    void readMissingBrowseIndexes(MigrationStatus* status);

    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_folder;
    MigrationHistory m_history;
};
