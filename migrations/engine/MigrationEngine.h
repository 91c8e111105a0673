#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QTextStream>

#include "migrations/engine/MigrationHistory.h"
#include "migrations/engine/MigrationStep.h"

// A revision as the database's history table records it.
struct AppliedRevision
{
    QString revision;
    QString checksum;
    QString appliedAt;      // SQLAlchemy text form, UTC
    qint64 durationMs = -1; // -1: stamped, not run
};

enum class RevisionState
{
    Pending,
    Applied,
    Changed, // applied, but its file's checksum differs now
};

// Compares a database with a history and moves it along that history, one transaction per
// revision. Never touches a Flask app's alembic_version table. The engine keeps its own copy of
// the history (the revisions are implicitly shared, so the copy is cheap): it never depends on
// the caller's history outliving it. It reads the history table; MigrationStep writes it.
class MigrationEngine
{
    Q_DECLARE_TR_FUNCTIONS(MigrationEngine)

public:
    MigrationEngine(QSqlDatabase db, MigrationHistory history);

    // Reads what the database has applied. False (with a message) when it cannot be read.
    bool refresh(QString* error);
    // A short text that changes whenever a revision is applied, stamped or taken back, by any
    // program (one read of the small history table; empty when there is none): whether the
    // revision shown is still the database's.
    static QString historyStamp(const QSqlDatabase& db);

    SqlDialect dialect() const { return m_dialect; }
    int currentIndex() const { return m_currentIndex; } // -1: base, nothing applied
    QString currentRevision() const;
    bool isAtHead() const { return m_currentIndex == m_history.headIndex(); }
    RevisionState state(int index) const;
    const AppliedRevision* appliedRecord(const QString& revision) const;
    // Applied revisions this history does not know (the database is newer than BlogDesk).
    QStringList unknownRevisions() const { return m_unknown; }

    // The revision in a Flask-Migrate alembic_version table, if the database has one.
    QString alembicRevision() const { return m_alembicRevision; }
    bool alembicIsForeign() const;

    // Refuses, with a message, to migrate a database whose applied files have changed or
    // that holds revisions this history lacks.
    bool checkIntegrity(QString* error) const;

    void setScriptOutput(QTextStream* out) { m_script = out; }
    void setProgress(MigrationProgress progress) { m_progress = std::move(progress); }
    // Carries unknown objects through the rebuilds that the next upgrade or downgrade runs:
    // the DataImpactReport's carries, once the person chose to keep them.
    void setCarries(QList<TableCarry> carries) { m_carries = std::move(carries); }

    // Upgrades or downgrades to `targetIndex` (-1 = base), one revision per transaction.
    bool upgrade(int targetIndex, MigrationError* error);
    bool downgrade(int targetIndex, MigrationError* error);
    // Records `targetIndex` and its ancestors as applied without running them.
    bool stamp(int targetIndex, MigrationError* error);

    // The ways out of a revision that MySQL left half applied (MigrationError::
    // partiallyApplied()); `index` must be the revision after the current one.
    // "Retry the rest": runs its statements from `fromStatement` (usually the error's
    // firstUncommittedStatement) on, and records it as applied.
    bool resumeUpgrade(int index, int fromStatement, MigrationError* error);
    // Runs its downgrade script without touching the history table (the revision is not
    // recorded). Its downgrade should use IF EXISTS, since only part of the upgrade ran.
    bool revertPartial(int index, MigrationError* error);

private:
    bool tableExists(const QString& name) const;
    bool readApplied(QString* error);
    bool readAlembicVersion(QString* error);
    bool migrate(int targetIndex, MigrationError* error);
    bool checkNextRevision(int index, MigrationError* error) const;
    bool reread(MigrationError* error);
    bool stampRecords(int targetIndex, MigrationStep& step, MigrationError* error);
    MigrationStep makeStep() const;

    QSqlDatabase m_db;
    MigrationHistory m_history;
    SqlDialect m_dialect;
    QList<AppliedRevision> m_applied;
    QStringList m_unknown;
    QString m_alembicRevision;
    int m_currentIndex = -1;
    QTextStream* m_script = nullptr;
    MigrationProgress m_progress;
    QList<TableCarry> m_carries;
};
