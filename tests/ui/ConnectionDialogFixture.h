#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

#include "models/connection/ConnectionProfiles.h"
#include "models/connection/DatabaseUrl.h"
#include "models/connection/PasswordStore.h"
#include "tests/support/TestSupport.h"
#include "views/connection/ConnectionDialog.h"

class MainWindow;

// What test_connectiondialog and test_connectiondialog_connect share: profiles and passwords
// in a temporary folder per test (WindowOpener uses them too), the dialog on them, and closing
// every window a test opened.
class ConnectionDialogFixture
{
public:
    static DatabaseUrl parsed(const QString& text);
    static QString fileText(const QString& path);
    static QList<MainWindow*> visibleMainWindows();

protected:
    static void enterTestMode();     // for initTestCase()
    [[nodiscard]] bool openStores(); // for init()
    [[nodiscard]] bool closeAll();   // for cleanup(): fails when a window's connection stays

    ConnectionDialog* makeDialog();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConnectionProfiles> m_profiles;
    std::unique_ptr<MemoryPasswordStore> m_passwords;
    std::unique_ptr<ConnectionDialog> m_dialog;
    // On the profile and recent lists; declared last so they go before the dialog.
    TestSupport::ItemWidgetTesters m_listTesters;
};
