#include "sql/BatchInserter.h"
#include "sql/SqlTime.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

#include "models/records/PostService.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/browse/RecordPicker.h"
#include "views/edit/PostDialog.h"

using TestServers::BackendDatabase;
using TestSupport::button;
using TestSupport::column;
using TestSupport::edit;
using TestSupport::isSqlTimestamp;
using TestSupport::labelText;
using TestSupport::retype;
using TestSupport::scalar;
using TestSupport::showsDriverUniqueError;

namespace {

const QString OldLinkTime = QStringLiteral("2020-01-02 03:04:05.678901");

// One column of the post with `slug` ("<none>" when there is no such post, "NULL" for NULL,
// booleans as 0/1, timestamps as text with six fraction digits on every back end).
QString postValue(const QSqlDatabase& db, SqlDialect dialect, const QString& name,
                  const QString& slug)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM posts WHERE slug = :s")
                      .arg(TestServers::columnAsText(dialect, name)));
    query.bindValue(QStringLiteral(":s"), slug);
    if (!query.exec() || !query.next()) {
        return QStringLiteral("<none>");
    }
    return TestServers::portableText(query.value(0), name);
}

qint64 idOf(const QSqlDatabase& db, const QString& table, const QString& keyColumn,
            const QString& key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id FROM %1 WHERE %2 = :k").arg(table, keyColumn));
    query.bindValue(QStringLiteral(":k"), key);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

qint64 userId(const QSqlDatabase& db, const QString& name)
{
    return idOf(db, QStringLiteral("users"), QStringLiteral("username"), name);
}

qint64 tagId(const QSqlDatabase& db, const QString& name)
{
    return idOf(db, QStringLiteral("tags"), QStringLiteral("name"), name);
}

// "tag name|created_at" for every link of the post, by tag name.
QStringList links(const QSqlDatabase& db, SqlDialect dialect, qint64 postId)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT t.name, %1 FROM post_tags pt "
                                   "JOIN tags t ON t.id = pt.tag_id "
                                   "WHERE pt.post_id = %2 ORDER BY t.name")
                        .arg(TestServers::columnAsText(dialect, QStringLiteral("pt.created_at")))
                        .arg(postId))) {
        return {QStringLiteral("ERROR ") + query.lastError().text()};
    }
    QStringList lines;
    while (query.next()) {
        lines << query.value(0).toString() + QLatin1Char('|') +
                     TestServers::portableText(query.value(1), QStringLiteral("created_at"));
    }
    return lines;
}

bool exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
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

template <typename T> T* child(QWidget& dialog, const char* name)
{
    return dialog.findChild<T*>(QLatin1String(name));
}

QListWidgetItem* tagItem(PostDialog& dialog, const QString& name)
{
    const QList<QListWidgetItem*> found =
        child<QListWidget>(dialog, "tagList")->findItems(name, Qt::MatchExactly);
    return found.size() == 1 ? found.first() : nullptr;
}

// Toggles a tag's check box with the keyboard, as a user does.
bool toggleTag(PostDialog& dialog, const QString& name)
{
    auto* list = child<QListWidget>(dialog, "tagList");
    QListWidgetItem* item = tagItem(dialog, name);
    if (!item) {
        return false;
    }
    const Qt::CheckState before = item->checkState();
    list->setFocus();
    list->setCurrentItem(item);
    QTest::keyClick(list, Qt::Key_Space);
    return item->checkState() != before;
}

} // namespace

class TestPostDialog : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void createsPostWithAuthorAndTags();
    void slugFollowsTitle();
    void slugConflictTypedByHand();
    void requiredFields();
    void publishingSetsPublishedAt();
    void editingTagsDiffsLinks();
    void newTagOnTheSpot();
    void concurrentSlugKeepsInput();
    void authorAmongManyUsers();
    void cancelWithChangesAsks();
    void discardQuestionIsShown();
    void suggestSlugSkipsTakenBatches();
    void deletedMeanwhileIsNotSuccess();

private:
    QSqlDatabase db() const { return m_temp->db(); }
    std::unique_ptr<PostDialog> openDialog(qint64 id);
    [[nodiscard]] bool pickAuthor(PostDialog& dialog, const QString& username);
    [[nodiscard]] bool fillNewPost(PostDialog& dialog, const QString& title,
                                   const QString& content);
    [[nodiscard]] bool save(PostDialog& dialog);

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestPostDialog::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
}

void TestPostDialog::cleanup()
{
    PostDialog::setNextDiscardAnswer(QMessageBox::NoButton);
    m_temp.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("second"));
}

std::unique_ptr<PostDialog> TestPostDialog::openDialog(qint64 id)
{
    auto dialog = std::make_unique<PostDialog>(db(), id);
    TestSupport::testModelsOf(*dialog); // the author picker's matches
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get())) {
        qWarning("dialog not exposed");
    }
    return dialog;
}

// Types into the author picker and picks the one match with Down + Enter.
bool TestPostDialog::pickAuthor(PostDialog& dialog, const QString& username)
{
    auto* picker = child<RecordPicker>(dialog, "authorPicker");
    HELPER_VERIFY(picker != nullptr);
    retype(picker->lineEdit(), username);
    auto* list = child<QListView>(dialog, "authorPickerList");
    HELPER_VERIFY(list != nullptr);
    HELPER_TRY_VERIFY(list->isVisible());
    HELPER_TRY_COMPARE(list->model()->rowCount(), 1);
    QTest::keyClick(picker->lineEdit(), Qt::Key_Down);
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    HELPER_COMPARE(picker->currentId(), userId(db(), username));
    return true;
}

bool TestPostDialog::fillNewPost(PostDialog& dialog, const QString& title, const QString& content)
{
    retype(edit(dialog, "titleEdit"), title);
    QTest::keyClicks(child<QPlainTextEdit>(dialog, "contentEdit"), content);
    HELPER_VERIFY(pickAuthor(dialog, QStringLiteral("alice")));
    return true;
}

// Clicks Save once it is enabled and checks that the dialog accepted.
bool TestPostDialog::save(PostDialog& dialog)
{
    QSignalSpy saved(&dialog, &PostDialog::saved);
    HELPER_TRY_VERIFY(button(dialog, "saveButton")->isEnabled());
    QTest::mouseClick(button(dialog, "saveButton"), Qt::LeftButton);
    HELPER_COMPARE(labelText(dialog, "saveError"), QString());
    HELPER_COMPARE(saved.count(), 1);
    HELPER_COMPARE(dialog.result(), int(QDialog::Accepted));
    HELPER_COMPARE(saved.at(0).at(0).toLongLong(), dialog.postId());
    return true;
}

void TestPostDialog::createsPostWithAuthorAndTags()
{
    auto dialog = openDialog(0);
    QVERIFY(fillNewPost(*dialog, QStringLiteral("Hello World!"), QStringLiteral("First line")));
    auto* content = child<QPlainTextEdit>(*dialog, "contentEdit");
    QTest::keyClick(content, Qt::Key_Return); // a real multi-line editor
    QTest::keyClicks(content, QStringLiteral("Second"));
    QVERIFY(toggleTag(*dialog, QStringLiteral("Python")));
    QVERIFY(toggleTag(*dialog, QStringLiteral("Flask")));
    QVERIFY(dialog->hasUnsavedChanges());
    QVERIFY(save(*dialog));

    const QString slug = QStringLiteral("hello-world");
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("id"), slug).toLongLong(), dialog->postId());
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("title"), slug),
             QStringLiteral("Hello World!"));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("content"), slug),
             QStringLiteral("First line\nSecond"));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("is_published"), slug), QStringLiteral("0"));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("published_at"), slug),
             QStringLiteral("NULL"));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("user_id"), slug).toLongLong(),
             userId(db(), QStringLiteral("alice")));
    const QString created = postValue(db(), m_dialect, QStringLiteral("created_at"), slug);
    QVERIFY2(isSqlTimestamp(created), qPrintable(created));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("updated_at"), slug), created);
    QCOMPARE(
        links(db(), m_dialect, dialog->postId()),
        QStringList({QStringLiteral("Flask|") + created, QStringLiteral("Python|") + created}));
}

void TestPostDialog::slugFollowsTitle()
{
    auto dialog = openDialog(0);
    QLineEdit* title = edit(*dialog, "titleEdit");
    QLineEdit* slug = edit(*dialog, "slugEdit");
    QTest::keyClicks(title, QStringLiteral("Hello World!"));
    QTRY_COMPARE(slug->text(), QStringLiteral("hello-world"));

    QVERIFY(exec(db(),
                 QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                "created_at, updated_at, user_id) VALUES ('Hello', 'x', "
                                "'hello-world', FALSE, ?, ?, 1)"),
                 {SqlTime::nowUtc(), SqlTime::nowUtc()}));
    retype(title, QStringLiteral("Hello, World"));
    QTRY_COMPARE(slug->text(), QStringLiteral("hello-world-2"));
    QCOMPARE(labelText(*dialog, "slugError"), QString());

    retype(slug, QStringLiteral("my-own-address"));
    QVERIFY(!dialog->slugFollowsTitle());
    QTest::keyClicks(title, QStringLiteral(" again"));
    // Kept as a wait: it proves nothing changes once the pause (CheckDelayMs) is over, and no
    // signal marks that end.
    QTest::qWait(400);
    QCOMPARE(slug->text(), QStringLiteral("my-own-address"));
}

void TestPostDialog::slugConflictTypedByHand()
{
    // The first slug QTest can type (it types Latin-1 only; the sample's are in many scripts).
    const QStringList slugs = column(db(), QStringLiteral("SELECT slug FROM posts ORDER BY id"));
    const auto typeable = std::find_if(slugs.begin(), slugs.end(), [](const QString& slug) {
        return std::all_of(slug.begin(), slug.end(), [](QChar c) { return c.unicode() < 0x100; });
    });
    QVERIFY(typeable != slugs.end());
    const QString taken = *typeable;
    const QString owner = postValue(db(), m_dialect, QStringLiteral("title"), taken);
    auto dialog = openDialog(0);
    QVERIFY(fillNewPost(*dialog, QStringLiteral("Something new"), QStringLiteral("Text")));
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    retype(edit(*dialog, "slugEdit"), taken);
    QTRY_COMPARE(labelText(*dialog, "slugError"),
                 QStringLiteral("That slug is already used by post \"%1\"").arg(owner));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    retype(edit(*dialog, "slugEdit"), taken + QStringLiteral("-mine"));
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    QCOMPARE(labelText(*dialog, "slugError"), QString());
}

void TestPostDialog::requiredFields()
{
    auto dialog = openDialog(0);
    QTest::keyClicks(edit(*dialog, "titleEdit"), QStringLiteral("x"));
    retype(edit(*dialog, "titleEdit"), QString());
    QCOMPARE(labelText(*dialog, "titleError"), QStringLiteral("Enter a title."));
    QVERIFY(labelText(*dialog, "slugError").startsWith(QLatin1String("Enter a slug")));
    QCOMPARE(labelText(*dialog, "contentError"), QStringLiteral("Write the post's content."));
    QCOMPARE(labelText(*dialog, "authorError"), QStringLiteral("Choose the author."));
    // Kept as a wait: it proves nothing changes once the pause (CheckDelayMs) is over, and no
    // signal marks that end.
    QTest::qWait(400);
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());

    QTest::keyClicks(child<QPlainTextEdit>(*dialog, "contentEdit"), QStringLiteral("   "));
    QCOMPARE(labelText(*dialog, "contentError"), QStringLiteral("Write the post's content."));
    retype(edit(*dialog, "titleEdit"), QString(201, QLatin1Char('t')));
    QVERIFY2(labelText(*dialog, "titleError").contains(QLatin1String("at most 200 characters")),
             qPrintable(labelText(*dialog, "titleError")));
    QVERIFY(pickAuthor(*dialog, QStringLiteral("bob")));
    QCOMPARE(labelText(*dialog, "authorError"), QString());
    // Kept as a wait: it proves nothing changes once the pause (CheckDelayMs) is over, and no
    // signal marks that end.
    QTest::qWait(400);
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
}

void TestPostDialog::publishingSetsPublishedAt()
{
    const qint64 id = scalar(db(), QStringLiteral("SELECT MIN(id) FROM posts")).toLongLong();
    QVERIFY(exec(db(),
                 QStringLiteral("UPDATE posts SET is_published = NULL, published_at = NULL, "
                                "updated_at = '2020-01-01 00:00:00.000000' WHERE id = ?"),
                 {id}));
    const QString slug =
        scalar(db(), QStringLiteral("SELECT slug FROM posts WHERE id = %1").arg(id)).toString();
    auto dialog = openDialog(id);
    QVERIFY(dialog->loadError().isEmpty());
    QVERIFY(!child<QCheckBox>(*dialog, "publishedCheck")->isChecked()); // NULL reads as False
    QVERIFY(!dialog->hasUnsavedChanges());
    QTest::mouseClick(child<QCheckBox>(*dialog, "publishedCheck"), Qt::LeftButton);
    QVERIFY(child<QCheckBox>(*dialog, "publishedCheck")->isChecked());
    QVERIFY(save(*dialog));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("is_published"), slug), QStringLiteral("1"));
    const QString publishedAt = postValue(db(), m_dialect, QStringLiteral("published_at"), slug);
    QVERIFY2(isSqlTimestamp(publishedAt), qPrintable(publishedAt));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("updated_at"), slug), publishedAt);

    // Unpublishing keeps the date of the first publication (the model never clears it).
    dialog = openDialog(id);
    QVERIFY(child<QCheckBox>(*dialog, "publishedCheck")->isChecked());
    QTest::mouseClick(child<QCheckBox>(*dialog, "publishedCheck"), Qt::LeftButton);
    QVERIFY(save(*dialog));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("is_published"), slug), QStringLiteral("0"));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("published_at"), slug), publishedAt);
    QVERIFY(postValue(db(), m_dialect, QStringLiteral("updated_at"), slug) > publishedAt);
}

void TestPostDialog::editingTagsDiffsLinks()
{
    const qint64 id = scalar(db(), QStringLiteral("SELECT MIN(id) FROM posts")).toLongLong();
    QVERIFY(exec(db(), QStringLiteral("DELETE FROM post_tags WHERE post_id = ?"), {id}));
    for (const char* name : {"Python", "Flask"}) {
        QVERIFY(exec(db(),
                     QStringLiteral("INSERT INTO post_tags (post_id, tag_id, created_at) "
                                    "VALUES (?, ?, ?)"),
                     {id, tagId(db(), QLatin1String(name)), OldLinkTime}));
    }
    auto dialog = openDialog(id);
    QVERIFY(tagItem(*dialog, QStringLiteral("Python"))->checkState() == Qt::Checked);
    QVERIFY(tagItem(*dialog, QStringLiteral("Testing"))->checkState() == Qt::Unchecked);
    QVERIFY(toggleTag(*dialog, QStringLiteral("Python")));  // removed
    QVERIFY(toggleTag(*dialog, QStringLiteral("Testing"))); // added
    QVERIFY(dialog->hasUnsavedChanges());
    QVERIFY(save(*dialog));
    const QStringList after = links(db(), m_dialect, id);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.at(0), QStringLiteral("Flask|") + OldLinkTime); // untouched: same created_at
    QVERIFY2(after.at(1).startsWith(QLatin1String("Testing|")), qPrintable(after.at(1)));
    const QString added = after.at(1).section(QLatin1Char('|'), 1);
    QVERIFY2(isSqlTimestamp(added) && added > OldLinkTime, qPrintable(added));

    // Saving again unchanged writes no link at all.
    dialog = openDialog(id);
    QVERIFY(!dialog->hasUnsavedChanges());
    QVERIFY(save(*dialog));
    QCOMPARE(links(db(), m_dialect, id), after);
}

void TestPostDialog::newTagOnTheSpot()
{
    auto dialog = openDialog(0);
    QVERIFY(fillNewPost(*dialog, QStringLiteral("Tagged on the spot"), QStringLiteral("Body")));
    QLineEdit* newTag = edit(*dialog, "newTagEdit");
    QPushButton* create = button(*dialog, "newTagButton");
    const int tagsBefore = scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tags")).toInt();

    QTest::keyClicks(newTag, QStringLiteral("python")); // slug "python" is Python's
    QTest::mouseClick(create, Qt::LeftButton);
    QCOMPARE(labelText(*dialog, "newTagError"),
             QStringLiteral("That slug is already used by tag 'Python'"));
    retype(newTag, QStringLiteral("Python"));
    QTest::mouseClick(create, Qt::LeftButton);
    QCOMPARE(labelText(*dialog, "newTagError"),
             QStringLiteral("That name is already used by tag 'Python'"));
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tags")).toInt(), tagsBefore);

    retype(newTag, QStringLiteral("Qt Widgets"));
    QTest::mouseClick(create, Qt::LeftButton);
    QCOMPARE(labelText(*dialog, "newTagError"), QString());
    QCOMPARE(newTag->text(), QString());
    const qint64 created = tagId(db(), QStringLiteral("Qt Widgets"));
    QVERIFY(created > 0);
    QCOMPARE(
        scalar(db(), QStringLiteral("SELECT slug FROM tags WHERE id = %1").arg(created)).toString(),
        QStringLiteral("qt-widgets"));
    QVERIFY(tagItem(*dialog, QStringLiteral("Qt Widgets"))->checkState() == Qt::Checked);
    QVERIFY(save(*dialog));
    const QStringList linked = links(db(), m_dialect, dialog->postId());
    QCOMPARE(linked.size(), 1);
    QVERIFY2(linked.first().startsWith(QLatin1String("Qt Widgets|")), qPrintable(linked.first()));
}

void TestPostDialog::concurrentSlugKeepsInput()
{
    auto dialog = openDialog(0);
    QVERIFY(fillNewPost(*dialog, QStringLiteral("Race Post"), QStringLiteral("Typed text")));
    QTRY_COMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("race-post"));
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled()); // the slug was free when checked

    QSqlDatabase second;
    QString error;
    QVERIFY2(m_temp->openAnother(QStringLiteral("second"), &second, &error), qPrintable(error));
    QVERIFY(exec(second,
                 QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                "created_at, updated_at, user_id) VALUES ('Other Racer', 'x', "
                                "'race-post', FALSE, ?, ?, 1)"),
                 {SqlTime::nowUtc(), SqlTime::nowUtc()}));
    second.close();

    QSignalSpy saved(dialog.get(), &PostDialog::saved);
    QTest::mouseClick(button(*dialog, "saveButton"), Qt::LeftButton);
    QCOMPARE(labelText(*dialog, "slugError"),
             QStringLiteral("That slug is already used by post \"Other Racer\""));
    QVERIFY(dialog->isVisible());
    QCOMPARE(saved.count(), 0);
    QCOMPARE(dialog->postId(), qint64(0));
    QVERIFY(!showsDriverUniqueError(labelText(*dialog, "saveError")));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QCOMPARE(edit(*dialog, "titleEdit")->text(), QStringLiteral("Race Post"));
    QCOMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("race-post"));
    QCOMPARE(child<QPlainTextEdit>(*dialog, "contentEdit")->toPlainText(),
             QStringLiteral("Typed text"));
    QCOMPARE(child<RecordPicker>(*dialog, "authorPicker")->currentId(),
             userId(db(), QStringLiteral("alice")));
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM posts WHERE title = 'Race Post'"))
                 .toInt(),
             0);
}

void TestPostDialog::authorAmongManyUsers()
{
    const qint64 existing = scalar(db(), QStringLiteral("SELECT MAX(id) FROM users")).toLongLong();
    QVERIFY(existing < 300);
    QVERIFY(db().transaction());
    BatchInserter users(db(), QStringLiteral("users"),
                        {QStringLiteral("id"), QStringLiteral("username"), QStringLiteral("email"),
                         QStringLiteral("password_hash"), QStringLiteral("is_active"),
                         QStringLiteral("created_at")});
    QString error;
    for (qint64 id = existing + 1; id <= 320; ++id) {
        const QString name = QStringLiteral("reader%1").arg(id);
        QVERIFY2(users.add({id, name, name + QStringLiteral("@example.com"), QStringLiteral("x"),
                            true, SqlTime::nowUtc()},
                           &error),
                 qPrintable(error));
    }
    QVERIFY2(users.flush(&error), qPrintable(error));
    QVERIFY(db().commit());
    QVERIFY2(TestServers::advanceSequences(db(), m_dialect, &error), qPrintable(error));
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 320);
    QVERIFY(exec(db(),
                 QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                "created_at, updated_at, user_id) VALUES ('By 300', 'x', "
                                "'by-300', FALSE, ?, ?, 300)"),
                 {SqlTime::nowUtc(), SqlTime::nowUtc()}));
    const qint64 postId =
        postValue(db(), m_dialect, QStringLiteral("id"), QStringLiteral("by-300")).toLongLong();

    auto dialog = openDialog(postId);
    auto* picker = child<RecordPicker>(*dialog, "authorPicker");
    QCOMPARE(picker->currentId(), qint64(300));
    QVERIFY2(picker->lineEdit()->text().contains(QLatin1String("reader300")),
             qPrintable(picker->lineEdit()->text()));
    QVERIFY(!dialog->hasUnsavedChanges());
    QVERIFY(save(*dialog));
    QCOMPARE(postValue(db(), m_dialect, QStringLiteral("user_id"), QStringLiteral("by-300")),
             QStringLiteral("300"));
}

void TestPostDialog::cancelWithChangesAsks()
{
    const qint64 id = scalar(db(), QStringLiteral("SELECT MIN(id) FROM posts")).toLongLong();
    const QString title =
        scalar(db(), QStringLiteral("SELECT title FROM posts WHERE id = %1").arg(id)).toString();
    auto dialog = openDialog(id);
    QVERIFY(!dialog->hasUnsavedChanges());
    QTest::keyClicks(edit(*dialog, "titleEdit"), QStringLiteral("x"));
    QVERIFY(dialog->hasUnsavedChanges());
    PostDialog::setNextDiscardAnswer(QMessageBox::No);
    QTest::mouseClick(button(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QCOMPARE(edit(*dialog, "titleEdit")->text(), title + QStringLiteral("x"));
    PostDialog::setNextDiscardAnswer(QMessageBox::Yes);
    QTest::mouseClick(button(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QCOMPARE(
        scalar(db(), QStringLiteral("SELECT title FROM posts WHERE id = %1").arg(id)).toString(),
        title);

    // Without changes, Cancel closes at once.
    dialog = openDialog(id);
    QTest::mouseClick(button(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
}

void TestPostDialog::discardQuestionIsShown()
{
    auto dialog = openDialog(0);
    QVERIFY(toggleTag(*dialog, QStringLiteral("Testing"))); // a tag alone is a change too
    bool asked = false;
    QTimer::singleShot(0, dialog.get(), [&asked] {
        asked = TestSupport::clickInModal(QStringLiteral("discardChangesBox"),
                                          QStringLiteral("keepEditingButton"));
    });
    dialog->close(); // the window's close button goes through the same question
    QVERIFY(asked);
    QVERIFY(dialog->isVisible());
}

// base, base-2 ... base-30 taken: the answer needs a second batch of candidates, not 31
// queries; a 200-character slug gets its suffix inside the column width.
void TestPostDialog::suggestSlugSkipsTakenBatches()
{
    const QString insert = QStringLiteral(
        "INSERT INTO posts (title, content, slug, is_published, created_at, updated_at, user_id) "
        "VALUES ('t', 'x', ?, FALSE, ?, ?, 1)");
    const QString now = SqlTime::nowUtc();
    QVERIFY(exec(db(), insert, {QStringLiteral("many"), now, now}));
    for (int n = 2; n <= 30; ++n) {
        QVERIFY(exec(db(), insert, {QStringLiteral("many-%1").arg(n), now, now}));
    }
    PostService service(db());
    QCOMPARE(service.suggestSlug(QStringLiteral("Many"), 0), QStringLiteral("many-31"));
    const qint64 many =
        postValue(db(), m_dialect, QStringLiteral("id"), QStringLiteral("many")).toLongLong();
    QCOMPARE(service.suggestSlug(QStringLiteral("Many"), many), QStringLiteral("many"));
    QCOMPARE(service.suggestSlug(QStringLiteral("?!"), 0), QString());

    const QString longSlug(200, QLatin1Char('a'));
    QVERIFY(exec(db(), insert, {longSlug, now, now}));
    const QString suggested = service.suggestSlug(longSlug.toUpper(), 0);
    QCOMPARE(suggested, QString(198, QLatin1Char('a')) + QStringLiteral("-2"));
}

void TestPostDialog::deletedMeanwhileIsNotSuccess()
{
    QVERIFY(exec(db(),
                 QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                "created_at, updated_at, user_id) VALUES ('Ghost', 'x', "
                                "'ghost', FALSE, ?, ?, 1)"),
                 {SqlTime::nowUtc(), SqlTime::nowUtc()}));
    const qint64 id =
        postValue(db(), m_dialect, QStringLiteral("id"), QStringLiteral("ghost")).toLongLong();
    auto dialog = openDialog(id);
    QVERIFY(dialog->loadError().isEmpty());
    QVERIFY(exec(db(), QStringLiteral("DELETE FROM posts WHERE id = ?"), {id}));
    QVERIFY(toggleTag(*dialog, QStringLiteral("Python")));
    QSignalSpy saved(dialog.get(), &PostDialog::saved);
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    QTest::mouseClick(button(*dialog, "saveButton"), Qt::LeftButton);
    QVERIFY2(labelText(*dialog, "saveError").contains(QLatin1String("no longer exists")),
             qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(saved.count(), 0);
    QVERIFY(dialog->isVisible());
    QCOMPARE(links(db(), m_dialect, id), QStringList()); // the rollback took the link with it
}

QTEST_MAIN(TestPostDialog)
#include "TestPostDialog.moc"
