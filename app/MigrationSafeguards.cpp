#include "MigrationSafeguards.h"

#include <QCoreApplication>

#include "app/CommandLine.h"
#include "migrations/engine/SqliteBackup.h"
#include "migrations/impact/DataImpact.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MigrationSafeguards)
};

UnknownObjectsPolicy policyOf(const CommonArguments& common)
{
    if (common.keepUnknown) {
        return UnknownObjectsPolicy::Keep;
    }
    return common.dropUnknown ? UnknownObjectsPolicy::Drop : UnknownObjectsPolicy::Refuse;
}

// One line per object, then the summary: what to run instead.
int refuse(const QList<UnknownObject>& inTheWay, UnknownObjectsPolicy policy, QTextStream& err)
{
    for (const UnknownObject& object : inTheWay) {
        err << "  " << object.fullText() << "\n";
    }
    const QString objects =
        inTheWay.size() == 1 ? Text::tr("1 object") : Text::tr("%1 objects").arg(inTheWay.size());
    const QString summary =
        policy == UnknownObjectsPolicy::Keep
            ? Text::tr("%1 listed above cannot be kept, so nothing was changed; run again with "
                       "--drop-unknown to drop them knowingly")
                  .arg(objects)
            : Text::tr("%1 listed above, not in BlogDesk's history, would be dropped with their "
                       "table, so nothing was changed; run again with --keep-unknown to carry them "
                       "through, or with --drop-unknown to drop them knowingly")
                  .arg(objects);
    return reportFailure(err, summary, CommandLine::Failure);
}

// What the flag decided, for the log of whoever ran it.
void reportDecision(const QList<UnknownObject>& objects, UnknownObjectsPolicy policy,
                    QTextStream& out)
{
    for (const UnknownObject& object : objects) {
        out << (policy == UnknownObjectsPolicy::Keep ? Text::tr("Keeping: %1")
                                                     : Text::tr("Dropping: %1"))
                   .arg(object.withFate())
            << "\n";
    }
}

int takeBackup(const CliSession& session, const MigrationEngine& engine, QTextStream& out,
               QTextStream& err)
{
    const QString revision = engine.currentRevision();
    QString path;
    QString error;
    if (!SqliteBackup::take(session.db, revision.isEmpty() ? QStringLiteral("base") : revision,
                            &path, &error)) {
        return reportFailure(
            err, Text::tr("no backup could be taken, so nothing was changed: %1").arg(error),
            CommandLine::Failure);
    }
    out << Text::tr("Backup taken: %1").arg(path) << "\n";
    out.flush();
    return CommandLine::Success;
}

} // namespace

namespace MigrationSafeguards {

int checkArguments(const QString& verb, const CommonArguments& common, QTextStream& err)
{
    if (common.keepUnknown && common.dropUnknown) {
        return reportFailure(err, Text::tr("--keep-unknown and --drop-unknown exclude each other"),
                             CommandLine::UsageError);
    }
    const bool moves = verb == QLatin1String("upgrade") || verb == QLatin1String("downgrade");
    if ((common.keepUnknown || common.dropUnknown) && !moves) {
        return reportFailure(
            err,
            Text::tr("--keep-unknown and --drop-unknown go with db upgrade and db downgrade only"),
            CommandLine::UsageError);
    }
    return CommandLine::Success;
}

int prepare(const CliSession& session, MigrationEngine& engine, const QString& verb,
            int targetIndex, const CommonArguments& common, QTextStream& out, QTextStream& err)
{
    const int fromIndex = engine.currentIndex();
    const bool up = verb == QLatin1String("upgrade");
    QString refusal;
    if (fromIndex == targetIndex || (up ? targetIndex < fromIndex : targetIndex > fromIndex) ||
        !engine.checkIntegrity(&refusal)) {
        return CommandLine::Success;
    }
    DataImpactReport report;
    QString error;
    if (!DataImpact::assess(session.db, session.history, fromIndex, targetIndex, &report, &error)) {
        return reportFailure(err, Text::tr("cannot tell what this does to the data: %1").arg(error),
                             CommandLine::Failure);
    }
    const UnknownObjectsPolicy policy = policyOf(common);
    QList<UnknownObject> inTheWay;
    if (!UnknownObjects::allowed(report.unknownObjects, policy, &inTheWay)) {
        return refuse(inTheWay, policy, err);
    }
    if (policy == UnknownObjectsPolicy::Keep) {
        engine.setCarries(report.carries);
    }
    if (common.sqlOnly) {
        return CommandLine::Success; // the script says what it does; nothing changes
    }
    reportDecision(report.unknownObjects, policy, out);
    const bool destructive = targetIndex < fromIndex || report.losesOrRebuilds();
    if (engine.dialect() != SqlDialect::SQLite || session.url.isSqliteMemory() || !destructive) {
        return CommandLine::Success;
    }
    return takeBackup(session, engine, out, err);
}

} // namespace MigrationSafeguards
