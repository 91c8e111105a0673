// The search dock in the window, on SQLite, PostgreSQL and MariaDB: typing searches (off the
// GUI thread, 150 ms after the last key), Down moves into the results, Enter opens the row in
// its page; the newest text's results win; a database without the full-text revision gets
// the substring filter instead.
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

#include "migrations/engine/MigrationEngine.h"
#include "models/browse/BlogTableModel.h"
#include "models/search/FullTextSearch.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"

using TestServers::BackendDatabase;
using TestSupport::scalar;

namespace {

bool exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values)
{
    QSqlQuery query(db);
    HELPER_VERIFY2(query.prepare(statement), qPrintable(query.lastError().text()));
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    HELPER_VERIFY2(query.exec(), qPrintable(query.lastError().text()));
    return true;
}

// The group whose title starts with `group` ("Posts", "Comments").
QTreeWidgetItem* groupItem(QTreeWidget* results, const QString& group)
{
    for (int at = 0; at < results->topLevelItemCount(); ++at) {
        if (results->topLevelItem(at)->text(0).startsWith(group)) {
            return results->topLevelItem(at);
        }
    }
    return nullptr;
}

int hitCount(QTreeWidget* results, const QString& group)
{
    QTreeWidgetItem* item = groupItem(results, group);
    return item ? item->childCount() : -1;
}

QString groupTitle(QTreeWidget* results, const QString& group)
{
    QTreeWidgetItem* item = groupItem(results, group);
    return item ? item->text(0) : QString();
}

} // namespace

class TestSearchDock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void typingFindsAndEnterOpensTheRow();
    void newestTextWins();
    void withoutTheRevisionOffersTheFilter();
    void manyMatchesSayWhatWasRankedAndRankAllRanksEvery();

private:
    bool openWindow();
    bool typeInto(const QString& text);

    std::unique_ptr<BackendDatabase> m_database;
    std::unique_ptr<MainWindow> m_window;
    QLineEdit* m_field = nullptr;
    QTreeWidget* m_results = nullptr;
    QLabel* m_status = nullptr;
    qint64 m_post = 0;
    qint64 m_comment = 0;
};

void TestSearchDock::init()
{
    FETCH_GLOBAL_BACKEND();
    QVERIFY(TestServers::openSampleDatabase(m_database, dialect));
    const QSqlDatabase db = m_database->db();
    const qint64 user = scalar(db, QStringLiteral("SELECT MIN(id) FROM users")).toLongLong();
    QVERIFY(exec(db,
                 QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                                "created_at, user_id) VALUES (?, ?, ?, ?, ?, ?)"),
                 {QStringLiteral("Aardvark tales"), QStringLiteral("Of burrows and ants."),
                  QStringLiteral("aardvark-tales"), true,
                  QStringLiteral("2024-02-01 00:00:00.000000"), user}));
    m_post = scalar(db, QStringLiteral("SELECT MAX(id) FROM posts")).toLongLong();
    const qint64 other = scalar(db, QStringLiteral("SELECT MIN(id) FROM posts")).toLongLong();
    QVERIFY(exec(db,
                 QStringLiteral("INSERT INTO comments (content, created_at, user_id, post_id) "
                                "VALUES (?, ?, ?, ?)"),
                 {QStringLiteral("An okapi walked by."),
                  QStringLiteral("2024-02-02 00:00:00.000000"), user, other}));
    m_comment = scalar(db, QStringLiteral("SELECT MAX(id) FROM comments")).toLongLong();
}

void TestSearchDock::cleanup()
{
    m_window.reset();
    m_database.reset();
}

bool TestSearchDock::openWindow()
{
    QString error;
    m_window = WindowSupport::openActiveWindow(m_database->db(), m_database->url(), &error);
    HELPER_VERIFY2(m_window, qPrintable(error));
    m_field = m_window->findChild<QLineEdit*>(QStringLiteral("searchField"));
    m_results = m_window->findChild<QTreeWidget*>(QStringLiteral("searchResults"));
    m_status = m_window->findChild<QLabel*>(QStringLiteral("searchStatus"));
    HELPER_VERIFY(m_field && m_results && m_status);
    HELPER_VERIFY(!m_field->accessibleName().isEmpty() && !m_results->accessibleName().isEmpty());
    return true;
}

bool TestSearchDock::typeInto(const QString& text)
{
    HELPER_VERIFY(TestSupport::triggerAction(*m_window, "actionSearch"));
    HELPER_TRY_VERIFY(m_field->hasFocus());
    QTest::keyClicks(m_field, text);
    return true;
}

void TestSearchDock::typingFindsAndEnterOpensTheRow()
{
    QVERIFY(openWindow());
    QVERIFY(typeInto(QStringLiteral("aardva")));
    QTRY_COMPARE(hitCount(m_results, QStringLiteral("Posts")), 1);
    QTRY_VERIFY2(m_status->text().contains(QLatin1String("1 matching post")),
                 qPrintable(m_status->text()));
    QTreeWidgetItem* hit = m_results->topLevelItem(0)->child(0);
    QVERIFY2(hit->data(0, Qt::UserRole + 10).toString().contains(QLatin1String("<b>Aardvark</b>")),
             qPrintable(hit->data(0, Qt::UserRole + 10).toString()));

    QTest::keyClick(m_field, Qt::Key_Down);
    QVERIFY(m_results->hasFocus());
    QCOMPARE(m_results->currentItem(), hit);
    QTest::keyClick(m_results, Qt::Key_Return);
    QCOMPARE(m_window->currentPage(), m_window->page(BlogTable::Posts));
    QTRY_COMPARE(m_window->page(BlogTable::Posts)->currentId(), m_post);

    m_field->clear();
    QVERIFY(typeInto(QStringLiteral("okapi ")));
    QTRY_COMPARE(hitCount(m_results, QStringLiteral("Comments")), 1);
    QCOMPARE(hitCount(m_results, QStringLiteral("Posts")), 0);
    QTest::keyClick(m_field, Qt::Key_Return); // Enter in the field opens the first result
    QCOMPARE(m_window->currentPage(), m_window->page(BlogTable::Comments));
    QTRY_COMPARE(m_window->page(BlogTable::Comments)->currentId(), m_comment);
}

// Each key drops the search under way: what shows at the end is the last text's results.
void TestSearchDock::newestTextWins()
{
    QVERIFY(openWindow());
    QVERIFY(typeInto(QStringLiteral("aardvark ")));
    QTRY_COMPARE(hitCount(m_results, QStringLiteral("Posts")), 1);
    m_field->clear();
    QTest::keyClicks(m_field, QStringLiteral("okapi "));
    QTest::keyClicks(m_field, QStringLiteral("walked "));
    QTRY_COMPARE(hitCount(m_results, QStringLiteral("Comments")), 1);
    QCOMPARE(hitCount(m_results, QStringLiteral("Posts")), 0);
    QTest::keyClicks(m_field, QStringLiteral("zzqx "));
    QTRY_COMPARE(hitCount(m_results, QStringLiteral("Comments")), 0);
}

void TestSearchDock::withoutTheRevisionOffersTheFilter()
{
    MigrationHistory history;
    QString error;
    QVERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    MigrationEngine engine(m_database->db(), history);
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    MigrationError migrationError;
    QVERIFY2(engine.downgrade(history.headIndex() - 1, &migrationError),
             qPrintable(migrationError.text()));

    QVERIFY(openWindow());
    QVERIFY(typeInto(QStringLiteral("aardvark")));
    QTRY_VERIFY2(m_status->text().contains(QLatin1String("needs revision")),
                 qPrintable(m_status->text()));
    QCOMPARE(m_results->topLevelItemCount(), 0);
    auto* filterPosts =
        m_window->findChild<QPushButton*>(QStringLiteral("searchFilterPostsButton"));
    QVERIFY(filterPosts && filterPosts->isVisible());
    QTest::mouseClick(filterPosts, Qt::LeftButton);
    TablePage* posts = m_window->page(BlogTable::Posts);
    QCOMPARE(m_window->currentPage(), posts);
    QTRY_COMPARE(posts->model()->rowCount(), 1);
    QVERIFY(posts->selectId(m_post));
}

// More comments match than a search ranks: the group says it ranked the first ones, the count
// follows, and "Rank all matches" finds the best one, which came after the candidates.
void TestSearchDock::manyMatchesSayWhatWasRankedAndRankAllRanksEvery()
{
    QSqlDatabase db = m_database->db();
    const qint64 user = scalar(db, QStringLiteral("SELECT MIN(id) FROM users")).toLongLong();
    const qint64 post = scalar(db, QStringLiteral("SELECT MIN(id) FROM posts")).toLongLong();
    const int many = FullTextSearch::DefaultCandidates + 1;
    QVERIFY(db.transaction());
    for (int at = 0; at <= many; ++at) {
        QVERIFY(exec(db,
                     QStringLiteral("INSERT INTO comments (content, created_at, user_id, "
                                    "post_id) VALUES (?, ?, ?, ?)"),
                     {at < many ? QStringLiteral("A wombat, number %1 of many.").arg(at)
                                : QStringLiteral("Wombat wombat wombat wombat."),
                      QStringLiteral("2024-02-03 00:00:00.000000"), user, post}));
    }
    QVERIFY(db.commit());
    const qint64 best = scalar(db, QStringLiteral("SELECT MAX(id) FROM comments")).toLongLong();

    QVERIFY(openWindow());
    auto* rankAll = m_window->findChild<QPushButton*>(QStringLiteral("searchRankAllButton"));
    QVERIFY(rankAll && !rankAll->accessibleName().isEmpty());
    QVERIFY(typeInto(QStringLiteral("wombat ")));
    const QLocale locale;
    const QString ranked = locale.toString(FullTextSearch::DefaultCandidates);
    const QString total = locale.toString(many + 1);
    QTRY_VERIFY2(groupTitle(m_results, QStringLiteral("Comments")).contains(ranked) &&
                     groupTitle(m_results, QStringLiteral("Comments")).contains(total),
                 qPrintable(groupTitle(m_results, QStringLiteral("Comments"))));
    QCOMPARE(hitCount(m_results, QStringLiteral("Comments")), FullTextSearch::DefaultLimit);
    QVERIFY(rankAll->isVisible());
    QTreeWidgetItem* comments = groupItem(m_results, QStringLiteral("Comments"));
    for (int at = 0; at < comments->childCount(); ++at) {
        QVERIFY(comments->child(at)->data(0, Qt::UserRole).toLongLong() != best);
    }

    QTest::mouseClick(rankAll, Qt::LeftButton);
    QTRY_COMPARE(
        groupTitle(m_results, QStringLiteral("Comments")),
        QStringLiteral("Comments (%1 of %2)").arg(FullTextSearch::DefaultLimit).arg(total));
    QCOMPARE(groupItem(m_results, QStringLiteral("Comments"))->child(0)->data(0, Qt::UserRole),
             QVariant(best));
    QVERIFY(!rankAll->isVisible());
}

QTEST_MAIN(TestSearchDock)
#include "TestSearchDock.moc"
