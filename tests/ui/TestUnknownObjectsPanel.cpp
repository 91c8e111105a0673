// The migrations panel on a SQLite file whose posts table holds columns, indexes and a trigger
// BlogDesk's history does not know, driven as a person does: the preview lists them with the
// rows that hold values, keep is the default and carries them through, drop asks a second
// time, and a run that finds something the preview did not show is refused.
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlQuery>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QTreeWidget>

#include "migrations/engine/SqliteBackup.h"
#include "tests/support/CommandLineSupport.h"
#include "tests/support/DialogAnswerer.h"
#include "tests/support/TestSupport.h"
#include "tests/support/UnknownObjectsFixture.h"
#include "views/migrations/MigrationsPanel.h"

namespace {

constexpr int JobTimeoutMs = 30000;

QStringList listed(QWidget* preview)
{
    auto* list = preview->findChild<QListWidget*>(QStringLiteral("unknownObjectList"));
    QStringList lines;
    for (int i = 0; list && i < list->count(); ++i) {
        lines << list->item(i)->text();
    }
    return lines;
}

QString sqlOf(QWidget* preview)
{
    auto* sql = preview->findChild<QPlainTextEdit*>(QStringLiteral("sqlPreview"));
    return sql ? sql->toPlainText() : QString();
}

QRadioButton* radio(QWidget* preview, const char* name)
{
    return preview->findChild<QRadioButton*>(QLatin1String(name));
}

// Clicks a choice of the preview with the mouse, once the dialog is on screen.
void choose(QWidget* preview, const char* name)
{
    if (!QTest::qWaitForWindowExposed(preview)) {
        qWarning("the preview never showed");
    }
    // Where a person clicks: the indicator and its label, not the empty rest of the row.
    QRadioButton* button = radio(preview, name);
    QStyleOptionButton option;
    option.initFrom(button);
    const QRect clickable =
        button->style()->subElementRect(QStyle::SE_RadioButtonClickRect, &option, button);
    QTest::mouseClick(button, Qt::LeftButton, {}, clickable.center());
}

bool runEnabled(QWidget* preview)
{
    auto* run = preview->findChild<QPushButton*>(QStringLiteral("runMigrationButton"));
    return run && run->isEnabled();
}

} // namespace

class TestUnknownObjectsPanel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void previewListsThemAndKeepIsTheDefault();
    void dropAsksASecondTime();
    void droppedTableOffersOnlyDrop();
    void somethingNewSinceThePreviewIsRefused();

private:
    [[nodiscard]] bool openPanel();
    // Selects `revision` and clicks Downgrade, answering the dialogs with `steps`.
    bool downgradeTo(const QString& revision, const QList<DialogAnswerer::Step>& steps);
    QString errorText() const;
    QStringList applied() const { return CommandLineSupport::applied(m_temp->db()); }

    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<MigrationsPanel> m_panel;
};

void TestUnknownObjectsPanel::init()
{
    QVERIFY(TestSupport::openSampleDatabase(m_temp));
    QString error;
    QVERIFY2(UnknownObjectsFixture::addToPosts(m_temp->db(), &error), qPrintable(error));
}

void TestUnknownObjectsPanel::cleanup()
{
    m_panel.reset();
    m_temp.reset();
}

bool TestUnknownObjectsPanel::openPanel()
{
    DatabaseUrl url;
    QString error;
    HELPER_VERIFY2(DatabaseUrl::parse(m_temp->url(), &url, &error), qPrintable(error));
    m_panel = std::make_unique<MigrationsPanel>(url);
    TestSupport::testModelsOf(*m_panel);
    m_panel->resize(1000, 700);
    m_panel->show();
    HELPER_VERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    HELPER_TRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), JobTimeoutMs);
    return true;
}

bool TestUnknownObjectsPanel::downgradeTo(const QString& revision,
                                          const QList<DialogAnswerer::Step>& steps)
{
    auto* list = m_panel->findChild<QTreeWidget*>(QStringLiteral("revisionList"));
    const QList<QTreeWidgetItem*> items = list->findItems(revision, Qt::MatchExactly, 1);
    if (items.size() != 1) {
        return false;
    }
    list->setCurrentItem(items.constFirst());
    auto* button = m_panel->findChild<QPushButton*>(QStringLiteral("downgradeSelectedButton"));
    return DialogAnswerer::clickThrough(
        button, steps, [this] { return m_panel->isBusy(); }, JobTimeoutMs);
}

QString TestUnknownObjectsPanel::errorText() const
{
    auto* label = m_panel->findChild<QLabel*>(QStringLiteral("migrationError"));
    return label && label->isVisibleTo(m_panel.get()) ? label->text() : QString();
}

void TestUnknownObjectsPanel::previewListsThemAndKeepIsTheDefault()
{
    const QStringList values = UnknownObjectsFixture::postsValues(m_temp->db());
    const QStringList declarations = UnknownObjectsFixture::postsDeclarations(m_temp->db());
    const qint64 subtitles = UnknownObjectsFixture::subtitleValues(m_temp->db());
    QVERIFY(openPanel());
    QStringList shown;
    bool keepChecked = false;
    bool dropChecked = true;
    bool canRun = false;
    QString sql;
    QVERIFY(downgradeTo(CommandLineSupport::Profiles,
                        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"),
                          [&](QWidget* preview) {
                              shown = listed(preview);
                              keepChecked = radio(preview, "keepUnknownButton")->isChecked();
                              dropChecked = radio(preview, "dropUnknownButton")->isChecked();
                              canRun = runEnabled(preview);
                              sql = sqlOf(preview);
                          }}}));
    QCOMPARE(shown.size(), 6);
    QCOMPARE(shown.first(), QStringLiteral("posts.subtitle: a column BlogDesk's history does not "
                                           "know; %1 rows hold a value (revision bf2038b7def "
                                           "rebuilds posts)")
                                .arg(subtitles));
    QVERIFY(keepChecked && !dropChecked && canRun);
    QVERIFY2(sql.contains(QLatin1String("ALTER TABLE \"posts\" ADD COLUMN subtitle TEXT")),
             qPrintable(sql));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(applied(), (QStringList{CommandLineSupport::Initial, CommandLineSupport::Profiles}));
    QCOMPARE(UnknownObjectsFixture::postsValues(m_temp->db()), values);
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(m_temp->db()), declarations);
    QCOMPARE(SqliteBackup::list(m_temp->path()).size(), 1);
}

void TestUnknownObjectsPanel::dropAsksASecondTime()
{
    const QStringList declarations = UnknownObjectsFixture::postsDeclarations(m_temp->db());
    QVERIFY(openPanel());
    QString keepSql;
    QString dropSql;
    QString question;
    auto chooseDrop = [&](QWidget* preview) {
        keepSql = sqlOf(preview);
        choose(preview, "dropUnknownButton");
        dropSql = sqlOf(preview);
    };
    auto readQuestion = [&](QWidget* box) {
        question = static_cast<QMessageBox*>(box)->text();
    };
    // "Keep the data" at the second question: nothing runs.
    QVERIFY(downgradeTo(
        CommandLineSupport::Profiles,
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), chooseDrop},
         {QStringLiteral("destructiveConfirmation"), QStringLiteral("keepDataButton"),
          readQuestion}}));
    QVERIFY2(keepSql.contains(QLatin1String("_blogdesk_carry_posts")), qPrintable(keepSql));
    QVERIFY2(!dropSql.contains(QLatin1String("_blogdesk_carry_posts")), qPrintable(dropSql));
    QVERIFY2(question.contains(QLatin1String("posts.subtitle: a column BlogDesk's history does "
                                             "not know")),
             qPrintable(question));
    QCOMPARE(applied().size(), 5);
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(m_temp->db()), declarations);

    // Confirmed: gone, and only now.
    QVERIFY(downgradeTo(
        CommandLineSupport::Profiles,
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), chooseDrop},
         {QStringLiteral("destructiveConfirmation"),
          QStringLiteral("confirmDestructiveButton"),
          {}}}));
    QVERIFY2(errorText().isEmpty(), qPrintable(errorText()));
    QCOMPARE(applied().size(), 2);
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(m_temp->db()), QStringList());
}

void TestUnknownObjectsPanel::droppedTableOffersOnlyDrop()
{
    QVERIFY(QSqlQuery(m_temp->db())
                .exec(QStringLiteral("ALTER TABLE profiles ADD COLUMN nickname "
                                     "TEXT")));
    QVERIFY(openPanel());
    QStringList shown;
    bool keepEnabled = true;
    bool runBeforeChoice = true;
    bool runAfterChoice = false;
    QVERIFY(downgradeTo(CommandLineSupport::Initial,
                        {{QStringLiteral("migrationPreview"),
                          QStringLiteral("cancelMigrationButton"), [&](QWidget* preview) {
                              shown = listed(preview);
                              keepEnabled = radio(preview, "keepUnknownButton")->isEnabled();
                              runBeforeChoice = runEnabled(preview);
                              choose(preview, "dropUnknownButton");
                              runAfterChoice = runEnabled(preview);
                          }}}));
    QVERIFY2(shown.contains(QStringLiteral("profiles.nickname: a column BlogDesk's history does "
                                           "not know; no row holds a value (revision "
                                           "ae1027a6acf drops profiles); it cannot be kept: the "
                                           "migration drops its table")),
             qPrintable(shown.join(QLatin1Char('\n'))));
    QVERIFY(!keepEnabled && !runBeforeChoice && runAfterChoice);
    QCOMPARE(applied().size(), 5);
}

// Someone adds a column while the preview is open: the run finds it and changes nothing.
void TestUnknownObjectsPanel::somethingNewSinceThePreviewIsRefused()
{
    QVERIFY(openPanel());
    QVERIFY(downgradeTo(
        CommandLineSupport::Profiles,
        {{QStringLiteral("migrationPreview"), QStringLiteral("runMigrationButton"), [&](QWidget*) {
              QSqlQuery(m_temp->db())
                  .exec(QStringLiteral("ALTER TABLE posts ADD COLUMN late TEXT"));
          }}}));
    QVERIFY2(errorText().contains(QLatin1String("changed since the preview")) &&
                 errorText().contains(QLatin1String("posts.late")),
             qPrintable(errorText()));
    QCOMPARE(applied().size(), 5);
    QCOMPARE(SqliteBackup::list(m_temp->path()).size(), 0);
}

QTEST_MAIN(TestUnknownObjectsPanel)
#include "TestUnknownObjectsPanel.moc"
