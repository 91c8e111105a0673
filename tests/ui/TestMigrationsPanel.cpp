// Drives the migrations panel as a person does: buttons, the preview and confirmation
// dialogs, and checks the SQLite file afterwards.
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
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"
#include "views/migrations/MigrationsPanel.h"

using namespace TestSupport;

namespace {

constexpr int JobTimeoutMs = 30000;

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

const char* const BrokenRevision = "-- revision: c0ffee000001\n"
                                   "-- down_revision: bf2038b7def\n"
                                   "-- message: Break on purpose\n"
                                   "-- create_date: 2026-11-25 12:00:00\n"
                                   "\n"
                                   "-- [upgrade]\n"
                                   "CREATE TABLE scratch_notes (id INTEGER PRIMARY KEY);\n"
                                   "INSERT INTO no_such_table VALUES (1);\n"
                                   "\n"
                                   "-- [downgrade]\n"
                                   "DROP TABLE scratch_notes;\n";

} // namespace

class TestMigrationsPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
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
    void windowOpensPanelWhenBehind();
    void windowMigratesAndRestoresWhileBrowsing();
    void serverUpgradeAndDowngrade_data();
    void serverUpgradeAndDowngrade();
    void mysqlHalfAppliedRevisionOffersChoices();

private:
    void openPanel();
    void openPanelOn(const QString& url);
    void waitIdle();
    void upgradeTo(int index, const QString& folder = QString());
    QStringList appliedRevisions();
    QPushButton* panelButton(const char* name);
    // Clicks a panel button, answers the dialogs it opens and waits until the job is done.
    bool clickThrough(const char* button, const QList<DialogAnswerer::Step>& steps);
    void selectRevision(const QString& revision);
    QString errorText();

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<MigrationsPanel> m_panel;
    MigrationsPanel* m_active = nullptr; // the panel the helpers drive
};

void TestMigrationsPanel::init()
{
    m_temp = std::make_unique<TempDatabase>();
}

void TestMigrationsPanel::cleanup()
{
    m_panel.reset();
    m_temp.reset();
}

void TestMigrationsPanel::upgradeTo(int index, const QString& folder)
{
    MigrationHistory history;
    QString error;
    QVERIFY2(folder.isEmpty() ? history.loadBuiltIn(&error) : history.load(folder, &error),
             qPrintable(error));
    MigrationEngine engine(m_temp->db(), history);
    MigrationError migrationError;
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    QVERIFY2(engine.upgrade(index, &migrationError), qPrintable(migrationError.text()));
}

void TestMigrationsPanel::openPanel()
{
    openPanelOn(m_temp->url());
}

void TestMigrationsPanel::openPanelOn(const QString& url)
{
    DatabaseUrl parsed;
    QString error;
    QVERIFY2(DatabaseUrl::parse(url, &parsed, &error), qPrintable(error));
    m_panel = std::make_unique<MigrationsPanel>(parsed);
    m_panel->resize(1000, 700);
    m_panel->show();
    m_active = m_panel.get();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    waitIdle();
}

void TestMigrationsPanel::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_active->isBusy(), JobTimeoutMs);
}

QStringList TestMigrationsPanel::appliedRevisions()
{
    QStringList revisions = column(
        m_temp->db(), QStringLiteral("SELECT revision FROM blogdesk_migrations ORDER BY revision"));
    return revisions;
}

QPushButton* TestMigrationsPanel::panelButton(const char* name)
{
    auto* found = m_active->findChild<QPushButton*>(QLatin1String(name));
    if (!found) {
        qWarning("no button %s", name);
    }
    return found;
}

bool TestMigrationsPanel::clickThrough(const char* button, const QList<DialogAnswerer::Step>& steps)
{
    return DialogAnswerer::clickThrough(
        panelButton(button), steps, [this] { return m_active->isBusy(); }, JobTimeoutMs);
}

void TestMigrationsPanel::selectRevision(const QString& revision)
{
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    const QList<QTreeWidgetItem*> items = list->findItems(revision, Qt::MatchExactly, 1);
    QVERIFY2(items.size() == 1, qPrintable(revision));
    list->setCurrentItem(items.constFirst());
}

QString TestMigrationsPanel::errorText()
{
    auto* label = m_active->findChild<QLabel*>(QStringLiteral("migrationError"));
    return label && label->isVisibleTo(m_active) ? label->text() : QString();
}

void TestMigrationsPanel::oneBehindUpgradesWithPreviewAndBackup()
{
    upgradeTo(1);
    QSqlQuery(m_temp->db())
        .exec(QStringLiteral("INSERT INTO users (username, email, password_hash, is_active, "
                             "created_at) VALUES ('ada', 'ada@example.com', 'x', 1, "
                             "'2024-01-01 00:00:00.000000')"));
    openPanel();
    auto* banner = m_panel->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(QLatin1String("behind")) &&
                 banner->text().contains(QLatin1String("bf2038b7def")),
             qPrintable(banner->text()));
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    QCOMPARE(list->topLevelItemCount(), 4); // three revisions and <base>
    QCOMPARE(list->topLevelItem(0)->text(5), QStringLiteral("pending, head"));
    QCOMPARE(list->topLevelItem(1)->text(5), QStringLiteral("applied, current"));
    QVERIFY(m_panel->needsUpgrade());

    QString previewSql;
    QVERIFY(clickThrough("upgradeHeadButton",
                         {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"),
                           [&](QWidget* dialog) {
                               previewSql = sqlOf(dialog);
                           }}}));
    QVERIFY2(previewSql.contains(QLatin1String("CREATE TABLE posts")) &&
                 previewSql.contains(QLatin1String("bf2038b7def")),
             qPrintable(previewSql));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions(),
             QStringList({QStringLiteral("5678abcd"), QStringLiteral("ae1027a6acf"),
                          QStringLiteral("bf2038b7def")}));
    QCOMPARE(scalar(m_temp->db(), QStringLiteral("SELECT count(*) FROM users")).toInt(), 1);
    auto* backups = m_panel->findChild<QListWidget*>(QStringLiteral("backupList"));
    QCOMPARE(backups->count(), 1);
    QVERIFY2(backups->item(0)->text().contains(QLatin1String("ae1027a6acf")),
             qPrintable(backups->item(0)->text()));
    QCOMPARE(list->topLevelItem(0)->text(5), QStringLiteral("applied, current, head"));
}

void TestMigrationsPanel::downgradeToChosenRevisionAsksTwiceForDataLoss()
{
    m_temp.reset();
    openSampleDatabase(m_temp);
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("DELETE FROM profiles")));
    QVERIFY(query.exec(QStringLiteral("INSERT INTO profiles (bio, user_id) "
                                      "SELECT 'bio', id FROM users LIMIT 3")));
    openPanel();
    selectRevision(QStringLiteral("5678abcd"));
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
    openSampleDatabase(m_temp);
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    openPanel();
    selectRevision(QStringLiteral("5678abcd"));
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
    QCOMPARE(appliedRevisions().size(), 3);
    QCOMPARE(sqliteSchema(m_temp->db()), schemaBefore);
    QCOMPARE(m_panel->findChild<QListWidget*>(QStringLiteral("backupList"))->count(), 0);
}

void TestMigrationsPanel::stampRecordsWithoutRunning()
{
    upgradeTo(0);
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    openPanel();
    selectRevision(QStringLiteral("ae1027a6acf"));
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
    upgradeTo(2, folder.path());
    openPanel();
    m_panel->setMigrationsFolder(folder.path());
    waitIdle();
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    const QString error = errorText();
    QVERIFY2(error.contains(QLatin1String("c0ffee000001")) &&
                 error.contains(QLatin1String("no_such_table")) &&
                 error.contains(QLatin1String("rolled back")),
             qPrintable(error));
    QCOMPARE(appliedRevisions().size(), 3);
    QVERIFY(!m_temp->db().tables().contains(QStringLiteral("scratch_notes")));
    auto* log = m_panel->findChild<QPlainTextEdit*>(QStringLiteral("migrationLog"));
    QVERIFY2(log->toPlainText().contains(QLatin1String("INSERT INTO no_such_table")),
             qPrintable(log->toPlainText()));
}

void TestMigrationsPanel::changedFileIsShownAndRefused()
{
    const QTemporaryDir folder;
    QVERIFY(copyBuiltInMigrations(folder.path()));
    upgradeTo(1, folder.path());
    QFile changed(folder.filePath(QStringLiteral("0002_add_user_profile_table.sql")));
    QVERIFY(changed.open(QIODevice::Append));
    changed.write("-- edited after it was applied\n");
    changed.close();
    openPanel();
    m_panel->setMigrationsFolder(folder.path());
    waitIdle();
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("ae1027a6acf"));
    QVERIFY2(list->topLevelItem(1)->text(5).contains(QLatin1String("changed since applied")),
             qPrintable(list->topLevelItem(1)->text(5)));
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
    upgradeTo(1, folder.path());
    QFile broken(folder.filePath(QStringLiteral("0004_broken.sql")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("-- revision: d00d00000001\n-- down_revision: bf2038b7def\n"
                 "-- message: No sections\nCREATE TABLE oops (id INTEGER);\n");
    broken.close();
    openPanel();
    m_panel->setMigrationsFolder(folder.path());
    waitIdle();
    auto* banner = m_panel->findChild<QLabel*>(QStringLiteral("migrationBanner"));
    QVERIFY2(banner->text().contains(QLatin1String("0004_broken.sql")), qPrintable(banner->text()));
    for (const char* name :
         {"upgradeHeadButton", "upgradeSelectedButton", "downgradeSelectedButton",
          "stampSelectedButton", "newRevisionButton"}) {
        QVERIFY2(!panelButton(name)->isEnabled(), name);
    }
    m_panel->upgradeToHead();
    waitIdle();
    QCOMPARE(appliedRevisions().size(), 2);

    // Fixed on disk, the panel follows without a click.
    QVERIFY(broken.remove());
    QTRY_VERIFY_WITH_TIMEOUT(panelButton("upgradeHeadButton")->isEnabled(), JobTimeoutMs);
}

void TestMigrationsPanel::backupRestoresTheFile()
{
    upgradeTo(1);
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral(
        "INSERT INTO users (username, email, password_hash, is_active, created_at) VALUES "
        "('grace', 'grace@example.com', 'x', 1, '2024-01-01 00:00:00.000000')")));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    openPanel();
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QCOMPARE(appliedRevisions().size(), 3);
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
    upgradeTo(1);
    openPanel();
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
    openPanel();
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
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_active = window.migrationsPanel();
    waitIdle();

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
    upgradeTo(2);
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("DROP TABLE blogdesk_migrations")));
    QVERIFY(query.exec(QStringLiteral("ALTER TABLE users ADD COLUMN nickname VARCHAR(40)")));
    const QStringList schemaBefore = sqliteSchema(m_temp->db());
    openPanel();
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
    openSampleDatabase(m_temp);
    QVERIFY(QSqlQuery(m_temp->db())
                .exec(QStringLiteral("ALTER TABLE users ADD COLUMN nickname VARCHAR(40)")));
    openPanel();
    QTest::mouseClick(panelButton("schemaButton"), Qt::LeftButton);
    waitIdle();
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
    upgradeTo(2, folder.path());
    openPanel();
    m_panel->setMigrationsFolder(folder.path());
    waitIdle();
    QVERIFY(clickThrough("newRevisionButton",
                         {{QStringLiteral("newRevisionMessage"), QString(), [](QWidget* box) {
                               auto* dialog = static_cast<QInputDialog*>(box);
                               dialog->setTextValue(QStringLiteral("Add post views"));
                               dialog->accept();
                           }}}));
    const QString path = folder.filePath(QStringLiteral("0004_add_post_views.sql"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), JobTimeoutMs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QLatin1String("-- down_revision: bf2038b7def")) &&
                 text.contains(QLatin1String("-- [upgrade]")) &&
                 text.contains(QLatin1String("-- [downgrade]")),
             qPrintable(text));
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 5, JobTimeoutMs);
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

void TestMigrationsPanel::windowOpensPanelWhenBehind()
{
    upgradeTo(1);
    MainWindow window(m_temp->db(), DatabaseUrl::forSqliteFile(m_temp->path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("migrationsDock"));
    QTRY_VERIFY_WITH_TIMEOUT(dock->isVisible(), JobTimeoutMs);
    auto* revision = window.findChild<QToolButton*>(QStringLiteral("revisionButton"));
    QVERIFY2(revision->text().contains(QLatin1String("head is bf2038b7def")),
             qPrintable(revision->text()));
    dock->hide();
    QTest::mouseClick(revision, Qt::LeftButton);
    QVERIFY(dock->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window.migrationsPanel()->isBusy(), JobTimeoutMs);
}

// The window shows a page of 406 users (more than Qt fetches at once): the migration and the
// restore on the panel's own connection get SQLite's write lock, since the page was read
// whole and left no statement open, and the pages show the new state afterwards.
void TestMigrationsPanel::windowMigratesAndRestoresWhileBrowsing()
{
    upgradeTo(1);
    QVERIFY(QSqlQuery(m_temp->db())
                .exec(QStringLiteral(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 406) "
                    "INSERT INTO users (username, email, password_hash, is_active, created_at) "
                    "SELECT 'user' || i, 'user' || i || '@example.com', 'x', 1, "
                    "'2024-01-01 00:00:00.000000' FROM n")));
    MainWindow window(m_temp->db(), DatabaseUrl::forSqliteFile(m_temp->path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_active = window.migrationsPanel();
    waitIdle();
    BlogTableModel* users = window.page(QStringLiteral("users"))->model();
    QCOMPARE(users->rowCount(), 406);
    QVERIFY(!users->canFetchMore());
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(appliedRevisions().size(), 3);
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
                                 .contains(QLatin1String("head is bf2038b7def")),
                             JobTimeoutMs);
    QCOMPARE(window.page(QStringLiteral("users"))->model()->totalRowCount(), 406);
}

void TestMigrationsPanel::serverUpgradeAndDowngrade_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

// The same clicks on a server: no backup there, and the second question says so.
void TestMigrationsPanel::serverUpgradeAndDowngrade()
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
    openPanelOn(server->url());
    QVERIFY(clickThrough(
        "upgradeHeadButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    const auto applied = [&] {
        return column(server->db(),
                      QStringLiteral("SELECT revision FROM blogdesk_migrations ORDER BY revision"));
    };
    QCOMPARE(applied().size(), 3);
    QVERIFY(!m_active->findChild<QWidget*>(QStringLiteral("backupList"))->isVisibleTo(m_active));

    // The live schema on the server reads as exactly what head describes.
    QTest::mouseClick(panelButton("schemaButton"), Qt::LeftButton);
    waitIdle();
    auto* view = m_active->findChild<QWidget*>(QStringLiteral("schemaView"));
    QTRY_VERIFY(view->isVisible());
    auto* differences = view->findChild<QListWidget*>(QStringLiteral("schemaDifferences"));
    QVERIFY2(differences->count() == 0,
             qPrintable(differences->count() ? differences->item(0)->text() : QString()));
    view->close();

    // Without BlogDesk's history table the schema is adopted as head, by comparison.
    QVERIFY(query.exec(QStringLiteral("DROP TABLE blogdesk_migrations")));
    m_active->refresh();
    waitIdle();
    QVERIFY(clickThrough(
        "adoptButton",
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), {}}}));
    QCOMPARE(applied().size(), 3);

    selectRevision(QStringLiteral("5678abcd"));
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
void TestMigrationsPanel::mysqlHalfAppliedRevisionOffersChoices()
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
    openPanelOn(server->url());
    m_panel->setMigrationsFolder(folder.path());
    waitIdle();
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

QTEST_MAIN(TestMigrationsPanel)
#include "TestMigrationsPanel.moc"
