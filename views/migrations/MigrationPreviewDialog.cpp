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

#include "views/migrations/UnknownObjectsChoice.h"

MigrationPreviewDialog::MigrationPreviewDialog(const QString& title, const QString& summary,
                                               const MigrationPlan& plan, QWidget* parent)
    : QDialog(parent), m_plan(plan)
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
    if (!plan.unknownObjects.isEmpty()) {
        m_choice =
            new UnknownObjectsChoice(plan.unknownObjects, plan.canKeepUnknownObjects(), this);
        layout->addWidget(m_choice);
    }

    auto* sqlLabel = new QLabel(tr("The SQL that will run:"), this);
    m_sql = new QPlainTextEdit(this);
    m_sql->setObjectName(QStringLiteral("sqlPreview"));
    m_sql->setAccessibleName(tr("The SQL that will run"));
    m_sql->setReadOnly(true);
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    sqlLabel->setBuddy(m_sql);
    layout->addWidget(sqlLabel);
    layout->addWidget(m_sql, 1);

    auto* buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    m_run->setObjectName(QStringLiteral("runMigrationButton"));
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelMigrationButton"));
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    showChoice(decision().policy);
    if (m_choice) {
        connect(m_choice, &UnknownObjectsChoice::policyChanged, this,
                &MigrationPreviewDialog::showChoice);
    }
    resize(760, m_choice ? 720 : 560);
}

UnknownObjectsDecision MigrationPreviewDialog::decision() const
{
    UnknownObjectsDecision decision;
    decision.policy = m_choice ? m_choice->policy() : UnknownObjectsPolicy::Refuse;
    decision.shown = UnknownObjects::keys(m_plan.unknownObjects);
    return decision;
}

// The SQL shown is the SQL that will run with this choice; nothing runs until a choice that
// can run is made.
void MigrationPreviewDialog::showChoice(UnknownObjectsPolicy policy)
{
    const bool keeping = m_choice && policy == UnknownObjectsPolicy::Keep;
    m_sql->setPlainText(!m_plan.error.isEmpty() ? m_plan.error
                        : keeping               ? m_plan.sqlKeeping
                                                : m_plan.sql);
    m_run->setEnabled(m_plan.error.isEmpty() &&
                      (!m_choice || policy != UnknownObjectsPolicy::Refuse));
}

void MigrationPreviewDialog::addNote(QWidget* note)
{
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, note, 1);
    resize(width(), height() + note->sizeHint().height());
}

bool MigrationPreviewDialog::confirm(QWidget* parent, const QString& title, const QString& summary,
                                     const MigrationPlan& plan, SqlDialect dialect,
                                     UnknownObjectsDecision* decision, QWidget* note)
{
    MigrationPreviewDialog dialog(title, summary, plan, parent);
    if (note) {
        dialog.addNote(note);
    }
    if (dialog.exec() != QDialog::Accepted) {
        return false;
    }
    const UnknownObjectsDecision chosen = dialog.decision();
    if (decision) {
        *decision = chosen;
    }
    const bool dropsUnknown =
        !plan.unknownObjects.isEmpty() && chosen.policy == UnknownObjectsPolicy::Drop;
    return (!plan.destructive() && !dropsUnknown) ||
           confirmDataLoss(parent, plan, dialect, dropsUnknown);
}

bool MigrationPreviewDialog::confirmDataLoss(QWidget* parent, const MigrationPlan& plan,
                                             SqlDialect dialect, bool dropsUnknownObjects)
{
    QStringList losses;
    for (const DataImpactItem& item : plan.impacts) {
        if (item.destructive) {
            losses << QStringLiteral("• %1").arg(item.description);
        }
    }
    for (const UnknownObject& object : plan.unknownObjects) {
        if (dropsUnknownObjects) {
            losses << QStringLiteral("• %1").arg(object.text());
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
