#include <QHeaderView>
#include <QLabel>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "models/BlogTableModel.h"
#include "models/DefaultDatabase.h"
#include "tests/support/TestSupport.h"
#include "views/MainWindow.h"
#include "views/TablePage.h"

using TestSupport::column;
using TestSupport::scalar;

namespace {

int sqlCount(const QSqlDatabase& db, const QString& table)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM ") + table).toInt();
}

QTableView* viewOf(MainWindow& window, const QString& name)
{
    return window.findChild<QTableView*>(name + QStringLiteral("View"));
}

// Loads every row a lazily fetching model holds back.
int fetchAll(QAbstractItemModel* model)
{
    while (model->canFetchMore({})) {
        model->fetchMore({});
    }
    return model->rowCount();
}

int columnOf(QAbstractItemModel* model, const QString& header)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == header) {
            return c;
        }
    }
    return -1;
}

void clickHeader(QTableView* view, int column)
{
    QHeaderView* header = view->horizontalHeader();
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsTheFourTablesWithSampleData();
    void relationColumnsShowNamesAndKeepNullRows();
    void statusBarNamesDatabaseAndRevision();
    void headerClickSortsInSql();
    void valuesAreShownForPeople();
    void reloadShowsChangesFromElsewhere();

private:
    std::unique_ptr<TempDatabase> m_temp;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_temp = std::make_unique<TempDatabase>();
    MigrationHistory history;
    QString error;
    QString summary;
    QVERIFY(history.loadBuiltIn(&error));
    // The embedded default's first start: migrate, then the sample blog.
    QVERIFY2(DefaultDatabase::prepare(m_temp->db(), history, &summary, &error), qPrintable(error));
    DatabaseUrl url;
    QVERIFY(DatabaseUrl::parse(m_temp->url(), &url, &error));
    m_window = std::make_unique<MainWindow>(m_temp->db(), url);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_temp.reset();
}

void TestMainWindow::showsTheFourTablesWithSampleData()
{
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("pageTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 4);
    for (const char* name : {"users", "posts", "tags", "comments"}) {
        const QString table = QLatin1String(name);
        QTableView* view = viewOf(*m_window, table);
        QVERIFY2(view, name);
        QVERIFY(!view->accessibleName().isEmpty());
        QVERIFY(qobject_cast<BlogTableModel*>(view->model()));
        const int expected = sqlCount(m_temp->db(), table);
        QVERIFY(expected > 0);
        QCOMPARE(fetchAll(view->model()), expected);
        auto* countLabel = m_window->findChild<QLabel*>(table + QStringLiteral("CountLabel"));
        QVERIFY(countLabel);
        QVERIFY2(countLabel->text().endsWith(QStringLiteral(" of %1").arg(expected)),
                 qPrintable(countLabel->text()));
    }
}

void TestMainWindow::relationColumnsShowNamesAndKeepNullRows()
{
    QTableView* posts = viewOf(*m_window, QStringLiteral("posts"));
    const int author = columnOf(posts->model(), QStringLiteral("Author"));
    QVERIFY(author >= 0);
    const QStringList usernames =
        column(m_temp->db(), QStringLiteral("SELECT username FROM users"));
    fetchAll(posts->model());
    for (int row = 0; row < posts->model()->rowCount(); ++row) {
        const QString shown = posts->model()->index(row, author).data().toString();
        QVERIFY2(usernames.contains(shown), qPrintable(shown));
    }
    // Top-level comments have parent_id NULL: an inner join would drop them.
    QTableView* comments = viewOf(*m_window, QStringLiteral("comments"));
    QCOMPARE(fetchAll(comments->model()), sqlCount(m_temp->db(), QStringLiteral("comments")));
    const int postColumn = columnOf(comments->model(), QStringLiteral("Post"));
    const QString firstTitle =
        scalar(m_temp->db(), QStringLiteral("SELECT p.title FROM comments c JOIN posts p "
                                            "ON p.id = c.post_id ORDER BY c.id LIMIT 1"))
            .toString();
    QCOMPARE(comments->model()->index(0, postColumn).data().toString(), firstTitle);
}

void TestMainWindow::statusBarNamesDatabaseAndRevision()
{
    auto* revision = m_window->findChild<QLabel*>(QStringLiteral("revisionLabel"));
    auto* database = m_window->findChild<QLabel*>(QStringLiteral("databaseLabel"));
    QVERIFY(revision && database);
    QVERIFY2(revision->text().contains(QLatin1String("bf2038b7def (head)")),
             qPrintable(revision->text()));
    QVERIFY2(database->text().contains(m_temp->path()), qPrintable(database->text()));
}

void TestMainWindow::headerClickSortsInSql()
{
    QTableView* users = viewOf(*m_window, QStringLiteral("users"));
    const int usernameColumn = columnOf(users->model(), QStringLiteral("Username"));
    QVERIFY(usernameColumn >= 0);
    clickHeader(users, usernameColumn);
    const QStringList ascending =
        column(m_temp->db(), QStringLiteral("SELECT username FROM users ORDER BY username"));
    QCOMPARE(users->model()->index(0, usernameColumn).data().toString(), ascending.constFirst());
    clickHeader(users, usernameColumn);
    QCOMPARE(users->model()->index(0, usernameColumn).data().toString(), ascending.constLast());
}

void TestMainWindow::valuesAreShownForPeople()
{
    QTableView* users = viewOf(*m_window, QStringLiteral("users"));
    QAbstractItemModel* model = users->model();
    const QModelIndex hash = model->index(0, columnOf(model, QStringLiteral("Password hash")));
    QCOMPARE(hash.data().toString(), QStringLiteral("pbkdf2:sha256:600000$…"));
    const QModelIndex created = model->index(0, columnOf(model, QStringLiteral("Created (UTC)")));
    QCOMPARE(created.data().toString(), QStringLiteral("2024-01-01 08:00:00"));
    QCOMPARE(created.data(Qt::EditRole).toString(), QStringLiteral("2024-01-01 08:00:00.000000"));
    const QModelIndex deleted = model->index(0, columnOf(model, QStringLiteral("Deleted (UTC)")));
    QVERIFY(deleted.data(Qt::EditRole).isNull());
    QCOMPARE(deleted.data().toString(), QStringLiteral("NULL"));
    const QModelIndex active = model->index(0, columnOf(model, QStringLiteral("Active")));
    QCOMPARE(active.data().toString(), QStringLiteral("yes"));
    QVERIFY(!(model->flags(active) & Qt::ItemIsEditable));
}

void TestMainWindow::reloadShowsChangesFromElsewhere()
{
    QSqlQuery query(m_temp->db());
    QVERIFY(query.exec(QStringLiteral("INSERT INTO tags (name, slug) VALUES ('Qt', 'qt')")));
    auto* reload = m_window->findChild<QAction*>(QStringLiteral("actionReload"));
    QVERIFY(reload);
    reload->trigger();
    QCOMPARE(fetchAll(viewOf(*m_window, QStringLiteral("tags"))->model()),
             sqlCount(m_temp->db(), QStringLiteral("tags")));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
