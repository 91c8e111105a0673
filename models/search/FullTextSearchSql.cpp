#include "FullTextSearchSql.h"

#include "sql/Dialect.h"

#include <limits>

#include "models/search/SearchSnippet.h"

namespace FullTextSearchSql {

namespace {

const QString Start = QString(QChar(SearchSnippet::MarkStart));
const QString End = QString(QChar(SearchSnippet::MarkEnd));
const QString Ellipsis = QStringLiteral("…");
constexpr int SnippetWords = 24;
// PostgreSQL reads this many rows in id order before it turns to the GIN index: to_tsvector()
// parses only the rows ILIKE lets through, but ILIKE itself folds each row's whole text.
constexpr int PostgresFirstRows = 5000;

// What a statement binds for "every match is a candidate".
qint64 candidateBound(int candidates)
{
    return candidates > 0 ? candidates : std::numeric_limits<qint64>::max();
}

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

// PostgreSQL, the first rows: the primary key walked in id order, at most PostgresFirstRows
// rows, ILIKE (quick) letting through only the rows that hold every word somewhere, and
// to_tsvector() (slow: it parses the text) deciding; the first `candidates` matches are ranked
// and `found` says how many matched (at most candidates + 1).
QString postgresFirstRowsStatement(const QString& table, const QString& text,
                                   const QString& columns, const QString& filters,
                                   const QString& rank, const QString& marked)
{
    return QStringLiteral("WITH matches AS (SELECT %3 FROM (SELECT %3 FROM %1 ORDER BY id "
                          "LIMIT ?) AS head WHERE %4 AND to_tsvector('simple', %2) @@ "
                          "to_tsquery('simple', ?) ORDER BY id LIMIT ?), "
                          "numbered AS (SELECT *, ROW_NUMBER() OVER (ORDER BY id) AS n, "
                          "COUNT(*) OVER () AS found FROM matches), "
                          "ranked AS (SELECT *, %5 AS score FROM numbered WHERE n <= ? "
                          "ORDER BY score DESC, id LIMIT ?) "
                          "SELECT id, %6, found FROM ranked ORDER BY score DESC, id")
        .arg(table, text, columns, filters, rank, marked);
}

// PostgreSQL, through the index: `matches` is materialized, so the planner plans it without the
// LIMIT (a bitmap scan of the GIN index; with a LIMIT it may walk the table instead, evaluating
// to_tsvector() row by row until enough match: 37 s for a word no post holds), and read only
// as far as the candidates (and one more, to know whether there are more). ts_rank() and
// ts_headline() then parse only the candidates' text.
QString postgresStatement(const QString& matches, const QString& rank, const QString& marked)
{
    return QStringLiteral("WITH matches AS MATERIALIZED (%1), "
                          "candidates AS (SELECT * FROM matches LIMIT ?), "
                          "ranked AS (SELECT *, %2 AS score FROM candidates "
                          "ORDER BY score DESC, id LIMIT ?) "
                          "SELECT id, %3, (SELECT COUNT(*) FROM (SELECT 1 FROM matches LIMIT ?) "
                          "AS more) > ? FROM ranked ORDER BY score DESC, id")
        .arg(matches, rank, marked);
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

namespace {

// PostgreSQL's ranks and marks: the rank weighs the title as A (1.0) and the content as B
// (0.4); ts_headline() marks the hits only.
struct PostgresTexts
{
    QString postRank = QStringLiteral("ts_rank(setweight(to_tsvector('simple', title), 'A') || "
                                      "setweight(to_tsvector('simple', content), 'B'), "
                                      "to_tsquery('simple', ?))");
    QString commentRank =
        QStringLiteral("ts_rank(to_tsvector('simple', content), to_tsquery('simple', ?))");
    QString postMarked =
        QStringLiteral("ts_headline('simple', title, to_tsquery('simple', ?), ?), "
                       "ts_headline('simple', content, to_tsquery('simple', ?), ?)");
    QString commentMarked =
        QStringLiteral("ts_headline('simple', content, to_tsquery('simple', ?), ?)");
    QString titleOptions;
    QString snippetOptions;

    PostgresTexts()
    {
        const QString marks = QStringLiteral("StartSel=\"%1\", StopSel=\"%2\"").arg(Start, End);
        titleOptions = marks + QStringLiteral(", HighlightAll=true");
        snippetOptions =
            marks + QStringLiteral(", MaxWords=%1, MinWords=8, ShortWord=0, MaxFragments=2, "
                                   "FragmentDelimiter=\" … \"")
                        .arg(SnippetWords);
    }
};

// `text ILIKE '%word%'` for each word: every row whose parsed text holds the words passes.
// Words hold only letters, digits and marks, so none needs escaping for LIKE.
void addIlikeFilters(const QList<SearchTerm>& terms, const QString& text, QString* filters,
                     QVariantList* values)
{
    QStringList conditions;
    for (const QString& word : SearchQuery::words(terms)) {
        conditions << text + QStringLiteral(" ILIKE ?");
        *values << QStringLiteral("%") + word + QStringLiteral("%");
    }
    *filters = conditions.join(QStringLiteral(" AND "));
}

} // namespace

QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit, int candidates)
{
    const QString query = SearchQuery::toTsQuery(terms);
    const qint64 bound = qMax(candidates, 1);
    const PostgresTexts texts;
    QList<Statement> statements;
    for (const BlogTable table : {BlogTable::Posts, BlogTable::Comments}) {
        const bool posts = table == BlogTable::Posts;
        const QString text =
            posts ? QStringLiteral("title || ' ' || content") : QStringLiteral("content");
        QString filters;
        QVariantList values{PostgresFirstRows};
        addIlikeFilters(terms, text, &filters, &values);
        values << query << bound + 1 << query << bound << limit << query
               << (posts ? texts.titleOptions : texts.snippetOptions);
        if (posts) {
            values << query << texts.snippetOptions;
        }
        statements << Statement{
            table,
            postgresFirstRowsStatement(
                posts ? QStringLiteral("posts") : QStringLiteral("comments"), text,
                posts ? QStringLiteral("id, title, content") : QStringLiteral("id, content"),
                filters, posts ? texts.postRank : texts.commentRank,
                posts ? texts.postMarked : texts.commentMarked),
            values};
    }
    return statements;
}

// The WHERE uses exactly the indexes' expressions, or PostgreSQL would not use them.
QList<Statement> postgresIndexStatements(const QList<SearchTerm>& terms, int limit, int candidates)
{
    const QString query = SearchQuery::toTsQuery(terms);
    const qint64 bound = candidateBound(candidates);
    const qint64 boundAndOne = candidates > 0 ? bound + 1 : bound;
    const PostgresTexts texts;
    return {{BlogTable::Posts,
             postgresStatement(
                 QStringLiteral("SELECT id, title, content FROM posts WHERE to_tsvector('simple', "
                                "title || ' ' || content) @@ to_tsquery('simple', ?)"),
                 texts.postRank, texts.postMarked),
             {query, bound, query, limit, query, texts.titleOptions, query, texts.snippetOptions,
              boundAndOne, bound}},
            {BlogTable::Comments,
             postgresStatement(
                 QStringLiteral("SELECT id, content FROM comments WHERE to_tsvector('simple', "
                                "content) @@ to_tsquery('simple', ?)"),
                 texts.commentRank, texts.commentMarked),
             {query, bound, query, limit, query, texts.snippetOptions, boundAndOne, bound}}};
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

QList<Statement> postgresCountStatements(const QList<SearchTerm>& terms)
{
    const QString query = SearchQuery::toTsQuery(terms);
    return {{BlogTable::Posts,
             QStringLiteral("SELECT COUNT(*) FROM posts WHERE to_tsvector('simple', "
                            "title || ' ' || content) @@ to_tsquery('simple', ?)"),
             {query}},
            {BlogTable::Comments,
             QStringLiteral("SELECT COUNT(*) FROM comments WHERE to_tsvector('simple', content) "
                            "@@ to_tsquery('simple', ?)"),
             {query}}};
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
            "WHERE TABLE_SCHEMA = DATABASE() AND INDEX_TYPE = 'FULLTEXT' "
            "AND INDEX_NAME IN ('posts_fts', 'comments_fts')");
    }
    return QString();
}

} // namespace FullTextSearchSql
