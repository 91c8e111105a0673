#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

#include "tests/support/DialogAnswerer.h"
#include "tests/support/TestSupport.h"

class MigrationsPanel;
class QPushButton;
class QWidget;

// What test_migrationspanel and test_migrationspanel_window share: a fresh SQLite file per
// test, the panel on it, and the helpers that drive the panel as a person does. The helpers
// that check return false after recording the failure: call them inside QVERIFY.
class MigrationsPanelFixture
{
protected:
    static constexpr int JobTimeoutMs = 30000;
    // A revision whose upgrade fails half way (it names a table that does not exist).
    static const char* const BrokenRevision;

    MigrationsPanelFixture();
    ~MigrationsPanelFixture();

    void openDatabase(); // for init()
    void closeAll();     // for cleanup()
    [[nodiscard]] bool openPanel();
    [[nodiscard]] bool openPanelOn(const QString& url);
    [[nodiscard]] bool waitIdle();
    // Migrates the test's database to revision `index` of the built-in history (or `folder`'s).
    [[nodiscard]] bool upgradeTo(int index, const QString& folder = QString());
    QStringList appliedRevisions();
    QPushButton* panelButton(const char* name);
    // Clicks a panel button, answers the dialogs it opens and waits until the job is done.
    bool clickThrough(const char* button, const QList<DialogAnswerer::Step>& steps);
    [[nodiscard]] bool selectRevision(const QString& revision);
    QString errorText();

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<MigrationsPanel> m_panel;
    MigrationsPanel* m_active = nullptr; // the panel the helpers drive
};
