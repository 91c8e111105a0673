#include "DbCommand.h"

#include <QCoreApplication>

#include "app/CliLock.h"
#include "app/CommandLine.h"
#include "app/MigrationSafeguards.h"
#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/MigrationLock.h"
#include "models/schema/DefaultDatabase.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DbCommand)
};

QString revisionLabel(const MigrationHistory& history, int index)
{
    if (index < 0) {
        return QStringLiteral("<base>");
    }
    const QString revision = history.at(index).revision;
    return index == history.headIndex() ? revision + QStringLiteral(" (head)") : revision;
}

QString stateText(const MigrationEngine& engine, const Migration& migration, int index)
{
    const AppliedRevision* applied = engine.appliedRecord(migration.revision);
    switch (engine.state(index)) {
    case RevisionState::Pending:
        return Text::tr("pending");
    case RevisionState::Changed:
        return Text::tr("CHANGED since applied %1").arg(applied->appliedAt);
    case RevisionState::Applied:
        break;
    }
    if (applied->durationMs < 0) {
        return Text::tr("stamped %1").arg(applied->appliedAt);
    }
    return Text::tr("applied %1 in %2 ms").arg(applied->appliedAt).arg(applied->durationMs);
}

void printNotes(const MigrationEngine& engine, QTextStream& out)
{
    if (engine.alembicIsForeign()) {
        out << Text::tr("note: alembic_version holds %1, a revision of another (Flask-Migrate) "
                        "history; BlogDesk leaves that table untouched")
                   .arg(engine.alembicRevision())
            << "\n";
    }
    for (const QString& unknown : engine.unknownRevisions()) {
        out << Text::tr("note: applied revision %1 is not in this history").arg(unknown) << "\n";
    }
}

int current(const CliSession& session, const MigrationEngine& engine, QTextStream& out)
{
    out << revisionLabel(session.history, engine.currentIndex()) << "\n";
    printNotes(engine, out);
    return CommandLine::Success;
}

// Newest first, as `flask db history` prints it, with each revision's state on this database.
int history(const CliSession& session, const MigrationEngine& engine, QTextStream& out)
{
    const MigrationHistory& history = session.history;
    for (int i = history.headIndex(); i >= 0; --i) {
        const Migration& migration = history.at(i);
        QString line = QStringLiteral("%1 -> %2")
                           .arg(migration.downRevision.isEmpty() ? QStringLiteral("<base>")
                                                                 : migration.downRevision,
                                migration.revision);
        if (i == history.headIndex()) {
            line += QStringLiteral(" (head)");
        }
        if (i == engine.currentIndex()) {
            line += QStringLiteral(" (current)");
        }
        out << line << ", " << migration.message << " [" << stateText(engine, migration, i)
            << "]\n";
    }
    printNotes(engine, out);
    return CommandLine::Success;
}

int move(const QString& verb, const QString& target, const CliSession& session,
         MigrationEngine& engine, const CommonArguments& common, QTextStream& out, QTextStream& err)
{
    int index = -1;
    QString error;
    if (!session.history.resolve(target, engine.currentIndex(), &index, &error)) {
        return reportFailure(err, error, CommandLine::UsageError);
    }
    if (common.sqlOnly) {
        engine.setScriptOutput(&out);
    }
    const int from = engine.currentIndex();
    if (verb != QLatin1String("stamp")) {
        if (const int code =
                MigrationSafeguards::prepare(session, engine, verb, index, common, out, err)) {
            return code;
        }
    }
    MigrationError migrationError;
    bool ok = false;
    if (verb == QLatin1String("upgrade")) {
        ok = engine.upgrade(index, &migrationError);
    } else if (verb == QLatin1String("downgrade")) {
        ok = engine.downgrade(index, &migrationError);
    } else {
        ok = engine.stamp(index, &migrationError);
    }
    if (!ok) {
        QString message = migrationError.text();
        if (from < 0 && verb == QLatin1String("upgrade") && !DefaultDatabase::isEmpty(session.db)) {
            message +=
                Text::tr("; the blog's tables exist already (db.create_all()?): if they match "
                         "BlogDesk's schema, 'blogdesk db stamp head' records them as migrated");
        }
        return reportFailure(err, message, CommandLine::Failure);
    }
    if (!common.sqlOnly) {
        out << (from == index && verb != QLatin1String("stamp")
                    ? Text::tr("Already at %1").arg(revisionLabel(session.history, index))
                    : Text::tr("Database is now at %1").arg(revisionLabel(session.history, index)))
            << "\n";
    }
    return CommandLine::Success;
}

// Only upgrade makes a new database where there is none, as `flask db upgrade` does; reading
// verbs and --sql cannot write at all.
Database::Access accessFor(const QString& verb, bool sqlOnly)
{
    if (sqlOnly || verb == QLatin1String("current") || verb == QLatin1String("history")) {
        return Database::Access::ReadOnly;
    }
    return verb == QLatin1String("upgrade") ? Database::Access::CreateIfMissing
                                            : Database::Access::Existing;
}

} // namespace

namespace DbCommand {

int run(const QStringList& verbAndArguments, const CommonArguments& common, QTextStream& out,
        QTextStream& err)
{
    const QString verb = verbAndArguments.value(0);
    const QStringList rest = verbAndArguments.mid(1);
    const bool reads = verb == QLatin1String("current") || verb == QLatin1String("history");
    const bool moves = verb == QLatin1String("upgrade") || verb == QLatin1String("downgrade") ||
                       verb == QLatin1String("stamp");
    if (!(reads && rest.isEmpty()) && !(moves && rest.size() <= 1)) {
        return reportFailure(err,
                             Text::tr("usage: blogdesk db upgrade|downgrade|stamp [REV] or "
                                      "db current|history"),
                             CommandLine::UsageError);
    }
    if (const int code = MigrationSafeguards::checkArguments(verb, common, err)) {
        return code;
    }
    if (verb == QLatin1String("stamp") && rest.isEmpty()) {
        return reportFailure(err, Text::tr("db stamp needs a revision (e.g. head)"),
                             CommandLine::UsageError);
    }
    CliSession session;
    if (const int code = session.open(common, err, accessFor(verb, common.sqlOnly))) {
        return code;
    }
    // Held from before the revision is read until the end: two upgrades never both run one.
    MigrationLock lock(session.db, MigrationLock::Role::CommandLine);
    if (moves && !common.sqlOnly) {
        if (const int code = CliLock::acquire(lock, common.waitSeconds, out, err)) {
            return code;
        }
    }
    MigrationEngine engine(session.db, session.history);
    QString error;
    if (!engine.refresh(&error)) {
        return reportFailure(err, error, CommandLine::Failure);
    }
    if (verb == QLatin1String("current")) {
        return current(session, engine, out);
    }
    if (verb == QLatin1String("history")) {
        return history(session, engine, out);
    }
    const QString defaultTarget =
        verb == QLatin1String("downgrade") ? QStringLiteral("-1") : QStringLiteral("head");
    return move(verb, rest.value(0, defaultTarget), session, engine, common, out, err);
}

} // namespace DbCommand
