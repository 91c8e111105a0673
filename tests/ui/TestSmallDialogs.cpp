#include "sql/SqlTime.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/browse/RecordPicker.h"
#include "views/edit/CommentDialog.h"
#include "views/edit/EditFormSupport.h"
#include "views/edit/ProfileDialog.h"
#include "views/edit/TagDialog.h"

using TestServers::BackendDatabase;
using TestSupport::button;
using TestSupport::edit;
using TestSupport::isSqlTimestamp;
using TestSupport::labelText;
using TestSupport::retype;
using TestSupport::scalar;
using TestSupport::showsDriverUniqueError;

namespace {

// Runs `statement` with `values` bound in order on `db`; the first column of the first row.
QVariant queryValue(const QSqlDatabase& db, const QString& statement,
                    const QVariantList& values = {})
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return {};
    }
    return query.next() ? query.value(0) : QVariant();
}

template <typename Dialog> std::unique_ptr<Dialog> shown(std::unique_ptr<Dialog> dialog)
{
    TestSupport::testModelsOf(*dialog); // the pickers' lists of matches
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get())) {
        qWarning("dialog not exposed");
    }
    return dialog;
}

// Clicks Save once it is enabled and checks that the dialog accepted with `saved(id)`.
template <typename Dialog> qint64 saveDialog(Dialog& dialog)
{
    QSignalSpy saved(&dialog, &Dialog::saved);
    if (!QTest::qWaitFor([&dialog] { return button(dialog, "saveButton")->isEnabled(); })) {
        qWarning("Save stays disabled: %s", qPrintable(labelText(dialog, "saveError")));
        return 0;
    }
    QTest::mouseClick(button(dialog, "saveButton"), Qt::LeftButton);
    if (saved.count() != 1 || dialog.result() != int(QDialog::Accepted)) {
        qWarning("not saved: %s", qPrintable(labelText(dialog, "saveError")));
        return 0;
    }
    return saved.at(0).at(0).toLongLong();
}

RecordPicker* picker(QWidget& dialog, const char* name)
{
    return dialog.findChild<RecordPicker*>(QLatin1String(name));
}

// Types `text` into the picker and picks the first match, as a user does.
bool pickByTyping(RecordPicker* picker, const QString& text)
{
    QTest::keyClicks(picker->lineEdit(), text);
    auto* list = picker->findChild<QListView*>();
    if (!list || !QTest::qWaitFor([list] { return list->isVisible(); })) {
        return false;
    }
    QTest::keyClick(picker->lineEdit(), Qt::Key_Down);
    QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
    return picker->hasCurrent();
}

} // namespace

class TestSmallDialogs : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();

    void tagCreate();
    void tagSlugFollowsNameUntilEdited();
    void tagDuplicateName();
    void tagDuplicateSlug();
    void tagLengths();
    void tagTakenMeanwhile();
    void tagCancelAsks();

    void commentCreate();
    void commentReplyFillsPostAndParent();
    void commentParentFromAnotherPostRefused();
    void commentEmptyContent();

    void profileCreateForUserWithout();
    void profileEdit();
    void profileInvalidUrl_data();
    void profileInvalidUrl();
    void profileClashWithConcurrentInsert();

private:
    QSqlDatabase db() const { return m_temp->db(); }
    QSqlDatabase openSecond();
    qint64 userWithoutProfile();
    QString profileValue(qint64 userId, const QString& column);

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestSmallDialogs::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
}

void TestSmallDialogs::cleanup()
{
    m_temp.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("second"));
}

// Another program's connection to the same database.
QSqlDatabase TestSmallDialogs::openSecond()
{
    QSqlDatabase second;
    QString error;
    if (!m_temp->openAnother(QStringLiteral("second"), &second, &error)) {
        qWarning("second connection: %s", qPrintable(error));
    }
    return second;
}

// ---- tags ----------------------------------------------------------------------------------

void TestSmallDialogs::tagCreate()
{
    auto dialog = shown(std::make_unique<TagDialog>(db(), 0));
    QCOMPARE(labelText(*dialog, "nameError"), QStringLiteral("Enter a name."));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QCOMPARE(edit(*dialog, "nameEdit")->accessibleName(), QStringLiteral("Name"));
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("Qt Widgets & C++"));
    QCOMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("qt-widgets-c"));
    const qint64 id = saveDialog(*dialog);
    QVERIFY(id > 0);
    QCOMPARE(dialog->tagId(), id);
    QCOMPARE(
        queryValue(db(), QStringLiteral("SELECT name FROM tags WHERE id = ?"), {id}).toString(),
        QStringLiteral("Qt Widgets & C++"));
    QCOMPARE(
        queryValue(db(), QStringLiteral("SELECT slug FROM tags WHERE id = ?"), {id}).toString(),
        QStringLiteral("qt-widgets-c"));
}

void TestSmallDialogs::tagSlugFollowsNameUntilEdited()
{
    auto dialog = shown(std::make_unique<TagDialog>(db(), 0));
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("Data"));
    QCOMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("data"));
    retype(edit(*dialog, "slugEdit"), QStringLiteral("my-data"));
    QVERIFY(!dialog->slugFollowsName());
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral(" Science"));
    QCOMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("my-data"));
    retype(edit(*dialog, "slugEdit"), QStringLiteral("Not A Slug"));
    QTRY_VERIFY(labelText(*dialog, "slugError").contains(QLatin1String("not-a-slug")));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    edit(*dialog, "slugEdit")->selectAll();
    QTest::keyClick(edit(*dialog, "slugEdit"), Qt::Key_Backspace); // empty: follows again
    QVERIFY(dialog->slugFollowsName());
    QCOMPARE(labelText(*dialog, "slugError"), QStringLiteral("Enter a slug."));
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("!"));
    QCOMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("data-science"));
    const qint64 id = saveDialog(*dialog);
    QCOMPARE(
        queryValue(db(), QStringLiteral("SELECT slug FROM tags WHERE id = ?"), {id}).toString(),
        QStringLiteral("data-science"));
}

void TestSmallDialogs::tagDuplicateName()
{
    const QString taken =
        scalar(db(), QStringLiteral("SELECT name FROM tags ORDER BY id LIMIT 1")).toString();
    QVERIFY(!taken.isEmpty());
    const qint64 before = scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tags")).toLongLong();
    auto dialog = shown(std::make_unique<TagDialog>(db(), 0));
    QTest::keyClicks(edit(*dialog, "nameEdit"), taken);
    QTRY_COMPARE(labelText(*dialog, "nameError"),
                 QStringLiteral("That name is already used by tag '%1'").arg(taken));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("2"));
    QCOMPARE(labelText(*dialog, "nameError"), QString()); // stale answer gone while typing
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    QVERIFY(saveDialog(*dialog) > 0);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tags")).toLongLong(), before + 1);
}

void TestSmallDialogs::tagDuplicateSlug()
{
    const QString taken =
        scalar(db(), QStringLiteral("SELECT slug FROM tags ORDER BY id LIMIT 1")).toString();
    const QString owner =
        scalar(db(), QStringLiteral("SELECT name FROM tags ORDER BY id LIMIT 1")).toString();
    auto dialog = shown(std::make_unique<TagDialog>(db(), 0));
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("Something New"));
    retype(edit(*dialog, "slugEdit"), taken);
    QTRY_COMPARE(labelText(*dialog, "slugError"),
                 QStringLiteral("That slug is already used by tag '%1'").arg(owner));
    QCOMPARE(labelText(*dialog, "nameError"), QString());
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tags WHERE name = 'Something New'"))
                 .toLongLong(),
             0);
}

void TestSmallDialogs::tagLengths()
{
    auto dialog = shown(std::make_unique<TagDialog>(db(), 0));
    QTest::keyClicks(edit(*dialog, "nameEdit"), QString(51, QLatin1Char('n')));
    QVERIFY(labelText(*dialog, "nameError")
                .contains(QLatin1String("at most 50 characters (this one has 51)")));
    QVERIFY(labelText(*dialog, "slugError")
                .contains(QLatin1String("at most 50 characters (this one has 51)")));
    // Kept as a wait: it proves nothing changes once the pause (CheckDelayMs) is over, and no
    // signal marks that end.
    QTest::qWait(400);
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QTest::keyClick(edit(*dialog, "nameEdit"), Qt::Key_Backspace); // 50 fit
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    QVERIFY(saveDialog(*dialog) > 0);
}

void TestSmallDialogs::tagTakenMeanwhile()
{
    auto dialog = shown(std::make_unique<TagDialog>(db(), 0));
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("Racing"));
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled()); // free when checked
    {
        QSqlDatabase second = openSecond();
        QSqlQuery insert(second);
        QVERIFY2(insert.exec(QStringLiteral(
                     "INSERT INTO tags (name, slug) VALUES ('Racing', 'racing-other')")),
                 qPrintable(insert.lastError().text()));
        second.close();
    }
    QSignalSpy saved(dialog.get(), &TagDialog::saved);
    QTest::mouseClick(button(*dialog, "saveButton"), Qt::LeftButton);
    QCOMPARE(labelText(*dialog, "nameError"),
             QStringLiteral("That name is already used by tag 'Racing'"));
    QVERIFY(!showsDriverUniqueError(labelText(*dialog, "saveError")));
    QCOMPARE(saved.count(), 0);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->tagId(), qint64(0));
    QCOMPARE(edit(*dialog, "nameEdit")->text(), QStringLiteral("Racing"));
    QCOMPARE(edit(*dialog, "slugEdit")->text(), QStringLiteral("racing"));
}

void TestSmallDialogs::tagCancelAsks()
{
    const qint64 id = scalar(db(), QStringLiteral("SELECT MIN(id) FROM tags")).toLongLong();
    auto dialog = shown(std::make_unique<TagDialog>(db(), id));
    QVERIFY(dialog->loadError().isEmpty());
    QVERIFY(!dialog->hasUnsavedChanges());
    QTest::keyClicks(edit(*dialog, "nameEdit"), QStringLiteral("x"));
    DiscardQuestion::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(button(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    bool asked = false;
    QTimer::singleShot(0, dialog.get(), [&asked] {
        asked = TestSupport::clickInModal(QStringLiteral("discardChangesBox"),
                                          QStringLiteral("discardButton"));
    });
    dialog->close();
    QVERIFY(asked);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
}

// ---- comments ------------------------------------------------------------------------------

void TestSmallDialogs::commentCreate()
{
    const qint64 postId = scalar(db(), QStringLiteral("SELECT MAX(id) FROM posts")).toLongLong();
    const qint64 alice =
        scalar(db(), QStringLiteral("SELECT id FROM users WHERE username = 'alice'")).toLongLong();
    auto dialog = shown(std::make_unique<CommentDialog>(db(), 0));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    auto* content = dialog->findChild<QPlainTextEdit*>(QStringLiteral("contentEdit"));
    QVERIFY(content);
    QCOMPARE(content->accessibleName(), QStringLiteral("Content"));
    QTest::keyClicks(content, QStringLiteral("Nice post!"));
    QVERIFY(pickByTyping(picker(*dialog, "authorPicker"), QStringLiteral("alice@")));
    QCOMPARE(picker(*dialog, "authorPicker")->currentId(), alice);
    picker(*dialog, "postPicker")->setCurrent(postId);
    QCOMPARE(edit(*dialog, "parentEdit")->text(), QString());
    QVERIFY(!button(*dialog, "clearParentButton")->isEnabled());
    const qint64 id = saveDialog(*dialog);
    QVERIFY(id > 0);
    QSqlQuery row(db());
    row.prepare(QStringLiteral("SELECT content, user_id, post_id, parent_id, %1 "
                               "FROM comments WHERE id = ?")
                    .arg(TestServers::columnAsText(m_dialect, QStringLiteral("created_at"))));
    row.addBindValue(id);
    QVERIFY(row.exec() && row.next());
    QCOMPARE(row.value(0).toString(), QStringLiteral("Nice post!"));
    QCOMPARE(row.value(1).toLongLong(), alice);
    QCOMPARE(row.value(2).toLongLong(), postId);
    QVERIFY(row.value(3).isNull());
    const QString created = TestServers::portableText(row.value(4), QStringLiteral("created_at"));
    QVERIFY2(isSqlTimestamp(created), qPrintable(created));
}

void TestSmallDialogs::commentReplyFillsPostAndParent()
{
    const qint64 parentId =
        scalar(db(), QStringLiteral("SELECT MIN(id) FROM comments")).toLongLong();
    const qint64 postId =
        queryValue(db(), QStringLiteral("SELECT post_id FROM comments WHERE id = ?"), {parentId})
            .toLongLong();
    // As text: the servers' drivers would give a QDateTime with milliseconds only.
    const QString createdText = TestServers::columnAsText(m_dialect, QStringLiteral("created_at"));
    const QString createdBefore =
        queryValue(db(), QStringLiteral("SELECT %1 FROM comments WHERE id = ?").arg(createdText),
                   {parentId})
            .toString();
    auto dialog = shown(std::make_unique<CommentDialog>(db(), 0));
    QVERIFY(dialog->setReplyTo(parentId));
    RecordPicker* post = picker(*dialog, "postPicker");
    QCOMPARE(post->currentId(), postId);
    QVERIFY(!post->isEnabled());
    QVERIFY2(
        edit(*dialog, "parentEdit")->text().startsWith(QStringLiteral("#%1 by ").arg(parentId)),
        qPrintable(edit(*dialog, "parentEdit")->text()));
    QVERIFY(edit(*dialog, "parentEdit")->isReadOnly());
    QVERIFY(!button(*dialog, "clearParentButton")->isEnabled());
    QVERIFY(!dialog->hasUnsavedChanges()); // nothing typed yet: closing asks nothing
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("contentEdit")),
                     QStringLiteral("I agree."));
    QVERIFY(pickByTyping(picker(*dialog, "authorPicker"), QStringLiteral("bob")));
    const qint64 id = saveDialog(*dialog);
    QVERIFY(id > 0);
    QCOMPARE(queryValue(db(), QStringLiteral("SELECT post_id FROM comments WHERE id = ?"), {id})
                 .toLongLong(),
             postId);
    QCOMPARE(queryValue(db(), QStringLiteral("SELECT parent_id FROM comments WHERE id = ?"), {id})
                 .toLongLong(),
             parentId);
    QCOMPARE(queryValue(db(),
                        QStringLiteral("SELECT %1 FROM comments WHERE id = ?").arg(createdText),
                        {parentId})
                 .toString(),
             createdBefore);
}

void TestSmallDialogs::commentParentFromAnotherPostRefused()
{
    const qint64 replyId =
        scalar(db(), QStringLiteral("SELECT MIN(id) FROM comments WHERE parent_id IS NOT NULL "
                                    "AND id NOT IN (SELECT parent_id FROM comments "
                                    "WHERE parent_id IS NOT NULL)"))
            .toLongLong();
    QVERIFY(replyId > 0);
    const qint64 postId =
        queryValue(db(), QStringLiteral("SELECT post_id FROM comments WHERE id = ?"), {replyId})
            .toLongLong();
    const qint64 parentId =
        queryValue(db(), QStringLiteral("SELECT parent_id FROM comments WHERE id = ?"), {replyId})
            .toLongLong();
    QVERIFY(postId > 0 && parentId > 0);
    const qint64 otherPost =
        queryValue(db(), QStringLiteral("SELECT MIN(id) FROM posts WHERE id <> ?"), {postId})
            .toLongLong();

    // In the dialog: moving a reply to another post is refused next to the reply.
    auto dialog = shown(std::make_unique<CommentDialog>(db(), replyId));
    QVERIFY(dialog->loadError().isEmpty());
    QVERIFY(button(*dialog, "clearParentButton")->isEnabled());
    picker(*dialog, "postPicker")->setCurrent(otherPost);
    QVERIFY2(labelText(*dialog, "parentError").contains(QLatin1String("another post")),
             qPrintable(labelText(*dialog, "parentError")));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    picker(*dialog, "postPicker")->setCurrent(postId);
    QCOMPARE(labelText(*dialog, "parentError"), QString());
    QVERIFY(button(*dialog, "saveButton")->isEnabled());

    // The service checks again inside its transaction (another writer, or a caller without
    // the dialog), and writes nothing.
    CommentService service(db());
    CommentRecord record;
    record.content = QStringLiteral("cross-post reply");
    record.userId = scalar(db(), QStringLiteral("SELECT MIN(id) FROM users")).toLongLong();
    record.postId = otherPost;
    record.parentId = parentId;
    ValidationErrors fieldErrors;
    QString error;
    QVERIFY(!service.save(&record, &fieldErrors, &error));
    QVERIFY2(fieldErrors.value(CommentService::ParentField).contains(QLatin1String("another post")),
             qPrintable(error));
    QCOMPARE(record.id, qint64(0));
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM comments "
                                         "WHERE content = 'cross-post reply'"))
                 .toLongLong(),
             0);
}

void TestSmallDialogs::commentEmptyContent()
{
    auto dialog = shown(std::make_unique<CommentDialog>(db(), 0));
    picker(*dialog, "authorPicker")->setCurrent(1);
    picker(*dialog, "postPicker")->setCurrent(1);
    auto* content = dialog->findChild<QPlainTextEdit*>(QStringLiteral("contentEdit"));
    QCOMPARE(labelText(*dialog, "contentError"), QStringLiteral("Write the comment."));
    QTest::keyClicks(content, QStringLiteral("   "));
    QCOMPARE(labelText(*dialog, "contentError"), QStringLiteral("Write the comment."));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QVERIFY(dialog->hasUnsavedChanges());
    DiscardQuestion::setNextAnswer(QMessageBox::Yes);
    dialog->close();
    QVERIFY(!dialog->isVisible());
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM comments WHERE TRIM(content) = ''"))
                 .toLongLong(),
             0);
}

// ---- profiles ------------------------------------------------------------------------------

qint64 TestSmallDialogs::userWithoutProfile()
{
    return scalar(db(), QStringLiteral("SELECT MIN(id) FROM users WHERE id NOT IN "
                                       "(SELECT user_id FROM profiles)"))
        .toLongLong();
}

QString TestSmallDialogs::profileValue(qint64 userId, const QString& column)
{
    const QVariant value = queryValue(
        db(), QStringLiteral("SELECT %1 FROM profiles WHERE user_id = ?").arg(column), {userId});
    return value.isNull() ? QStringLiteral("NULL") : value.toString();
}

void TestSmallDialogs::profileCreateForUserWithout()
{
    const qint64 userId = userWithoutProfile();
    QVERIFY(userId > 0);
    auto dialog = shown(std::make_unique<ProfileDialog>(db(), userId));
    QVERIFY(dialog->loadError().isEmpty());
    QCOMPARE(dialog->profileId(), qint64(0));
    QVERIFY(labelText(*dialog, "saveError").contains(QLatin1String("no profile yet")));
    QCOMPARE(edit(*dialog, "avatarUrlEdit")->accessibleName(), QStringLiteral("Avatar URL"));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("bioEdit")),
                     QStringLiteral("Hello there."));
    QTest::keyClicks(edit(*dialog, "websiteEdit"), QStringLiteral("https://example.org/me"));
    QTest::keyClicks(edit(*dialog, "locationEdit"), QStringLiteral("Porto"));
    const qint64 id = saveDialog(*dialog);
    QVERIFY(id > 0);
    QCOMPARE(dialog->profileId(), id);
    QCOMPARE(profileValue(userId, QStringLiteral("id")).toLongLong(), id);
    QCOMPARE(profileValue(userId, QStringLiteral("bio")), QStringLiteral("Hello there."));
    QCOMPARE(profileValue(userId, QStringLiteral("website")),
             QStringLiteral("https://example.org/me"));
    QCOMPARE(profileValue(userId, QStringLiteral("location")), QStringLiteral("Porto"));
    QCOMPARE(profileValue(userId, QStringLiteral("avatar_url")), QStringLiteral("NULL"));
}

void TestSmallDialogs::profileEdit()
{
    const qint64 userId =
        scalar(db(), QStringLiteral("SELECT MIN(user_id) FROM profiles")).toLongLong();
    const qint64 profiles =
        scalar(db(), QStringLiteral("SELECT COUNT(*) FROM profiles")).toLongLong();
    const QString bio = profileValue(userId, QStringLiteral("bio"));
    auto dialog = shown(std::make_unique<ProfileDialog>(db(), userId));
    QVERIFY(dialog->loadError().isEmpty());
    QCOMPARE(dialog->profileId(), profileValue(userId, QStringLiteral("id")).toLongLong());
    QCOMPARE(edit(*dialog, "avatarUrlEdit")->text(),
             profileValue(userId, QStringLiteral("avatar_url")));
    QVERIFY(!dialog->hasUnsavedChanges());
    retype(edit(*dialog, "locationEdit"), QStringLiteral("Reykjavik"));
    QVERIFY(dialog->hasUnsavedChanges());
    QCOMPARE(saveDialog(*dialog), dialog->profileId());
    QCOMPARE(profileValue(userId, QStringLiteral("location")), QStringLiteral("Reykjavik"));
    QCOMPARE(profileValue(userId, QStringLiteral("bio")), bio);
    QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM profiles")).toLongLong(), profiles);
}

void TestSmallDialogs::profileInvalidUrl_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    const QString avatarMessage = QStringLiteral(
        "The avatar URL is not a web address: it must start with http:// or https://, like "
        "https://example.com/me.png.");
    const QString websiteMessage = QStringLiteral(
        "The website is not a web address: it must start with http:// or https://, like "
        "https://example.com.");
    QTest::newRow("no scheme") << "avatarUrl"
                               << "example.com/me.png" << avatarMessage;
    QTest::newRow("ftp") << "avatarUrl"
                         << "ftp://example.com/me.png" << avatarMessage;
    QTest::newRow("no host") << "avatarUrl"
                             << "https://" << avatarMessage;
    QTest::newRow("space") << "website"
                           << "https://exa mple.com" << websiteMessage;
    QTest::newRow("javascript") << "website"
                                << "javascript:alert(1)" << websiteMessage;
    QTest::newRow("website 201")
        << "website" << QStringLiteral("https://e.com/") + QString(187, QLatin1Char('a'))
        << "A website address has at most 200 characters (this one has 201).";
    QTest::newRow("location 101") << "location" << QString(101, QLatin1Char('l'))
                                  << "A location has at most 100 characters (this one has 101).";
}

void TestSmallDialogs::profileInvalidUrl()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, message);
    const qint64 userId =
        scalar(db(), QStringLiteral("SELECT MIN(user_id) FROM profiles")).toLongLong();
    const QString before = profileValue(userId, QStringLiteral("avatar_url"));
    auto dialog = shown(std::make_unique<ProfileDialog>(db(), userId));
    QLineEdit* input = edit(*dialog, (field + QStringLiteral("Edit")).toLatin1().constData());
    QVERIFY(input);
    retype(input, text);
    QCOMPARE(labelText(*dialog, (field + QStringLiteral("Error")).toLatin1().constData()), message);
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    QTest::keyClick(input, Qt::Key_Return); // Enter does not save either
    QVERIFY(dialog->isVisible());
    QCOMPARE(profileValue(userId, QStringLiteral("avatar_url")), before);
    retype(input, field == QLatin1String("location") ? QStringLiteral("Lyon")
                                                     : QStringLiteral("http://example.com/a.png"));
    QCOMPARE(labelText(*dialog, (field + QStringLiteral("Error")).toLatin1().constData()),
             QString());
    QVERIFY(button(*dialog, "saveButton")->isEnabled());
}

void TestSmallDialogs::profileClashWithConcurrentInsert()
{
    const qint64 userId = userWithoutProfile();
    auto dialog = shown(std::make_unique<ProfileDialog>(db(), userId));
    QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("bioEdit")),
                     QStringLiteral("Mine"));
    QTest::keyClicks(edit(*dialog, "avatarUrlEdit"), QStringLiteral("https://example.com/m.png"));
    QVERIFY(button(*dialog, "saveButton")->isEnabled());
    qint64 otherId = 0;
    {
        QSqlDatabase second = openSecond();
        QSqlQuery insert(second);
        // PostgreSQL's driver has no last insert id for a SERIAL key: RETURNING gives it.
        const bool returning = m_dialect == SqlDialect::PostgreSQL;
        insert.prepare(QStringLiteral("INSERT INTO profiles (bio, user_id) VALUES ('Theirs', ?)") +
                       (returning ? QStringLiteral(" RETURNING id") : QString()));
        insert.addBindValue(userId);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        otherId = returning ? (insert.next() ? insert.value(0).toLongLong() : 0)
                            : insert.lastInsertId().toLongLong();
        QVERIFY(otherId > 0);
        insert.clear(); // frees the prepared statement while its connection is still open
        second.close();
    }
    QSignalSpy saved(dialog.get(), &ProfileDialog::saved);
    QTest::mouseClick(button(*dialog, "saveButton"), Qt::LeftButton);
    const QString message = labelText(*dialog, "saveError");
    QVERIFY2(message.contains(QStringLiteral("got a profile (#%1) from someone else").arg(otherId)),
             qPrintable(message));
    QVERIFY(!showsDriverUniqueError(message));
    QCOMPARE(saved.count(), 0);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->profileId(), qint64(0));
    QCOMPARE(dialog->findChild<QPlainTextEdit*>(QStringLiteral("bioEdit"))->toPlainText(),
             QStringLiteral("Mine"));
    QCOMPARE(edit(*dialog, "avatarUrlEdit")->text(), QStringLiteral("https://example.com/m.png"));
    QCOMPARE(profileValue(userId, QStringLiteral("bio")), QStringLiteral("Theirs"));
    QCOMPARE(profileValue(userId, QStringLiteral("avatar_url")), QStringLiteral("NULL"));

    // Saving through the service directly gives the same words and writes nothing.
    ProfileService service(db());
    ProfileRecord record;
    record.userId = userId;
    record.bio = QStringLiteral("Also mine");
    ValidationErrors fieldErrors;
    QString error;
    QVERIFY(!service.save(&record, &fieldErrors, &error));
    QVERIFY2(error.contains(QLatin1String("from someone else")), qPrintable(error));
    QCOMPARE(
        scalar(db(), QStringLiteral("SELECT COUNT(*) FROM profiles WHERE user_id = %1").arg(userId))
            .toLongLong(),
        1);
}

QTEST_MAIN(TestSmallDialogs)
#include "TestSmallDialogs.moc"
