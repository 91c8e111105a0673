#pragma once

#include "sql/SqlDialect.h"

#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <memory>

class QTextStream;
struct MigrationError;

// Where a MigrationStep's statements go, chosen once per step: run on the connection
// (DatabaseSink), or printed as an SQL script that runs and reads nothing (ScriptSink, the
// --sql dry run). The step writes every statement, transaction boundary and check through the
// sink, so it never asks which of the two it has.
class StatementSink
{
public:
    // Prints to `script` when it is set, else runs on `db`.
    static std::unique_ptr<StatementSink> create(QSqlDatabase db, SqlDialect dialect,
                                                 QTextStream* script);
    virtual ~StatementSink() = default;

    // One statement with its values bound to its `?` placeholders.
    virtual bool execute(const QString& statement, const QVariantList& values,
                         MigrationError* error) = 0;
    // A built-in data step (DataSteps).
    virtual bool dataStep(const QString& name, MigrationError* error) = 0;
    // A line that introduces what follows; only a script shows it.
    virtual void comment(const QString& text) = 0;

    // The transaction of one revision: opened, then committed (`success`) or rolled back.
    virtual bool begin(MigrationError* error) = 0;
    virtual bool finish(bool success, MigrationError* error) = 0;
    // Around a statement MySQL commits implicitly: commit the open transaction first, and
    // open a new one after it (passing on the statement's outcome).
    virtual bool commit(MigrationError* error) = 0;
    virtual bool beginAgain(bool statementOk, MigrationError* error) = 0;

    // SQLite's foreign-key switch before a revision; a script takes it as on.
    virtual bool foreignKeysEnabled() = 0;
    // What PRAGMA foreign_key_check reports, one "table row N -> parent" each; a script
    // checks nothing and reports none.
    virtual bool foreignKeyViolations(QSet<QString>* violations, MigrationError* error) = 0;
};

// Runs the statements on the connection.
class DatabaseSink : public StatementSink
{
public:
    DatabaseSink(QSqlDatabase db, SqlDialect dialect) : m_db(db), m_dialect(dialect) {}

    bool execute(const QString& statement, const QVariantList& values,
                 MigrationError* error) override;
    bool dataStep(const QString& name, MigrationError* error) override;
    void comment(const QString&) override {}
    bool begin(MigrationError* error) override;
    bool finish(bool success, MigrationError* error) override;
    bool commit(MigrationError* error) override;
    bool beginAgain(bool statementOk, MigrationError* error) override;
    bool foreignKeysEnabled() override;
    bool foreignKeyViolations(QSet<QString>* violations, MigrationError* error) override;

private:
    QSqlDatabase m_db;
    SqlDialect m_dialect;
};

// Prints the statements, bound values written out as SQL literals, and runs nothing.
class ScriptSink : public StatementSink
{
public:
    ScriptSink(QTextStream* out, SqlDialect dialect) : m_out(out), m_dialect(dialect) {}

    bool execute(const QString& statement, const QVariantList& values,
                 MigrationError* error) override;
    bool dataStep(const QString& name, MigrationError* error) override;
    void comment(const QString& text) override;
    bool begin(MigrationError* error) override;
    bool finish(bool success, MigrationError* error) override;
    bool commit(MigrationError*) override { return true; }
    bool beginAgain(bool statementOk, MigrationError*) override { return statementOk; }
    bool foreignKeysEnabled() override { return true; }
    bool foreignKeyViolations(QSet<QString>*, MigrationError*) override { return true; }

private:
    QTextStream* m_out;
    SqlDialect m_dialect;
};
