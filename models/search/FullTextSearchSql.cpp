#include "FullTextSearchSql.h"

#include "sql/Dialect.h"

#include <limits>

#include "models/search/SearchSnippet.h"

namespace FullTextSearchSql {

const QString Start = QString(QChar(SearchSnippet::MarkStart));
const QString End = QString(QChar(SearchSnippet::MarkEnd));

qint64 candidateBound(int candidates)
{
    return candidates > 0 ? candidates : std::numeric_limits<qint64>::max();
}

namespace {

const QString Ellipsis = QStringLiteral("…");

// SQLite: `boundary` is the first match after the candidates (none when there are no more);
// FTS5 walks its doclist in rowid order and stops there, and the rowid bound it is handed
// keeps bm25() (and the sort) to the candidates.
QString sqliteStatement(const QString& table, const QString& columns, const QString& rank)
{
    return QStringLiteral("WITH boundary(id) AS (SELECT rowid FROM %1 WHERE %1 MATCH ? "
                          "ORDER BY rowid LIMIT 1 OFFSET ?) "
                          "SELECT rowid, %2, EXISTS (SELECT 1 FROM boundary) FROM %1 "
                          "WHERE %1 MATCH ? "
                          "AND rowid < COALESCE((SELECT id FROM boundary), 9223372036854775807) "
                          "ORDER BY %3, rowid LIMIT ?")
        .arg(table, columns, rank);
}

} // namespace

QList<Statement> sqliteStatements(const QList<SearchTerm>& terms, int limit, int candidates)
{
    const QString match = SearchQuery::toFts5(terms);
    const qint64 bound = candidateBound(candidates);
    return {{BlogTable::Posts,
             sqliteStatement(QStringLiteral("posts_fts"),
                             QStringLiteral("highlight(posts_fts, 0, ?, ?), "
                                            "snippet(posts_fts, 1, ?, ?, ?, ?)"),
                             QStringLiteral("bm25(posts_fts, 10.0, 1.0)")),
             {match, bound, Start, End, Start, End, Ellipsis, SnippetWords, match, limit}},
            {BlogTable::Comments,
             sqliteStatement(QStringLiteral("comments_fts"),
                             QStringLiteral("snippet(comments_fts, 0, ?, ?, ?, ?)"),
                             QStringLiteral("bm25(comments_fts)")),
             {match, bound, Start, End, Ellipsis, SnippetWords, match, limit}}};
}

QList<Statement> sqliteCountStatements(const QList<SearchTerm>& terms)
{
    const QString match = SearchQuery::toFts5(terms);
    return {{BlogTable::Posts,
             QStringLiteral("SELECT COUNT(*) FROM posts_fts WHERE posts_fts MATCH ?"),
             {match}},
            {BlogTable::Comments,
             QStringLiteral("SELECT COUNT(*) FROM comments_fts WHERE comments_fts MATCH ?"),
             {match}}};
}

QString indexPresenceStatement(QSqlDatabase& db)
{
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        return QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                              "AND name IN ('posts_fts', 'comments_fts')");
    case SqlDialect::PostgreSQL:
        return QStringLiteral("SELECT COUNT(*) FROM pg_catalog.pg_class c "
                              "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = current_schema() AND c.relkind = 'i' "
                              "AND c.relname IN ('posts_fts', 'comments_fts')");
    case SqlDialect::MySQL:
        return QStringLiteral(
            "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS "
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('posts', 'comments') "
            "AND INDEX_TYPE = 'FULLTEXT' AND INDEX_NAME IN ('posts_fts', 'comments_fts')");
    }
    return QString();
}

QList<Statement> firstStatements(SqlDialect dialect, const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return sqliteStatements(terms, limit);
    case SqlDialect::PostgreSQL:
        return postgresStatements(terms, limit);
    case SqlDialect::MySQL:
        return mysqlStatements(terms, rules, limit);
    }
    return {};
}

} // namespace FullTextSearchSql
