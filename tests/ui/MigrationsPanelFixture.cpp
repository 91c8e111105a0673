#include "MigrationsPanelFixture.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/MigrationHistory.h"
#include "models/connection/DatabaseUrl.h"
#include "views/migrations/MigrationsPanel.h"

using TestSupport::column;

const char* const MigrationsPanelFixture::BrokenRevision =
    "-- revision: c0ffee000001\n"
    "-- down_revision: c71e5a2d9f0\n"
    "-- message: Break on purpose\n"
    "-- create_date: 2026-11-25 12:00:00\n"
    "\n"
    "-- [upgrade]\n"
    "CREATE TABLE scratch_notes (id INTEGER PRIMARY KEY);\n"
    "INSERT INTO no_such_table VALUES (1);\n"
    "\n"
    "-- [downgrade]\n"
    "DROP TABLE scratch_notes;\n";

MigrationsPanelFixture::MigrationsPanelFixture() = default;
MigrationsPanelFixture::~MigrationsPanelFixture() = default;

void MigrationsPanelFixture::openDatabase()
{
    m_temp = std::make_unique<TempDatabase>();
}

void MigrationsPanelFixture::closeAll()
{
    m_panel.reset();
    m_temp.reset();
}

bool MigrationsPanelFixture::upgradeTo(int index, const QString& folder)
{
    MigrationHistory history;
    QString error;
    HELPER_VERIFY2(folder.isEmpty() ? history.loadBuiltIn(&error) : history.load(folder, &error),
                   qPrintable(error));
    MigrationEngine engine(m_temp->db(), history);
    MigrationError migrationError;
    HELPER_VERIFY2(engine.refresh(&error), qPrintable(error));
    HELPER_VERIFY2(engine.upgrade(index, &migrationError), qPrintable(migrationError.text()));
    return true;
}

bool MigrationsPanelFixture::openPanel()
{
    return openPanelOn(m_temp->url());
}

bool MigrationsPanelFixture::openPanelOn(const QString& url)
{
    DatabaseUrl parsed;
    QString error;
    HELPER_VERIFY2(DatabaseUrl::parse(url, &parsed, &error), qPrintable(error));
    m_panel = std::make_unique<MigrationsPanel>(parsed);
    m_panel->resize(1000, 700);
    m_panel->show();
    m_active = m_panel.get();
    // Not ItemWidgetTesters: Qt 6.4's own QTreeWidget model of the revision list fails the
    // tester's index check ('childIndex != childIndex1') when the list is refilled.
    TestSupport::testModelsOf(*m_panel);
    HELPER_VERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    return waitIdle();
}

bool MigrationsPanelFixture::waitIdle()
{
    HELPER_VERIFY(QTest::qWaitFor([this] { return !m_active->isBusy(); }, JobTimeoutMs));
    return true;
}

QStringList MigrationsPanelFixture::appliedRevisions()
{
    QStringList revisions = column(
        m_temp->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations ORDER BY revision"));
    return revisions;
}

QPushButton* MigrationsPanelFixture::panelButton(const char* name)
{
    auto* found = m_active->findChild<QPushButton*>(QLatin1String(name));
    if (!found) {
        qWarning("no button %s", name);
    }
    return found;
}

bool MigrationsPanelFixture::clickThrough(const char* button,
                                          const QList<DialogAnswerer::Step>& steps)
{
    return DialogAnswerer::clickThrough(
        panelButton(button), steps, [this] { return m_active->isBusy(); }, JobTimeoutMs);
}

bool MigrationsPanelFixture::selectRevision(const QString& revision)
{
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    const QList<QTreeWidgetItem*> items = list->findItems(revision, Qt::MatchExactly, 1);
    HELPER_VERIFY2(items.size() == 1, qPrintable(revision));
    list->setCurrentItem(items.constFirst());
    return true;
}

QString MigrationsPanelFixture::errorText()
{
    auto* label = m_active->findChild<QLabel*>(QStringLiteral("migrationError"));
    return label && label->isVisibleTo(m_active) ? label->text() : QString();
}
