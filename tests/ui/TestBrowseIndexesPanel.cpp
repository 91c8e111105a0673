// The browse indexes on a database the Flask app's own migrations made (alembic_version, no
// blogdesk_migrations), through the migrations panel by mouse, on all three back ends:
// BlogDesk lists what is missing and adds nothing by itself; Cancel in the preview changes
// nothing; "Add indexes" makes them all, and the app's alembic_version stays as it was.
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "models/schema/BrowseIndexes.h"
#include "tests/support/DialogAnswerer.h"
#include "tests/support/FlaskApp.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/migrations/BrowseIndexesBox.h"
#include "views/migrations/MigrationsPanel.h"

namespace {

constexpr int JobTimeoutMs = 60000;

QStringList missingNames(const QSqlDatabase& db)
{
    QList<BrowseIndex> missing;
    QString error;
    if (!BrowseIndexes::missing(db, &missing, &error)) {
        return {QStringLiteral("error: ") + error};
    }
    QStringList names;
    for (const BrowseIndex& index : missing) {
        names << index.name;
    }
    return names;
}

} // namespace

class TestBrowseIndexesPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void initTestCase();
    void flaskDatabaseGetsTheIndexesWhenAsked();
};

void TestBrowseIndexesPanel::initTestCase()
{
    QString problem;
    QVERIFY2(FlaskApp::available(&problem), qPrintable(problem));
    MigrationWorker::registerTypes();
}

void TestBrowseIndexesPanel::flaskDatabaseGetsTheIndexesWhenAsked()
{
    FETCH_GLOBAL_BACKEND();
    QString error;
    auto database = TestServers::BackendDatabase::create(dialect, QStringLiteral("test"), &error);
    QVERIFY2(database, qPrintable(error));
    const QTemporaryDir project;
    const ProcessResult made = FlaskApp::runBlogApp(
        {QStringLiteral("migrate-init"), project.path()}, FlaskApp::sqlAlchemyUrl(database->url()));
    QVERIFY2(made.exited(0), qPrintable(made.describe()));
    const QSqlDatabase db = database->db();
    const QString alembic = QStringLiteral("SELECT version_num FROM alembic_version");
    const QStringList alembicBefore = TestSupport::column(db, alembic);
    QCOMPARE(alembicBefore.size(), 1);
    QCOMPARE(missingNames(db), BrowseIndexList::names());

    DatabaseUrl url;
    QVERIFY2(DatabaseUrl::parse(database->url(), &url, &error), qPrintable(error));
    MigrationsPanel panel(url);
    panel.resize(1000, 760);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const auto busy = [&panel] {
        return panel.isBusy();
    };
    QVERIFY(QTest::qWaitFor([&] { return !busy(); }, JobTimeoutMs));
    auto* box = panel.findChild<BrowseIndexesBox*>(QStringLiteral("browseIndexesBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    auto* list = box->findChild<QListWidget*>(QStringLiteral("missingIndexList"));
    QCOMPARE(list->count(), BrowseIndexList::all().size());
    QVERIFY2(list->item(0)->text().contains(QLatin1String("ix_comments_post_id")) &&
                 list->item(0)->text().contains(QLatin1String("every comment")),
             qPrintable(list->item(0)->text()));
    auto* add = box->findChild<QPushButton*>(QStringLiteral("addIndexesButton"));
    QVERIFY(add && add->isEnabled());
    QCOMPARE(missingNames(db), BrowseIndexList::names()); // shown, not added

    // The preview shows the statements and the filter; Cancel changes nothing.
    QString previewed;
    QString note;
    const auto inspect = [&](QWidget* dialog) {
        previewed =
            dialog->findChild<QPlainTextEdit*>(QStringLiteral("indexStatements"))->toPlainText();
        note = dialog->findChild<QPlainTextEdit*>(QStringLiteral("flaskMigrateSnippet"))
                   ->toPlainText();
    };
    QVERIFY(DialogAnswerer::clickThrough(
        add, {{QStringLiteral("browseIndexesDialog"), QStringLiteral("cancelAddIndexes"), inspect}},
        busy, JobTimeoutMs));
    QVERIFY2(previewed.contains(
                 QLatin1String("CREATE INDEX ix_comments_post_id ON comments (post_id, id);")),
             qPrintable(previewed));
    QVERIFY2(note.contains(QLatin1String("(\"index\", \"ix_post_tags_tag_id\")")),
             qPrintable(note));
    QCOMPARE(missingNames(db), BrowseIndexList::names());

    QVERIFY(DialogAnswerer::clickThrough(
        add,
        {{QStringLiteral("browseIndexesDialog"), QStringLiteral("confirmAddIndexesButton"), {}}},
        busy, JobTimeoutMs));
    QVERIFY(QTest::qWaitFor([&] { return !busy(); }, JobTimeoutMs));
    QCOMPARE(missingNames(db), QStringList());
    QTRY_VERIFY(!box->isVisible());
    QCOMPARE(TestSupport::column(db, alembic), alembicBefore);
    QVERIFY(!db.tables().contains(QStringLiteral("blogdesk_migrations")));
    auto* log = panel.findChild<QPlainTextEdit*>(QStringLiteral("migrationLog"));
    QVERIFY2(log->toPlainText().contains(QLatin1String("Added 8 index")),
             qPrintable(log->toPlainText()));
    QTRY_VERIFY(panel.findChild<QWidget*>(QStringLiteral("flaskMigrateNote"))->isVisible());
}

QTEST_MAIN(TestBrowseIndexesPanel)
#include "TestBrowseIndexesPanel.moc"
