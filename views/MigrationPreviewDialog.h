#pragma once

#include <QDialog>

#include "views/MigrationWorker.h"

// Shows what a migration will do before it runs: the exact SQL for this database's dialect
// and what it does to the rows now in it. Plans that lose data are asked about a second time.
class MigrationPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    MigrationPreviewDialog(const QString& title, const QString& summary, const MigrationPlan& plan,
                           QWidget* parent = nullptr);

    // Shows `note` (the dialog takes it) under the summary.
    void addNote(QWidget* note);

    // The preview, then for a destructive plan the second question. True: run it. A `note`
    // is shown under the summary and deleted with the dialog.
    static bool confirm(QWidget* parent, const QString& title, const QString& summary,
                        const MigrationPlan& plan, SqlDialect dialect, QWidget* note = nullptr);

private:
    static bool confirmDataLoss(QWidget* parent, const MigrationPlan& plan, SqlDialect dialect);
};
