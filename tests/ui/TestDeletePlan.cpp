#include "sql/SqlTime.h"

#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

#include "models/delete/DeletePlan.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/commands/DeleteDialog.h"

using TestServers::BackendDatabase;
using TestSupport::column;
using TestSupport::scalar;

namespace {

// A hand-made user "zed" with two posts (tagged, commented on by others and by zed), a
// profile, and a comment on alice's post with a reply chain by others.
struct Zed
{
    qint64 user = 0;
    qint64 posts[2] = {0, 0};
    qint64 ownComment = 0;   // by zed under zed's post
    qint64 guestComment = 0; // by bob under zed's post
    qint64 elsewhere = 0;    // by zed under alice's post
    qint64 reply = 0;        // by bob, replying to `elsewhere`
    qint64 replyToReply = 0; // by carol, replying to `reply`
    qint64 alicePost = 0;
};

} // namespace

class TestDeletePlan : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void userCountsMatchSql();
    void deleteUserRemovesExactly();
    void deleteTwoSampleUsers();
    void otherCommentsNeedAChoice();
    void otherCommentsDeleteSubtree();
    void otherCommentsDeleteKeepReplies();
    void otherCommentsReassign();
    void twoPostsInOneTransaction();
    void commentSubtreeVsTopLevel();
    void tagRemovesLinksOnly();
    void changedRowsAreDetected();
    void dialogReassigns();
    void dialogCommentReplies();

private:
    QSqlDatabase db() const { return m_temp->db(); }
    bool exec(const QString& statement, const QVariantList& values = {});
    // Runs an INSERT of one row and returns its new id (0 on failure).
    qint64 insert(const QString& statement, const QVariantList& values);
    // A trigger that makes deleting post `postId` fail, and its removal.
    [[nodiscard]] bool refuseDeletingPost(qint64 postId);
    [[nodiscard]] bool allowDeletingPosts();
    qint64 count(const QString& statement) { return scalar(db(), statement).toLongLong(); }
    qint64 userId(const QString& name);
    qint64 addUser(const QString& name);
    qint64 addPost(qint64 user, const QString& slug);
    qint64 addComment(qint64 user, qint64 post, qint64 parent = 0);
    Zed addZed();
    void verifyForeignKeys();
    qint64 total(const char* table)
    {
        return count(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    }

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestDeletePlan::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
    if (QTest::currentTestFailed() || dialect != SqlDialect::SQLite) {
        return;
    }
    QCOMPARE(count(QStringLiteral("PRAGMA foreign_keys")), 1);
}

void TestDeletePlan::cleanup()
{
    m_temp.reset();
}

bool TestDeletePlan::exec(const QString& statement, const QVariantList& values)
{
    QSqlQuery query(db());
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

qint64 TestDeletePlan::insert(const QString& statement, const QVariantList& values)
{
    // QPSQL's lastInsertId() is the row's OID, not its id.
    const bool returning = m_dialect == SqlDialect::PostgreSQL;
    QSqlQuery query(db());
    query.prepare(returning ? statement + QStringLiteral(" RETURNING id") : statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
        return 0;
    }
    if (returning) {
        return query.next() ? query.value(0).toLongLong() : 0;
    }
    return query.lastInsertId().toLongLong();
}

bool TestDeletePlan::refuseDeletingPost(qint64 postId)
{
    QStringList statements;
    switch (m_dialect) {
    case SqlDialect::SQLite:
        statements << QStringLiteral(
            "CREATE TRIGGER refuse_second BEFORE DELETE ON posts WHEN OLD.id = %1 "
            "BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END");
        break;
    case SqlDialect::PostgreSQL:
        statements << QStringLiteral(
                          "CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS "
                          "$$ BEGIN IF OLD.id = %1 THEN RAISE EXCEPTION 'refused by test "
                          "trigger'; END IF; RETURN OLD; END $$")
                   << QStringLiteral("CREATE TRIGGER refuse_second BEFORE DELETE ON posts "
                                     "FOR EACH ROW EXECUTE FUNCTION refuse_second()");
        break;
    case SqlDialect::MySQL:
        statements << QStringLiteral(
            "CREATE TRIGGER refuse_second BEFORE DELETE ON posts FOR EACH ROW BEGIN "
            "IF OLD.id = %1 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by test "
            "trigger'; END IF; END");
        break;
    }
    for (const QString& statement : std::as_const(statements)) {
        QSqlQuery query(db());
        const QString sql =
            statement.contains(QLatin1String("%1")) ? statement.arg(postId) : statement;
        HELPER_VERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
    }
    return true;
}

bool TestDeletePlan::allowDeletingPosts()
{
    const QString statement = m_dialect == SqlDialect::PostgreSQL
                                  ? QStringLiteral("DROP TRIGGER refuse_second ON posts")
                                  : QStringLiteral("DROP TRIGGER refuse_second");
    QSqlQuery query(db());
    HELPER_VERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
    return true;
}

qint64 TestDeletePlan::userId(const QString& name)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT id FROM users WHERE username = ?"));
    query.addBindValue(name);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

qint64 TestDeletePlan::addUser(const QString& name)
{
    return insert(QStringLiteral("INSERT INTO users (username, email, password_hash, is_active, "
                                 "created_at) VALUES (?, ?, 'x', ?, ?)"),
                  {name, name + QStringLiteral("@example.com"), true, SqlTime::nowUtc()});
}

qint64 TestDeletePlan::addPost(qint64 user, const QString& slug)
{
    return insert(QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                 "created_at, updated_at, user_id) VALUES (?, 'c', ?, ?, ?, ?, ?)"),
                  {slug, slug, true, SqlTime::nowUtc(), SqlTime::nowUtc(), user});
}

qint64 TestDeletePlan::addComment(qint64 user, qint64 post, qint64 parent)
{
    return insert(QStringLiteral("INSERT INTO comments (content, created_at, user_id, post_id, "
                                 "parent_id) VALUES ('hi', ?, ?, ?, ?)"),
                  {SqlTime::nowUtc(), user, post,
                   parent ? QVariant(parent) : QVariant(QMetaType(QMetaType::LongLong))});
}

Zed TestDeletePlan::addZed()
{
    Zed z;
    const qint64 bob = userId(QStringLiteral("bob"));
    const qint64 carol = userId(QStringLiteral("carol"));
    z.user = addUser(QStringLiteral("zed"));
    z.posts[0] = addPost(z.user, QStringLiteral("zed-one"));
    z.posts[1] = addPost(z.user, QStringLiteral("zed-two"));
    exec(QStringLiteral("INSERT INTO profiles (bio, user_id) VALUES ('z', ?)"), {z.user});
    // One row at a time: PostgreSQL would type SELECT ?, id, ? FROM tags's values as text.
    for (const QString& tag : column(db(), QStringLiteral("SELECT id FROM tags"))) {
        exec(QStringLiteral("INSERT INTO post_tags (post_id, tag_id, created_at) VALUES (?, ?, ?)"),
             {z.posts[0], tag.toLongLong(), SqlTime::nowUtc()});
    }
    z.ownComment = addComment(z.user, z.posts[0]);
    z.guestComment = addComment(bob, z.posts[1]);
    addComment(carol, z.posts[1], z.guestComment);
    z.alicePost = count(QStringLiteral("SELECT MIN(p.id) FROM posts p JOIN users u "
                                       "ON u.id = p.user_id WHERE u.username = 'alice'"));
    z.elsewhere = addComment(z.user, z.alicePost);
    z.reply = addComment(bob, z.alicePost, z.elsewhere);
    z.replyToReply = addComment(carol, z.alicePost, z.reply);
    return z;
}

void TestDeletePlan::verifyForeignKeys()
{
    QCOMPARE(TestServers::danglingReferences(db()), QStringList());
}

void TestDeletePlan::userCountsMatchSql()
{
    const qint64 alice = userId(QStringLiteral("alice"));
    const DeletePlan plan = DeletePlan::forUsers(db(), {alice, alice});
    QVERIFY2(plan.isValid(), qPrintable(plan.readError()));
    const DeleteEffect e = plan.effect();
    const QString id = QString::number(alice);
    const QString posts = QStringLiteral("SELECT id FROM posts WHERE user_id = ") + id;
    QCOMPARE(e.users, QList<qint64>{alice});
    QCOMPARE(e.posts.size(),
             count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE user_id = ") + id));
    QCOMPARE(
        e.postComments.size(),
        count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE post_id IN (%1)").arg(posts)));
    QCOMPARE(
        e.tagLinks,
        count(QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE post_id IN (%1)").arg(posts)));
    QCOMPARE(e.profiles.size(), 1);
    QCOMPARE(qint64(plan.otherCommentCount()),
             count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE user_id = %1 AND "
                                  "post_id NOT IN (%2)")
                       .arg(id, posts)));
    QVERIFY(e.posts.size() > 0 && e.postComments.size() > 0 && e.tagLinks > 0);
    const QString summary = plan.summary();
    QVERIFY2(summary.startsWith(QStringLiteral("Delete user 'alice' and with them: %1 posts, %2 "
                                               "comments on them, %3 tag links, 1 profile.")
                                    .arg(e.posts.size())
                                    .arg(e.postComments.size())
                                    .arg(e.tagLinks)),
             qPrintable(summary));
}

void TestDeletePlan::deleteUserRemovesExactly()
{
    const Zed z = addZed();
    // No other posts' comments: one at a time, children first (MariaDB checks each row's
    // foreign keys as it deletes it, in an order of its own).
    for (const qint64 comment : {z.replyToReply, z.reply, z.elsewhere}) {
        exec(QStringLiteral("DELETE FROM comments WHERE id = ?"), {comment});
    }
    const qint64 users = total("users"), posts = total("posts"), comments = total("comments");
    const qint64 links = total("post_tags"), profiles = total("profiles");
    DeletePlan plan = DeletePlan::forUsers(db(), {z.user});
    QCOMPARE(plan.otherCommentCount(), 0);
    QVERIFY(!plan.needsChoice());
    const qint64 tags = total("tags");
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    QCOMPARE(total("users"), users - 1);
    QCOMPARE(total("posts"), posts - 2);
    QCOMPARE(total("comments"), comments - 3); // zed's own, bob's and carol's reply
    QCOMPARE(total("post_tags"), links - tags);
    QCOMPARE(total("profiles"), profiles - 1);
    QCOMPARE(userId(QStringLiteral("zed")), 0);
    verifyForeignKeys();
}

void TestDeletePlan::deleteTwoSampleUsers()
{
    const qint64 alice = userId(QStringLiteral("alice")), bob = userId(QStringLiteral("bob"));
    DeletePlan plan = DeletePlan::forUsers(db(), {bob, alice});
    QVERIFY(
        plan.summary().startsWith(QLatin1String("Delete 2 users ('alice', 'bob') and with them")));
    plan.setOtherComments(OtherComments::Delete);
    plan.setCommentReplies(CommentReplies::DeleteSubtree);
    const qint64 comments = total("comments");
    const qint64 gone = qint64(plan.effect().deletedComments().size());
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    QCOMPARE(total("comments"), comments - gone);
    const QString both = QStringLiteral("(%1, %2)").arg(alice).arg(bob);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE user_id IN ") + both), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE user_id IN ") + both), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE id IN ") + both), 0);
    verifyForeignKeys();
}

void TestDeletePlan::otherCommentsNeedAChoice()
{
    const Zed z = addZed();
    DeletePlan plan = DeletePlan::forUsers(db(), {z.user});
    QCOMPARE(plan.otherCommentCount(), 1);
    QVERIFY(plan.needsChoice());
    QVERIFY(plan.blocker().contains(QLatin1String("1 comment on other users' posts")));
    const qint64 comments = total("comments");
    QString error;
    QVERIFY(!plan.execute(&error));
    QVERIFY2(error.contains(QLatin1String("choose")), qPrintable(error));
    QCOMPARE(total("comments"), comments);
    plan.setOtherComments(OtherComments::ReassignTo(z.user)); // a user being deleted
    QVERIFY(!plan.execute(&error));
    QCOMPARE(total("comments"), comments);
}

void TestDeletePlan::otherCommentsDeleteSubtree()
{
    const Zed z = addZed();
    DeletePlan plan = DeletePlan::forUsers(db(), {z.user});
    plan.setOtherComments(OtherComments::Delete);
    QVERIFY(plan.needsChoice()); // the reply chain under zed's comment
    QCOMPARE(plan.replyCount(CommentReplies::DeleteSubtree), 2);
    QCOMPARE(plan.replyCount(CommentReplies::KeepAsTopLevel), 1);
    plan.setCommentReplies(CommentReplies::DeleteSubtree);
    QVERIFY2(plan.summary().contains(QLatin1String("2 replies to the deleted comments")),
             qPrintable(plan.summary()));
    const qint64 comments = total("comments");
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    QCOMPARE(total("comments"), comments - 3 - 3); // zed's posts' 3, zed's other + 2 replies
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE id IN (%1, %2, %3)")
                       .arg(z.elsewhere)
                       .arg(z.reply)
                       .arg(z.replyToReply)),
             0);
    verifyForeignKeys();
}

void TestDeletePlan::otherCommentsDeleteKeepReplies()
{
    const Zed z = addZed();
    DeletePlan plan = DeletePlan::forUsers(db(), {z.user});
    plan.setOtherComments(OtherComments::Delete);
    plan.setCommentReplies(CommentReplies::KeepAsTopLevel);
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE id = %1").arg(z.elsewhere)),
             0);
    QCOMPARE(
        column(db(), QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(z.reply)),
        QStringList{QStringLiteral("NULL")});
    QCOMPARE(
        count(QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(z.replyToReply)),
        z.reply);
    verifyForeignKeys();
}

void TestDeletePlan::otherCommentsReassign()
{
    const Zed z = addZed();
    const qint64 dave = userId(QStringLiteral("dave"));
    DeletePlan plan = DeletePlan::forUsers(db(), {z.user});
    plan.setOtherComments(OtherComments::ReassignTo(dave));
    QVERIFY(!plan.needsChoice());
    QVERIFY2(plan.summary().contains(QLatin1String("1 comment on other users' posts goes to user "
                                                   "'dave'.")),
             qPrintable(plan.summary()));
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    QCOMPARE(count(QStringLiteral("SELECT user_id FROM comments WHERE id = %1").arg(z.elsewhere)),
             dave);
    QCOMPARE(count(QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(z.reply)),
             z.elsewhere);
    QCOMPARE(
        count(QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(z.replyToReply)),
        z.reply);
    QCOMPARE(userId(QStringLiteral("zed")), 0);
    verifyForeignKeys();
}

void TestDeletePlan::twoPostsInOneTransaction()
{
    const Zed z = addZed();
    QVERIFY(refuseDeletingPost(z.posts[1]));
    const QStringList before =
        column(db(), QStringLiteral("SELECT COUNT(*) FROM posts UNION ALL "
                                    "SELECT COUNT(*) FROM comments UNION ALL "
                                    "SELECT COUNT(*) FROM post_tags"));
    DeletePlan plan = DeletePlan::forPosts(db(), {z.posts[0], z.posts[1]});
    QCOMPARE(plan.effect().postComments.size(), 3);
    QString error;
    QVERIFY(!plan.execute(&error));
    QVERIFY2(error.contains(QLatin1String("refused by test trigger")), qPrintable(error));
    QCOMPARE(column(db(), QStringLiteral("SELECT COUNT(*) FROM posts UNION ALL "
                                         "SELECT COUNT(*) FROM comments UNION ALL "
                                         "SELECT COUNT(*) FROM post_tags")),
             before);
    QVERIFY(allowDeletingPosts());
    QVERIFY2(plan.execute(&error), qPrintable(error)); // the same plan, now that it can
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE user_id = %1").arg(z.user)), 0);
    verifyForeignKeys();
}

void TestDeletePlan::commentSubtreeVsTopLevel()
{
    const Zed z = addZed();
    const qint64 bob = userId(QStringLiteral("bob"));
    const qint64 crossPost = addComment(bob, z.posts[0], z.reply); // a reply under another post
    const qint64 comments = total("comments");
    {
        DeletePlan keep =
            DeletePlan::forComments(db(), {z.elsewhere}, CommentReplies::KeepAsTopLevel);
        QCOMPARE(keep.replyCount(CommentReplies::DeleteSubtree), 3);
        QString error;
        QVERIFY2(keep.execute(&error), qPrintable(error));
        QCOMPARE(total("comments"), comments - 1);
        QCOMPARE(
            column(db(),
                   QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(z.reply)),
            QStringList{QStringLiteral("NULL")});
        QCOMPARE(
            count(QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(crossPost)),
            z.reply);
    }
    DeletePlan subtree = DeletePlan::forComments(db(), {z.reply}, CommentReplies::DeleteSubtree);
    QCOMPARE(subtree.effect().deletedComments(),
             (QList<qint64>{z.reply, z.replyToReply, crossPost}));
    QString error;
    QVERIFY2(subtree.execute(&error), qPrintable(error));
    QCOMPARE(total("comments"), comments - 4);
    verifyForeignKeys();
}

void TestDeletePlan::tagRemovesLinksOnly()
{
    const qint64 tag = count(QStringLiteral("SELECT MIN(tag_id) FROM post_tags"));
    const qint64 links =
        count(QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE tag_id = %1").arg(tag));
    const qint64 allLinks = total("post_tags"), posts = total("posts"), tags = total("tags");
    DeletePlan plan = DeletePlan::forTags(db(), {tag});
    QCOMPARE(plan.effect().tagLinks, links);
    QVERIFY2(plan.summary().contains(QStringLiteral("%1 tag links").arg(links)),
             qPrintable(plan.summary()));
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    QCOMPARE(total("post_tags"), allLinks - links);
    QCOMPARE(total("posts"), posts);
    QCOMPARE(total("tags"), tags - 1);
    verifyForeignKeys();
}

void TestDeletePlan::changedRowsAreDetected()
{
    const Zed z = addZed();
    DeletePlan plan = DeletePlan::forPosts(db(), {z.posts[0]});
    addComment(userId(QStringLiteral("erin")), z.posts[0]); // after the plan was shown
    const qint64 comments = total("comments");
    QString error;
    QVERIFY(!plan.execute(&error));
    QVERIFY2(error.contains(QLatin1String("changed")), qPrintable(error));
    QCOMPARE(total("comments"), comments);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE id = %1").arg(z.posts[0])), 1);
}

void TestDeletePlan::dialogReassigns()
{
    const Zed z = addZed();
    DeleteDialog dialog(db(), DeletePlan::forUsers(db(), {z.user}));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* deleteButton = dialog.findChild<QPushButton*>(QStringLiteral("deleteButton"));
    auto* reassign = dialog.findChild<QRadioButton*>(QStringLiteral("reassignRadio"));
    auto* pickerEdit = dialog.findChild<QLineEdit*>(QStringLiteral("reassignPickerEdit"));
    QVERIFY(deleteButton && reassign && pickerEdit);
    QVERIFY(!deleteButton->isEnabled());
    QTest::mouseClick(reassign, Qt::LeftButton);
    QVERIFY(reassign->isChecked());
    QVERIFY(!deleteButton->isEnabled()); // nobody picked yet
    QTest::keyClicks(pickerEdit, QStringLiteral("dave@"));
    QTest::keyClick(pickerEdit, Qt::Key_Down);
    QTest::keyClick(pickerEdit, Qt::Key_Return);
    QTRY_VERIFY(deleteButton->isEnabled());
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(count(QStringLiteral("SELECT user_id FROM comments WHERE id = %1").arg(z.elsewhere)),
             userId(QStringLiteral("dave")));
    QCOMPARE(userId(QStringLiteral("zed")), 0);
    verifyForeignKeys();
}

void TestDeletePlan::dialogCommentReplies()
{
    const Zed z = addZed();
    DeleteDialog dialog(db(), DeletePlan::forComments(db(), {z.elsewhere}));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* deleteButton = dialog.findChild<QPushButton*>(QStringLiteral("deleteButton"));
    auto* subtree = dialog.findChild<QRadioButton*>(QStringLiteral("deleteRepliesRadio"));
    auto* keep = dialog.findChild<QRadioButton*>(QStringLiteral("keepRepliesRadio"));
    QVERIFY(deleteButton && subtree && keep);
    QVERIFY(subtree->isVisible());
    QCOMPARE(subtree->text(), QStringLiteral("Delete the &replies too (2)"));
    QVERIFY(!deleteButton->isEnabled());
    QTest::mouseClick(subtree, Qt::LeftButton);
    QVERIFY(deleteButton->isEnabled());
    QTest::mouseClick(keep, Qt::LeftButton);
    QVERIFY(deleteButton->isEnabled());
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE id = %1").arg(z.elsewhere)),
             0);
    QCOMPARE(
        column(db(), QStringLiteral("SELECT parent_id FROM comments WHERE id = %1").arg(z.reply)),
        QStringList{QStringLiteral("NULL")});
    verifyForeignKeys();
}

QTEST_MAIN(TestDeletePlan)
#include "TestDeletePlan.moc"
