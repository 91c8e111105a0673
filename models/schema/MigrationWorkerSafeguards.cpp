// The worker's part in item "nothing outside the history is dropped silently": the SQL of a
// plan with or without carrying unknown objects through, and the check before a run.
#include "MigrationWorker.h"

#include <QTextStream>
#include <QTime>

namespace {

QString stamped(const QString& line)
{
    return QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + line;
}

bool movesTables(MigrationOperation operation)
{
    return operation == MigrationOperation::Upgrade || operation == MigrationOperation::Downgrade;
}

} // namespace

// A script run moves the engine's idea of the current revision to the target, so each script
// gets an engine of its own.
bool MigrationWorker::planScript(MigrationOperation operation, int targetIndex,
                                 const QList<TableCarry>& carries, QString* sql, QString* error)
{
    MigrationEngine engine(m_db, m_history);
    if (!engine.refresh(error)) {
        return false;
    }
    sql->clear();
    QTextStream out(sql);
    engine.setScriptOutput(&out);
    engine.setCarries(carries);
    MigrationError migrationError;
    bool ok = true;
    if (operation == MigrationOperation::Stamp) {
        ok = engine.stamp(targetIndex, &migrationError);
    } else if (targetIndex >= engine.currentIndex()) {
        ok = engine.upgrade(targetIndex, &migrationError);
    } else {
        ok = engine.downgrade(targetIndex, &migrationError);
    }
    out.flush();
    if (!ok) {
        *error = migrationError.text();
    }
    return ok;
}

// Assessed again under the lock: the database may have changed since the preview, and what
// was not shown is not dropped.
bool MigrationWorker::applyDecision(MigrationEngine& engine, MigrationOperation operation,
                                    int targetIndex, const UnknownObjectsDecision& decision,
                                    MigrationOutcome* outcome)
{
    if (!movesTables(operation) || targetIndex == engine.currentIndex()) {
        return true;
    }
    DataImpactReport report;
    QString* message = &outcome->error.message;
    if (!DataImpact::assess(m_db, m_history, engine.currentIndex(), targetIndex, &report,
                            message)) {
        *message =
            tr("cannot tell what this does to the data, so nothing was changed: %1").arg(*message);
        return false;
    }
    for (const UnknownObject& object : std::as_const(report.unknownObjects)) {
        if (!decision.shown.contains(object.key())) {
            *message = tr("the database changed since the preview, so nothing was changed: %1. "
                          "Preview the migration again.")
                           .arg(object.text());
            return false;
        }
    }
    QList<UnknownObject> inTheWay;
    if (!UnknownObjects::allowed(report.unknownObjects, decision.policy, &inTheWay)) {
        *message = tr("nothing was changed: %1").arg(inTheWay.constFirst().fullText());
        return false;
    }
    for (const UnknownObject& object : std::as_const(report.unknownObjects)) {
        emit logLine(stamped(decision.policy == UnknownObjectsPolicy::Keep
                                 ? tr("Keeping: %1").arg(object.withFate())
                                 : tr("Dropping: %1").arg(object.withFate())));
    }
    if (decision.policy == UnknownObjectsPolicy::Keep) {
        engine.setCarries(report.carries);
    }
    return true;
}
