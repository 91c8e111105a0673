#include "MigrationsPanel.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

// The panel's buttons and its right-hand side: what runs, the log and the backups.

namespace {

QPushButton* makeButton(const QString& text, const char* name, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    return button;
}

} // namespace

QWidget* MigrationsPanel::createActionButtons()
{
    auto* box = new QWidget(this);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    m_upgradeHead = makeButton(tr("Upg&rade to head"), "upgradeHeadButton", box);
    m_upgradeSelected = makeButton(tr("Upgrade to &selected"), "upgradeSelectedButton", box);
    m_downgradeSelected = makeButton(tr("Do&wngrade to selected"), "downgradeSelectedButton", box);
    m_stampSelected = makeButton(tr("Stamp se&lected"), "stampSelectedButton", box);
    m_adopt = makeButton(tr("&Adopt…"), "adoptButton", box);
    m_schema = makeButton(tr("Sche&ma…"), "schemaButton", box);
    m_newRevision = makeButton(tr("&New revision…"), "newRevisionButton", box);
    m_refresh = makeButton(tr("Refresh"), "refreshMigrationsButton", box);
    m_upgradeHead->setToolTip(tr("Run every pending revision, with a preview first"));
    m_stampSelected->setToolTip(
        tr("Record the selected revision as applied without running anything"));
    m_adopt->setToolTip(tr("Compare the schema with BlogDesk's revisions and record the "
                           "matching one; alembic_version is left alone"));
    const QList<QPushButton*> buttons{m_upgradeHead,   m_upgradeSelected, m_downgradeSelected,
                                      m_stampSelected, m_adopt,           m_schema,
                                      m_newRevision,   m_refresh};
    for (int i = 0; i < buttons.size(); ++i) {
        grid->addWidget(buttons.at(i), i / 4, i % 4);
    }
    connect(m_upgradeHead, &QPushButton::clicked, this, &MigrationsPanel::upgradeToHead);
    connect(m_upgradeSelected, &QPushButton::clicked, this, &MigrationsPanel::upgradeToSelected);
    connect(m_downgradeSelected, &QPushButton::clicked, this,
            &MigrationsPanel::downgradeToSelected);
    connect(m_stampSelected, &QPushButton::clicked, this, &MigrationsPanel::stampSelected);
    connect(m_adopt, &QPushButton::clicked, this, &MigrationsPanel::adopt);
    connect(m_schema, &QPushButton::clicked, this, &MigrationsPanel::showSchema);
    connect(m_newRevision, &QPushButton::clicked, this, &MigrationsPanel::newRevision);
    connect(m_refresh, &QPushButton::clicked, this, &MigrationsPanel::refresh);
    return box;
}

QWidget* MigrationsPanel::createProgressBox()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("migrationProgress"));
    m_progress->setAccessibleName(tr("Migration progress"));
    m_progress->setVisible(false);
    m_statement = new QLabel(box);
    m_statement->setObjectName(QStringLiteral("runningStatement"));
    m_statement->setWordWrap(true);
    m_error = new QLabel(box);
    m_error->setObjectName(QStringLiteral("migrationError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #a01010; }"));
    m_error->setVisible(false);
    m_log = new QPlainTextEdit(box);
    m_log->setObjectName(QStringLiteral("migrationLog"));
    m_log->setAccessibleName(tr("Migration log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("What runs is logged here."));
    layout->addWidget(m_progress);
    layout->addWidget(m_statement);
    layout->addWidget(m_error);
    layout->addWidget(m_log, 1);
    return box;
}

QWidget* MigrationsPanel::createBackupBox()
{
    m_backupBox = new QWidget(this);
    auto* layout = new QVBoxLayout(m_backupBox);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&Backups taken before each migration:"), m_backupBox);
    m_backups = new QListWidget(m_backupBox);
    m_backups->setObjectName(QStringLiteral("backupList"));
    m_backups->setMaximumHeight(90);
    label->setBuddy(m_backups);
    m_restore = makeButton(tr("Rest&ore selected backup…"), "restoreBackupButton", m_backupBox);
    connect(m_backups, &QListWidget::currentRowChanged, this, &MigrationsPanel::updateButtons);
    connect(m_restore, &QPushButton::clicked, this, &MigrationsPanel::restoreSelectedBackup);
    layout->addWidget(label);
    layout->addWidget(m_backups);
    layout->addWidget(m_restore, 0, Qt::AlignLeft);
    return m_backupBox;
}
