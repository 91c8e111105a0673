// The Related dock reads on a worker: the groups it shows once read, the fixed number of
// statements per row, and a stale row's read that is never shown.

#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTreeWidget>

#include "models/browse/RelatedRecords.h"
#include "models/read/BackgroundReader.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "views/browse/RelatedPanel.h"

using TestServers::BackendDatabase;
using TestSupport::scalar;

namespace {

qint64 number(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

QString text(const QSqlDatabase& db, const QString& statement, qint64 id)
{
    QSqlQuery query(db);
    query.prepare(statement);
    query.addBindValue(id);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

QStringList topLevelTexts(const QTreeWidget* tree)
{
    QStringList texts;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        texts << tree->topLevelItem(i)->text(0);
    }
    return texts;
}

// The posts with the most and the fewest comments (none, if any post has none).
QPair<qint64, qint64> busiestAndQuietestPost(const QSqlDatabase& db)
{
    const QString byComments =
        QStringLiteral("SELECT p.id FROM posts p LEFT JOIN comments c ON c.post_id = p.id "
                       "GROUP BY p.id ORDER BY COUNT(c.id) %1, p.id LIMIT 1");
    return {scalar(db, byComments.arg(QStringLiteral("DESC"))).toLongLong(),
            scalar(db, byComments.arg(QStringLiteral("ASC"))).toLongLong()};
}

} // namespace

class TestRelatedPanel : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB.
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();

    void postGroupsAfterAWorkerRead();
    void statementsPerRowAreFixed();
    void staleRowIsNeverShown();
    void loadingGreysTheOldRow();
    void failureIsOneLineInTheTitle();

private:
    [[nodiscard]] static bool waitForPanel(const RelatedPanel& panel);

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
    std::unique_ptr<BackgroundReader> m_reader;
    QSqlDatabase db() const { return m_temp->db(); }
};

void TestRelatedPanel::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
    m_reader = TestSupport::readerFor(m_temp->url(), QStringLiteral("related-test-reader"));
    QVERIFY(m_reader);
}

void TestRelatedPanel::cleanup()
{
    m_reader.reset();
    m_temp.reset();
}

bool TestRelatedPanel::waitForPanel(const RelatedPanel& panel)
{
    return QTest::qWaitFor([&panel] { return !panel.isLoading(); }, 20000);
}

void TestRelatedPanel::postGroupsAfterAWorkerRead()
{
    const qint64 post = busiestAndQuietestPost(db()).first;
    RelatedPanel panel(m_reader.get());
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), post);
    QVERIFY(panel.isLoading());
    QVERIFY(waitForPanel(panel));

    const QString title = text(db(), QStringLiteral("SELECT title FROM posts WHERE id = ?"), post);
    const QString author = text(db(),
                                QStringLiteral("SELECT u.username FROM posts p JOIN users u ON "
                                               "u.id = p.user_id WHERE p.id = ?"),
                                post);
    const qint64 tags =
        number(db(), QStringLiteral("SELECT COUNT(*) FROM post_tags WHERE post_id = ?"), {post});
    const qint64 comments =
        number(db(), QStringLiteral("SELECT COUNT(*) FROM comments WHERE post_id = ?"), {post});
    QCOMPARE(panel.rowId(), post);
    QCOMPARE(panel.rowName(), title);
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("relatedTitleLabel"))->text(),
             QStringLiteral("Posts › %1").arg(title));
    const QStringList groups = topLevelTexts(panel.tree());
    QCOMPARE(groups, (QStringList{QStringLiteral("Author: %1").arg(author),
                                  QStringLiteral("Tags (%1)").arg(tags),
                                  QStringLiteral("Comments (%1)").arg(comments)}));
    const QTreeWidgetItem* commentGroup = panel.tree()->topLevelItem(2);
    const qint64 listed = qMin<qint64>(comments, RelatedRecords::ItemLimit);
    QCOMPARE(commentGroup->childCount(), int(listed + (comments > listed ? 1 : 0)));
    const qint64 firstComment =
        number(db(), QStringLiteral("SELECT MIN(id) FROM comments WHERE post_id = ?"), {post});
    QVERIFY(commentGroup->child(0)->text(0).startsWith(QStringLiteral("#%1: ").arg(firstComment)));
}

// Label, author, tags (count and first items), comments (count and first items): six for any
// post, however many comments it has; the same holds for a user.
void TestRelatedPanel::statementsPerRowAreFixed()
{
    const auto [busiest, quietest] = busiestAndQuietestPost(db());
    QVERIFY(busiest != quietest);
    RelatedPanel panel(m_reader.get());
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), busiest);
    QVERIFY(waitForPanel(panel));
    QCOMPARE(panel.queriesForLastLoad(), 6);
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), quietest);
    QVERIFY(waitForPanel(panel));
    QCOMPARE(panel.queriesForLastLoad(), 6);

    const QString byPosts =
        QStringLiteral("SELECT u.id FROM users u LEFT JOIN posts p ON p.user_id = u.id "
                       "GROUP BY u.id ORDER BY COUNT(p.id) %1, u.id LIMIT 1");
    for (const QString& order : {QStringLiteral("DESC"), QStringLiteral("ASC")}) {
        panel.showRow(BlogTable::Users, QStringLiteral("Users"),
                      scalar(db(), byPosts.arg(order)).toLongLong());
        QVERIFY(waitForPanel(panel));
        QCOMPARE(panel.queriesForLastLoad(), 6); // label, profile, posts ×2, comments ×2
    }
}

void TestRelatedPanel::staleRowIsNeverShown()
{
    const auto [first, second] = busiestAndQuietestPost(db());
    RelatedPanel panel(m_reader.get());
    QSignalSpy shown(&panel, &RelatedPanel::rowShown);
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), first);
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), second);
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), second); // already on its way
    QVERIFY(waitForPanel(panel));
    QCOMPARE(shown.size(), 1);
    QCOMPARE(shown.at(0).at(1).toLongLong(), second);
    QCOMPARE(panel.rowId(), second);

    // Nothing selected: the read under way is dropped and the panel says so at once.
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), first);
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), 0);
    QVERIFY(!panel.isLoading());
    QVERIFY(QTest::qWaitFor([this] { return !m_reader->isBusy(); }, 20000));
    QCOMPARE(shown.size(), 2);
    QCOMPARE(panel.rowId(), 0);
    QCOMPARE(panel.tree()->topLevelItemCount(), 0);
}

void TestRelatedPanel::loadingGreysTheOldRow()
{
    const auto [first, second] = busiestAndQuietestPost(db());
    RelatedPanel panel(m_reader.get());
    auto* busy = panel.findChild<QProgressBar*>(QStringLiteral("relatedBusyIndicator"));
    QVERIFY(busy);
    QVERIFY(!busy->accessibleName().isEmpty());
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), first);
    QVERIFY(waitForPanel(panel));
    QVERIFY(busy->isHidden());

    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), second);
    QVERIFY(!busy->isHidden());
    QVERIFY(!panel.tree()->isEnabled());
    const auto* title = panel.findChild<QLabel*>(QStringLiteral("relatedTitleLabel"));
    QVERIFY2(title->text().contains(QStringLiteral("#%1").arg(second)), qPrintable(title->text()));
    QVERIFY(waitForPanel(panel));
    QVERIFY(busy->isHidden());
    QVERIFY(panel.tree()->isEnabled());

    // A refresh of the shown row keeps its list usable while it reads.
    panel.reload();
    QVERIFY(panel.isLoading());
    QVERIFY(panel.tree()->isEnabled());
    QVERIFY(waitForPanel(panel));
}

void TestRelatedPanel::failureIsOneLineInTheTitle()
{
    QString error;
    const auto empty = BackendDatabase::create(m_dialect, QStringLiteral("empty"), &error);
    QVERIFY2(empty, qPrintable(error));
    const auto reader = TestSupport::readerFor(empty->url(), QStringLiteral("empty-reader"));
    RelatedPanel panel(reader.get());
    panel.showRow(BlogTable::Posts, QStringLiteral("Posts"), 1);
    QVERIFY(waitForPanel(panel));
    const QString title = panel.findChild<QLabel*>(QStringLiteral("relatedTitleLabel"))->text();
    QVERIFY2(title.startsWith(QStringLiteral("Posts › #1 (not all read: ")), qPrintable(title));
    QVERIFY(!title.contains(QLatin1Char('\n')));
}

QTEST_MAIN(TestRelatedPanel)
#include "TestRelatedPanel.moc"
