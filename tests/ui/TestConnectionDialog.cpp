// The connection dialog: URL and fields, profiles and the recent list, no password in the
// settings file, every widget named. Test connection and opening windows are in
// TestConnectionDialogConnect.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "migrations/engine/MigrationHistory.h"
#include "models/connection/ConnectionFields.h"
#include "models/connection/ConnectionProbe.h"
#include "models/connection/ConnectionProfiles.h"
#include "models/connection/PasswordStore.h"
#include "models/schema/DefaultDatabase.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/ui/ConnectionDialogFixture.h"
#include "views/MainWindow.h"
#include "views/connection/ConnectionDialog.h"
#include "views/connection/WindowOpener.h"
#include "views/migrations/MigrationsPanel.h"

using TestSupport::button;
using TestSupport::edit;
using TestSupport::labelText;
using TestSupport::ModalAnswer;
using TestSupport::retype;
using TestSupport::triggerAction;

class TestConnectionDialog : public QObject, private ConnectionDialogFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { enterTestMode(); }
    void init() { QVERIFY(openStores()); }
    void cleanup() { QVERIFY(closeAll()); }

    void urlRoundTripsThroughFields_data();
    void urlRoundTripsThroughFields();
    void urlFillsFields();
    void fieldsWriteUrl();
    void driverChoiceShowsItsFields();
    void badUrlIsExplained();
    void passwordStaysOutOfUrlField();
    void settingsFileNeverHoldsPassword();
    void passwordComesBackFromStore();
    void defaultStoreAnswersInTime();
    void profilesSaveRenameDelete();
    void recentDatabasesAreListed();
    void everyWidgetIsNamed();
};

// --- URL and fields ---------------------------------------------------------------------------

void TestConnectionDialog::urlRoundTripsThroughFields_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("sqlite relative") << QStringLiteral("sqlite:///blog.db");
    QTest::newRow("sqlite absolute") << QStringLiteral("sqlite:////srv/blog/app.db");
    QTest::newRow("sqlite memory") << QStringLiteral("sqlite:///:memory:");
    QTest::newRow("sqlite read-only") << QStringLiteral("sqlite:////srv/blog/app.db?mode=ro");
    QTest::newRow("postgresql") << QStringLiteral("postgresql://bob@db.example.com/blog");
    QTest::newRow("postgresql encoded password ssl")
        << QStringLiteral("postgresql://bob:p%40ss%3Aw%2Frd%25@db.example.com:5433/blog"
                          "?sslmode=require");
    QTest::newRow("postgresql+psycopg2 params")
        << QStringLiteral("postgresql+psycopg2://bob:pw@db:5432/blog?sslmode=verify-full"
                          "&connect_timeout=10&application_name=blog+desk");
    QTest::newRow("postgres socket") << QStringLiteral("postgres://bob@/blog?host=/run/postgresql");
    QTest::newRow("postgresql ipv6") << QStringLiteral("postgresql://bob:pw@[::1]:5432/blog");
    QTest::newRow("mysql") << QStringLiteral("mysql://root:s%20cret@localhost:3306/blog");
    QTest::newRow("mysql+pymysql charset")
        << QStringLiteral("mysql+pymysql://blog:pa%2Bss%26w@db.internal/blog?charset=utf8mb4");
    QTest::newRow("mariadb socket")
        << QStringLiteral("mariadb://blog@localhost/blog?unix_socket=/run/mysqld/mysqld.sock");
    QTest::newRow("unicode password") << QStringLiteral("mysql://blog:%C3%BC%E2%82%AC@db/blog");
}

// Typed into the URL field, read back from the fields: the same URL, password included,
// exactly as the Flask app's configuration holds it.
void TestConnectionDialog::urlRoundTripsThroughFields()
{
    QFETCH(QString, url);
    ConnectionDialog* dialog = makeDialog();
    retype(edit(*dialog, "urlEdit"), url);
    QVERIFY2(dialog->findChild<QLabel*>("urlMessageLabel")->isHidden(),
             qPrintable(dialog->findChild<QLabel*>("urlMessageLabel")->text()));
    DatabaseUrl fromFields;
    QString error;
    QVERIFY2(dialog->currentUrl(&fromFields, &error), qPrintable(error));
    QCOMPARE(fromFields, parsed(url));
    // Written back as SQLAlchemy renders it (e.g. %20 in a password becomes a space).
    const QString canonical = parsed(url).toString(false);
    QCOMPARE(fromFields.toString(false), canonical);
    // And once more from the fields alone, as setUrl() fills them.
    ConnectionDialog second(m_profiles.get(), m_passwords.get());
    second.setUrl(parsed(url));
    DatabaseUrl again;
    QVERIFY2(second.currentUrl(&again, &error), qPrintable(error));
    QCOMPARE(again.toString(false), canonical);
    QCOMPARE(ConnectionFields::fromUrl(parsed(url)).toUrlText(true), canonical);
}

void TestConnectionDialog::urlFillsFields()
{
    ConnectionDialog* dialog = makeDialog();
    retype(edit(*dialog, "urlEdit"),
           QStringLiteral("postgresql://bob:p%40ss%3Aword@db.example.com:5433/blog"
                          "?sslmode=require&connect_timeout=10"));
    QCOMPARE(dialog->findChild<QComboBox*>("driverCombo")->currentText(), tr("PostgreSQL"));
    QCOMPARE(edit(*dialog, "hostEdit")->text(), QStringLiteral("db.example.com"));
    QCOMPARE(dialog->findChild<QSpinBox*>("portSpin")->value(), 5433);
    QCOMPARE(edit(*dialog, "databaseEdit")->text(), QStringLiteral("blog"));
    QCOMPARE(edit(*dialog, "userEdit")->text(), QStringLiteral("bob"));
    QCOMPARE(edit(*dialog, "passwordEdit")->text(), QStringLiteral("p@ss:word"));
    QCOMPARE(dialog->findChild<QComboBox*>("sslModeCombo")->currentData().toString(),
             QStringLiteral("require"));
    QCOMPARE(edit(*dialog, "optionsEdit")->text(), QStringLiteral("connect_timeout=10"));

    retype(edit(*dialog, "urlEdit"), QStringLiteral("sqlite:////srv/blog/app.db"));
    QCOMPARE(dialog->findChild<QComboBox*>("driverCombo")->currentData().toInt(),
             int(SqlDialect::SQLite));
    QCOMPARE(edit(*dialog, "fileEdit")->text(), QStringLiteral("/srv/blog/app.db"));
    QVERIFY(edit(*dialog, "fileEdit")->isVisible());
    QVERIFY(!edit(*dialog, "hostEdit")->isVisible());
}

void TestConnectionDialog::fieldsWriteUrl()
{
    ConnectionDialog* dialog = makeDialog();
    auto* driver = dialog->findChild<QComboBox*>("driverCombo");
    driver->setCurrentIndex(driver->findData(int(SqlDialect::PostgreSQL)));
    retype(edit(*dialog, "hostEdit"), QStringLiteral("db.example.com"));
    dialog->findChild<QSpinBox*>("portSpin")->setValue(5433);
    retype(edit(*dialog, "databaseEdit"), QStringLiteral("blog"));
    retype(edit(*dialog, "userEdit"), QStringLiteral("bob"));
    retype(edit(*dialog, "passwordEdit"), QStringLiteral("p@ss:w/rd"));
    auto* ssl = dialog->findChild<QComboBox*>("sslModeCombo");
    ssl->setCurrentIndex(ssl->findData(QStringLiteral("require")));
    // The URL field shows everything but the password.
    QCOMPARE(edit(*dialog, "urlEdit")->text(),
             QStringLiteral("postgresql://bob@db.example.com:5433/blog?sslmode=require"));
    DatabaseUrl url;
    QString error;
    QVERIFY2(dialog->currentUrl(&url, &error), qPrintable(error));
    QCOMPARE(url.toString(false),
             QStringLiteral("postgresql://bob:p%40ss%3Aw%2Frd@db.example.com:5433/blog"
                            "?sslmode=require"));
    QCOMPARE(url.password(), QStringLiteral("p@ss:w/rd"));

    driver->setCurrentIndex(driver->findData(int(SqlDialect::MySQL)));
    QCOMPARE(edit(*dialog, "urlEdit")->text(),
             QStringLiteral("mysql://bob@db.example.com:5433/blog"));
    QVERIFY(!ssl->isVisible());

    // A unix socket folder as host goes into the query, where psycopg2 looks for it.
    driver->setCurrentIndex(driver->findData(int(SqlDialect::PostgreSQL)));
    retype(edit(*dialog, "hostEdit"), QStringLiteral("/run/postgresql"));
    dialog->findChild<QSpinBox*>("portSpin")->setValue(0);
    ssl->setCurrentIndex(0);
    QVERIFY2(dialog->currentUrl(&url, &error), qPrintable(error));
    QCOMPARE(url.host(), QStringLiteral("/run/postgresql"));
    QCOMPARE(url.queryValue(QStringLiteral("host")), QStringLiteral("/run/postgresql"));
    QCOMPARE(edit(*dialog, "urlEdit")->text(),
             QStringLiteral("postgresql://bob@/blog?host=%2Frun%2Fpostgresql"));

    driver->setCurrentIndex(driver->findData(int(SqlDialect::SQLite)));
    retype(edit(*dialog, "fileEdit"), QStringLiteral("/tmp/blog file.db"));
    QCOMPARE(edit(*dialog, "urlEdit")->text(), QStringLiteral("sqlite:////tmp/blog file.db"));
}

void TestConnectionDialog::driverChoiceShowsItsFields()
{
    ConnectionDialog* dialog = makeDialog();
    auto* driver = dialog->findChild<QComboBox*>("driverCombo");
    driver->setCurrentIndex(driver->findData(int(SqlDialect::SQLite)));
    QVERIFY(button(*dialog, "browseButton")->isVisible());
    QVERIFY(!edit(*dialog, "passwordEdit")->isVisible());
    driver->setCurrentIndex(driver->findData(int(SqlDialect::PostgreSQL)));
    QVERIFY(!button(*dialog, "browseButton")->isVisible());
    QVERIFY(edit(*dialog, "passwordEdit")->isVisible());
    QVERIFY(dialog->findChild<QComboBox*>("sslModeCombo")->isVisible());
    driver->setCurrentIndex(driver->findData(int(SqlDialect::MySQL)));
    QVERIFY(!dialog->findChild<QComboBox*>("sslModeCombo")->isVisible());
}

void TestConnectionDialog::badUrlIsExplained()
{
    ConnectionDialog* dialog = makeDialog();
    retype(edit(*dialog, "urlEdit"), QStringLiteral("oracle://scott:tiger@db/orcl"));
    auto* message = dialog->findChild<QLabel*>("urlMessageLabel");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("unsupported database 'oracle'")),
             qPrintable(message->text()));
    QVERIFY(!message->text().contains(QLatin1String("tiger")));
    QTest::mouseClick(button(*dialog, "testButton"), Qt::LeftButton);
    QVERIFY(!dialog->isTesting());
    QVERIFY(
        dialog->findChild<QLabel*>("testResultLabel")->text().contains(QLatin1String("oracle")));
}

void TestConnectionDialog::passwordStaysOutOfUrlField()
{
    ConnectionDialog* dialog = makeDialog();
    QCOMPARE(edit(*dialog, "passwordEdit")->echoMode(), QLineEdit::Password);
    QLineEdit* urlEdit = edit(*dialog, "urlEdit");
    retype(urlEdit, QStringLiteral("mysql://blog:Secr3t%21@db/blog"));
    QCOMPARE(edit(*dialog, "passwordEdit")->text(), QStringLiteral("Secr3t!"));
    emit urlEdit->editingFinished();
    QCOMPARE(urlEdit->text(), QStringLiteral("mysql://blog@db/blog"));
    // A URL without a password keeps the one typed for the same account.
    retype(urlEdit, QStringLiteral("mysql://blog@db/blog?charset=utf8mb4"));
    DatabaseUrl url;
    QString error;
    QVERIFY(dialog->currentUrl(&url, &error));
    QCOMPARE(url.password(), QStringLiteral("Secr3t!"));
}

void TestConnectionDialog::settingsFileNeverHoldsPassword()
{
    const QString password = QStringLiteral("Zq9-unique-p@ss");
    ConnectionDialog* dialog = makeDialog();
    retype(edit(*dialog, "urlEdit"),
           QStringLiteral("postgresql://bob:Zq9-unique-p%40ss@db.example.com/blog"));
    retype(edit(*dialog, "profileNameEdit"), QStringLiteral("Production"));
    QTest::mouseClick(button(*dialog, "saveProfileButton"), Qt::LeftButton);
    QCOMPARE(m_profiles->profileNames(), QStringList{QStringLiteral("Production")});
    m_profiles->addRecent(parsed(QStringLiteral("mysql://blog:Zq9-unique-p%40ss@db/blog")));
    m_profiles->sync();

    const QString text = fileText(m_profiles->settingsPath());
    QVERIFY2(text.contains(QLatin1String("db.example.com")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("Zq9")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("unique")));
    DatabaseUrl stored;
    QVERIFY(m_profiles->profile(QStringLiteral("Production"), &stored));
    QCOMPARE(stored.password(), QString());
    QCOMPARE(m_profiles->recentDatabases().value(0).password(), QString());
    // The password went to the password store instead (remember is on for memory).
    bool found = false;
    QString kept;
    m_passwords->read(ConnectionUrls::passwordKey(stored), [&](bool ok, const QString& value) {
        found = ok;
        kept = value;
    });
    QVERIFY(found);
    QCOMPARE(kept, password);
}

void TestConnectionDialog::passwordComesBackFromStore()
{
    const DatabaseUrl saved = parsed(QStringLiteral("postgresql://bob@db.example.com/blog"));
    m_passwords->write(ConnectionUrls::passwordKey(saved), QStringLiteral("from-store"), {});
    QString error;
    QVERIFY(m_profiles->saveProfile(QStringLiteral("Stored"), saved, &error));
    ConnectionDialog* dialog = makeDialog();
    auto* list = dialog->findChild<QListWidget*>("profilesList");
    QCOMPARE(list->count(), 1);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(edit(*dialog, "hostEdit")->text(), QStringLiteral("db.example.com"));
    QCOMPARE(edit(*dialog, "passwordEdit")->text(), QStringLiteral("from-store"));
    QCOMPARE(edit(*dialog, "profileNameEdit")->text(), QStringLiteral("Stored"));
}

// The system keychain (when built in) may be missing, locked or without a D-Bus session
// here; whatever it is, a read answers within a few seconds and the form goes on.
void TestConnectionDialog::defaultStoreAnswersInTime()
{
    std::unique_ptr<PasswordStore> store = PasswordStore::createDefault();
    QCOMPARE(store->isPersistent(), PasswordStore::keychainBuiltIn());
    QVERIFY(!store->description().isEmpty());
    bool answered = false;
    QElapsedTimer clock;
    clock.start();
    store->read(QStringLiteral("blogdesk-test://nobody@nowhere:default/none"),
                [&answered](bool, const QString&) { answered = true; });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 6000);
    QVERIFY(clock.elapsed() < 6000);

    // A written password reads back in this session, from the keychain or, when the keychain
    // refused it, from memory. The entry is removed again at once.
    const QString key = QStringLiteral("blogdesk-test://tester@localhost:default/t%1")
                            .arg(QCoreApplication::applicationPid());
    bool written = false;
    store->write(key, QStringLiteral("kept"), [&written](bool, const QString&) { written = true; });
    QTRY_VERIFY_WITH_TIMEOUT(written, 6000);
    bool found = false;
    QString password;
    store->read(key, [&](bool ok, const QString& value) {
        found = ok;
        password = value;
    });
    QTRY_VERIFY_WITH_TIMEOUT(found, 6000);
    QCOMPARE(password, QStringLiteral("kept"));
    store->remove(key);
}

void TestConnectionDialog::profilesSaveRenameDelete()
{
    ConnectionDialog* dialog = makeDialog();
    auto* list = dialog->findChild<QListWidget*>("profilesList");
    retype(edit(*dialog, "urlEdit"), QStringLiteral("sqlite:////srv/a.db"));
    retype(edit(*dialog, "profileNameEdit"), QStringLiteral("Alpha"));
    QTest::mouseClick(button(*dialog, "saveProfileButton"), Qt::LeftButton);
    retype(edit(*dialog, "urlEdit"), QStringLiteral("mysql://blog@db/blog"));
    retype(edit(*dialog, "profileNameEdit"), QStringLiteral("beta"));
    QTest::mouseClick(button(*dialog, "saveProfileButton"), Qt::LeftButton);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Alpha"));

    list->setCurrentRow(0);
    retype(edit(*dialog, "profileNameEdit"), QStringLiteral("Gamma"));
    QTest::mouseClick(button(*dialog, "renameProfileButton"), Qt::LeftButton);
    QCOMPARE(m_profiles->profileNames(),
             (QStringList{QStringLiteral("beta"), QStringLiteral("Gamma")}));
    DatabaseUrl url;
    QVERIFY(m_profiles->profile(QStringLiteral("Gamma"), &url));
    QCOMPARE(url.database(), QStringLiteral("/srv/a.db"));

    // A rename onto another profile's name is refused with a reason.
    list->setCurrentRow(1);
    retype(edit(*dialog, "profileNameEdit"), QStringLiteral("beta"));
    QTest::mouseClick(button(*dialog, "renameProfileButton"), Qt::LeftButton);
    QVERIFY(dialog->findChild<QLabel*>("testResultLabel")->text().contains(QLatin1String("beta")));
    QCOMPARE(m_profiles->profileNames().size(), 2);

    list->setCurrentRow(0);
    QTest::mouseClick(button(*dialog, "deleteProfileButton"), Qt::LeftButton);
    QCOMPARE(m_profiles->profileNames(), QStringList{QStringLiteral("Gamma")});
    QCOMPARE(list->count(), 1);
    // And all of it is in the file, for the next start.
    ConnectionProfiles reread(m_profiles->settingsPath());
    QCOMPARE(reread.profileNames(), QStringList{QStringLiteral("Gamma")});
}

void TestConnectionDialog::recentDatabasesAreListed()
{
    for (int i = 0; i < ConnectionProfiles::MaxRecent + 3; ++i) {
        m_profiles->addRecent(parsed(QStringLiteral("sqlite:////srv/blog%1.db").arg(i)));
    }
    m_profiles->addRecent(parsed(QStringLiteral("sqlite:////srv/blog5.db")));
    const QList<DatabaseUrl> recent = m_profiles->recentDatabases();
    QCOMPARE(recent.size(), ConnectionProfiles::MaxRecent);
    QCOMPARE(recent.first().database(), QStringLiteral("/srv/blog5.db"));
    QCOMPARE(recent.at(1).database(), QStringLiteral("/srv/blog12.db"));

    ConnectionDialog* dialog = makeDialog();
    auto* list = dialog->findChild<QListWidget*>("recentList");
    QCOMPARE(list->count(), ConnectionProfiles::MaxRecent);
    QCOMPARE(list->item(0)->text(), QStringLiteral("blog5.db"));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(1)).center());
    QCOMPARE(edit(*dialog, "urlEdit")->text(), QStringLiteral("sqlite:////srv/blog12.db"));
}

void TestConnectionDialog::everyWidgetIsNamed()
{
    ConnectionDialog* dialog = makeDialog();
    const QList<QWidget*> widgets = dialog->findChildren<QWidget*>();
    for (QWidget* widget : widgets) {
        const bool interactive =
            qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget) ||
            qobject_cast<QAbstractButton*>(widget) || qobject_cast<QListWidget*>(widget) ||
            qobject_cast<QSpinBox*>(widget);
        // Qt's own pieces (the spin box's line edit, the combo's views) carry no names.
        if (!interactive || widget->objectName().startsWith(QLatin1String("qt_")) ||
            qobject_cast<QSpinBox*>(widget->parentWidget()) ||
            qobject_cast<QLineEdit*>(widget->parentWidget()) ||
            qobject_cast<QComboBox*>(widget->parentWidget())) {
            continue;
        }
        QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }
    for (const char* name : {"urlLabel", "hostLabel", "passwordLabel", "fileLabel"}) {
        auto* label = dialog->findChild<QLabel*>(QLatin1String(name));
        QVERIFY2(label && label->buddy(), name);
    }
}

QTEST_MAIN(TestConnectionDialog)
#include "TestConnectionDialog.moc"
