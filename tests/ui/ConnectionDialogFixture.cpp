#include "ConnectionDialogFixture.h"

#include <QApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>

#include "tests/support/TestSupport.h"
#include "views/MainWindow.h"
#include "views/connection/WindowOpener.h"

namespace {

// The connections WindowOpener opened for its windows and has not closed yet.
QStringList openerConnections()
{
    return QSqlDatabase::connectionNames().filter(QStringLiteral("blogdesk-window-"));
}

} // namespace

void ConnectionDialogFixture::enterTestMode()
{
    QStandardPaths::setTestModeEnabled(true);
}

bool ConnectionDialogFixture::openStores()
{
    m_dir = std::make_unique<QTemporaryDir>();
    HELPER_VERIFY(m_dir->isValid());
    m_profiles = std::make_unique<ConnectionProfiles>(m_dir->filePath(QStringLiteral("c.ini")));
    m_passwords = std::make_unique<MemoryPasswordStore>();
    WindowOpener::useStores(m_profiles.get(), m_passwords.get());
    return true;
}

bool ConnectionDialogFixture::closeAll()
{
    m_listTesters.clear();
    m_dialog.reset();
    for (MainWindow* window : visibleMainWindows()) {
        window->close();
    }
    // The windows the opener made delete themselves on close, then close their connections.
    const bool closed = QTest::qWaitFor([] { return openerConnections().isEmpty(); });
    WindowOpener::useStores(nullptr, nullptr);
    m_profiles.reset();
    m_passwords.reset();
    m_dir.reset();
    HELPER_VERIFY2(closed, qPrintable(openerConnections().join(QLatin1Char(' '))));
    return true;
}

ConnectionDialog* ConnectionDialogFixture::makeDialog()
{
    m_listTesters.clear();
    m_dialog = std::make_unique<ConnectionDialog>(m_profiles.get(), m_passwords.get());
    TestSupport::testModelsOf(*m_dialog);
    m_listTesters.testModelsOf(*m_dialog);
    m_dialog->show();
    if (!QTest::qWaitForWindowExposed(m_dialog.get())) {
        qWarning("dialog not exposed");
    }
    return m_dialog.get();
}

DatabaseUrl ConnectionDialogFixture::parsed(const QString& text)
{
    DatabaseUrl url;
    QString error;
    if (!DatabaseUrl::parse(text, &url, &error)) {
        qWarning("cannot parse %s: %s", qPrintable(text), qPrintable(error));
    }
    return url;
}

QString ConnectionDialogFixture::fileText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QList<MainWindow*> ConnectionDialogFixture::visibleMainWindows()
{
    QList<MainWindow*> windows;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* window = qobject_cast<MainWindow*>(widget); window && window->isVisible()) {
            windows.append(window);
        }
    }
    return windows;
}
