#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <memory>

#include "migrations/engine/MigrationHistory.h"
#include "models/connection/Database.h"
#include "models/connection/DatabaseUrl.h"
#include "models/delete/DeletePlan.h"
#include "models/schema/DefaultDatabase.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"
#include "views/commands/EditCommands.h"
#include "views/edit/CommentDialog.h"
#include "views/edit/PostDialog.h"
#include "views/edit/ProfileDialog.h"
#include "views/edit/TagDialog.h"
#include "views/edit/UserDialog.h"
#include "views/migrations/MigrationsPanel.h"

using TestServers::BackendDatabase;
using TestSupport::button;
using TestSupport::edit;
using TestSupport::labelText;
using TestSupport::retype;
using TestSupport::triggerAction;

namespace {

const QString FirstConnection = QStringLiteral("conflictA");
const QString SecondConnection = QStringLiteral("conflictB");

// One row of the conflict table: field, when opened, yours, now in the database.
using ConflictRow = QStringList;

// Waits for the conflict dialog to be the active modal widget, reads its table and clicks
// `buttonName` in it. Set up before the click that saves; seen() tells whether it came.
class ConflictAnswer
{
public:
    explicit ConflictAnswer(const QString& buttonName) : m_buttonName(buttonName)
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { poll(); });
        m_timer.start();
    }

    bool seen() const { return m_seen; }
    QList<ConflictRow> rows() const { return m_rows; }

private:
    void poll()
    {
        QWidget* box = QApplication::activeModalWidget();
        if (!box || box->objectName() != QLatin1String("conflictDialog")) {
            return;
        }
        m_timer.stop();
        m_seen = true;
        if (auto* table = box->findChild<QTableWidget*>(QStringLiteral("conflictTable"))) {
            for (int row = 0; row < table->rowCount(); ++row) {
                ConflictRow cells;
                for (int column = 0; column < table->columnCount(); ++column) {
                    cells << table->item(row, column)->text();
                }
                m_rows << cells;
            }
        }
        if (auto* answer = box->findChild<QPushButton*>(m_buttonName)) {
            answer->click();
        }
    }

    QString m_buttonName;
    QTimer m_timer;
    bool m_seen = false;
    QList<ConflictRow> m_rows;
};

template <typename Dialog> std::unique_ptr<Dialog> shown(std::unique_ptr<Dialog> dialog)
{
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get())) {
        qWarning("dialog not exposed");
    }
    return dialog;
}

// Clicks Save once it is enabled.
bool clickSave(QWidget& dialog)
{
    if (!QTest::qWaitFor([&dialog] { return button(dialog, "saveButton")->isEnabled(); })) {
        qWarning("Save stays disabled: %s", qPrintable(labelText(dialog, "saveError")));
        return false;
    }
    QTest::mouseClick(button(dialog, "saveButton"), Qt::LeftButton);
    return true;
}

// Saves and answers the conflict dialog (if one comes) with `buttonName`.
std::unique_ptr<ConflictAnswer> saveAnswering(QWidget& dialog, const QString& buttonName)
{
    auto answer = std::make_unique<ConflictAnswer>(buttonName);
    clickSave(dialog);
    return answer;
}

bool run(const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

QVariant value(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant& bound : values) {
        query.addBindValue(bound);
    }
    if (!query.exec() || !query.next()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

QPlainTextEdit* textEdit(QWidget& dialog, const char* name)
{
    return dialog.findChild<QPlainTextEdit*>(QLatin1String(name));
}

// The row of `model` whose first column holds `id`, or -1.
int rowOfId(const QAbstractItemModel* model, qint64 id)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toLongLong() == id) {
            return row;
        }
    }
    return -1;
}

void replaceText(QPlainTextEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

// Two connections to the same database on each back end: A edits a row in its dialog while
// B changes the same row; A's save must not overwrite B's change without asking.
class TestConflicts : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void postReloadTheirsKeepsOtherEdits_data() { TestServers::addBackendRows(); }
    void postReloadTheirsKeepsOtherEdits();
    void postOverwriteWithMine_data() { TestServers::addBackendRows(); }
    void postOverwriteWithMine();
    void postCancelKeepsInput_data() { TestServers::addBackendRows(); }
    void postCancelKeepsInput();
    void postNoConflictWhenNothingChanged_data() { TestServers::addBackendRows(); }
    void postNoConflictWhenNothingChanged();
    void postDeletedMeanwhile_data() { TestServers::addBackendRows(); }
    void postDeletedMeanwhile();

    void userEmailReloadTheirs_data() { TestServers::addBackendRows(); }
    void userEmailReloadTheirs();
    void userCaseOnlyChangeIsAConflict_data() { TestServers::addBackendRows(); }
    void userCaseOnlyChangeIsAConflict();
    void userActiveOverwriteWithMine_data() { TestServers::addBackendRows(); }
    void userActiveOverwriteWithMine();

    void tagNameOverwriteWithMine_data() { TestServers::addBackendRows(); }
    void tagNameOverwriteWithMine();
    void tagSameValuesIsNoConflict_data() { TestServers::addBackendRows(); }
    void tagSameValuesIsNoConflict();

    void commentContentReloadTheirs_data() { TestServers::addBackendRows(); }
    void commentContentReloadTheirs();
    void profileWithNullsSavesAndConflicts_data() { TestServers::addBackendRows(); }
    void profileWithNullsSavesAndConflicts();

    void deleteOfChangedRowsIsRefused_data() { TestServers::addBackendRows(); }
    void deleteOfChangedRowsIsRefused();
    void authorPickedInWindowAsksWhenChanged_data() { TestServers::addBackendRows(); }
    void authorPickedInWindowAsksWhenChanged();
    void authorInPlaceAsksWhenChanged_data() { TestServers::addBackendRows(); }
    void authorInPlaceAsksWhenChanged();

    void undoKeepsWhatOthersChangedMeanwhile_data() { TestServers::addBackendRows(); }
    void undoKeepsWhatOthersChangedMeanwhile();

private:
    // A BlogDesk window on connection A, shown and active; null (with a warning) when it
    // cannot be.
    std::unique_ptr<MainWindow> openWindow();
    bool openBoth(QString* error);
    QSqlDatabase a() const { return m_database->db(); }
    QSqlDatabase b() const { return m_other; }
    qint64 firstId(const QString& table) const;

    std::unique_ptr<BackendDatabase> m_database;
    QSqlDatabase m_other;
};

// In a test over the back ends: a fresh sample blog on the row's back end, open twice.
#define OPEN_BOTH()                                                                                \
    QFETCH(QString, backend);                                                                      \
    BLOGDESK_REQUIRE_SERVER(TestServers::dialectNamed(backend));                                   \
    {                                                                                              \
        QString openError;                                                                         \
        QVERIFY2(openBoth(&openError), qPrintable(openError));                                     \
    }

std::unique_ptr<MainWindow> TestConflicts::openWindow()
{
    QString error;
    auto window = WindowSupport::openActiveWindow(a(), m_database->url(), &error);
    if (!window) {
        qWarning("%s", qPrintable(error));
    }
    return window;
}

bool TestConflicts::openBoth(QString* error)
{
    const SqlDialect dialect = TestServers::dialectNamed(QTest::currentDataTag());
    m_database = BackendDatabase::create(dialect, FirstConnection, error);
    if (!m_database) {
        return false;
    }
    MigrationHistory history;
    QString summary;
    if (!history.loadBuiltIn(error) ||
        !DefaultDatabase::prepare(m_database->db(), history, &summary, error)) {
        return false;
    }
    DatabaseUrl url;
    return DatabaseUrl::parse(m_database->url(), &url, error) &&
           Database::open(url, SecondConnection, &m_other, error);
}

void TestConflicts::cleanup()
{
    m_other = QSqlDatabase();
    Database::close(SecondConnection); // before the server database is dropped
    m_database.reset();
}

qint64 TestConflicts::firstId(const QString& table) const
{
    return value(a(), QStringLiteral("SELECT MIN(id) FROM %1").arg(table)).toLongLong();
}

// ---- posts ---------------------------------------------------------------------------------

void TestConflicts::postReloadTheirsKeepsOtherEdits()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("posts"));
    const QString originalTitle =
        value(a(), QStringLiteral("SELECT title FROM posts WHERE id = ?"), {id}).toString();
    auto dialog = shown(std::make_unique<PostDialog>(a(), id));
    QVERIFY(dialog->loadError().isEmpty());
    retype(edit(*dialog, "titleEdit"), QStringLiteral("Title by A"));
    replaceText(textEdit(*dialog, "contentEdit"), QStringLiteral("Content by A"));
    QVERIFY(run(b(), QStringLiteral("UPDATE posts SET title = ? WHERE id = ?"),
                {QStringLiteral("Title by B"), id}));

    const auto answer = saveAnswering(*dialog, QStringLiteral("reloadTheirsButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst(),
             (ConflictRow{QStringLiteral("Title"), originalTitle, QStringLiteral("Title by A"),
                          QStringLiteral("Title by B")}));
    QVERIFY(dialog->isVisible());
    QCOMPARE(edit(*dialog, "titleEdit")->text(), QStringLiteral("Title by B"));
    QCOMPARE(textEdit(*dialog, "contentEdit")->toPlainText(), QStringLiteral("Content by A"));
    // Nothing was written by the refused save.
    QCOMPARE(
        value(a(), QStringLiteral("SELECT content FROM posts WHERE id = ?"), {id}).toString() ==
            QStringLiteral("Content by A"),
        false);

    QSignalSpy saved(dialog.get(), &PostDialog::saved);
    const auto none = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY2(saved.count() == 1, qPrintable(labelText(*dialog, "saveError")));
    QVERIFY(!none->seen());
    QCOMPARE(value(b(), QStringLiteral("SELECT title FROM posts WHERE id = ?"), {id}).toString(),
             QStringLiteral("Title by B"));
    QCOMPARE(value(b(), QStringLiteral("SELECT content FROM posts WHERE id = ?"), {id}).toString(),
             QStringLiteral("Content by A"));
}

void TestConflicts::postOverwriteWithMine()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("posts"));
    auto dialog = shown(std::make_unique<PostDialog>(a(), id));
    retype(edit(*dialog, "titleEdit"), QStringLiteral("Title by A"));
    QVERIFY(run(b(), QStringLiteral("UPDATE posts SET title = ?, content = ? WHERE id = ?"),
                {QStringLiteral("Title by B"), QStringLiteral("Content by B"), id}));
    // B also links a tag: the tag links are merged, never overwritten.
    const QVariant tagOfB = value(b(),
                                  QStringLiteral("SELECT MIN(id) FROM tags WHERE id NOT IN "
                                                 "(SELECT tag_id FROM post_tags WHERE "
                                                 "post_id = ?)"),
                                  {id});
    QVERIFY(!tagOfB.isNull());
    QVERIFY(run(b(),
                QStringLiteral("INSERT INTO post_tags (post_id, tag_id, created_at) VALUES "
                               "(?, ?, ?)"),
                {id, tagOfB, QStringLiteral("2020-01-02 03:04:05")}));

    QSignalSpy saved(dialog.get(), &PostDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("overwriteMineButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 2); // title and content
    QCOMPARE(saved.count(), 1);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    // Mine everywhere: the content as A's dialog showed it (the original) overwrote B's.
    QCOMPARE(value(b(), QStringLiteral("SELECT title FROM posts WHERE id = ?"), {id}).toString(),
             QStringLiteral("Title by A"));
    QVERIFY(value(b(), QStringLiteral("SELECT content FROM posts WHERE id = ?"), {id}).toString() !=
            QStringLiteral("Content by B"));
    QCOMPARE(value(b(),
                   QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE post_id = ? AND "
                                  "tag_id = ?"),
                   {id, tagOfB})
                 .toInt(),
             1);
}

void TestConflicts::postCancelKeepsInput()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("posts"));
    auto dialog = shown(std::make_unique<PostDialog>(a(), id));
    retype(edit(*dialog, "titleEdit"), QStringLiteral("Title by A"));
    QVERIFY(run(b(), QStringLiteral("UPDATE posts SET title = ? WHERE id = ?"),
                {QStringLiteral("Title by B"), id}));

    QSignalSpy saved(dialog.get(), &PostDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(answer->seen());
    QCOMPARE(saved.count(), 0);
    QVERIFY(dialog->isVisible());
    QCOMPARE(edit(*dialog, "titleEdit")->text(), QStringLiteral("Title by A"));
    QVERIFY2(labelText(*dialog, "saveError").contains(QLatin1String("someone else")),
             qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(value(b(), QStringLiteral("SELECT title FROM posts WHERE id = ?"), {id}).toString(),
             QStringLiteral("Title by B"));
    // Asked again on the next save: cancelling did not make A's values the winners.
    const auto again = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(again->seen());
    QCOMPARE(saved.count(), 0);
}

void TestConflicts::postNoConflictWhenNothingChanged()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("posts"));
    auto dialog = shown(std::make_unique<PostDialog>(a(), id));
    replaceText(textEdit(*dialog, "contentEdit"), QStringLiteral("Content by A"));
    // B saves the same values (only updated_at moves), and sets the title to what it was.
    QVERIFY(run(b(), QStringLiteral("UPDATE posts SET title = title, updated_at = ? WHERE id = ?"),
                {QStringLiteral("2030-01-02 03:04:05.123456"), id}));

    QSignalSpy saved(dialog.get(), &PostDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(!answer->seen());
    QVERIFY2(saved.count() == 1, qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(value(b(), QStringLiteral("SELECT content FROM posts WHERE id = ?"), {id}).toString(),
             QStringLiteral("Content by A"));
}

void TestConflicts::postDeletedMeanwhile()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("posts"));
    auto dialog = shown(std::make_unique<PostDialog>(a(), id));
    retype(edit(*dialog, "titleEdit"), QStringLiteral("Title by A"));
    // Replies first let go of their parents: MySQL checks the foreign key row by row.
    QVERIFY(
        run(b(), QStringLiteral("UPDATE comments SET parent_id = NULL WHERE post_id = ?"), {id}));
    QVERIFY(run(b(), QStringLiteral("DELETE FROM comments WHERE post_id = ?"), {id}));
    QVERIFY(run(b(), QStringLiteral("DELETE FROM post_tags WHERE post_id = ?"), {id}));
    QVERIFY(run(b(), QStringLiteral("DELETE FROM posts WHERE id = ?"), {id}));

    const auto answer = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(!answer->seen()); // nothing to choose: it is gone
    QVERIFY(dialog->isVisible());
    QVERIFY2(labelText(*dialog, "saveError").contains(QLatin1String("no longer exists")),
             qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(value(b(), QStringLiteral("SELECT COUNT(*) FROM posts WHERE id = ?"), {id}).toInt(),
             0);
}

// ---- users ---------------------------------------------------------------------------------

void TestConflicts::userEmailReloadTheirs()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("users"));
    const QString originalEmail =
        value(a(), QStringLiteral("SELECT email FROM users WHERE id = ?"), {id}).toString();
    auto dialog = shown(std::make_unique<UserDialog>(a(), id));
    retype(edit(*dialog, "usernameEdit"), QStringLiteral("name_by_a"));
    QVERIFY(run(b(), QStringLiteral("UPDATE users SET email = ? WHERE id = ?"),
                {QStringLiteral("by.b@example.com"), id}));

    const auto answer = saveAnswering(*dialog, QStringLiteral("reloadTheirsButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst(),
             (ConflictRow{QStringLiteral("Email"), originalEmail, originalEmail,
                          QStringLiteral("by.b@example.com")}));
    QCOMPARE(edit(*dialog, "emailEdit")->text(), QStringLiteral("by.b@example.com"));
    QCOMPARE(edit(*dialog, "usernameEdit")->text(), QStringLiteral("name_by_a"));
    QCOMPARE(
        value(b(), QStringLiteral("SELECT username FROM users WHERE id = ?"), {id}).toString() ==
            QStringLiteral("name_by_a"),
        false);

    QSignalSpy saved(dialog.get(), &UserDialog::saved);
    const auto none = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(!none->seen());
    QVERIFY2(saved.count() == 1, qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(value(b(), QStringLiteral("SELECT email FROM users WHERE id = ?"), {id}).toString(),
             QStringLiteral("by.b@example.com"));
    QCOMPARE(value(b(), QStringLiteral("SELECT username FROM users WHERE id = ?"), {id}).toString(),
             QStringLiteral("name_by_a"));
}

// MySQL's default collations compare 'Alice' and 'alice' as equal: the guard must not.
void TestConflicts::userCaseOnlyChangeIsAConflict()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("users"));
    const QString username =
        value(a(), QStringLiteral("SELECT username FROM users WHERE id = ?"), {id}).toString();
    auto dialog = shown(std::make_unique<UserDialog>(a(), id));
    retype(edit(*dialog, "emailEdit"), QStringLiteral("by.a@example.com"));
    QVERIFY(run(b(), QStringLiteral("UPDATE users SET username = ? WHERE id = ?"),
                {username.toUpper(), id}));

    QSignalSpy saved(dialog.get(), &UserDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst().at(3), username.toUpper());
    QCOMPARE(saved.count(), 0);
    QCOMPARE(value(b(), QStringLiteral("SELECT username FROM users WHERE id = ?"), {id}).toString(),
             username.toUpper());
}

void TestConflicts::userActiveOverwriteWithMine()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("users"));
    auto dialog = shown(std::make_unique<UserDialog>(a(), id));
    auto* active = dialog->findChild<QCheckBox*>(QStringLiteral("activeCheck"));
    QVERIFY(active);
    const bool wasActive = active->isChecked();
    QVERIFY(
        run(b(), QStringLiteral("UPDATE users SET is_active = ? WHERE id = ?"), {!wasActive, id}));

    QSignalSpy saved(dialog.get(), &UserDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("overwriteMineButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst().at(0), QStringLiteral("Active"));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(value(b(), QStringLiteral("SELECT is_active FROM users WHERE id = ?"), {id}).toBool(),
             wasActive);
}

// ---- tags ----------------------------------------------------------------------------------

void TestConflicts::tagNameOverwriteWithMine()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("tags"));
    const QString originalSlug =
        value(a(), QStringLiteral("SELECT slug FROM tags WHERE id = ?"), {id}).toString();
    auto dialog = shown(std::make_unique<TagDialog>(a(), id));
    retype(edit(*dialog, "slugEdit"), QStringLiteral("slug-by-a"));
    QVERIFY(run(b(), QStringLiteral("UPDATE tags SET name = ? WHERE id = ?"),
                {QStringLiteral("Name by B"), id}));

    QSignalSpy saved(dialog.get(), &TagDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("overwriteMineButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst().at(0), QStringLiteral("Name"));
    QCOMPARE(answer->rows().constFirst().at(3), QStringLiteral("Name by B"));
    QCOMPARE(saved.count(), 1);
    // A's name (the one the dialog showed) went back over B's, knowingly; A's slug too.
    QVERIFY(value(b(), QStringLiteral("SELECT name FROM tags WHERE id = ?"), {id}).toString() !=
            QStringLiteral("Name by B"));
    QCOMPARE(value(b(), QStringLiteral("SELECT slug FROM tags WHERE id = ?"), {id}).toString(),
             QStringLiteral("slug-by-a"));
    QVERIFY(originalSlug != QStringLiteral("slug-by-a"));
}

// B "changes" the row to what it already was; A saves without changing anything either
// (MySQL then reports 0 affected rows for A's UPDATE).
void TestConflicts::tagSameValuesIsNoConflict()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("tags"));
    auto dialog = shown(std::make_unique<TagDialog>(a(), id));
    QVERIFY(
        run(b(), QStringLiteral("UPDATE tags SET name = name, slug = slug WHERE id = ?"), {id}));
    QSignalSpy saved(dialog.get(), &TagDialog::saved);
    const auto answer = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(!answer->seen());
    QVERIFY2(saved.count() == 1, qPrintable(labelText(*dialog, "saveError")));
}

// ---- deletes -------------------------------------------------------------------------------

// A is shown what a delete takes; B edits one of the rows before A confirms: nothing goes.
// Untouched, the same plan then deletes as shown.
void TestConflicts::deleteOfChangedRowsIsRefused()
{
    OPEN_BOTH();
    const QList<qint64> tags = {firstId(QStringLiteral("tags"))};
    DeletePlan tagPlan = DeletePlan::forTags(a(), tags);
    QVERIFY(run(b(), QStringLiteral("UPDATE tags SET slug = ? WHERE id = ?"),
                {QStringLiteral("changed-by-b"), tags.constFirst()}));
    QString error;
    QVERIFY(!tagPlan.execute(&error));
    QVERIFY2(error.contains(QLatin1String("someone changed")), qPrintable(error));
    QCOMPARE(
        value(a(), QStringLiteral("SELECT COUNT(*) FROM tags WHERE id = ?"), {tags.constFirst()})
            .toInt(),
        1);

    const QList<qint64> posts = {firstId(QStringLiteral("posts"))};
    DeletePlan postPlan = DeletePlan::forPosts(a(), posts);
    QVERIFY(run(b(), QStringLiteral("UPDATE posts SET content = ? WHERE id = ?"),
                {QStringLiteral("Rewritten by B"), posts.constFirst()}));
    QVERIFY(!postPlan.execute(&error));
    QCOMPARE(
        value(a(), QStringLiteral("SELECT content FROM posts WHERE id = ?"), {posts.constFirst()})
            .toString(),
        QStringLiteral("Rewritten by B"));

    DeletePlan again = DeletePlan::forPosts(a(), posts);
    QVERIFY2(again.execute(&error), qPrintable(error));
    QCOMPARE(
        value(a(), QStringLiteral("SELECT COUNT(*) FROM posts WHERE id = ?"), {posts.constFirst()})
            .toInt(),
        0);
}

// ---- comments and profiles -----------------------------------------------------------------

void TestConflicts::commentContentReloadTheirs()
{
    OPEN_BOTH();
    const qint64 id = firstId(QStringLiteral("comments"));
    auto dialog = shown(std::make_unique<CommentDialog>(a(), id));
    QVERIFY(dialog->loadError().isEmpty());
    replaceText(textEdit(*dialog, "contentEdit"), QStringLiteral("Comment by A"));
    QVERIFY(run(b(), QStringLiteral("UPDATE comments SET content = ? WHERE id = ?"),
                {QStringLiteral("Comment by B"), id}));

    const auto answer = saveAnswering(*dialog, QStringLiteral("reloadTheirsButton"));
    QVERIFY(answer->seen());
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst().at(2), QStringLiteral("Comment by A"));
    QCOMPARE(textEdit(*dialog, "contentEdit")->toPlainText(), QStringLiteral("Comment by B"));
    QSignalSpy saved(dialog.get(), &CommentDialog::saved);
    const auto none = saveAnswering(*dialog, QStringLiteral("conflictCancelButton"));
    QVERIFY(!none->seen());
    QVERIFY2(saved.count() == 1, qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(
        value(b(), QStringLiteral("SELECT content FROM comments WHERE id = ?"), {id}).toString(),
        QStringLiteral("Comment by B"));
}

// A profile with NULL columns: "bio IS NULL" in the guard, never "bio = NULL".
void TestConflicts::profileWithNullsSavesAndConflicts()
{
    OPEN_BOTH();
    const qint64 userId =
        value(a(), QStringLiteral("SELECT MIN(user_id) FROM profiles")).toLongLong();
    QVERIFY(run(b(),
                QStringLiteral("UPDATE profiles SET bio = NULL, website = NULL, avatar_url = NULL, "
                               "location = NULL WHERE user_id = ?"),
                {userId}));
    auto dialog = shown(std::make_unique<ProfileDialog>(a(), userId));
    QVERIFY(dialog->loadError().isEmpty());
    retype(edit(*dialog, "locationEdit"), QStringLiteral("Lyon"));
    QSignalSpy saved(dialog.get(), &ProfileDialog::saved);
    QVERIFY(!saveAnswering(*dialog, QStringLiteral("conflictCancelButton"))->seen());
    QVERIFY2(saved.count() == 1, qPrintable(labelText(*dialog, "saveError")));

    auto second = shown(std::make_unique<ProfileDialog>(a(), userId));
    retype(edit(*second, "locationEdit"), QStringLiteral("Paris"));
    QVERIFY(run(b(), QStringLiteral("UPDATE profiles SET website = ? WHERE user_id = ?"),
                {QStringLiteral("https://b.example.com"), userId}));
    QSignalSpy savedAgain(second.get(), &ProfileDialog::saved);
    const auto answer = saveAnswering(*second, QStringLiteral("overwriteMineButton"));
    QVERIFY2(answer->seen(), qPrintable(labelText(*second, "saveError")));
    QCOMPARE(answer->rows().size(), 1);
    QCOMPARE(answer->rows().constFirst(),
             (ConflictRow{QStringLiteral("Website"), QString(), QString(),
                          QStringLiteral("https://b.example.com")}));
    QCOMPARE(savedAgain.count(), 1);
    QCOMPARE(value(b(), QStringLiteral("SELECT location FROM profiles WHERE user_id = ?"), {userId})
                 .toString(),
             QStringLiteral("Paris"));
    QVERIFY(value(b(), QStringLiteral("SELECT website FROM profiles WHERE user_id = ?"), {userId})
                .isNull());
}

// ---- authors edited in place -----------------------------------------------------------------

// The whole way through the window: F2 on a post's author opens the picker with the author of
// that moment; B gives the post to carol; A picks bob. The conflict dialog asks, and Cancel
// leaves carol's authorship alone.
void TestConflicts::authorPickedInWindowAsksWhenChanged()
{
    OPEN_BOTH();
    const auto userNamed = [this](const char* name) {
        return value(a(), QStringLiteral("SELECT id FROM users WHERE username = ?"),
                     {QString::fromLatin1(name)})
            .toLongLong();
    };
    const qint64 carol = userNamed("carol");
    const qint64 postId = value(a(),
                                QStringLiteral("SELECT MIN(id) FROM posts WHERE user_id <> ? "
                                               "AND user_id <> ?"),
                                {userNamed("bob"), carol})
                              .toLongLong();
    QVERIFY(postId > 0);
    const std::unique_ptr<MainWindow> shownWindow = openWindow();
    QVERIFY(shownWindow);
    MainWindow& window = *shownWindow;
    window.findChild<QTabWidget*>(QStringLiteral("pageTabs"))->setCurrentIndex(1);
    QVERIFY(WindowSupport::waitUntilIdle(window)); // the page reads once shown
    QTableView* posts = window.page(QStringLiteral("posts"))->findChild<QTableView*>();
    QAbstractItemModel* model = posts->model();
    const int row = rowOfId(model, postId);
    QVERIFY(row >= 0);
    int author = -1;
    for (int column = 0; column < model->columnCount(); ++column) {
        author = model->headerData(column, Qt::Horizontal).toString() == QLatin1String("Author")
                     ? column
                     : author;
    }
    posts->setFocus();
    posts->setCurrentIndex(model->index(row, author));
    QTest::keyClick(posts, Qt::Key_F2);
    auto* picker = posts->findChild<QLineEdit*>(QStringLiteral("relationPickerEdit"));
    QVERIFY(picker);
    QVERIFY(run(b(), QStringLiteral("UPDATE posts SET user_id = ? WHERE id = ?"), {carol, postId}));
    const ConflictAnswer answer(QStringLiteral("conflictCancelButton"));
    picker->selectAll();
    QTest::keyClicks(picker, QStringLiteral("bob@"));
    QTest::keyClick(picker, Qt::Key_Down);
    QTest::keyClick(picker, Qt::Key_Return);
    QTRY_VERIFY(answer.seen());
    QCOMPARE(
        value(b(), QStringLiteral("SELECT user_id FROM posts WHERE id = ?"), {postId}).toLongLong(),
        carol);
    QTRY_VERIFY_WITH_TIMEOUT(!window.migrationsPanel()->isBusy(), 20000);
}

void TestConflicts::authorInPlaceAsksWhenChanged()
{
    OPEN_BOTH();
    const qint64 postId = firstId(QStringLiteral("posts"));
    const QString authorOf = QStringLiteral("SELECT user_id FROM posts WHERE id = ?");
    const qint64 original = value(a(), authorOf, {postId}).toLongLong();
    const QList<qint64> others = [this, original] {
        QList<qint64> ids;
        QSqlQuery query(a());
        query.prepare(QStringLiteral("SELECT id FROM users WHERE id <> ? ORDER BY id"));
        query.addBindValue(original);
        query.exec();
        while (query.next()) {
            ids << query.value(0).toLongLong();
        }
        return ids;
    }();
    QVERIFY(others.size() >= 2);
    const qint64 mine = others.at(0);
    const qint64 theirs = others.at(1);
    QWidget window;
    EditCommands commands(a(), &window);
    const QString column = QStringLiteral("user_id");

    // Nobody changed it: written without a question.
    {
        const ConflictAnswer answer(QStringLiteral("conflictCancelButton"));
        commands.changeRelation(BlogTable::Posts, postId, column, original, mine);
        QVERIFY(!answer.seen());
    }
    QCOMPARE(value(b(), authorOf, {postId}).toLongLong(), mine);

    // B gives the post to another author; A, still showing `mine`, picks `original` back.
    QVERIFY(
        run(b(), QStringLiteral("UPDATE posts SET user_id = ? WHERE id = ?"), {theirs, postId}));
    {
        const ConflictAnswer answer(QStringLiteral("conflictCancelButton"));
        commands.changeRelation(BlogTable::Posts, postId, column, mine, original);
        QVERIFY(answer.seen());
        QCOMPARE(answer.rows().size(), 1);
        QCOMPARE(answer.rows().constFirst().at(0), QStringLiteral("Author"));
    }
    QCOMPARE(value(b(), authorOf, {postId}).toLongLong(), theirs);
    {
        const ConflictAnswer answer(QStringLiteral("overwriteMineButton"));
        commands.changeRelation(BlogTable::Posts, postId, column, mine, original);
        QVERIFY(answer.seen());
    }
    QCOMPARE(value(b(), authorOf, {postId}).toLongLong(), original);
}

// The Flask app records a login while the user's dialog is open here; the email edit is saved
// and then undone. The undo takes back the email only: the login stays.
void TestConflicts::undoKeepsWhatOthersChangedMeanwhile()
{
    OPEN_BOTH();
    const qint64 userId =
        value(a(), QStringLiteral("SELECT id FROM users WHERE username = 'bob'")).toLongLong();
    const QString emailOf = QStringLiteral("SELECT email FROM users WHERE id = ?");
    const QString originalEmail = value(a(), emailOf, {userId}).toString();
    const QString login = QStringLiteral("2030-01-02 03:04:05.000000");
    const std::unique_ptr<MainWindow> shownWindow = openWindow();
    QVERIFY(shownWindow);
    MainWindow& window = *shownWindow;
    QTableView* users = window.page(QStringLiteral("users"))->findChild<QTableView*>();
    const int row = rowOfId(users->model(), userId);
    QVERIFY(row >= 0);
    users->setFocus();
    users->selectRow(row);
    bool saved = false;
    QTimer::singleShot(0, this, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QVERIFY(run(b(), QStringLiteral("UPDATE users SET last_login = ? WHERE id = ?"),
                    {login, userId}));
        retype(edit(*dialog, "emailEdit"), QStringLiteral("bob.new@example.com"));
        saved = clickSave(*dialog);
    });
    QTest::keyClick(users, Qt::Key_F2);
    QVERIFY(saved);
    QCOMPARE(value(b(), emailOf, {userId}).toString(), QStringLiteral("bob.new@example.com"));

    QVERIFY(triggerAction(window, "actionUndo"));
    QCOMPARE(value(b(), emailOf, {userId}).toString(), originalEmail);
    QCOMPARE(value(b(),
                   QStringLiteral("SELECT COUNT(*) FROM users WHERE id = ? AND last_login = ?"),
                   {userId, login})
                 .toInt(),
             1);
    QTRY_VERIFY_WITH_TIMEOUT(!window.migrationsPanel()->isBusy(), 20000);
}

QTEST_MAIN(TestConflicts)
#include "TestConflicts.moc"
