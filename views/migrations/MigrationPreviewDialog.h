#pragma once

#include <QDialog>

#include "models/schema/MigrationWorker.h"

class QPlainTextEdit;
class QPushButton;
class UnknownObjectsChoice;

// Shows what a migration will do before it runs: the exact SQL for this database's dialect
// and what it does to the rows now in it; objects BlogDesk's history does not know on the
// tables it rebuilds or drops, with the choice to keep or drop them. Plans that lose data are
// asked about a second time.
class MigrationPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    MigrationPreviewDialog(const QString& title, const QString& summary, const MigrationPlan& plan,
                           QWidget* parent = nullptr);

    // Shows `note` (the dialog takes it) under the summary.
    void addNote(QWidget* note);
    // What the person chose for the unknown objects, with the objects they were shown.
    UnknownObjectsDecision decision() const;

    // The preview, then for a destructive plan (or unknown objects dropped) the second
    // question. True: run it, with *decision (when given) as chosen. A `note` is shown under
    // the summary and deleted with the dialog.
    static bool confirm(QWidget* parent, const QString& title, const QString& summary,
                        const MigrationPlan& plan, SqlDialect dialect,
                        UnknownObjectsDecision* decision = nullptr, QWidget* note = nullptr);

private:
    void showChoice(UnknownObjectsPolicy policy);
    static bool confirmDataLoss(QWidget* parent, const MigrationPlan& plan, SqlDialect dialect,
                                bool dropsUnknownObjects);

    MigrationPlan m_plan;
    QPlainTextEdit* m_sql = nullptr;
    QPushButton* m_run = nullptr;
    UnknownObjectsChoice* m_choice = nullptr;
};
