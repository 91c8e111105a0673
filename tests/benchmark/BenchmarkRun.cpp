#include "BenchmarkRun.h"

#include "sql/Dialect.h"

#include <QAbstractButton>
#include <QLineEdit>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include "models/browse/BlogTableModel.h"
#include "tests/benchmark/ActionSql.h"
#include "tests/benchmark/StallMeter.h"
#include "tests/benchmark/WindowDriver.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"
#include "views/search/SearchDock.h"

namespace {

constexpr double ActionTargetMs = 100; // first rows after a page, sort, filter, selection
constexpr double SearchTargetMs = 50;  // full-text search
constexpr double StatisticsFloorFactor = 1.5;

Figure missing(const QString& name, double target, const QString& note)
{
    Figure figure{name};
    figure.target = target;
    figure.status = Figure::Status::Missing;
    figure.note = note;
    return figure;
}

} // namespace

BenchmarkRun::BenchmarkRun(MainWindow& window, const QSqlDatabase& db, const DatabaseUrl& url,
                           const BenchmarkOptions& options, StallMeter& stalls)
    : m_window(window), m_db(db), m_options(options), m_stalls(stalls), m_floor(db, url),
      m_statements(db), m_posts(window.page(BlogTable::Posts))
{
    m_clock.start();
}

QList<Figure> BenchmarkRun::run()
{
    m_window.findChild<QTabWidget*>(QStringLiteral("pageTabs"))->setCurrentWidget(m_posts);
    WindowDriver::waitUntilLoaded(m_posts);
    QList<Figure> figures;
    if (wanted(QStringLiteral("page_forward")) || wanted(QStringLiteral("page_back"))) {
        figures << paging();
    }
    const QList<std::pair<QString, std::function<Figure()>>> actions{
        {QStringLiteral("last_page"),
         [this] {
             return lastPage();
         }},
        {QStringLiteral("sort_by_author"),
         [this] {
             return sortByAuthor();
         }},
        {QStringLiteral("filter_rare_text"),
         [this] {
             return substringFilter(QStringLiteral("filter_rare_text"), rareText());
         }},
        {QStringLiteral("filter_common_text"),
         [this] {
             return substringFilter(QStringLiteral("filter_common_text"), m_options.commonText);
         }},
        {QStringLiteral("search_rare_word"),
         [this] {
             return fullTextSearch(QStringLiteral("search_rare_word"), m_options.rareWord);
         }},
        {QStringLiteral("search_common_word"),
         [this] {
             return fullTextSearch(QStringLiteral("search_common_word"), m_options.commonWord);
         }},
        {QStringLiteral("select_busiest_post"),
         [this] {
             return selectBusiestPost();
         }},
        {QStringLiteral("arrow_down"),
         [this] {
             return arrowDown();
         }},
        {QStringLiteral("author_statistics"),
         [this] {
             return authorStatistics();
         }},
    };
    for (const auto& [name, measure] : actions) {
        if (wanted(name)) {
            figures << measure();
        }
    }
    return figures;
}

bool BenchmarkRun::wanted(const QString& action) const
{
    return m_options.only.isEmpty() || m_options.only.contains(action);
}

void BenchmarkRun::measureOnce(Figure& figure, TablePage* page, const std::function<qint64()>& act)
{
    WindowDriver::waitUntilLoaded(page);
    measureOnce(
        figure, [page] { return WindowDriver::isLoading(page); }, act);
}

void BenchmarkRun::measureOnce(Figure& figure, const std::function<bool()>& busy,
                               const std::function<qint64()>& act)
{
    WindowDriver::waitWhile(busy);
    m_stalls.takeLongestSinceMark(); // the action's span starts here
    m_statements.start();
    const qint64 started = act();
    WindowDriver::waitWhile(busy);
    figure.samples << double(now() - started) / 1e6;
    figure.longestStallMs = qMax(figure.longestStallMs, m_stalls.takeLongestSinceMark());
    figure.statements = qMax(figure.statements, m_statements.count());
}

void BenchmarkRun::measureSelection(Figure& figure, qint64 post)
{
    WindowDriver::waitUntilLoaded(m_posts);
    WindowDriver::waitUntilDocksLoaded(m_window);
    m_stalls.takeLongestSinceMark(); // the action's span starts here
    m_statements.start();
    const ThreadShown shown(m_window, m_clock);
    const qint64 started = now();
    m_posts->selectId(post);
    WindowDriver::waitUntilLoaded(m_posts);
    WindowDriver::waitUntilDocksLoaded(m_window);
    const qint64 ended = shown.shownNs() >= 0 ? shown.shownNs() : now();
    figure.samples << double(ended - started) / 1e6;
    figure.longestStallMs = qMax(figure.longestStallMs, m_stalls.takeLongestSinceMark());
    figure.statements = qMax(figure.statements, m_statements.count());
}

QList<Figure> BenchmarkRun::paging()
{
    Figure forward{QStringLiteral("page_forward")};
    Figure back{QStringLiteral("page_back")};
    forward.target = back.target = ActionTargetMs;
    auto* next = m_posts->findChild<QAbstractButton*>(QStringLiteral("postsNextButton"));
    auto* previous = m_posts->findChild<QAbstractButton*>(QStringLiteral("postsPreviousButton"));
    if (!next || !previous || !next->isEnabled()) {
        forward.status = back.status = Figure::Status::NotAvailable;
        forward.note = back.note = QStringLiteral("one page of posts only");
        return {forward, back};
    }
    const BlogTableModel* model = m_posts->model();
    const qint64 lastId =
        model->index(model->rowCount() - 1, model->fieldIndex(QStringLiteral("id")))
            .data(Qt::EditRole)
            .toLongLong();
    for (int i = 0; i < m_options.repeats; ++i) {
        measureOnce(forward, m_posts, [&] {
            const qint64 started = now();
            next->click();
            return started;
        });
        measureOnce(back, m_posts, [&] {
            const qint64 started = now();
            previous->click();
            return started;
        });
    }
    planFloor(forward.name, ActionSql::nextPostsPage(lastId));
    planFloor(back.name, ActionSql::firstPage(QStringLiteral("posts")));
    return {forward, back};
}

Figure BenchmarkRun::lastPage()
{
    const QString name = QStringLiteral("last_page");
    planFloor(name, ActionSql::lastPostsPage());
    auto* last = m_window.findChild<QAbstractButton*>(QStringLiteral("postsLastButton"));
    if (!last) {
        return missing(name, ActionTargetMs, QStringLiteral("no postsLastButton in the window"));
    }
    auto* first = m_window.findChild<QAbstractButton*>(QStringLiteral("postsFirstButton"));
    Figure figure{name};
    figure.target = ActionTargetMs;
    for (int i = 0; i < m_options.repeats; ++i) {
        if (first && first->isEnabled()) {
            first->click();
        }
        measureOnce(figure, m_posts, [&] {
            const qint64 started = now();
            last->click();
            return started;
        });
    }
    if (first && first->isEnabled()) {
        first->click();
    }
    return figure;
}

Figure BenchmarkRun::sortByAuthor()
{
    Figure figure{QStringLiteral("sort_by_author")};
    figure.target = ActionTargetMs;
    planFloor(figure.name, ActionSql::postsByAuthor(m_db));
    BlogTableModel* model = m_posts->model();
    int author = -1;
    for (int column = 0; column < model->columnCount(); ++column) {
        author = model->columnName(column) == QLatin1String("user_id") ? column : author;
    }
    for (int i = 0; i < m_options.repeats; ++i) {
        m_posts->view()->sortByColumn(model->primaryKeyColumn(), Qt::AscendingOrder);
        measureOnce(figure, m_posts, [&] {
            const qint64 started = now();
            WindowDriver::clickHeader(m_posts, author);
            return started;
        });
    }
    m_posts->view()->sortByColumn(model->primaryKeyColumn(), Qt::AscendingOrder);
    return figure;
}

Figure BenchmarkRun::substringFilter(const QString& name, const QString& text)
{
    Figure figure{name};
    figure.target = ActionTargetMs;
    figure.note = QStringLiteral("'%1', from the end of the typing pause").arg(text);
    planFloor(name, ActionSql::postsContaining(Dialect::of(m_db).kind(), text));
    auto* edit = m_posts->findChild<QLineEdit*>(QStringLiteral("postsSearchEdit"));
    auto* clear = m_posts->findChild<QAbstractButton*>(QStringLiteral("postsClearFilterButton"));
    for (int i = 0; i < m_options.repeats; ++i) {
        clear->click();
        measureOnce(figure, m_posts, [&] { return WindowDriver::typeText(edit, text, m_clock); });
        figure.rows = m_posts->model()->totalRowCount();
    }
    clear->click();
    return figure;
}

Figure BenchmarkRun::fullTextSearch(const QString& name, const QString& word)
{
    auto* dock = m_window.findChild<SearchDock*>(QStringLiteral("searchDock"));
    auto* field = m_window.findChild<QWidget*>(QStringLiteral("searchField"));
    auto* pause = m_window.findChild<QTimer*>(QStringLiteral("searchTypingPause"));
    if (!dock || !field || !pause) {
        return missing(name, SearchTargetMs, QStringLiteral("no search dock in the window"));
    }
    Figure figure{name};
    figure.target = SearchTargetMs;
    figure.note = QStringLiteral("'%1', from the end of the typing pause").arg(word);
    planFloor(name, ActionSql::fullTextSearch(Dialect::of(m_db).kind(), word));
    const auto searching = [dock] {
        return dock->isSearching();
    };
    for (int i = 0; i < m_options.repeats; ++i) {
        WindowDriver::clearText(field);
        WindowDriver::waitWhile(searching);
        measureOnce(figure, searching,
                    [&] { return WindowDriver::typeText(field, word, m_clock, pause); });
    }
    WindowDriver::clearText(field);
    return figure;
}

Figure BenchmarkRun::selectBusiestPost()
{
    Figure figure{QStringLiteral("select_busiest_post")};
    figure.target = ActionTargetMs;
    const qint64 post = busiestPost(&figure.rows);
    figure.note = QStringLiteral("post %1: thread and Related dock").arg(post);
    planFloor(figure.name, ActionSql::selectPost(post));
    m_posts->setNavigation({QStringLiteral("posts.id = ?"), {post}},
                           QStringLiteral("the post with the most comments"), {});
    for (int i = 0; i < m_options.repeats; ++i) {
        m_posts->view()->clearSelection();
        m_posts->view()->setCurrentIndex(QModelIndex());
        measureSelection(figure, post);
    }
    m_posts->clearNavigation();
    return figure;
}

// Run by the harness itself on the window's connection, as BlogDesk runs its statements, but
// outside the window: the stall meter does not count it.
Figure BenchmarkRun::authorStatistics()
{
    Figure figure{QStringLiteral("author_statistics")};
    figure.floorFactor = StatisticsFloorFactor;
    const QList<FloorStatement> sql = ActionSql::authorStatistics();
    planFloor(figure.name, sql);
    m_stalls.pause();
    for (int i = 0; i < m_options.repeats; ++i) {
        m_statements.start();
        const qint64 started = now();
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        qint64 rows = 0;
        if (!query.exec(sql.constFirst().sql)) {
            figure.status = Figure::Status::Failed;
            figure.note = query.lastError().text();
            break;
        }
        while (query.next()) {
            ++rows;
        }
        figure.samples << double(now() - started) / 1e6;
        figure.statements = m_statements.count();
        figure.rows = rows;
    }
    m_stalls.start();
    return figure;
}

qint64 BenchmarkRun::queryNumber(const QString& sql)
{
    QSqlQuery query(m_db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

// Setup, not measured: which post has the most comments (a scan of all of them).
qint64 BenchmarkRun::busiestPost(qint64* comments)
{
    m_stalls.pause();
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("SELECT post_id, COUNT(*) FROM comments WHERE post_id IS NOT NULL "
                              "GROUP BY post_id ORDER BY COUNT(*) DESC, post_id LIMIT 1"));
    const bool found = query.next();
    *comments = found ? query.value(1).toLongLong() : 0;
    const qint64 post = found ? query.value(0).toLongLong()
                              : queryNumber(QStringLiteral("SELECT MIN(id) FROM posts"));
    m_stalls.start();
    return post;
}

// A substring few posts hold: the given one, else the slug of the post in the middle.
QString BenchmarkRun::rareText()
{
    if (!m_options.rareText.isEmpty()) {
        return m_options.rareText;
    }
    m_stalls.pause();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT slug FROM posts WHERE id >= ? ORDER BY id LIMIT 1"));
    query.addBindValue(queryNumber(QStringLiteral("SELECT MAX(id) FROM posts")) / 2);
    const QString slug = query.exec() && query.next() ? query.value(0).toString() : QString();
    m_stalls.start();
    return slug.isEmpty() ? QStringLiteral("no-such-post") : slug;
}

void BenchmarkRun::planFloor(const QString& name, const QList<FloorStatement>& statements)
{
    m_floorSql.insert(name, statements);
}

void BenchmarkRun::addFloors(QList<Figure>& figures)
{
    if (!m_options.floors) {
        return;
    }
    for (Figure& figure : figures) {
        const auto statements = m_floorSql.constFind(figure.name);
        if (statements == m_floorSql.cend()) {
            continue;
        }
        QString error;
        figure.floorSamples = m_floor.run(*statements, m_options.repeats, &error);
        if (!error.isEmpty()) {
            figure.note += (figure.note.isEmpty() ? QString() : QStringLiteral("; ")) +
                           QStringLiteral("floor: ") + error;
        }
    }
}
