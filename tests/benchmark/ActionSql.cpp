#include "ActionSql.h"

#include "sql/BoundQuery.h"
#include "sql/Dialect.h"
#include "sql/TextSearch.h"

#include <QSqlQuery>

#include "models/browse/PostsModel.h"
#include "models/browse/ThreadRead.h"
#include "models/browse/WindowKeys.h"
#include "models/search/FullTextSearch.h"
#include "models/search/FullTextSearchSql.h"

namespace {

constexpr int WindowRows = 500;  // BlogTableModel's window
constexpr int RelatedItems = 20; // RelatedRecords::ItemLimit

QString postsWindow(const QString& where, const QString& orderBy)
{
    return QStringLiteral("SELECT posts.id, posts.title, posts.content, posts.slug, "
                          "posts.is_published, posts.published_at, posts.created_at, "
                          "posts.updated_at, u.username "
                          "FROM posts LEFT JOIN users u ON u.id = posts.user_id %1 %2 LIMIT %3")
        .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where, orderBy)
        .arg(WindowRows);
}

FloorStatement countPosts(const QString& where = QString(), const QVariantList& values = {})
{
    return {QStringLiteral("SELECT COUNT(*) FROM posts") +
                (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
            values};
}

} // namespace

namespace ActionSql {

QList<FloorStatement> firstPage(const QString& table)
{
    if (table == QLatin1String("posts")) {
        return {{postsWindow(QString(), QStringLiteral("ORDER BY posts.id ASC")), {}},
                countPosts()};
    }
    return {{QStringLiteral("SELECT * FROM %1 ORDER BY id ASC LIMIT %2").arg(table).arg(WindowRows),
             {}},
            {QStringLiteral("SELECT COUNT(*) FROM %1").arg(table), {}}};
}

QList<FloorStatement> nextPostsPage(qint64 lastId)
{
    return {{postsWindow(QStringLiteral("posts.id > ?"), QStringLiteral("ORDER BY posts.id ASC")),
             {lastId}},
            countPosts()};
}

QList<FloorStatement> lastPostsPage()
{
    return {{postsWindow(QString(), QStringLiteral("ORDER BY posts.id DESC")), {}}, countPosts()};
}

QList<FloorStatement> postsByAuthor(QSqlDatabase db)
{
    PostsModel model(db);
    model.setWindowSize(WindowRows);
    model.setSort(model.fieldIndex(QStringLiteral("user_id")), Qt::AscendingOrder);
    const WindowRequest request = model.windowRequest(KeysetWindow::Move::First);
    const WindowKeys keys = WindowReader::read(db, request);
    QVariant lastAuthor;
    if (!keys.rows.isEmpty()) {
        QSqlQuery query(db);
        if (BoundQuery::exec(query, QStringLiteral("SELECT id FROM users WHERE username = ?"),
                             {keys.rows.constLast().value}) &&
            query.next()) {
            lastAuthor = query.value(0);
        }
    }
    QList<FloorStatement> statements;
    for (const WindowStatement& each : WindowReader::statements(request, lastAuthor)) {
        statements << FloorStatement{each.statement.sql, each.statement.values};
    }
    QVariantList ids;
    for (const RowKey& row : keys.rows) {
        ids << row.key.value(0);
    }
    const QString shown = QStringLiteral("posts.id IN (%1)")
                              .arg(QStringList(ids.size(), QStringLiteral("?")).join(','));
    const QString order = QStringLiteral("ORDER BY ") +
                          Dialect::nullsLargestOrder(QStringLiteral("u.username"), false) +
                          QStringLiteral(", posts.id ASC");
    statements << FloorStatement{postsWindow(ids.isEmpty() ? QStringLiteral("1 = 0") : shown,
                                             order),
                                 ids}
               << countPosts();
    return statements;
}

QList<FloorStatement> postsContaining(SqlDialect dialect, const QString& text)
{
    const QStringList columns{QStringLiteral("posts.title"), QStringLiteral("posts.slug"),
                              QStringLiteral("posts.content")};
    FloorStatement condition;
    if (dialect == SqlDialect::SQLite) {
        QStringList tests;
        for (const QString& column : columns) {
            tests << column + QStringLiteral(" LIKE ? ESCAPE '!'");
            condition.values << QStringLiteral("%") + TextSearch::escapeLike(text) +
                                    QStringLiteral("%");
        }
        condition.sql = QLatin1Char('(') + tests.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    } else {
        const TextSearchCondition search = TextSearch::contains(dialect, columns, text);
        condition = {search.sql, search.values};
    }
    return {{postsWindow(condition.sql, QStringLiteral("ORDER BY posts.id ASC")), condition.values},
            countPosts(condition.sql, condition.values)};
}

QList<FloorStatement> selectPost(qint64 postId)
{
    const SqlCondition thread = ThreadReader::statement(postId);
    const QString items = QStringLiteral(" ORDER BY %1 LIMIT %2");
    return {
        {thread.sql, thread.values},
        {QStringLiteral("SELECT u.id, u.username FROM posts p JOIN users u ON u.id = p.user_id "
                        "WHERE p.id = ?"),
         {postId}},
        {QStringLiteral("SELECT COUNT(*) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
                        "WHERE pt.post_id = ?"),
         {postId}},
        {QStringLiteral("SELECT t.id, t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
                        "WHERE pt.post_id = ?") +
             items.arg(QStringLiteral("t.name, t.id")).arg(RelatedItems),
         {postId}},
        {QStringLiteral("SELECT COUNT(*) FROM comments WHERE post_id = ?"), {postId}},
        {QStringLiteral("SELECT id, content FROM comments WHERE post_id = ?") +
             items.arg(QStringLiteral("id")).arg(RelatedItems),
         {postId}},
    };
}

QList<FloorStatement> fullTextSearch(SqlDialect dialect, const QString& word)
{
    const QList<SearchTerm> terms = SearchQuery::parse(word);
    const QList<FullTextSearchSql::Statement> statements = FullTextSearchSql::firstStatements(
        dialect, terms, SearchQuery::InnoDbWords(), FullTextSearch::DefaultLimit);
    QList<FloorStatement> floor;
    for (const FullTextSearchSql::Statement& statement : std::as_const(statements)) {
        floor << FloorStatement{statement.sql, statement.values};
    }
    return floor;
}

QList<FloorStatement> authorStatistics()
{
    return {{QStringLiteral(
                 "SELECT users.username, COUNT(posts.id) AS total_posts, "
                 "SUM(CASE WHEN posts.is_published = true THEN 1 ELSE 0 END) AS published_posts, "
                 "SUM(CASE WHEN posts.is_published = false THEN 1 ELSE 0 END) AS draft_posts "
                 "FROM users LEFT OUTER JOIN posts ON users.id = posts.user_id "
                 "GROUP BY users.id, users.username"),
             {}}};
}

} // namespace ActionSql
