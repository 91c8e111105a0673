// The connection dialog's Test connection (right and wrong password, closed port, unknown host,
// a server that never answers: all within seconds) and its Open and Open in New Window. URL,
// fields and profiles are in TestConnectionDialog.
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
#include "tests/support/WindowSupport.h"
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

namespace {

// How long a test against a host that never answers may take: the connect timeout plus
// slack for a loaded machine.
constexpr qint64 TimeoutBudgetMs = 8000;

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
    ConnectionFields fields = ConnectionFields::fromUrl(ConnectionDialogFixture::parsed(serverUrl));
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

} // namespace

class TestConnectionDialogConnect : public QObject, private ConnectionDialogFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { enterTestMode(); }
    void init() { QVERIFY(openStores()); }
    void cleanup() { QVERIFY(closeAll()); }

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
    ProbeResult runTest(ConnectionDialog& dialog, qint64* elapsedMs = nullptr,
                        qint64* longestGapMs = nullptr);

    std::unique_ptr<SilentServer> m_silentServer = std::make_unique<SilentServer>();
};

// Clicks Test Connection and waits for its answer, keeping the event loop running meanwhile.
ProbeResult TestConnectionDialogConnect::runTest(ConnectionDialog& dialog, qint64* elapsedMs,
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

// --- testing connections ----------------------------------------------------------------------

void TestConnectionDialogConnect::classifiesDriverErrors_data()
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

void TestConnectionDialogConnect::classifiesDriverErrors()
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
void TestConnectionDialogConnect::mariadbErrno115IsToldApartByTime()
{
    const DatabaseUrl url = parsed(QStringLiteral("mysql://bob@10.0.0.5/blog"));
    const QString text = QStringLiteral("Can't connect to server on '10.0.0.5' (115)");
    QCOMPARE(int(ConnectionProbe::classify(url, text, 30).outcome), int(ProbeResult::Refused));
    QCOMPARE(int(ConnectionProbe::classify(url, text, 5002).outcome), int(ProbeResult::Timeout));
}

void TestConnectionDialogConnect::testsSqliteFile()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
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

void TestConnectionDialogConnect::missingSqliteFileIsNotCreated()
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

void TestConnectionDialogConnect::rightPasswordConnects_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

void TestConnectionDialogConnect::rightPasswordConnects()
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

void TestConnectionDialogConnect::wrongPasswordIsExplained_data()
{
    rightPasswordConnects_data();
}

// The throwaway PostgreSQL server trusts every password, so there the wrong credential is an
// unknown user, which a password-checking server reports the same way.
void TestConnectionDialogConnect::wrongPasswordIsExplained()
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

void TestConnectionDialogConnect::unreachableHostAnswersInTime_data()
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

void TestConnectionDialogConnect::unreachableHostAnswersInTime()
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

void TestConnectionDialogConnect::openInNewWindowOpensSecondWindow()
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
    QVERIFY(WindowSupport::waitUntilIdle(*window)); // its readers have opened
    QStringList beforeOpening = QSqlDatabase::connectionNames();
    beforeOpening.sort();
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

    // The new window owns its connections (its own and its readers', which open as its pages
    // read) and closes them with itself.
    QVERIFY(WindowSupport::waitUntilIdle(*opened));
    QVERIFY(QSqlDatabase::connectionNames().size() > beforeOpening.size());
    QPointer<MainWindow> guard(opened);
    opened->close();
    QTRY_VERIFY(!guard);
    const auto namesNow = [] {
        QStringList names = QSqlDatabase::connectionNames();
        names.sort();
        return names;
    };
    QTRY_COMPARE(namesNow(), beforeOpening);
    QPointer<MainWindow> firstGuard(window);
    window->close();
    QTRY_VERIFY(!firstGuard); // before its database goes
}

void TestConnectionDialogConnect::openReplacesTheWindow()
{
    std::unique_ptr<TempDatabase> first;
    QVERIFY(TestSupport::openSampleDatabase(first));
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

void TestConnectionDialogConnect::openServerDatabaseInNewWindow_data()
{
    rightPasswordConnects_data();
}

// From a window on SQLite to a second window on a server, password typed in the form.
void TestConnectionDialogConnect::openServerDatabaseInNewWindow()
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

QTEST_MAIN(TestConnectionDialogConnect)
#include "TestConnectionDialogConnect.moc"
