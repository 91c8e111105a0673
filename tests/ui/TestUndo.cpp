#include <QAction>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUndoStack>

#include <memory>

#include "models/connection/Database.h"
#include "models/delete/DeletePlan.h"
#include "models/records/PostService.h"
#include "models/undo/RowSnapshot.h"
#include "models/undo/UndoJournal.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/commands/UndoController.h"

using TestServers::BackendDatabase;
using TestSupport::column;
using TestSupport::scalar;
using TestSupport::triggerAction;

class TestUndo : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void captureIsExact();
    void userDeleteUndoRedo();
    void reassignDeleteUndoRedo();
    void editUndoRedo();
    void createUndoRedo();
    void commentKeepRepliesUndo();
    void tagDeleteUndoRedo();
    void failedWriteChangesNothing();
    void changedRowRefusesUndo();
    void controllerActions();

private:
    QSqlDatabase db() const { return m_temp->db(); }
    qint64 count(const QString& statement) { return scalar(db(), statement).toLongLong(); }
    qint64 userId(const QString& name);
    RowSnapshot capture(const RowKeys& keys);
    // Every table, every row, every value: on SQLite with its storage class (SQLite's
    // quote()), on the servers as its exact text (microseconds included).
    QStringList dump();
    QStringList sqliteDump();
    [[nodiscard]] bool verifyForeignKeys();
    // Edits post `id`: new title (so updated_at changes) and one tag swapped for another.
    [[nodiscard]] bool editPost(qint64 id, const QString& title);
    [[nodiscard]] bool changeFromOtherConnection(const QString& statement);

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestUndo::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
    if (QTest::currentTestFailed() || dialect != SqlDialect::SQLite) {
        return;
    }
    QCOMPARE(count(QStringLiteral("PRAGMA foreign_keys")), 1);
}

void TestUndo::cleanup()
{
    m_temp.reset();
}

qint64 TestUndo::userId(const QString& name)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT id FROM users WHERE username = ?"));
    query.addBindValue(name);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

RowSnapshot TestUndo::capture(const RowKeys& keys)
{
    QString error;
    const RowSnapshot snapshot = RowSnapshot::capture(db(), keys, &error);
    [&] {
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }();
    return snapshot;
}

QStringList TestUndo::dump()
{
    return m_dialect == SqlDialect::SQLite ? sqliteDump()
                                           : TestServers::portableDump(db(), m_dialect);
}

QStringList TestUndo::sqliteDump()
{
    QStringList rows;
    for (const QString& table : RowSnapshot::knownTables()) {
        const QStringList columns =
            column(db(), QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
        QStringList quoted;
        for (const QString& name : columns) {
            quoted << QStringLiteral("quote(%1)").arg(name);
        }
        rows << column(db(), QStringLiteral("SELECT '%1:' || %2 FROM %1 ORDER BY %3")
                                 .arg(table, quoted.join(QStringLiteral(" || '|' || ")),
                                      RowSnapshot::keyColumnsOf(table).join(QStringLiteral(", "))));
    }
    return rows;
}

bool TestUndo::verifyForeignKeys()
{
    HELPER_COMPARE(TestServers::danglingReferences(db()), QStringList());
    return true;
}

bool TestUndo::editPost(qint64 id, const QString& title)
{
    PostService service(db());
    PostRecord record;
    QString error;
    HELPER_VERIFY2(service.load(id, &record, &error), qPrintable(error));
    QList<qint64> tags = record.tagIds;
    const QStringList all = column(db(), QStringLiteral("SELECT id FROM tags ORDER BY id"));
    if (!tags.isEmpty()) {
        tags.removeFirst();
    }
    for (const QString& tag : all) {
        if (!record.tagIds.contains(tag.toLongLong())) {
            tags << tag.toLongLong();
            break;
        }
    }
    record.title = title;
    ValidationErrors fields;
    HELPER_VERIFY2(service.save(&record, tags, &fields, &error), qPrintable(error));
    return true;
}

bool TestUndo::changeFromOtherConnection(const QString& statement)
{
    QSqlDatabase other;
    QString error;
    HELPER_VERIFY2(m_temp->openAnother(QStringLiteral("other"), &other, &error), qPrintable(error));
    {
        QSqlQuery query(other);
        const bool ok = query.exec(statement);
        error = query.lastError().text();
        other = QSqlDatabase();
        Database::close(QStringLiteral("other"));
        HELPER_VERIFY2(ok, qPrintable(error));
    }
    return true;
}

void TestUndo::captureIsExact()
{
    const qint64 alice = userId(QStringLiteral("alice"));
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForUser(db(), alice, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const RowSnapshot snapshot = capture(keys);
    const RowSnapshot::Table users = snapshot.table(QStringLiteral("users"));
    QCOMPARE(users.rows.size(), 1);
    const RowSnapshot::Row row = users.rows.value({alice});
    const qsizetype created = users.columns.indexOf(QStringLiteral("created_at"));
    QVERIFY(created >= 0);
    QCOMPARE(row.at(created).typeId(), QMetaType::QString);
    // On SQLite the value raw, as stored; on the servers the text form, which keeps the
    // microseconds (their drivers' QDateTime would not).
    if (m_dialect == SqlDialect::SQLite) {
        QVERIFY(TestSupport::isSqlTimestamp(row.at(created).toString()));
        QCOMPARE(row.at(users.columns.indexOf(QStringLiteral("is_active"))).typeId(),
                 QMetaType::LongLong);
    } else {
        QSqlQuery same(db());
        same.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE id = ? AND created_at = ?"));
        same.addBindValue(alice);
        same.addBindValue(row.at(created));
        QVERIFY2(same.exec() && same.next() && same.value(0).toInt() == 1,
                 qPrintable(row.at(created).toString()));
        QCOMPARE(row.at(users.columns.indexOf(QStringLiteral("is_active"))).typeId(),
                 QMetaType::QString);
    }
    const qint64 posts =
        count(QStringLiteral("SELECT COUNT(*) FROM posts WHERE user_id = %1").arg(alice));
    QCOMPARE(qint64(snapshot.table(QStringLiteral("posts")).rows.size()), posts);
    QCOMPARE(qint64(snapshot.table(QStringLiteral("post_tags")).rows.size()),
             count(QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE post_id IN "
                                  "(SELECT id FROM posts WHERE user_id = %1)")
                       .arg(alice)));
    QCOMPARE(snapshot.table(QStringLiteral("profiles")).rows.size(), 1);
    QVERIFY(snapshot.table(QStringLiteral("comments")).rows.size() > 0);
    QVERIFY(snapshot.sameRows(capture(keys)));
    RowSnapshot::capture(db(), {{QStringLiteral("sqlite_master"), {1}}}, &error);
    QVERIFY(!error.isEmpty());
}

void TestUndo::userDeleteUndoRedo()
{
    const qint64 alice = userId(QStringLiteral("alice"));
    DeletePlan plan = DeletePlan::forUsers(db(), {alice});
    QVERIFY2(plan.isValid(), qPrintable(plan.readError()));
    plan.setOtherComments(OtherComments::Delete);
    plan.setCommentReplies(CommentReplies::KeepAsTopLevel);
    const DeleteEffect effect = plan.effect();
    QVERIFY(!effect.posts.isEmpty() && !effect.postComments.isEmpty() && effect.tagLinks > 0);
    QVERIFY(!effect.otherComments.isEmpty() && !effect.detached.isEmpty());
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForUser(db(), alice, &error)
                             .united(UndoJournal::Scope::keysFor(effect));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList original = dump();
    const UndoEntry entry{QStringLiteral("Delete user 'alice'"), capture(keys), {}};
    QVERIFY2(plan.execute(&error), qPrintable(error));
    UndoEntry done = entry;
    done.after = capture(keys);
    QCOMPARE(done.after.table(QStringLiteral("users")).rows.size(), 0);
    const QStringList deleted = dump();
    QVERIFY(deleted != original);

    UndoJournal journal(db());
    QVERIFY2(journal.undo(done, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.redo(done, &error), qPrintable(error));
    QCOMPARE(dump(), deleted);
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.undo(done, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QVERIFY(verifyForeignKeys());
    // Undone twice: the rows are the "before" side now, so a second undo is refused.
    QVERIFY(!journal.undo(done, &error));
    QCOMPARE(dump(), original);
}

void TestUndo::reassignDeleteUndoRedo()
{
    const qint64 bob = userId(QStringLiteral("bob"));
    const qint64 carol = userId(QStringLiteral("carol"));
    DeletePlan plan = DeletePlan::forUsers(db(), {bob});
    plan.setOtherComments(OtherComments::ReassignTo(carol));
    plan.setCommentReplies(CommentReplies::DeleteSubtree);
    const DeleteEffect effect = plan.effect();
    QVERIFY2(!effect.reassigned.isEmpty(), "bob should have comments on other users' posts");
    const RowKeys keys = UndoJournal::Scope::keysFor(effect);
    const QStringList original = dump();
    UndoEntry entry{QStringLiteral("Delete user 'bob'"), capture(keys), {}};
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    entry.after = capture(keys);
    const QStringList deleted = dump();
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE user_id = %1").arg(bob)), 0);

    UndoJournal journal(db());
    QVERIFY2(journal.undo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.redo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), deleted);
    QVERIFY(verifyForeignKeys());
}

void TestUndo::editUndoRedo()
{
    const qint64 post = count(QStringLiteral("SELECT MIN(post_id) FROM post_tags"));
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForPost(db(), post, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList original = dump();
    UndoEntry entry{QStringLiteral("Edit post"), capture(keys), {}};
    QTest::qSleep(2); // a different updated_at
    QVERIFY(editPost(post, QStringLiteral("A new title")));
    entry.after = capture(keys);
    const QStringList edited = dump();
    QVERIFY(edited != original);

    UndoJournal journal(db());
    QVERIFY2(journal.undo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.redo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), edited);
    QVERIFY(verifyForeignKeys());
}

void TestUndo::createUndoRedo()
{
    const QStringList original = dump();
    const RowSnapshot before = capture({});
    PostService service(db());
    PostRecord record;
    record.title = QStringLiteral("Brand new");
    record.slug = QStringLiteral("brand-new");
    record.content = QStringLiteral("text");
    record.userId = userId(QStringLiteral("alice"));
    const QList<qint64> tags{count(QStringLiteral("SELECT MIN(id) FROM tags"))};
    ValidationErrors fields;
    QString error;
    QVERIFY2(service.save(&record, tags, &fields, &error), qPrintable(error));
    const qint64 id = record.id;
    const UndoEntry entry{QStringLiteral("New post"), before,
                          capture(UndoJournal::Scope::keysForPost(db(), id, &error))};
    QCOMPARE(entry.after.rowCount(), 2); // the post and its tag link
    const QStringList created = dump();

    UndoJournal journal(db());
    QVERIFY2(journal.undo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.redo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), created);
    QCOMPARE(count(QStringLiteral("SELECT id FROM posts WHERE slug = 'brand-new'")), id);
    QVERIFY(verifyForeignKeys());
    // The next insert gets a fresh id.
    PostRecord next;
    next.title = QStringLiteral("After");
    next.slug = QStringLiteral("after");
    next.content = QStringLiteral("text");
    next.userId = record.userId;
    QVERIFY2(service.save(&next, {}, &fields, &error), qPrintable(error));
    QVERIFY(next.id > id);
}

void TestUndo::commentKeepRepliesUndo()
{
    const qint64 parent =
        count(QStringLiteral("SELECT parent_id FROM comments WHERE parent_id IS NOT NULL "
                             "GROUP BY parent_id ORDER BY COUNT(*) DESC, parent_id LIMIT 1"));
    QVERIFY(parent > 0);
    DeletePlan plan = DeletePlan::forComments(db(), {parent}, CommentReplies::KeepAsTopLevel);
    QVERIFY(!plan.effect().detached.isEmpty());
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForComment(db(), parent, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList original = dump();
    UndoEntry entry{QStringLiteral("Delete comment"), capture(keys), {}};
    QVERIFY2(plan.execute(&error), qPrintable(error));
    entry.after = capture(keys);
    const QStringList deleted = dump();
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE parent_id = %1").arg(parent)), 0);

    UndoJournal journal(db());
    QVERIFY2(journal.undo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QCOMPARE(
        count(QStringLiteral("SELECT COUNT(*) FROM comments WHERE parent_id = %1").arg(parent)),
        qint64(plan.effect().detached.size()));
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.redo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), deleted);
    QVERIFY(verifyForeignKeys());
}

void TestUndo::tagDeleteUndoRedo()
{
    const qint64 tag = count(QStringLiteral(
        "SELECT tag_id FROM post_tags GROUP BY tag_id ORDER BY COUNT(*) DESC, tag_id LIMIT 1"));
    DeletePlan plan = DeletePlan::forTags(db(), {tag});
    QVERIFY(plan.effect().tagLinks > 1);
    const RowKeys keys =
        UndoJournal::Scope::keysFor(plan.effect()).united(UndoJournal::Scope::keysForTag(tag));
    const QStringList original = dump();
    UndoEntry entry{QStringLiteral("Delete tag"), capture(keys), {}};
    QString error;
    QVERIFY2(plan.execute(&error), qPrintable(error));
    entry.after = capture(keys);
    const QStringList deleted = dump();

    UndoJournal journal(db());
    QVERIFY2(journal.undo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), original);
    QVERIFY(verifyForeignKeys());
    QVERIFY2(journal.redo(entry, &error), qPrintable(error));
    QCOMPARE(dump(), deleted);
    QVERIFY(verifyForeignKeys());
}

// A write that fails half-way (the deleted user's name was taken since by a new user) is
// rolled back whole: nothing of the user's rows comes back.
void TestUndo::failedWriteChangesNothing()
{
    const qint64 dave = userId(QStringLiteral("dave"));
    QVERIFY(dave > 0);
    DeletePlan plan = DeletePlan::forUsers(db(), {dave});
    plan.setOtherComments(OtherComments::Delete);
    plan.setCommentReplies(CommentReplies::DeleteSubtree);
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForUser(db(), dave, &error);
    UndoEntry entry{QStringLiteral("Delete user 'dave'"), capture(keys), {}};
    QVERIFY2(plan.execute(&error), qPrintable(error));
    entry.after = capture(keys);
    QVERIFY(changeFromOtherConnection(QStringLiteral(
        "INSERT INTO users (id, username, email, password_hash, is_active, created_at) VALUES "
        "(1000, 'dave', 'new-dave@example.com', 'x', TRUE, '2025-01-01 00:00:00.000000')")));
    const QStringList taken = dump();

    UndoJournal journal(db());
    QVERIFY(!journal.undo(entry, &error));
    // SQLite says "UNIQUE constraint failed", PostgreSQL "unique constraint", MariaDB
    // "Duplicate entry".
    QVERIFY2(error.startsWith(QStringLiteral("Nothing was changed: ")) &&
                 (error.contains(QStringLiteral("unique"), Qt::CaseInsensitive) ||
                  error.contains(QStringLiteral("Duplicate entry"))),
             qPrintable(error));
    QCOMPARE(dump(), taken);
    QVERIFY(verifyForeignKeys());
}

void TestUndo::changedRowRefusesUndo()
{
    const qint64 post = count(QStringLiteral("SELECT MIN(post_id) FROM post_tags"));
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForPost(db(), post, &error);
    UndoEntry entry{QStringLiteral("Edit post"), capture(keys), {}};
    QVERIFY(editPost(post, QStringLiteral("Edited here")));
    entry.after = capture(keys);
    QVERIFY(changeFromOtherConnection(
        QStringLiteral("UPDATE posts SET content = 'changed elsewhere' WHERE id = %1").arg(post)));
    const QStringList changed = dump();

    UndoJournal journal(db());
    QVERIFY(!journal.undo(entry, &error));
    QCOMPARE(error,
             QStringLiteral("post 'Edited here' was changed since; undo would overwrite that "
                            "change."));
    QCOMPARE(dump(), changed);
    QVERIFY(verifyForeignKeys());

    // A comment added since under a created post: undoing the creation is refused (it would
    // leave the comment dangling), with the comment named.
    PostService service(db());
    PostRecord record;
    record.title = QStringLiteral("Fresh");
    record.slug = QStringLiteral("fresh");
    record.content = QStringLiteral("text");
    record.userId = userId(QStringLiteral("alice"));
    ValidationErrors fields;
    QVERIFY2(service.save(&record, {}, &fields, &error), qPrintable(error));
    const UndoEntry created{QStringLiteral("New post"), capture({}),
                            capture(UndoJournal::Scope::keysForPost(db(), record.id, &error))};
    QVERIFY(changeFromOtherConnection(QStringLiteral("INSERT INTO comments (content, created_at, "
                                                     "user_id, post_id) SELECT 'new', created_at, "
                                                     "user_id, id FROM posts WHERE id = %1")
                                          .arg(record.id)));
    const qint64 comment = count(QStringLiteral("SELECT MAX(id) FROM comments"));
    const QStringList commented = dump();
    QVERIFY(!journal.undo(created, &error));
    QCOMPARE(error, QStringLiteral("comment #%1 was added since; undo would overwrite that "
                                   "change.")
                        .arg(comment));
    QCOMPARE(dump(), commented);
    QVERIFY(verifyForeignKeys());
}

void TestUndo::controllerActions()
{
    UndoController controller(db());
    QAction* undo = controller.findChild<QAction*>(QStringLiteral("actionUndo"));
    QAction* redo = controller.findChild<QAction*>(QStringLiteral("actionRedo"));
    QVERIFY(undo && redo);
    QVERIFY(undo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
    QVERIFY(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    QVERIFY(!undo->isEnabled() && !redo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("Undo"));

    const qint64 post = count(QStringLiteral("SELECT MIN(post_id) FROM post_tags"));
    QString error;
    const RowKeys keys = UndoJournal::Scope::keysForPost(db(), post, &error);
    const QStringList original = dump();
    const RowSnapshot before = capture(keys);
    QVERIFY(editPost(post, QStringLiteral("Via controller")));
    controller.record(QStringLiteral("Edit post 'Via controller'"), before, capture(keys));
    const QStringList edited = dump();
    QVERIFY(undo->isEnabled() && !redo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("Undo Edit post 'Via controller'"));

    QSignalSpy changed(&controller, &UndoController::databaseChanged);
    QSignalSpy failed(&controller, &UndoController::failed);
    QVERIFY(triggerAction(controller, "actionUndo"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(dump(), original);
    QVERIFY(!undo->isEnabled() && redo->isEnabled());
    QCOMPARE(redo->text(), QStringLiteral("Redo Edit post 'Via controller'"));
    QVERIFY(triggerAction(controller, "actionRedo"));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(dump(), edited);
    QVERIFY(undo->isEnabled() && !redo->isEnabled());

    // Someone else changes the post: undo is refused, the stack stays where it was.
    QVERIFY(changeFromOtherConnection(
        QStringLiteral("UPDATE posts SET title = 'Theirs' WHERE id = %1").arg(post)));
    QVERIFY(triggerAction(controller, "actionUndo"));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(
                 QStringLiteral("post 'Via controller' was changed since")),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(controller.stack()->index(), 1);
    QVERIFY(undo->isEnabled() && !redo->isEnabled());
    QCOMPARE(
        scalar(db(), QStringLiteral("SELECT title FROM posts WHERE id = %1").arg(post)).toString(),
        QStringLiteral("Theirs"));

    controller.clear();
    QVERIFY(!undo->isEnabled() && !redo->isEnabled());
}

QTEST_MAIN(TestUndo)
#include "TestUndo.moc"
