#include "sql/SqlTime.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTreeView>

#include "models/browse/CommentThreadModel.h"
#include "models/read/BackgroundReader.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/browse/CommentThreadView.h"

using TestServers::BackendDatabase;
using TestSupport::scalar;
using TestSupport::triggerAction;

namespace {

bool exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
{
    QSqlQuery query(db);
    if (!query.prepare(statement)) {
        qWarning("%s", qPrintable(query.lastError().text()));
        return false;
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        qWarning("%s", qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

bool insertComment(const QSqlDatabase& db, qint64 id, qint64 postId, const QVariant& parentId,
                   const QVariant& createdAt = QStringLiteral("2024-03-01 10:00:00.000000"))
{
    const qint64 userId = scalar(db, QStringLiteral("SELECT MIN(id) FROM users")).toLongLong();
    return exec(db,
                QStringLiteral("INSERT INTO comments (id, content, created_at, user_id, post_id, "
                               "parent_id) VALUES (?, ?, ?, ?, ?, ?)"),
                {id, QStringLiteral("comment %1").arg(id), createdAt, userId, postId, parentId});
}

qint64 newPost(const QSqlDatabase& db, qint64 id)
{
    const qint64 userId = scalar(db, QStringLiteral("SELECT MIN(id) FROM users")).toLongLong();
    exec(db,
         QStringLiteral("INSERT INTO posts (id, title, content, slug, is_published, created_at, "
                        "user_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
         {id, QStringLiteral("Post %1").arg(id), QStringLiteral("text"),
          QStringLiteral("post-%1").arg(id), true, SqlTime::nowUtc(), userId});
    return id;
}

qint64 value(const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant& bound : values) {
        query.addBindValue(bound);
    }
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

qint64 maxId(const QSqlDatabase& db, const QString& table)
{
    return scalar(db, QStringLiteral("SELECT MAX(id) FROM ") + table).toLongLong();
}

// A new post with `total` comments: first a chain deeper than the query's own depth guard, then
// a wide mix of roots and replies to any earlier comment. Multi-row INSERTs in one transaction
// keep it quick. The post's id, or 0 on failure.
qint64 addLargeThread(QSqlDatabase db, int total)
{
    constexpr int Chain = 1200;
    constexpr int RowsPerInsert = 250;
    const qint64 post = newPost(db, maxId(db, QStringLiteral("posts")) + 1);
    const qint64 base = maxId(db, QStringLiteral("comments")) + 1;
    const qint64 user = scalar(db, QStringLiteral("SELECT MIN(id) FROM users")).toLongLong();
    const QDateTime start(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    QRandomGenerator random(42);
    if (!db.transaction()) {
        return 0;
    }
    for (int first = 0; first < total; first += RowsPerInsert) {
        QStringList rows;
        QVariantList values;
        for (int i = first; i < qMin(total, first + RowsPerInsert); ++i) {
            QVariant parent;
            if (i > 0 && i < Chain) {
                parent = base + i - 1;
            } else if (i >= Chain && random.bounded(10) != 0) {
                parent = base + random.bounded(i);
            }
            rows << QStringLiteral("(?, ?, ?, ?, ?, ?)");
            values << base + i << QStringLiteral("reply %1\nsecond line").arg(i)
                   << SqlTime::format(start.addSecs(random.bounded(100000))) << user << post
                   << parent;
        }
        if (!exec(db,
                  QStringLiteral("INSERT INTO comments (id, content, created_at, user_id, "
                                 "post_id, parent_id) VALUES ") +
                      rows.join(QStringLiteral(", ")),
                  values)) {
            db.rollback();
            return 0;
        }
    }
    return db.commit() ? post : 0;
}

// The post whose thread has the most replies: the deepest nesting of the sample blog.
qint64 busiestPost(const QSqlDatabase& db)
{
    return scalar(db, QStringLiteral("SELECT post_id FROM comments WHERE parent_id IS NOT NULL "
                                     "GROUP BY post_id ORDER BY COUNT(*) DESC, post_id LIMIT 1"))
        .toLongLong();
}

// Every comment of the post, with its parent_id, as the database has them.
QHash<qint64, QVariant> parentsOf(const QSqlDatabase& db, qint64 postId)
{
    QHash<qint64, QVariant> parents;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, parent_id FROM comments WHERE post_id = ?"));
    query.addBindValue(postId);
    query.exec();
    while (query.next()) {
        parents.insert(query.value(0).toLongLong(), query.value(1));
    }
    return parents;
}

// Counts the nodes reachable from the roots, checking each is found once and by its own id.
int walk(const CommentThreadModel& model, const QModelIndex& parent, QSet<qint64>* seen)
{
    int count = 0;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const qint64 id = model.commentId(index);
        if (seen->contains(id) || model.indexOfComment(id) != index) {
            return -1;
        }
        seen->insert(id);
        const int below = walk(model, index, seen);
        if (below < 0) {
            return -1;
        }
        count += 1 + below;
    }
    return count;
}

// Siblings ordered by created_at (NULL first) then id.
bool siblingsOrdered(const CommentThreadModel& model, const QModelIndex& parent)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (row > 0) {
            const QModelIndex before = model.index(row - 1, 0, parent);
            const auto key = [&model](const QModelIndex& i) {
                const QVariant created =
                    i.siblingAtColumn(CommentThreadModel::CreatedColumn).data(Qt::EditRole);
                return std::make_tuple(!created.isNull(), created.toString(), model.commentId(i));
            };
            if (!(key(before) < key(index))) {
                return false;
            }
        }
        if (!siblingsOrdered(model, index)) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestCommentThread : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();

    void sampleNestingMatchesParentIds();
    void columnsShowAuthorTimeAndContent();
    void replyUnderAnotherPostIsARoot();
    void nullCreatedAtAndDanglingUserAreShown();
    void parentCycleDoesNotHang();
    void largeThreadLoadsWithOneQuery();
    void loadFailureEmptiesTheModel();

    void selectionEnablesActions();
    void commentShowsItsPostsThread();
    void keysEmitRequests();
    void viewShowsLoadErrorInLabel();
    void viewOpensLargeThread();
    void staleThreadIsNeverShown();
    void threadStatementsAreConstant();
    void loadingShowsWhichPostAndGreysTheOldTree();

private:
    // A reader on the test's database, as the window gives the thread dock.
    std::unique_ptr<BackgroundReader> newReader(const QString& url) const;
    std::unique_ptr<BackgroundReader> newReader() const { return newReader(m_temp->url()); }
    // Until the view shows what it was last asked for.
    [[nodiscard]] static bool waitForThread(const CommentThreadView& view);

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
    QSqlDatabase db() const { return m_temp->db(); }
    // Lets the test write comments whose parent or author does not exist.
    [[nodiscard]] bool allowDanglingReferences();
};

void TestCommentThread::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
}

bool TestCommentThread::allowDanglingReferences()
{
    QString error;
    HELPER_VERIFY2(TestServers::allowDanglingReferences(db(), m_dialect, &error),
                   qPrintable(error));
    return true;
}

void TestCommentThread::cleanup()
{
    m_temp.reset();
}

std::unique_ptr<BackgroundReader> TestCommentThread::newReader(const QString& url) const
{
    return TestSupport::readerFor(url, QStringLiteral("thread-test-reader"));
}

bool TestCommentThread::waitForThread(const CommentThreadView& view)
{
    return QTest::qWaitFor([&view] { return !view.isLoading(); }, 20000);
}

void TestCommentThread::sampleNestingMatchesParentIds()
{
    CommentThreadModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QStringList posts = TestSupport::column(
        db(), QStringLiteral("SELECT DISTINCT post_id FROM comments ORDER BY post_id"));
    QVERIFY(!posts.isEmpty());
    bool sawNesting = false;
    for (const QString& post : posts) {
        QString error;
        QVERIFY2(model.loadPost(db(), post.toLongLong(), &error), qPrintable(error));
        QCOMPARE(model.queriesForLastLoad(), 1);
        QCOMPARE(model.postId(), post.toLongLong());
        const QHash<qint64, QVariant> parents = parentsOf(db(), post.toLongLong());
        QCOMPARE(model.commentCount(), parents.size());
        for (auto it = parents.cbegin(); it != parents.cend(); ++it) {
            const QModelIndex index = model.indexOfComment(it.key());
            QVERIFY(index.isValid());
            QCOMPARE(model.commentId(index), it.key());
            QCOMPARE(index.data(CommentThreadModel::CommentIdRole).toLongLong(), it.key());
            const QModelIndex parent = index.parent();
            QCOMPARE(parent.isValid(), !it.value().isNull());
            if (parent.isValid()) {
                QCOMPARE(model.commentId(parent), it.value().toLongLong());
                sawNesting = true;
            }
        }
        QSet<qint64> seen;
        QCOMPARE(walk(model, {}, &seen), parents.size());
        QVERIFY(siblingsOrdered(model, {}));
    }
    QVERIFY(sawNesting);
}

void TestCommentThread::columnsShowAuthorTimeAndContent()
{
    const qint64 post = busiestPost(db());
    QSqlQuery query(db());
    QVERIFY(query.prepare(QStringLiteral("SELECT c.id, c.content, c.created_at, u.username FROM "
                                         "comments c JOIN users u ON u.id = c.user_id "
                                         "WHERE c.post_id = ? ORDER BY c.id LIMIT 1")));
    query.addBindValue(post);
    QVERIFY(query.exec() && query.next());
    CommentThreadModel model;
    QString error;
    QVERIFY2(model.loadPost(db(), post, &error), qPrintable(error));
    const QModelIndex index = model.indexOfComment(query.value(0).toLongLong());
    const auto cell = [&index](int column, int role = Qt::DisplayRole) {
        return index.siblingAtColumn(column).data(role);
    };
    QCOMPARE(cell(CommentThreadModel::CommentColumn, Qt::ToolTipRole).toString(),
             query.value(1).toString());
    QCOMPARE(cell(CommentThreadModel::CommentColumn, Qt::EditRole).toString(),
             query.value(1).toString());
    QVERIFY(!cell(CommentThreadModel::CommentColumn).toString().contains(QLatin1Char('\n')));
    QCOMPARE(cell(CommentThreadModel::AuthorColumn).toString(), query.value(3).toString());
    QCOMPARE(cell(CommentThreadModel::CreatedColumn).toString(), SqlTime::display(query.value(2)));
    QCOMPARE(cell(CommentThreadModel::IdColumn).toLongLong(), query.value(0).toLongLong());
    QCOMPARE(model.headerData(CommentThreadModel::AuthorColumn, Qt::Horizontal).toString(),
             QStringLiteral("Author"));
}

void TestCommentThread::replyUnderAnotherPostIsARoot()
{
    const qint64 post = busiestPost(db());
    const qint64 otherPostComment =
        value(db(), QStringLiteral("SELECT MIN(id) FROM comments WHERE post_id <> ?"), {post});
    const qint64 stray = maxId(db(), QStringLiteral("comments")) + 1;
    QVERIFY(insertComment(db(), stray, post, otherPostComment));
    QVERIFY(insertComment(db(), stray + 1, post, stray)); // a reply to the stray stays under it
    QVERIFY(allowDanglingReferences());
    QVERIFY(insertComment(db(), stray + 2, post, 987654321)); // a parent that does not exist

    CommentThreadModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(model.loadPost(db(), post, &error), qPrintable(error));
    QVERIFY(model.indexOfComment(stray).isValid());
    QVERIFY(!model.indexOfComment(stray).parent().isValid());
    QCOMPARE(model.commentId(model.indexOfComment(stray + 1).parent()), stray);
    QVERIFY(model.indexOfComment(stray + 2).isValid());
    QVERIFY(!model.indexOfComment(stray + 2).parent().isValid());
    // The other post's comment is not pulled into this thread.
    QVERIFY(!model.indexOfComment(otherPostComment).isValid());
    QCOMPARE(model.commentCount(), parentsOf(db(), post).size());
}

void TestCommentThread::nullCreatedAtAndDanglingUserAreShown()
{
    const qint64 post = busiestPost(db());
    const qint64 id = maxId(db(), QStringLiteral("comments")) + 1;
    QVERIFY(insertComment(db(), id, post, QVariant(), QVariant()));
    QVERIFY(allowDanglingReferences());
    QVERIFY(exec(db(), QStringLiteral("UPDATE comments SET user_id = ? WHERE id = ?"), {4242, id}));

    CommentThreadModel model;
    QString error;
    QVERIFY2(model.loadPost(db(), post, &error), qPrintable(error));
    const QModelIndex index = model.indexOfComment(id);
    QVERIFY(index.isValid());
    const QModelIndex created = index.siblingAtColumn(CommentThreadModel::CreatedColumn);
    QCOMPARE(created.data().toString(), QStringLiteral("NULL"));
    QVERIFY(created.data(Qt::EditRole).isNull());
    const QModelIndex author = index.siblingAtColumn(CommentThreadModel::AuthorColumn);
    QCOMPARE(author.data().toString(), QStringLiteral("#4242"));
    QCOMPARE(author.data(Qt::EditRole).toLongLong(), 4242);
    // NULL sorts first among the roots, on every back end.
    QCOMPARE(index.row(), 0);
}

void TestCommentThread::parentCycleDoesNotHang()
{
    const qint64 post = busiestPost(db());
    const qint64 a = maxId(db(), QStringLiteral("comments")) + 1;
    QVERIFY(allowDanglingReferences());
    QVERIFY(insertComment(db(), a, post, a + 1));
    QVERIFY(insertComment(db(), a + 1, post, a));
    QVERIFY(insertComment(db(), a + 2, post, a));     // hangs from the loop
    QVERIFY(insertComment(db(), a + 3, post, a + 3)); // its own parent

    CommentThreadModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(model.loadPost(db(), post, &error), qPrintable(error));
    const QHash<qint64, QVariant> parents = parentsOf(db(), post);
    QCOMPARE(model.commentCount(), parents.size());
    for (qint64 id = a; id <= a + 3; ++id) {
        QVERIFY(model.indexOfComment(id).isValid());
    }
    // One of the pair is broken out as a root, the other stays under it.
    const QModelIndex first = model.indexOfComment(a);
    const QModelIndex second = model.indexOfComment(a + 1);
    QVERIFY(first.parent().isValid() != second.parent().isValid());
    QCOMPARE(model.commentId(model.indexOfComment(a + 2).parent()), a);
    QVERIFY(!model.indexOfComment(a + 3).parent().isValid());
    QSet<qint64> seen;
    QCOMPARE(walk(model, {}, &seen), parents.size());
}

void TestCommentThread::largeThreadLoadsWithOneQuery()
{
    constexpr int Total = 5000;
    const qint64 post = addLargeThread(db(), Total);
    QVERIFY(post != 0);

    CommentThreadModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(model.loadPost(db(), post, &error), qPrintable(error));
    qInfo("5,000 comments loaded in %lld ms", timer.elapsed());
    QCOMPARE(model.queriesForLastLoad(), 1);
    QCOMPARE(model.commentCount(), Total);
    const QHash<qint64, QVariant> parents = parentsOf(db(), post);
    for (auto it = parents.cbegin(); it != parents.cend(); ++it) {
        const QModelIndex parent = model.indexOfComment(it.key()).parent();
        QCOMPARE(parent.isValid() ? QVariant(model.commentId(parent)) : QVariant(),
                 it.value().isNull() ? QVariant() : QVariant(it.value().toLongLong()));
    }
    QSet<qint64> seen;
    QCOMPARE(walk(model, {}, &seen), Total);
    QVERIFY(siblingsOrdered(model, {}));
}

void TestCommentThread::loadFailureEmptiesTheModel()
{
    CommentThreadModel model;
    QString error;
    QVERIFY(model.loadPost(db(), busiestPost(db()), &error));
    QVERIFY(model.commentCount() > 0);
    // Not prepared: PostgreSQL prepares no DDL.
    QSqlQuery rename(db());
    QVERIFY2(rename.exec(QStringLiteral("ALTER TABLE comments RENAME TO old_comments")),
             qPrintable(rename.lastError().text()));
    QVERIFY(!model.loadPost(db(), 1, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(model.commentCount(), 0);
    QCOMPARE(model.rowCount(), 0);
}

void TestCommentThread::selectionEnablesActions()
{
    const qint64 post = busiestPost(db());
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    TestSupport::testModelsOf(view);
    view.showPost(post);
    QVERIFY(waitForThread(view));
    auto* tree = view.findChild<QTreeView*>(QStringLiteral("commentThreadTree"));
    QVERIFY(tree);
    QCOMPARE(tree->accessibleName(), QStringLiteral("Comment thread"));
    auto* reply = view.findChild<QAction*>(QStringLiteral("actionReplyToComment"));
    auto* edit = view.findChild<QAction*>(QStringLiteral("actionEditComment"));
    auto* remove = view.findChild<QAction*>(QStringLiteral("actionDeleteComment"));
    QVERIFY(reply && edit && remove);
    QVERIFY(!reply->isEnabled() && !edit->isEnabled() && !remove->isEnabled());

    const qint64 id = value(db(),
                            QStringLiteral("SELECT MAX(id) FROM comments WHERE post_id = ? AND "
                                           "parent_id IS NOT NULL"),
                            {post});
    const QModelIndex index = view.model()->indexOfComment(id);
    QVERIFY(tree->isExpanded(index.parent()));
    tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    QVERIFY(reply->isEnabled() && edit->isEnabled() && remove->isEnabled());

    QSignalSpy replies(&view, &CommentThreadView::replyRequested);
    QSignalSpy edits(&view, &CommentThreadView::editRequested);
    QVERIFY(triggerAction(view, "actionReplyToComment"));
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.at(0).at(0).toLongLong(), post);
    QCOMPARE(replies.at(0).at(1).toLongLong(), id);
    QVERIFY(triggerAction(view, "actionEditComment"));
    QCOMPARE(edits.size(), 1);
    QCOMPARE(edits.at(0).at(0).toLongLong(), id);

    // Reloading keeps the selection; another post clears it and the actions follow.
    view.reload();
    QVERIFY(waitForThread(view));
    QCOMPARE(view.selectedCommentId(), id);
    view.showPost(post);
    QVERIFY(waitForThread(view));
    QVERIFY(!reply->isEnabled());
}

// What the window does when a comment is picked on the Comments page.
void TestCommentThread::commentShowsItsPostsThread()
{
    const qint64 post = busiestPost(db());
    const qint64 id = value(db(),
                            QStringLiteral("SELECT MAX(id) FROM comments WHERE post_id = ? AND "
                                           "parent_id IS NOT NULL"),
                            {post});
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    view.showComment(id);
    QVERIFY(waitForThread(view));
    QCOMPARE(view.model()->postId(), post);
    QCOMPARE(view.selectedCommentId(), id);

    // A comment that does not exist changes nothing.
    view.showComment(maxId(db(), QStringLiteral("comments")) + 1);
    QVERIFY(waitForThread(view));
    QCOMPARE(view.model()->postId(), post);
    QCOMPARE(view.selectedCommentId(), id);
}

void TestCommentThread::keysEmitRequests()
{
    const qint64 post = busiestPost(db());
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    TestSupport::testModelsOf(view);
    view.resize(640, 480);
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.showPost(post);
    QVERIFY(waitForThread(view));
    QTreeView* tree = view.treeView();
    tree->setFocus();
    const QModelIndex index = tree->model()->index(0, 0);
    tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    const qint64 id = view.model()->commentId(index);

    QSignalSpy deletes(&view, &CommentThreadView::deleteRequested);
    QSignalSpy replies(&view, &CommentThreadView::replyRequested);
    QSignalSpy edits(&view, &CommentThreadView::editRequested);
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(deletes.size(), 1);
    QCOMPARE(deletes.at(0).at(0).toLongLong(), id);
    QTest::keyClick(tree, Qt::Key_Insert);
    QCOMPARE(replies.size(), 1);
    QTest::keyClick(tree, Qt::Key_F2);
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(edits.size(), 2);
}

void TestCommentThread::viewShowsLoadErrorInLabel()
{
    QString error;
    const auto empty = BackendDatabase::create(m_dialect, QStringLiteral("empty"), &error);
    QVERIFY2(empty, qPrintable(error));
    const auto reader = newReader(empty->url());
    CommentThreadView view(reader.get());
    TestSupport::testModelsOf(view);
    auto* label = view.findChild<QLabel*>(QStringLiteral("commentThreadError"));
    QVERIFY(label);
    view.showPost(1);
    QVERIFY(waitForThread(view));
    QVERIFY(!label->isHidden());
    QVERIFY(label->text().startsWith(QStringLiteral("Cannot read the comments: ")));
    QVERIFY(!label->text().contains(QLatin1Char('\n'))); // one line
    QCOMPARE(view.model()->commentCount(), 0);
}

void TestCommentThread::viewOpensLargeThread()
{
    const qint64 post = addLargeThread(db(), 5000);
    QVERIFY(post != 0);
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    TestSupport::testModelsOf(view);
    view.resize(800, 600);
    view.show();
    QElapsedTimer timer;
    timer.start();
    view.showPost(post);
    QVERIFY(waitForThread(view));
    QCoreApplication::processEvents(); // the layout and first paint belong to opening
    qInfo("5,000-comment thread shown in %lld ms", timer.elapsed());
    QCOMPARE(view.model()->commentCount(), 5000);
    // Expanded to the bottom of the deepest chain.
    const QModelIndex deepest = view.model()->indexOfComment(
        value(db(), QStringLiteral("SELECT MIN(id) FROM comments WHERE post_id = ?"), {post}) +
        1199);
    QVERIFY(deepest.isValid());
    QVERIFY(view.treeView()->isExpanded(deepest.parent()));
}

// Select post A, then B before A's thread arrived: only B's thread is ever applied.
void TestCommentThread::staleThreadIsNeverShown()
{
    const qint64 first = busiestPost(db());
    const qint64 second = value(
        db(), QStringLiteral("SELECT MIN(post_id) FROM comments WHERE post_id <> ?"), {first});
    QVERIFY(second > 0);
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    TestSupport::testModelsOf(view);
    QSignalSpy shown(&view, &CommentThreadView::threadShown);
    QSignalSpy resets(view.model(), &QAbstractItemModel::modelReset);
    view.showPost(first);
    view.showPost(second);
    QVERIFY(view.isLoading());
    QVERIFY(waitForThread(view));
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).at(0).toLongLong(), second);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(view.model()->postId(), second);
    QCOMPARE(view.model()->commentCount(), parentsOf(db(), second).size());

    // A comment of the first post asked for, then the second post again: still one thread.
    const qint64 comment =
        value(db(), QStringLiteral("SELECT MIN(id) FROM comments WHERE post_id = ?"), {first});
    view.showComment(comment);
    view.showPost(second);
    QVERIFY(waitForThread(view));
    QCOMPARE(shown.size(), 2);
    QCOMPARE(shown.at(1).at(0).toLongLong(), second);
    QCOMPARE(view.selectedCommentId(), 0);
}

// One statement for the thread, whatever its size; a comment's thread adds the lookup of its
// post by key.
void TestCommentThread::threadStatementsAreConstant()
{
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    for (const int total : {5, 2000}) {
        const qint64 post = addLargeThread(db(), total);
        QVERIFY(post != 0);
        view.showPost(post);
        QVERIFY(waitForThread(view));
        QCOMPARE(view.model()->commentCount(), total);
        QCOMPARE(view.model()->queriesForLastLoad(), 1);
        view.showPost(0);
        QCOMPARE(view.model()->postId(), 0);
        const qint64 last =
            value(db(), QStringLiteral("SELECT MAX(id) FROM comments WHERE post_id = ?"), {post});
        view.showComment(last);
        QVERIFY(waitForThread(view));
        QCOMPARE(view.model()->commentCount(), total);
        QCOMPARE(view.model()->queriesForLastLoad(), 2);
        QCOMPARE(view.selectedCommentId(), last);
    }
}

void TestCommentThread::loadingShowsWhichPostAndGreysTheOldTree()
{
    const qint64 first = busiestPost(db());
    const qint64 second = value(
        db(), QStringLiteral("SELECT MIN(post_id) FROM comments WHERE post_id <> ?"), {first});
    const auto reader = newReader();
    CommentThreadView view(reader.get());
    auto* caption = view.findChild<QLabel*>(QStringLiteral("commentThreadCaption"));
    auto* busy = view.findChild<QProgressBar*>(QStringLiteral("commentThreadBusyIndicator"));
    QVERIFY(caption && busy);
    QVERIFY(!busy->accessibleName().isEmpty() && !caption->accessibleName().isEmpty());
    view.showPost(first);
    QVERIFY(waitForThread(view));
    QVERIFY(busy->isHidden());
    QVERIFY(view.treeView()->isEnabled());
    view.treeView()->setCurrentIndex(view.model()->index(0, 0));
    QVERIFY(triggerAction(view, "actionEditComment"));

    QSignalSpy loading(&view, &CommentThreadView::loadingChanged);
    view.showPost(second);
    QCOMPARE(loading.size(), 1);
    QVERIFY(!busy->isHidden());
    QVERIFY2(caption->text().contains(QStringLiteral("#%1").arg(second)),
             qPrintable(caption->text()));
    QVERIFY(!view.treeView()->isEnabled()); // the first post's tree, greyed
    QVERIFY(!view.findChild<QAction*>(QStringLiteral("actionEditComment"))->isEnabled());
    QVERIFY(waitForThread(view));
    QCOMPARE(loading.size(), 2);
    QVERIFY(busy->isHidden());
    QVERIFY(view.treeView()->isEnabled());
    QVERIFY2(caption->text().startsWith(QStringLiteral("Post #%1: ").arg(second)),
             qPrintable(caption->text()));
}

QTEST_MAIN(TestCommentThread)
#include "TestCommentThread.moc"
