#include "MigrationPreviewDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

MigrationPreviewDialog::MigrationPreviewDialog(const QString& title, const QString& summary,
                                               const MigrationPlan& plan, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("migrationPreview"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* summaryLabel = new QLabel(summary, this);
    summaryLabel->setObjectName(QStringLiteral("previewSummary"));
    summaryLabel->setWordWrap(true);
    layout->addWidget(summaryLabel);

    auto* impactLabel = new QLabel(tr("What it does to the data:"), this);
    auto* impacts = new QListWidget(this);
    impacts->setObjectName(QStringLiteral("impactList"));
    impactLabel->setBuddy(impacts);
    for (const DataImpactItem& item : plan.impacts) {
        auto* row = new QListWidgetItem(
            QStringLiteral("%1: %2").arg(item.revision, item.description), impacts);
        if (item.destructive) {
            row->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            row->setForeground(QColor(170, 20, 20));
        }
    }
    if (plan.impacts.isEmpty()) {
        new QListWidgetItem(tr("No rows are changed or lost."), impacts);
    }
    impacts->setMaximumHeight(120);
    layout->addWidget(impactLabel);
    layout->addWidget(impacts);

    auto* sqlLabel = new QLabel(tr("The SQL that will run:"), this);
    auto* sql = new QPlainTextEdit(plan.error.isEmpty() ? plan.sql : plan.error, this);
    sql->setObjectName(QStringLiteral("sqlPreview"));
    sql->setReadOnly(true);
    sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    sqlLabel->setBuddy(sql);
    layout->addWidget(sqlLabel);
    layout->addWidget(sql, 1);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* run = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("runMigrationButton"));
    run->setEnabled(plan.error.isEmpty());
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelMigrationButton"));
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 560);
}

void MigrationPreviewDialog::addNote(QWidget* note)
{
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, note, 1);
    resize(width(), height() + note->sizeHint().height());
}

bool MigrationPreviewDialog::confirm(QWidget* parent, const QString& title, const QString& summary,
                                     const MigrationPlan& plan, SqlDialect dialect, QWidget* note)
{
    MigrationPreviewDialog dialog(title, summary, plan, parent);
    if (note) {
        dialog.addNote(note);
    }
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    return !plan.destructive() || confirmDataLoss(parent, plan, dialect);
}

bool MigrationPreviewDialog::confirmDataLoss(QWidget* parent, const MigrationPlan& plan,
                                             SqlDialect dialect)
{
    QStringList losses;
    for (const DataImpactItem& item : plan.impacts) {
        if (item.destructive) {
            losses << QStringLiteral("• %1").arg(item.description);
        }
    }
    const QString safetyNet =
        dialect == SqlDialect::SQLite
            ? tr("A backup of the file is taken first and can be restored from the panel.")
            : tr("On a server BlogDesk takes no backup: the data is gone unless you have one.");
    QMessageBox box(QMessageBox::Warning, tr("Data will be lost"),
                    tr("This migration deletes data for good:\n\n%1\n\n%2\n\nRun it anyway?")
                        .arg(losses.join(QLatin1Char('\n')), safetyNet),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("destructiveConfirmation"));
    QPushButton* proceed = box.addButton(tr("&Delete the data and run"), QMessageBox::AcceptRole);
    proceed->setObjectName(QStringLiteral("confirmDestructiveButton"));
    QPushButton* keep = box.addButton(tr("&Keep the data"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepDataButton"));
    box.setDefaultButton(keep);
    box.exec();
    return box.clickedButton() == proceed;
}
