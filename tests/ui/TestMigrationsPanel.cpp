// Drives the migrations panel as a person does: buttons, the preview and confirmation
// dialogs, and checks the SQLite file afterwards. The panel inside the main window and on the
// servers is in TestMigrationsPanelWindow.
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

namespace {

QString sqlOf(QWidget* preview)
{
    auto* sql = preview->findChild<QPlainTextEdit*>(QStringLiteral("sqlPreview"));
    return sql ? sql->toPlainText() : QString();
}

QString impactsOf(QWidget* preview)
{
    auto* list = preview->findChild<QListWidget*>(QStringLiteral("impactList"));
    QStringList lines;
    for (int i = 0; list && i < list->count(); ++i) {
        lines << list->item(i)->text();
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestMigrationsPanel : public QObject, private MigrationsPanelFixture
{
    Q_OBJECT

private slots:
    void init() { openDatabase(); }
    void cleanup() { closeAll(); }
    void oneBehindUpgradesWithPreviewAndBackup();
    void downgradeToChosenRevisionAsksTwiceForDataLoss();
    void cancelChangesNothing();
    void stampRecordsWithoutRunning();
    void failingRevisionStaysAtPrevious();
    void changedFileIsShownAndRefused();
    void brokenFileIsNamedAndNothingRuns();
    void backupRestoresTheFile();
    void lockRefusesSecondMigrator_data();
    void lockRefusesSecondMigrator();
    void adoptsGuideDatabase();
    void createAllDatabaseIsNotCalledEmpty();
    void refusesToAdoptDifferentSchema();
    void schemaViewShowsDrift();
    void newRevisionFileIsCreatedAndFollowed();
};

void TestMigrationsPanel::oneBehindUpgradesWithPreviewAndBackup()
{
    QVERIFY(upgradeTo(2));
    QSqlQuery(m_temp->db())
        .exec(QStringLiteral("INSERT INTO users (username, email, password_hash, is_active, "
                             "created_at) VALUES ('ada', 'ada@example.com', 'x', 1, "
                             "'2024-01-01 00:00:00.000000')"));
    QVERIFY(openPanel());
    auto* banner = m_panel->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(QLatin1String("behind")) &&
                 banner->text().contains(QLatin1String("e83b4f6a1c2")),
             qPrintable(banner->text()));
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    QCOMPARE(list->topLevelItemCount(), 6); // five revisions and <base>
    QCOMPARE(list->topLevelItem(0)->text(5), QStringLiteral("pending, head"));
    QCOMPARE(list->topLevelItem(1)->text(5), QStringLiteral("pending"));
    QCOMPARE(list->topLevelItem(2)->text(5), QStringLiteral("applied, current"));
    QVERIFY(m_panel->needsUpgrade());

    QString previewSql;
    QVERIFY(clickThrough("upgradeHeadButton",
                         {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"),
                           [&](QWidget* dialog) {
                               previewSql = sqlOf(dialog);
                           }}}));
    QVERIFY2(previewSql.contains(QLatin1String("CREATE VIRTUAL TABLE posts_fts")) &&
                 previewSql.contains(QLatin1String("c71e5a2d9f0")) &&
                 previewSql.contains(QLatin1String("e83b4f6a1c2")),
             qPrintable(previewSql));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions(),
             QStringList({QStringLiteral("5678abcd"), QStringLiteral("ae1027a6acf"),
                          QStringLiteral("bf2038b7def"), QStringLiteral("c71e5a2d9f0"),
                          QStringLiteral("e83b4f6a1c2")}));
    QCOMPARE(scalar(m_temp->db(), QStringLiteral("SELECT count(*) FROM users")).toInt(), 1);
    auto* backups = m_panel->findChild<QListWidget*>(QStringLiteral("backupList"));
    QCOMPARE(backups->count(), 1);
    QVERIFY2(backups->item(0)->text().contains(QLatin1String("bf2038b7def")),
             qPrintable(backups->item(0)->text()));
    QCOMPARE(list->topLevelItem(0)->text(5), QStringLiteral("applied, current, head"));
}

void TestMigrationsPanel::downgradeToChosenRevisionAsksTwiceForDataLoss()
{
    m_temp.reset();
    QVERIFY(openSampleDatabase(m_temp));
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("DELETE FROM profiles")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO profiles (bio, user_id) "
                                      "SELECT 'bio', id FROM users LIMIT 3")));
    QVERIFY(openPanel());
    QVERIFY(selectRevision(QStringLiteral("5678abcd")));
    QString impacts;
    QVERIFY(clickThrough("downgradeSelectedButton",
                         {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"),
                           [&](QWidget* dialog) {
                               impacts = impactsOf(dialog);
                           }},
                          {QStringLiteral("destructiveConfirmation"),
                           QStringLiteral("confirmDestructiveButton"),
                           {}}}));
    QVERIFY2(impacts.contains(QLatin1String("profiles")) && impacts.contains(QLatin1String("3")),
             qPrintable(impacts));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions(), QStringList{QStringLiteral("5678abcd")});
    QVERIFY(!m_temp->db().tables().contains(QStringLiteral("profiles")));
    QVERIFY(scalar(m_temp->db(), QStringLiteral("SELECT count(*) FROM posts")).toInt() > 0);
}

void TestMigrationsPanel::cancelChangesNothing()
{
    m_temp.reset();
    QVERIFY(openSampleDatabase(m_temp));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    QVERIFY(openPanel());
    QVERIFY(selectRevision(QStringLiteral("5678abcd")));
    {
        QVERIFY(clickThrough(
            "downgradeSelectedButton",
            {{QStringLiteral("migrationPreview"), QStringLiteral("cancelMigrationButton"), {}}}));
    }
    {
        // Past the preview, "Keep the data" at the second question still changes nothing.
        QVERIFY(clickThrough(
            "downgradeSelectedButton",
            {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}},
             {QStringLiteral("destructiveConfirmation"), QStringLiteral("keepDataButton"), {}}}));
    }
    QCOMPARE(appliedRevisions().size(), 5);
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
    QCOMPARE(m_panel->findChild<QListWidget*>(QStringLiteral("backupList"))->count(), 0);
}

void TestMigrationsPanel::stampRecordsWithoutRunning()
{
    QVERIFY(upgradeTo(0));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    QVERIFY(openPanel());
    QVERIFY(selectRevision(QStringLiteral("ae1027a6acf")));
    QString sql;
    QVERIFY(clickThrough("stampSelectedButton",
                         {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"),
                           [&](QWidget* dialog) {
                               sql = sqlOf(dialog);
                           }}}));
    QVERIFY2(sql.contains(QLatin1String("blogdesk_migrations")) &&
                 !sql.contains(QLatin1String("CREATE TABLE profiles")),
             qPrintable(sql));
    QCOMPARE(appliedRevisions(),
             QStringList({QStringLiteral("5678abcd"), QStringLiteral("ae1027a6acf")}));
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
    QVERIFY(scalar(m_temp->db(), QStringLiteral("SELECT duration_ms FROM blogdesk_migrations "
                                                "WHERE revision = 'ae1027a6acf'"))
                .isNull());
}

void TestMigrationsPanel::failingRevisionStaysAtPrevious()
{
    const QTemporaryDir folder;
    QVERIFY(copyBuiltInMigrations(folder.path()));
    QFile broken(folder.filePath(QStringLiteral("0004_break_on_purpose.sql")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(BrokenRevision);
    broken.close();
    QVERIFY(upgradeTo(2, folder.path()));
    QVERIFY(openPanel());
    m_panel->setMigrationsFolder(folder.path());
    QVERIFY(waitIdle());
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    const QString error = errorText();
    QVERIFY2(error.contains(QLatin1String("c0ffee000001")) &&
                 error.contains(QLatin1String("no_such_table")) &&
                 error.contains(QLatin1String("rolled back")),
             qPrintable(error));
    QCOMPARE(appliedRevisions().size(), 5);
    QVERIFY(!m_temp->db().tables().contains(QStringLiteral("scratch_notes")));
    auto* log = m_panel->findChild<QPlainTextEdit*>(QStringLiteral("migrationLog"));
    QVERIFY2(log->toPlainText().contains(QLatin1String("INSERT INTO no_such_table")),
             qPrintable(log->toPlainText()));
}

void TestMigrationsPanel::changedFileIsShownAndRefused()
{
    const QTemporaryDir folder;
    QVERIFY(copyBuiltInMigrations(folder.path()));
    QVERIFY(upgradeTo(1, folder.path()));
    QFile changed(folder.filePath(QStringLiteral("0002_add_user_profile_table.sql")));
    QVERIFY(changed.open(QIODevice::Append));
    changed.write("-- edited after it was applied\n");
    changed.close();
    QVERIFY(openPanel());
    m_panel->setMigrationsFolder(folder.path());
    QVERIFY(waitIdle());
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    QCOMPARE(list->topLevelItem(3)->text(1), QStringLiteral("ae1027a6acf"));
    QVERIFY2(list->topLevelItem(3)->text(5).contains(QLatin1String("changed since applied")),
             qPrintable(list->topLevelItem(3)->text(5)));
    QVERIFY(!panelButton("upgradeHeadButton")->isEnabled());
    auto* banner = m_panel->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(QLatin1String("refused")), qPrintable(banner->text()));
    // A direct call is refused like the button.
    m_panel->upgradeToHead();
    QCOMPARE(appliedRevisions().size(), 2);
}

void TestMigrationsPanel::brokenFileIsNamedAndNothingRuns()
{
    const QTemporaryDir folder;
    QVERIFY(copyBuiltInMigrations(folder.path()));
    QVERIFY(upgradeTo(1, folder.path()));
    QFile broken(folder.filePath(QStringLiteral("0004_broken.sql")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("-- revision: d00d00000001\n-- down_revision: e83b4f6a1c2\n"
                 "-- message: No sections\nCREATE TABLE oops (id INTEGER);\n");
    broken.close();
    QVERIFY(openPanel());
    m_panel->setMigrationsFolder(folder.path());
    QVERIFY(waitIdle());
    auto* banner = m_panel->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(QLatin1String("0004_broken.sql")), qPrintable(banner->text()));
    for (const char* name :
         {"upgradeHeadButton", "upgradeSelectedButton", "downgradeSelectedButton",
          "stampSelectedButton", "newRevisionButton"}) {
        QVERIFY2(!panelButton(name)->isEnabled(), name);
    }
    m_panel->upgradeToHead();
    QVERIFY(waitIdle());
    QCOMPARE(appliedRevisions().size(), 2);

    // Fixed on disk, the panel follows without a click.
    QVERIFY(broken.remove());
    QTRY_VERIFY_WITH_TIMEOUT(panelButton("upgradeHeadButton")->isEnabled(), JobTimeoutMs);
}

void TestMigrationsPanel::backupRestoresTheFile()
{
    QVERIFY(upgradeTo(1));
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral(
        "INSERT INTO users (username, email, password_hash, is_active, created_at) VALUES "
        "('grace', 'grace@example.com', 'x', 1, '2024-01-01 00:00:00.000000')")));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    QVERIFY(openPanel());
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QCOMPARE(appliedRevisions().size(), 5);
    QVERIFY(query.exec(QStringLiteral("DELETE FROM users")));

    auto* backups = m_panel->findChild<QListWidget*>(QStringLiteral("backupList"));
    QCOMPARE(backups->count(), 1);
    backups->setCurrentRow(0);
    QVERIFY(clickThrough(
        "restoreBackupButton",
        {{QStringLiteral("restoreConfirmation"), QStringLiteral("confirmRestoreButton"), {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions().size(), 2);
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
    QCOMPARE(column(m_temp->db(), QStringLiteral("SELECT username FROM users")),
             QStringList{QStringLiteral("grace")});
    // The state the restore replaced was kept too.
    QCOMPARE(backups->count(), 2);
}

void TestMigrationsPanel::lockRefusesSecondMigrator_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("holder"); // how the holder's phrase starts
    QTest::newRow("another window") << int(MigrationLock::Role::Window) << "BlogDesk process ";
    QTest::newRow("the command line")
        << int(MigrationLock::Role::CommandLine) << "the BlogDesk command line, process ";
}

// The holder is named with process, host and since when, and whether it is the command line.
void TestMigrationsPanel::lockRefusesSecondMigrator()
{
    QFETCH(int, role);
    QFETCH(QString, holder);
    QVERIFY(upgradeTo(1));
    QVERIFY(openPanel());
    QSqlDatabase other;
    QString error;
    QVERIFY2(Database::open(DatabaseUrl::forSqliteFile(m_temp->path()),
                            QStringLiteral("other-migrator"), &other, &error),
             qPrintable(error));
    {
        MigrationLock lock(other, MigrationLock::Role(role));
        QString ignored;
        QVERIFY2(lock.tryAcquire(&ignored, &error), qPrintable(error + ignored));
        QVERIFY(clickThrough(
            "upgradeHeadButton",
            {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
        const QString text = errorText();
        const QString expected = QStringLiteral("another migration is running on this database: "
                                                "%1%2 on host %3 since ")
                                     .arg(holder)
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(QSysInfo::machineHostName());
        QVERIFY2(text.contains(expected), qPrintable(text + QLatin1Char('\n') + expected));
        QCOMPARE(appliedRevisions().size(), 2);
    }
    other = QSqlDatabase();
    Database::close(QStringLiteral("other-migrator"));
}

void TestMigrationsPanel::adoptsGuideDatabase()
{
    QString problem;
    QVERIFY2(FlaskApp::available(&problem), qPrintable(problem));
    const QTemporaryDir project;
    m_temp->close();
    const ProcessResult made =
        FlaskApp::runBlogApp({QStringLiteral("migrate-init"), project.path()}, m_temp->url());
    QVERIFY2(made.exited(0), qPrintable(made.describe()));
    QVERIFY(m_temp->reopen());
    const QStringList alembicBefore =
        column(m_temp->db(), QStringLiteral("SELECT version_num FROM alembic_version"));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    QVERIFY(openPanel());
    auto* banner = m_panel->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(alembicBefore.value(0)) &&
                 banner->text().contains(QLatin1String("Flask")),
             qPrintable(banner->text()));
    QVERIFY(!panelButton("upgradeHeadButton")->isEnabled());
    QVERIFY(panelButton("adoptButton")->isEnabled());
    QString title;
    QString snippet;
    QApplication::clipboard()->clear();
    QVERIFY(clickThrough(
        "adoptButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"),
          [&](QWidget* dialog) {
              title = dialog->windowTitle();
              snippet = dialog->findChild<QPlainTextEdit*>(QStringLiteral("flaskMigrateSnippet"))
                            ->toPlainText();
              QTest::mouseClick(
                  dialog->findChild<QPushButton*>(QStringLiteral("copyFlaskMigrateSnippetButton")),
                  Qt::LeftButton);
          }}}));
    QVERIFY2(title.contains(QLatin1String("Adopt")), qPrintable(title));
    // What the Flask app must add so that `flask db migrate` keeps BlogDesk's history table.
    QCOMPARE(snippet, FlaskMigrateFilter::snippet());
    QCOMPARE(QApplication::clipboard()->text(), FlaskMigrateFilter::snippet());
    QVERIFY(m_panel->findChild<QWidget*>(QStringLiteral("flaskMigrateNote"))
                ->isVisibleTo(m_panel.get()));
    // The guide's schema is bf2038b7def's (the models' revision): upgrading then adds the browse
    // indexes and the full-text indexes.
    QCOMPARE(appliedRevisions().size(), 3);
    QCOMPARE(column(m_temp->db(), QStringLiteral("SELECT version_num FROM alembic_version")),
             alembicBefore);
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
    QVERIFY(!panelButton("adoptButton")->isEnabled());
}

// The app's db.create_all() made every table but no history: neither "empty" nor at base, and
// upgrading from base (which would fail on the first existing table) is not offered.
void TestMigrationsPanel::createAllDatabaseIsNotCalledEmpty()
{
    QString problem;
    QVERIFY2(FlaskApp::available(&problem), qPrintable(problem));
    m_temp->close();
    const ProcessResult made = FlaskApp::runBlogApp({QStringLiteral("create")}, m_temp->url());
    QVERIFY2(made.exited(0), qPrintable(made.describe()));
    QVERIFY(m_temp->reopen());
    MainWindow window(m_temp->db(), DatabaseUrl::forSqliteFile(m_temp->path()));
    TestSupport::testModelsOf(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_active = window.migrationsPanel();
    QVERIFY(waitIdle());

    const QString unmanaged = QStringLiteral("Not managed by BlogDesk: 6 table(s), made elsewhere");
    auto* list = m_active->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    const QTreeWidgetItem* base = list->topLevelItem(list->topLevelItemCount() - 1);
    QVERIFY2(base->text(2).startsWith(unmanaged), qPrintable(base->text(2)));
    QVERIFY(!base->text(5).contains(QLatin1String("current")));
    auto* revision = window.findChild<QToolButton*>(QStringLiteral("revisionButton"));
    QTRY_VERIFY2(revision->text().startsWith(unmanaged), qPrintable(revision->text()));
    QVERIFY(revision->text().contains(QLatin1String("Adopt")));
    auto* banner = m_active->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(QLatin1String("6 table(s)")) &&
                 banner->text().contains(QLatin1String("not offered")),
             qPrintable(banner->text()));

    QVERIFY(!panelButton("upgradeHeadButton")->isEnabled());
    list->setCurrentItem(list->topLevelItem(0)); // head
    QVERIFY(!panelButton("upgradeSelectedButton")->isEnabled());
    QVERIFY(panelButton("adoptButton")->isEnabled());
    QVERIFY(
        !m_active->findChild<QWidget*>(QStringLiteral("flaskMigrateNote"))->isVisibleTo(m_active));
    QVERIFY(!m_temp->db().tables().contains(QStringLiteral("blogdesk_migrations")));
}

void TestMigrationsPanel::refusesToAdoptDifferentSchema()
{
    QVERIFY(upgradeTo(2));
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("DROP TABLE blogdesk_migrations")));
    QVERIFY(query.exec(QStringLiteral("ALTER TABLE users ADD COLUMN nickname VARCHAR(40)")));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    QVERIFY(openPanel());
    QString details;
    QVERIFY(clickThrough("adoptButton",
                         {{QStringLiteral("adoptionRefused"), QString(), [&](QWidget* box) {
                               details = static_cast<QMessageBox*>(box)->detailedText();
                               static_cast<QMessageBox*>(box)->accept();
                           }}}));
    QVERIFY2(details.contains(QLatin1String("nickname")), qPrintable(details));
    QVERIFY(!m_temp->db().tables().contains(QStringLiteral("blogdesk_migrations")));
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
}

void TestMigrationsPanel::schemaViewShowsDrift()
{
    m_temp.reset();
    QVERIFY(openSampleDatabase(m_temp));
    QVERIFY(QSqlQuery(m_temp->db())
                .exec(QStringLiteral("ALTER TABLE users ADD COLUMN nickname VARCHAR(40)")));
    QVERIFY(openPanel());
    QTest::mouseClick(panelButton("schemaButton"), Qt::LeftButton);
    QVERIFY(waitIdle());
    auto* view = m_panel->findChild<QWidget*>(QStringLiteral("schemaView"));
    QTRY_VERIFY(view && view->isVisible());
    auto* differences = view->findChild<QListWidget*>(QStringLiteral("schemaDifferences"));
    QCOMPARE(differences->count(), 1);
    QVERIFY2(differences->item(0)->text().contains(QLatin1String("users.nickname")),
             qPrintable(differences->item(0)->text()));
    auto* live = view->findChild<QTreeWidget*>(QStringLiteral("liveSchema"));
    QVERIFY(live->topLevelItemCount() >= 6);
    view->close();
}

void TestMigrationsPanel::newRevisionFileIsCreatedAndFollowed()
{
    const QTemporaryDir folder;
    QVERIFY(copyBuiltInMigrations(folder.path()));
    QVERIFY(upgradeTo(2, folder.path()));
    QVERIFY(openPanel());
    m_panel->setMigrationsFolder(folder.path());
    QVERIFY(waitIdle());
    QVERIFY(clickThrough("newRevisionButton",
                         {{QStringLiteral("newRevisionMessage"), QString(), [](QWidget* box) {
                               auto* dialog = static_cast<QInputDialog*>(box);
                               dialog->setTextValue(QStringLiteral("Add post views"));
                               dialog->accept();
                           }}}));
    const QString path = folder.filePath(QStringLiteral("0006_add_post_views.sql"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), JobTimeoutMs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QLatin1String("-- down_revision: e83b4f6a1c2")) &&
                 text.contains(QLatin1String("-- [upgrade]")) &&
                 text.contains(QLatin1String("-- [downgrade]")),
             qPrintable(text));
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 7, JobTimeoutMs);
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("Add post views"));
    QCOMPARE(list->topLevelItem(0)->text(5), QStringLiteral("pending, head"));

    // Editing the file outside BlogDesk is picked up without a click.
    file.close();
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8().replace("Add post views", "Add view counter"));
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("Add view counter"),
                              JobTimeoutMs);
}

QTEST_MAIN(TestMigrationsPanel)
#include "TestMigrationsPanel.moc"
