#include "UpgradePrompt.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

#include "migrations/MigrationEngine.h"
#include "models/DefaultDatabase.h"

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("UpgradePrompt", text);
}

QString previewSql(QSqlDatabase db, const MigrationHistory& history)
{
    QString script;
    QTextStream out(&script);
    MigrationEngine preview(db, history);
    MigrationError error;
    QString refreshError;
    preview.setScriptOutput(&out);
    if (!preview.refresh(&refreshError) || !preview.upgrade(history.headIndex(), &error)) {
        out << "-- " << (refreshError.isEmpty() ? error.text() : refreshError) << "\n";
    }
    return script;
}

} // namespace

namespace UpgradePrompt {

bool offer(QWidget* parent, QSqlDatabase db, const MigrationHistory& history)
{
    MigrationEngine engine(db, history);
    QString error;
    if (!engine.refresh(&error) || engine.isAtHead()) {
        return true; // the status bar says what is wrong with an unreadable history
    }
    // A schema BlogDesk did not create (db.create_all()) is browsed as it is, never migrated.
    if (engine.currentIndex() < 0 && !DefaultDatabase::isEmpty(db)) {
        return true;
    }
    QMessageBox box(QMessageBox::Question, QObject::tr("Upgrade the database?"),
                    tr("This database is at revision %1; BlogDesk's schema is at %2.\n\n"
                       "Upgrade it now? Each revision runs in its own transaction. "
                       "\"Show Details\" lists the exact SQL.")
                        .arg(engine.currentRevision().isEmpty() ? tr("<base> (empty)")
                                                                : engine.currentRevision(),
                             history.head()),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("upgradePrompt"));
    box.setDetailedText(previewSql(db, history));
    QPushButton* upgrade = box.addButton(tr("&Upgrade"), QMessageBox::AcceptRole);
    box.addButton(tr("&Browse without upgrading"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != upgrade) {
        return true;
    }
    MigrationError migrationError;
    if (!engine.upgrade(history.headIndex(), &migrationError)) {
        QMessageBox::critical(parent, tr("Upgrade failed"), migrationError.text());
        return false;
    }
    return true;
}

} // namespace UpgradePrompt
