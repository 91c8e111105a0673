#include "ExpectedSchema.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QUuid>

#include "migrations/engine/MigrationEngine.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ExpectedSchema)
};

// A private in-memory SQLite database. The connection name is unique so that several threads
// (and several callers on one thread) never share one; it is removed when this goes away.
class ScratchDatabase
{
public:
    ScratchDatabase()
        : m_connectionName(QStringLiteral("blogdesk_expected_schema_") +
                           QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (!db.open()) {
            m_openError = db.lastError().text();
        }
    }

    ~ScratchDatabase()
    {
        // The handle must be gone before the connection is removed, or Qt warns that it is
        // still in use.
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }

    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_connectionName, false); }

    bool check(QString* error) const
    {
        if (m_openError.isEmpty()) {
            return true;
        }
        *error = Text::tr("cannot open an in-memory SQLite database: %1").arg(m_openError);
        return false;
    }

private:
    QString m_connectionName;
    QString m_openError;
};

bool upgradeTo(MigrationEngine& engine, const MigrationHistory& history, int index, QString* error)
{
    MigrationError migrationError;
    if (engine.upgrade(index, &migrationError)) {
        return true;
    }
    *error = Text::tr("cannot build the expected schema of revision %1: %2")
                 .arg(history.at(index).revision, migrationError.text());
    return false;
}

// Runs revisions 0..lastIndex in turn on a fresh database; `visit` sees the database after
// each one and may stop the walk by returning false.
template <typename Visit>
bool walkRevisions(const MigrationHistory& history, int lastIndex, QString* error, Visit visit)
{
    ScratchDatabase scratch;
    if (!scratch.check(error)) {
        return false;
    }
    MigrationEngine engine(scratch.db(), history);
    if (!engine.refresh(error)) {
        return false;
    }
    for (int index = 0; index <= lastIndex; ++index) {
        if (!upgradeTo(engine, history, index, error) || !visit(index, scratch.db())) {
            return false;
        }
    }
    return true;
}

} // namespace

namespace ExpectedSchema {

bool build(const MigrationHistory& history, int index, SchemaSnapshot* snapshot, QString* error)
{
    if (index < -1 || index > history.headIndex()) {
        *error = Text::tr("there is no revision number %1 in a history of %2")
                     .arg(index)
                     .arg(history.size());
        return false;
    }
    *snapshot = SchemaSnapshot();
    if (index < 0) {
        return true;
    }
    return walkRevisions(history, index, error, [&](int reached, QSqlDatabase db) {
        return reached < index || SchemaSnapshot::read(db, snapshot, error);
    });
}

bool buildAll(const MigrationHistory& history, QList<SchemaSnapshot>* snapshots, QString* error)
{
    snapshots->clear();
    return walkRevisions(history, history.headIndex(), error, [&](int, QSqlDatabase db) {
        SchemaSnapshot snapshot;
        if (!SchemaSnapshot::read(db, &snapshot, error)) {
            return false;
        }
        snapshots->append(snapshot);
        return true;
    });
}

Match matchSnapshot(const SchemaSnapshot& live, const QList<SchemaSnapshot>& expected)
{
    Match match;
    // Newest first: a revision that changed nothing visible (a pure data migration) matches
    // together with its parent, and the database is then at least that new.
    for (int index = expected.size() - 1; index >= 0; --index) {
        QList<SchemaDifference> differences = compareSchemas(expected.at(index), live);
        if (differences.isEmpty()) {
            match.index = index;
            match.closest = index;
            match.differences.clear();
            return match;
        }
        if (match.closest < 0 || differences.size() < match.differences.size()) {
            match.closest = index;
            match.differences = differences;
        }
    }
    return match;
}

bool findMatch(QSqlDatabase db, const MigrationHistory& history, Match* match, QString* error)
{
    SchemaSnapshot live;
    QList<SchemaSnapshot> expected;
    if (!SchemaSnapshot::read(db, &live, error) || !buildAll(history, &expected, error)) {
        return false;
    }
    *match = matchSnapshot(live, expected);
    return true;
}

} // namespace ExpectedSchema
