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
#include "views/MainWindow.h"
#include "views/connection/ConnectionDialog.h"
#include "views/connection/WindowOpener.h"
#include "views/migrations/MigrationsPanel.h"

using TestSupport::ModalAnswer;
using TestSupport::button;
using TestSupport::edit;
using TestSupport::labelText;
using TestSupport::retype;
using TestSupport::triggerAction;

namespace {

// How long a test against a host that never answers may take: the connect timeout plus
// slack for a loaded machine.
constexpr qint64 TimeoutBudgetMs = 8000;

DatabaseUrl parsed(const QString& text)
{
    DatabaseUrl url;
    QString error;
    if (!DatabaseUrl::parse(text, &url, &error)) {
        qWarning("cannot parse %s: %s", qPrintable(text), qPrintable(error));
    }
    return url;
}

QString fileText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// A local port nothing listens on: tcpmux, a service no machine runs any more.
int closedPort()
{
    return 1;
}

// A local port where a server listens but never says a word: the kernel completes the TCP
// handshake, nobody accepts. The deterministic stand-in for a server that hangs.
class SilentServer
{
public:
    SilentServer()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        auto* generic = reinterpret_cast<sockaddr*>(&address);
        if (m_socket < 0 || ::bind(m_socket, generic, length) != 0 || ::listen(m_socket, 16) != 0 ||
            ::getsockname(m_socket, generic, &length) != 0) {
            qWarning("cannot listen on a local port");
            return;
        }
        m_port = ntohs(address.sin_port);
    }
    ~SilentServer()
    {
        if (m_socket >= 0) {
            ::close(m_socket);
        }
    }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;

    int port() const { return m_port; }

private:
    int m_socket = -1;
    int m_port = 0;
};

// `serverUrl` with its password replaced (or its user, for a server that trusts every
// password).
QString withCredentials(const QString& serverUrl, const QString* user, const QString& password)
{
    ConnectionFields fields = ConnectionFields::fromUrl(parsed(serverUrl));
    if (user) {
        fields.userName = *user;
    }
    fields.password = password;
    return fields.toUrlText(true);
}

// Measures the longest gap between ticks of a 20 ms timer: a frozen event loop shows as a
// long gap.
class Responsiveness
{
public:
    Responsiveness()
    {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout,
                         [this] { m_longestGapMs = qMax(m_longestGapMs, m_sinceTick.restart()); });
        m_sinceTick.start();
        m_timer.start();
    }
    qint64 longestGapMs() const { return m_longestGapMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longestGapMs = 0;
};

// A sample blog in a temporary file, open as `connectionName`.
std::unique_ptr<TempDatabase> sampleDatabase(const QString& connectionName)
{
    auto temp = std::make_unique<TempDatabase>(connectionName);
    MigrationHistory history;
    QString error;
    QString summary;
    if (!temp->isOpen() || !history.loadBuiltIn(&error) ||
        !DefaultDatabase::prepare(temp->db(), history, &summary, &error)) {
        qWarning("cannot prepare a sample database: %s", qPrintable(error));
        return nullptr;
    }
    return temp;
}

QList<MainWindow*> visibleMainWindows()
{
    QList<MainWindow*> windows;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* window = qobject_cast<MainWindow*>(widget); window && window->isVisible()) {
            windows.append(window);
        }
    }
    return windows;
}

// The connections WindowOpener opened for its windows and has not closed yet.
QStringList openerConnections()
{
    return QSqlDatabase::connectionNames().filter(QStringLiteral("blogdesk-window-"));
}

} // namespace

class TestConnectionDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

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
    void classifiesDriverErrors_data();
    void classifiesDriverErrors();
    void mariadbErrno115IsToldApartByTime();
    void testsSqliteFile();
    void missingSqliteFileIsNotCreated();
    void rightPasswordConnects_data();
    void rightPasswordConnects();
    void wrongPasswordIsExplained_data();
    void wrongPasswordIsExplained();
    void unreachableHostAnswersInTime_data();
    void unreachableHostAnswersInTime();
    void openInNewWindowOpensSecondWindow();
    void openReplacesTheWindow();
    void openServerDatabaseInNewWindow_data();
    void openServerDatabaseInNewWindow();

private:
    ConnectionDialog* makeDialog();
    ProbeResult runTest(ConnectionDialog& dialog, qint64* elapsedMs = nullptr,
                        qint64* longestGapMs = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConnectionProfiles> m_profiles;
    std::unique_ptr<MemoryPasswordStore> m_passwords;
    std::unique_ptr<ConnectionDialog> m_dialog;
    std::unique_ptr<SilentServer> m_silentServer = std::make_unique<SilentServer>();
};

void TestConnectionDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestConnectionDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_profiles = std::make_unique<ConnectionProfiles>(m_dir->filePath(QStringLiteral("c.ini")));
    m_passwords = std::make_unique<MemoryPasswordStore>();
    WindowOpener::useStores(m_profiles.get(), m_passwords.get());
}

void TestConnectionDialog::cleanup()
{
    m_dialog.reset();
    for (MainWindow* window : visibleMainWindows()) {
        window->close();
    }
    // The windows the opener made delete themselves on close, then close their connections.
    QTRY_VERIFY(openerConnections().isEmpty());
    WindowOpener::useStores(nullptr, nullptr);
    m_profiles.reset();
    m_passwords.reset();
    m_dir.reset();
}

ConnectionDialog* TestConnectionDialog::makeDialog()
{
    m_dialog = std::make_unique<ConnectionDialog>(m_profiles.get(), m_passwords.get());
    m_dialog->show();
    if (!QTest::qWaitForWindowExposed(m_dialog.get())) {
        qWarning("dialog not exposed");
    }
    return m_dialog.get();
}

// Clicks Test Connection and waits for its answer, keeping the event loop running meanwhile.
ProbeResult TestConnectionDialog::runTest(ConnectionDialog& dialog, qint64* elapsedMs,
                                          qint64* longestGapMs)
{
    Responsiveness responsiveness;
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(button(dialog, "testButton"), Qt::LeftButton);
    if (!dialog.isTesting()) {
        qWarning("the test did not start: %s",
                 qPrintable(dialog.findChild<QLabel*>("testResultLabel")->text()));
    }
    if (!QTest::qWaitFor([&dialog] { return !dialog.isTesting(); },
                         ConnectionProbe::AnswerDeadlineMs + 2000)) {
        qWarning("the test never finished");
    }
    if (elapsedMs) {
        *elapsedMs = clock.elapsed();
    }
    if (longestGapMs) {
        *longestGapMs = responsiveness.longestGapMs();
    }
    return dialog.lastResult();
}

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

// --- testing connections ----------------------------------------------------------------------

void TestConnectionDialog::classifiesDriverErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("driverText");
    QTest::addColumn<int>("outcome");
    const QString pg = QStringLiteral("postgresql://bob:x@db.example.com/blog");
    const QString my = QStringLiteral("mysql://bob:x@db.example.com/blog");
    QTest::newRow("pg password")
        << pg
        << "cannot open bob@db/blog: connection to server at \"10.0.0.5\", port 5432 failed: "
           "FATAL:  password authentication failed for user \"bob\"\nQPSQL: Unable to connect"
        << int(ProbeResult::WrongPassword);
    QTest::newRow("pg no password")
        << pg << "fe_sendauth: no password supplied" << int(ProbeResult::PasswordRequired);
    QTest::newRow("pg role") << pg << "FATAL:  role \"bob\" does not exist"
                             << int(ProbeResult::WrongPassword);
    QTest::newRow("pg database") << pg << "FATAL:  database \"blog\" does not exist"
                                 << int(ProbeResult::MissingDatabase);
    QTest::newRow("pg host")
        << pg
        << "could not translate host name \"db.example.com\" to address: Name or service "
           "not known"
        << int(ProbeResult::UnknownHost);
    QTest::newRow("pg refused") << pg
                                << "connection to server at \"127.0.0.1\", port 1 failed: "
                                   "Connection refused\n\tIs the server running on that host?"
                                << int(ProbeResult::Refused);
    QTest::newRow("pg timeout") << pg
                                << "connection to server at \"10.255.255.1\", port 5432 "
                                   "failed: timeout expired"
                                << int(ProbeResult::Timeout);
    QTest::newRow("my password") << my
                                 << "Access denied for user 'bob'@'10.0.0.7' (using password: "
                                    "YES) QMYSQL: Unable to connect"
                                 << int(ProbeResult::WrongPassword);
    QTest::newRow("my no password")
        << my << "Access denied for user 'bob'@'localhost' (using password: NO)"
        << int(ProbeResult::PasswordRequired);
    QTest::newRow("my database") << my << "Unknown database 'blog' QMYSQL: Unable to connect"
                                 << int(ProbeResult::MissingDatabase);
    QTest::newRow("my no access") << my << "Access denied for user 'bob'@'%' to database 'blog'"
                                  << int(ProbeResult::MissingDatabase);
    QTest::newRow("my host") << my << "Unknown server host 'db.example.com' (-2)"
                             << int(ProbeResult::UnknownHost);
    QTest::newRow("my refused") << my
                                << "Can't connect to server on '127.0.0.1' (111 \"Connection "
                                   "refused\")"
                                << int(ProbeResult::Refused);
    QTest::newRow("my silent") << my
                               << "Lost connection to server at 'handshake: reading initial "
                                  "communication packet', system error: 110"
                               << int(ProbeResult::Timeout);
    QTest::newRow("pg web server") << pg
                                   << "connection to server at \"10.0.0.5\", port 5432 failed: "
                                      "received invalid response to SSL negotiation: H"
                                   << int(ProbeResult::NotADatabaseServer);
    QTest::newRow("my no route") << my
                                 << "Can't connect to server on '10.1.1.1' (113 \"No route to "
                                    "host\")"
                                 << int(ProbeResult::Unreachable);
    QTest::newRow("other") << my << "Something unexpected" << int(ProbeResult::Failed);
}

void TestConnectionDialog::classifiesDriverErrors()
{
    QFETCH(QString, url);
    QFETCH(QString, driverText);
    QFETCH(int, outcome);
    const ProbeResult result = ConnectionProbe::classify(parsed(url), driverText);
    QCOMPARE(int(result.outcome), outcome);
    QVERIFY(!result.message.isEmpty());
    QVERIFY(!result.message.contains(QLatin1Char('\n')));
    QCOMPARE(result.detail, driverText);
}

// MariaDB's client reports errno 115 for a refused and for a timed-out connect alike.
void TestConnectionDialog::mariadbErrno115IsToldApartByTime()
{
    const DatabaseUrl url = parsed(QStringLiteral("mysql://bob@10.0.0.5/blog"));
    const QString text = QStringLiteral("Can't connect to server on '10.0.0.5' (115)");
    QCOMPARE(int(ConnectionProbe::classify(url, text, 30).outcome), int(ProbeResult::Refused));
    QCOMPARE(int(ConnectionProbe::classify(url, text, 5002).outcome), int(ProbeResult::Timeout));
}

void TestConnectionDialog::testsSqliteFile()
{
    std::unique_ptr<TempDatabase> temp;
    TestSupport::openSampleDatabase(temp);
    ConnectionDialog* dialog = makeDialog();
    retype(edit(*dialog, "urlEdit"), temp->url());
    const ProbeResult result = runTest(*dialog);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY2(result.message.contains(QLatin1String("blog database")), qPrintable(result.message));
    QCOMPARE(dialog->findChild<QLabel*>("testResultLabel")->text(), result.message);

    // A file that is not a database says so.
    const QString notDatabase = m_dir->filePath(QStringLiteral("notes.db"));
    QFile file(notDatabase);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    retype(edit(*dialog, "urlEdit"), QStringLiteral("sqlite:///") + notDatabase);
    const ProbeResult bad = runTest(*dialog);
    QCOMPARE(int(bad.outcome), int(ProbeResult::NotADatabase));
    QVERIFY2(bad.message.contains(QLatin1String("not a SQLite database")), qPrintable(bad.message));
}

void TestConnectionDialog::missingSqliteFileIsNotCreated()
{
    const QString path = m_dir->filePath(QStringLiteral("new/blog.db"));
    ConnectionDialog* dialog = makeDialog();
    retype(edit(*dialog, "urlEdit"), QStringLiteral("sqlite:///") + path);
    const ProbeResult result = runTest(*dialog);
    QCOMPARE(int(result.outcome), int(ProbeResult::MissingDatabase));
    QVERIFY(!QFile::exists(path));
    // Open asks before it creates the file; Cancel keeps the dialog and what was typed.
    {
        const ModalAnswer cancel(QStringLiteral("createDatabaseBox"),
                                 QStringLiteral("cancelCreateButton"));
        QTest::mouseClick(button(*dialog, "openButton"), Qt::LeftButton);
        QTRY_VERIFY(cancel.answered());
    }
    QTRY_VERIFY(!dialog->isTesting());
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QCOMPARE(edit(*dialog, "urlEdit")->text(), QStringLiteral("sqlite:///") + path);
    QVERIFY2(labelText(*dialog, "testResultLabel").contains(QLatin1String("Nothing was created")),
             qPrintable(labelText(*dialog, "testResultLabel")));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("new"))));
    {
        const ModalAnswer create(QStringLiteral("createDatabaseBox"),
                                 QStringLiteral("createDatabaseButton"));
        QTest::mouseClick(button(*dialog, "openButton"), Qt::LeftButton);
        QTRY_VERIFY(create.answered());
    }
    QTRY_COMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(dialog->chosenUrl().database(), path);
    QVERIFY(!QFile::exists(path)); // the window opener creates it, not the dialog
}

void TestConnectionDialog::rightPasswordConnects_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

void TestConnectionDialog::rightPasswordConnects()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    ConnectionDialog* dialog = makeDialog();
    dialog->setUrl(parsed(TestServers::url(dialect)));
    qint64 elapsed = 0;
    const ProbeResult result = runTest(*dialog, &elapsed);
    QVERIFY2(result.ok(), qPrintable(result.message + QLatin1Char(' ') + result.detail));
    QVERIFY2(result.message.startsWith(QLatin1String("Connected")), qPrintable(result.message));
    QVERIFY(elapsed < TimeoutBudgetMs);
}

void TestConnectionDialog::wrongPasswordIsExplained_data()
{
    rightPasswordConnects_data();
}

// The throwaway PostgreSQL server trusts every password, so there the wrong credential is an
// unknown user, which a password-checking server reports the same way.
void TestConnectionDialog::wrongPasswordIsExplained()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    const QString unknownUser = QStringLiteral("blogdesk_nobody");
    const QString url =
        dialect == SqlDialect::PostgreSQL
            ? withCredentials(TestServers::url(dialect), &unknownUser, QStringLiteral("wrong"))
            : withCredentials(TestServers::url(dialect), nullptr, QStringLiteral("wrong-pw"));
    ConnectionDialog* dialog = makeDialog();
    dialog->setUrl(parsed(url));
    qint64 elapsed = 0;
    const ProbeResult result = runTest(*dialog, &elapsed);
    QCOMPARE(int(result.outcome), int(ProbeResult::WrongPassword));
    QVERIFY2(result.message.startsWith(QLatin1String("Wrong user name or password")),
             qPrintable(result.message));
    QVERIFY(!result.message.contains(QLatin1String("wrong-pw")));
    QCOMPARE(dialog->findChild<QLabel*>("testResultLabel")->text(), result.message);
    QVERIFY(!result.message.contains(QLatin1Char('\n')));
    QVERIFY(edit(*dialog, "passwordEdit")->hasFocus());
    QVERIFY(elapsed < TimeoutBudgetMs);
    // The driver's whole text is behind Details: the box says the one line and has it.
    QPushButton* details = button(*dialog, "testDetailsButton");
    QVERIFY(details->isVisible());
    QString boxText;
    QString boxDetails;
    QTimer::singleShot(0, dialog, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box && box->objectName() == QLatin1String("failureBox")) {
            boxText = box->text();
            boxDetails = box->detailedText();
            box->accept();
        }
    });
    QTest::mouseClick(details, Qt::LeftButton);
    QCOMPARE(boxText, result.message);
    QVERIFY2(boxDetails.contains(QLatin1String("Unable to connect")), qPrintable(boxDetails));
    // Open refuses the same way and keeps the dialog open.
    QTest::mouseClick(button(*dialog, "openButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isTesting(), int(TimeoutBudgetMs));
    QVERIFY(dialog->isVisible());
    QCOMPARE(int(dialog->lastResult().outcome), int(ProbeResult::WrongPassword));
}

void TestConnectionDialog::unreachableHostAnswersInTime_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QList<int>>("outcomes");
    const QString port = QString::number(closedPort());
    const int silentPort = m_silentServer->port();
    const QList<int> refused{int(ProbeResult::Refused)};
    const QList<int> timeout{int(ProbeResult::Timeout)};
    // Whether a blackholed address times out or is reported unreachable depends on the
    // network the tests run on (behind a transparent proxy something even answers); each
    // is a clear answer, and what matters is that it comes in time.
    const QList<int> silent{int(ProbeResult::Timeout), int(ProbeResult::Unreachable),
                            int(ProbeResult::NotADatabaseServer)};
    QTest::newRow("postgresql closed port")
        << QStringLiteral("postgresql://blogdesk:pw@127.0.0.1:%1/blog").arg(port) << refused;
    QTest::newRow("mysql closed port")
        << QStringLiteral("mysql://blogdesk:pw@127.0.0.1:%1/blog").arg(port) << refused;
    // .invalid never resolves; a machine whose resolver does not answer at all gets the
    // deadline instead.
    const QList<int> unknown{int(ProbeResult::UnknownHost), int(ProbeResult::Timeout)};
    QTest::newRow("postgresql unknown host")
        << QStringLiteral("postgresql://blogdesk:pw@no-such-host.invalid/blog") << unknown;
    QTest::newRow("mysql unknown host")
        << QStringLiteral("mysql://blogdesk:pw@no-such-host.invalid/blog") << unknown;
    QTest::newRow("postgresql silent server")
        << QStringLiteral("postgresql://blogdesk:pw@127.0.0.1:%1/blog").arg(silentPort) << timeout;
    QTest::newRow("mysql silent server")
        << QStringLiteral("mysql://blogdesk:pw@127.0.0.1:%1/blog").arg(silentPort) << timeout;
    QTest::newRow("postgresql blackhole")
        << QStringLiteral("postgresql://blogdesk:pw@10.255.255.1/blog") << silent;
    QTest::newRow("mysql blackhole")
        << QStringLiteral("mysql://blogdesk:pw@10.255.255.1/blog") << silent;
    QTest::newRow("postgresql long timeout is capped")
        << QStringLiteral("postgresql://blogdesk:pw@10.255.255.1/blog?connect_timeout=60")
        << silent;
}

void TestConnectionDialog::unreachableHostAnswersInTime()
{
    QFETCH(QString, url);
    QFETCH(QList<int>, outcomes);
    ConnectionDialog* dialog = makeDialog();
    dialog->setUrl(parsed(url));
    qint64 elapsed = 0;
    qint64 longestGap = 0;
    const ProbeResult result = runTest(*dialog, &elapsed, &longestGap);
    QVERIFY2(outcomes.contains(int(result.outcome)),
             qPrintable(QStringLiteral("%1 (%2)").arg(result.message, result.detail)));
    QVERIFY2(elapsed <= TimeoutBudgetMs, qPrintable(QString::number(elapsed)));
    // The form kept answering while it waited.
    QVERIFY2(longestGap < 1000, qPrintable(QString::number(longestGap)));
    QCOMPARE(dialog->findChild<QLabel*>("testResultLabel")->text(), result.message);
    QVERIFY(button(*dialog, "testButton")->isEnabled());
}

// --- opening windows --------------------------------------------------------------------------

void TestConnectionDialog::openInNewWindowOpensSecondWindow()
{
    std::unique_ptr<TempDatabase> first = sampleDatabase(QStringLiteral("first"));
    std::unique_ptr<TempDatabase> secondDatabase = sampleDatabase(QStringLiteral("second"));
    QVERIFY(first && secondDatabase);
    TempDatabase& second = *secondDatabase;
    const DatabaseUrl firstUrl = parsed(first->url());
    auto* window = new MainWindow(first->db(), firstUrl);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    auto* action = window->findChild<QAction*>(QStringLiteral("actionOpenDatabase"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Open));
    QVERIFY(triggerAction(*window, "actionOpenDatabase"));
    auto* dialog = window->findChild<ConnectionDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    // The window's own database is listed as recent.
    QCOMPARE(m_profiles->recentDatabases().value(0), firstUrl);
    retype(edit(*dialog, "urlEdit"), second.url());
    QTest::mouseClick(button(*dialog, "openNewWindowButton"), Qt::LeftButton);
    QTRY_COMPARE(visibleMainWindows().size(), 2);
    MainWindow* opened = nullptr;
    for (MainWindow* candidate : visibleMainWindows()) {
        if (candidate != window) {
            opened = candidate;
        }
    }
    QVERIFY(opened);
    QVERIFY(window->isVisible());
    QVERIFY2(opened->findChild<QLabel*>("databaseLabel")->text().contains(second.path()),
             qPrintable(opened->findChild<QLabel*>("databaseLabel")->text()));
    QCOMPARE(m_profiles->recentDatabases().value(0), parsed(second.url()));

    // The new window owns its connection and closes it with itself.
    const QStringList before = QSqlDatabase::connectionNames();
    QPointer<MainWindow> guard(opened);
    opened->close();
    QTRY_VERIFY(!guard);
    QTRY_COMPARE(QSqlDatabase::connectionNames().size(), before.size() - 1);
    QPointer<MainWindow> firstGuard(window);
    window->close();
    QTRY_VERIFY(!firstGuard); // before its database goes
}

void TestConnectionDialog::openReplacesTheWindow()
{
    std::unique_ptr<TempDatabase> first;
    TestSupport::openSampleDatabase(first);
    QPointer<MainWindow> window = new MainWindow(first->db(), parsed(first->url()));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    ConnectionDialog* dialog = WindowOpener::showConnectionDialog(window, parsed(first->url()));
    const QString path = m_dir->filePath(QStringLiteral("fresh.db"));
    retype(edit(*dialog, "urlEdit"), QStringLiteral("sqlite:///") + path);
    const ModalAnswer create(QStringLiteral("createDatabaseBox"),
                             QStringLiteral("createDatabaseButton"));
    QTest::mouseClick(button(*dialog, "openButton"), Qt::LeftButton);
    QTRY_VERIFY(create.answered());
    QTRY_VERIFY(!window);
    QCOMPARE(visibleMainWindows().size(), 1);
    QVERIFY(QFile::exists(path));
    MainWindow* opened = visibleMainWindows().first();
    QVERIFY(opened->windowTitle().contains(QLatin1String("fresh.db")));
    // A new database is not migrated behind the user's back: the panel offers the upgrade.
    QTRY_VERIFY(opened->migrationsPanel()->isVisible());
}

void TestConnectionDialog::openServerDatabaseInNewWindow_data()
{
    rightPasswordConnects_data();
}

// From a window on SQLite to a second window on a server, password typed in the form.
void TestConnectionDialog::openServerDatabaseInNewWindow()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString error;
    auto server = TestServers::ServerDatabase::create(dialect, QStringLiteral("server"), &error);
    QVERIFY2(server, qPrintable(error));
    MigrationHistory history;
    QString summary;
    QVERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    QVERIFY2(DefaultDatabase::prepare(server->db(), history, &summary, &error), qPrintable(error));
    std::unique_ptr<TempDatabase> first = sampleDatabase(QStringLiteral("first"));
    QVERIFY(first);
    QPointer<MainWindow> window = new MainWindow(first->db(), parsed(first->url()));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    ConnectionDialog* dialog = WindowOpener::showConnectionDialog(window, parsed(first->url()));
    const DatabaseUrl serverUrl = parsed(server->url());
    retype(edit(*dialog, "urlEdit"), ConnectionUrls::withoutPassword(serverUrl).toString(false));
    retype(edit(*dialog, "passwordEdit"), serverUrl.password());
    QTest::mouseClick(button(*dialog, "openNewWindowButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(visibleMainWindows().size(), 2, int(TimeoutBudgetMs));
    MainWindow* opened = visibleMainWindows().first() == window ? visibleMainWindows().last()
                                                                : visibleMainWindows().first();
    QVERIFY(opened->windowTitle().contains(server->name()));
    QVERIFY(window->isVisible());
    QVERIFY(!fileText(m_profiles->settingsPath()).contains(QLatin1String("password=")));

    QPointer<MainWindow> openedGuard(opened);
    opened->close();
    window->close();
    QTRY_VERIFY(!openedGuard && !window); // both gone before their databases
}

QTEST_MAIN(TestConnectionDialog)
#include "TestConnectionDialog.moc"
