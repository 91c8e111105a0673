// Drives the migrations panel as a person does, inside the main window while its pages are
// browsed, and on the PostgreSQL and MariaDB servers. The panel alone on a SQLite file is in
// TestMigrationsPanel.
#include <QApplication>
#include <QClipboard>
#include <QDeadlineTimer>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <functional>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/MigrationLock.h"
#include "migrations/schema/FlaskMigrateFilter.h"
#include "models/browse/BlogTableModel.h"
#include "models/connection/Database.h"
#include "tests/support/DialogAnswerer.h"
#include "tests/support/FlaskApp.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/ui/MigrationsPanelFixture.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"
#include "views/migrations/MigrationsPanel.h"

using namespace TestSupport;

class TestMigrationsPanelWindow : public QObject, private MigrationsPanelFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeAll(); }
    void windowOpensPanelWhenBehind();
    void windowMigratesAndRestoresWhileBrowsing();
    void serverUpgradeAndDowngrade_data();
    void serverUpgradeAndDowngrade();
    void mysqlHalfAppliedRevisionOffersChoices();
};

void TestMigrationsPanelWindow::windowOpensPanelWhenBehind()
{
    QVERIFY(upgradeTo(1));
    MainWindow window(m_temp->db(), DatabaseUrl::forSqliteFile(m_temp->path()));
    TestSupport::testModelsOf(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("migrationsDock"));
    QTRY_VERIFY_WITH_TIMEOUT(dock->isVisible(), JobTimeoutMs);
    auto* revision = window.findChild<QToolButton*>(QStringLiteral("revisionButton"));
    QVERIFY2(revision->text().contains(QLatin1String("head is e83b4f6a1c2")),
             qPrintable(revision->text()));
    dock->hide();
    QTest::mouseClick(revision, Qt::LeftButton);
    QVERIFY(dock->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window.migrationsPanel()->isBusy(), JobTimeoutMs);
}

// The window shows a page of 406 users (more than Qt fetches at once): the migration and the
// restore on the panel's own connection get SQLite's write lock, since the page was read
// whole and left no statement open, and the pages show the new state afterwards.
void TestMigrationsPanelWindow::windowMigratesAndRestoresWhileBrowsing()
{
    QVERIFY(upgradeTo(1));
    QVERIFY(QSqlQuery(m_temp->db())
                .exec(QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 406) "
                    "INSERT INTO users (username, email, password_hash, is_active, created_at) "
                    "SELECT 'user' || i, 'user' || i || '@example.com', 'x', 1, "
                    "'2024-01-01 00:00:00.000000' FROM n")));
    MainWindow window(m_temp->db(), DatabaseUrl::forSqliteFile(m_temp->path()));
    TestSupport::testModelsOf(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_active = window.migrationsPanel();
    QVERIFY(waitIdle());
    BlogTableModel* users = window.page(QStringLiteral("users"))->model();
    QTRY_COMPARE(users->rowCount(), 406); // read on the page's reader once shown
    QVERIFY(!users->canFetchMore());
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions().size(), 5);
    QTRY_VERIFY(window.page(QStringLiteral("users"))->isEnabled());

    auto* backups = m_active->findChild<QListWidget*>(QStringLiteral("backupList"));
    QCOMPARE(backups->count(), 1);
    backups->setCurrentRow(0);
    QVERIFY(clickThrough(
        "restoreBackupButton",
        {{QStringLiteral("restoreConfirmation"), QStringLiteral("confirmRestoreButton"), {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QToolButton*>(QStringLiteral("revisionButton"))
                                 ->text()
                                 .contains(QLatin1String("head is e83b4f6a1c2")),
                             JobTimeoutMs);
    QCOMPARE(window.page(QStringLiteral("users"))->model()->totalRowCount(), 406);
}

void TestMigrationsPanelWindow::serverUpgradeAndDowngrade_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

// The same clicks on a server: no backup there, and the second question says so.
void TestMigrationsPanelWindow::serverUpgradeAndDowngrade()
{
    QFETCH(QString, backend);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    QString error;
    auto server = TestServers::ServerDatabase::create(dialect, QStringLiteral("server"), &error);
    QVERIFY2(server, qPrintable(error));
    MigrationHistory history;
    QVERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    {
        MigrationEngine engine(server->db(), history);
        MigrationError migrationError;
        QVERIFY2(engine.refresh(&error), qPrintable(error));
        QVERIFY2(engine.upgrade(1, &migrationError), qPrintable(migrationError.text()));
    }
    QSqlQuery query(server->db());
    QVERIFY2(query.exec(QStringLiteral(
                 "INSERT INTO users (username, email, password_hash, is_active, created_at) "
                 "VALUES ('ada', 'ada@example.com', 'x', TRUE, '2024-01-01 00:00:00')")),
             qPrintable(query.lastError().text()));
    QVERIFY(query.exec(
        QStringLiteral("INSERT INTO profiles (bio, user_id) SELECT 'Analyst', id FROM users")));
    QVERIFY(openPanelOn(server->url()));
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    const auto applied = [&] {
        return column(server->db(),
                      QStringLiteral("SELECT revision FROM blogdesk_migrations ORDER BY revision"));
    };
    QCOMPARE(applied().size(), 5);
    QVERIFY(!m_active->findChild<QWidget*>(QStringLiteral("backupList"))->isVisibleTo(m_active));

    // The live schema on the server reads as exactly what head describes.
    QTest::mouseClick(panelButton("schemaButton"), Qt::LeftButton);
    QVERIFY(waitIdle());
    auto* view = m_active->findChild<QWidget*>(QStringLiteral("schemaView"));
    QTRY_VERIFY(view->isVisible());
    auto* differences = view->findChild<QListWidget*>(QStringLiteral("schemaDifferences"));
    QVERIFY2(differences->count() == 0,
             qPrintable(differences->count() ? differences->item(0)->text() : QString()));
    view->close();

    // Without BlogDesk's history table the schema is adopted as head, by comparison.
    QVERIFY(query.exec(QStringLiteral("DROP TABLE blogdesk_migrations")));
    m_active->refresh();
    QVERIFY(waitIdle());
    QVERIFY(clickThrough(
        "adoptButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QCOMPARE(applied().size(), 5);

    QVERIFY(selectRevision(QStringLiteral("5678abcd")));
    QString warning;
    QVERIFY(clickThrough(
        "downgradeSelectedButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}},
         {QStringLiteral("destructiveConfirmation"), QStringLiteral("confirmDestructiveButton"),
          [&](QWidget* box) {
              warning = static_cast<QMessageBox*>(box)->text();
          }}}));
    QVERIFY2(warning.contains(QLatin1String("profiles")) &&
                 warning.contains(QLatin1String("no backup")),
             qPrintable(warning));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(applied(), QStringList{QStringLiteral("5678abcd")});
    QVERIFY(!server->db().tables().contains(QStringLiteral("profiles")));
    m_panel.reset();
}

// MySQL commits each CREATE TABLE at once: the panel says what stayed and "Mark applied"
// records the revision, after which the history moves on as usual.
void TestMigrationsPanelWindow::mysqlHalfAppliedRevisionOffersChoices()
{
    BLOGDESK_REQUIRE_SERVER(SqlDialect::MySQL);
    QString error;
    auto server =
        TestServers::ServerDatabase::create(SqlDialect::MySQL, QStringLiteral("server"), &error);
    QVERIFY2(server, qPrintable(error));
    const QTemporaryDir folder;
    QVERIFY(copyBuiltInMigrations(folder.path()));
    QFile broken(folder.filePath(QStringLiteral("0004_break_on_purpose.sql")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(BrokenRevision);
    broken.close();
    MigrationHistory history;
    QVERIFY2(history.load(folder.path(), &error), qPrintable(error));
    {
        MigrationEngine engine(server->db(), history);
        MigrationError migrationError;
        QVERIFY2(engine.refresh(&error), qPrintable(error));
        QVERIFY2(engine.upgrade(2, &migrationError), qPrintable(migrationError.text()));
    }
    QVERIFY(openPanelOn(server->url()));
    m_panel->setMigrationsFolder(folder.path());
    QVERIFY(waitIdle());
    QString details;
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}},
         {QStringLiteral("partialMigration"), QStringLiteral("markAppliedButton"),
          [&](QWidget* box) {
              details = static_cast<QMessageBox*>(box)->detailedText();
          }}}));
    QVERIFY2(details.contains(QLatin1String("CREATE TABLE scratch_notes")), qPrintable(details));
    QVERIFY(server->db().tables().contains(QStringLiteral("scratch_notes")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_active->isBusy(), JobTimeoutMs);
    QCOMPARE(column(server->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations "
                                                 "WHERE revision = 'c0ffee000001'")),
             QStringList{QStringLiteral("c0ffee000001")});
    m_panel.reset();
}

QTEST_MAIN(TestMigrationsPanelWindow)
#include "TestMigrationsPanelWindow.moc"
