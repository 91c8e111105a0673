#include "WindowOpener.h"

#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include "models/connection/ConnectionProfiles.h"
#include "models/connection/Database.h"
#include "models/connection/PasswordStore.h"
#include "views/MainWindow.h"
#include "views/connection/ConnectionDialog.h"
#include "views/connection/FailureBox.h"

namespace {

ConnectionProfiles* g_profiles = nullptr;
PasswordStore* g_passwords = nullptr;

ConnectionProfiles* profiles()
{
    if (g_profiles) {
        return g_profiles;
    }
    static ConnectionProfiles defaultProfiles;
    return &defaultProfiles;
}

PasswordStore* passwords()
{
    if (g_passwords) {
        return g_passwords;
    }
    // Parented to the application so that it goes before QCoreApplication does.
    static QPointer<PasswordStore> store = PasswordStore::createDefault(qApp).release();
    return store;
}

QString nextConnectionName()
{
    static int counter = 0;
    return QStringLiteral("blogdesk-window-%1").arg(++counter);
}

void openChosen(ConnectionDialog* dialog, QPointer<QWidget> from)
{
    QString error;
    QString detail;
    MainWindow* window = WindowOpener::openWindow(dialog->chosenUrl(), &error, &detail);
    if (!window) {
        FailureBox::exec(QMessageBox::Warning,
                         QCoreApplication::translate("WindowOpener", "Open Database"), error,
                         detail, from);
        return;
    }
    if (dialog->choice() == ConnectionDialog::Choice::Open && from) {
        from->close();
    }
}

} // namespace

namespace WindowOpener {

ConnectionDialog* showConnectionDialog(QWidget* from, const DatabaseUrl& fromUrl)
{
    profiles()->addRecent(fromUrl);
    profiles()->sync();
    auto* dialog = new ConnectionDialog(profiles(), passwords(), from);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<QWidget> source(from);
    QObject::connect(dialog, &QDialog::accepted, dialog,
                     [dialog, source] { openChosen(dialog, source); });
    dialog->open();
    return dialog;
}

MainWindow* openWindow(const DatabaseUrl& url, QString* error, QString* detail)
{
    const QString name = nextConnectionName();
    QSqlDatabase db;
    if (!Database::open(url, name, &db, error, Database::Access::CreateIfMissing, detail)) {
        return nullptr;
    }
    auto* window = new MainWindow(db, url);
    window->setAttribute(Qt::WA_DeleteOnClose);
    // Later, once the window's models and their copies of the handle are gone.
    QObject::connect(window, &QObject::destroyed, qApp,
                     [name] { QTimer::singleShot(0, qApp, [name] { Database::close(name); }); });
    window->show();
    return window;
}

void useStores(ConnectionProfiles* profilesToUse, PasswordStore* passwordsToUse)
{
    g_profiles = profilesToUse;
    g_passwords = passwordsToUse;
}

} // namespace WindowOpener
