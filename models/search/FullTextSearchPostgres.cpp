// PostgreSQL's search statements. A GIN bitmap scan collects every match before the first row
// (100 ms and more for a word in 300,000 comments) and ts_rank() needs each row's text parsed
// again (the index is on an expression, so no tsvector is stored), so a search first reads
// the first rows in id order: ILIKE (quick) lets through the rows that hold every word,
// to_tsvector() (slow) parses only those, once, for the match and the rank, until the
// candidates are found. The GIN index is for words too rare there.
#include "FullTextSearchSql.h"

namespace FullTextSearchSql {

namespace {

// The rows read in id order before a search turns to the GIN index: ILIKE folds each row's
// whole text, about 7 ms for 5,000 posts or 20,000 comments. With DefaultLimit matches there,
// a word is in one post of 250 or one comment of 1,000, and rarer words are quick to find
// through the index.
int firstRows(BlogTable table)
{
    return table == BlogTable::Posts ? 5000 : 20000;
}

// The rank weighs the title as A (1.0) and the content as B (0.4); ts_headline() marks only
// the hits shown.
struct TableTexts
{
    QString table;
    QString columns;  // id, title, content
    QString document; // the weighted tsvector the rank reads
    QString indexed;  // the GIN index's expression, exactly
    QString marked;   // the hit's marked columns
    QStringList filterColumns;
};

TableTexts tableTexts(BlogTable table)
{
    if (table == BlogTable::Posts) {
        return {QStringLiteral("posts"),
                QStringLiteral("id, title, content"),
                QStringLiteral("setweight(to_tsvector('simple', title), 'A') || "
                               "setweight(to_tsvector('simple', content), 'B')"),
                QStringLiteral("to_tsvector('simple', title || ' ' || content)"),
                QStringLiteral("ts_headline('simple', title, to_tsquery('simple', ?), ?), "
                               "ts_headline('simple', content, to_tsquery('simple', ?), ?)"),
                {QStringLiteral("title"), QStringLiteral("content")}};
    }
    return {QStringLiteral("comments"),
            QStringLiteral("id, content"),
            QStringLiteral("to_tsvector('simple', content)"),
            QStringLiteral("to_tsvector('simple', content)"),
            QStringLiteral("ts_headline('simple', content, to_tsquery('simple', ?), ?)"),
            {QStringLiteral("content")}};
}

// The values of `marked`: the query and options per ts_headline().
QVariantList markValues(BlogTable table, const QString& query)
{
    const QString marks = QStringLiteral("StartSel=\"%1\", StopSel=\"%2\"").arg(Start, End);
    const QString snippet =
        marks + QStringLiteral(", MaxWords=%1, MinWords=8, ShortWord=0, MaxFragments=2, "
                               "FragmentDelimiter=\" … \"")
                    .arg(SnippetWords);
    if (table == BlogTable::Posts) {
        return {query, marks + QStringLiteral(", HighlightAll=true"), query, snippet};
    }
    return {query, snippet};
}

// `(title ILIKE '%word%' OR content ILIKE '%word%')` for each word: every row whose parsed
// text holds the words passes. Words hold only letters, digits and marks: nothing to escape.
QString ilikeFilters(const QList<SearchTerm>& terms, const QStringList& columns,
                     QVariantList* values)
{
    QStringList conditions;
    for (const QString& word : SearchQuery::words(terms)) {
        QStringList anyColumn;
        for (const QString& column : columns) {
            anyColumn << column + QStringLiteral(" ILIKE ?");
            *values << QStringLiteral("%") + word + QStringLiteral("%");
        }
        conditions << QLatin1Char('(') + anyColumn.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    return conditions.join(QStringLiteral(" AND "));
}

// OFFSET 0 keeps `document` computed once per row (not again in the WHERE). The first rows
// come from the primary key in id order and stay in that order; an ORDER BY on `parsed`
// would parse every row ILIKE lets through before the LIMIT. `found`: the matches there (at
// most candidates + 1).
Statement firstRowsStatement(BlogTable table, const QList<SearchTerm>& terms, int limit,
                             qint64 candidates)
{
    const TableTexts texts = tableTexts(table);
    const QString query = SearchQuery::toTsQuery(terms);
    QVariantList values{firstRows(table)};
    const QString filters = ilikeFilters(terms, texts.filterColumns, &values);
    values << query << candidates + 1 << query << candidates << limit;
    values << markValues(table, query);
    return {table,
            QStringLiteral("WITH matches AS (SELECT * FROM (SELECT %2, %3 AS document "
                           "FROM (SELECT %2 FROM %1 ORDER BY id LIMIT ?) AS head WHERE %4 "
                           "OFFSET 0) AS parsed WHERE document @@ to_tsquery('simple', ?) "
                           "LIMIT ?), "
                           "numbered AS (SELECT *, ROW_NUMBER() OVER (ORDER BY id) AS n, "
                           "COUNT(*) OVER () AS found FROM matches), "
                           "ranked AS (SELECT *, ts_rank(document, to_tsquery('simple', ?)) "
                           "AS score FROM numbered WHERE n <= ? ORDER BY score DESC, id LIMIT ?) "
                           "SELECT id, %5, found FROM ranked ORDER BY score DESC, id")
                .arg(texts.table, texts.columns, texts.document, filters, texts.marked),
            values};
}

// `matches` is materialized, so the planner plans it without the LIMIT (a bitmap scan of the
// GIN index; with a LIMIT it may walk the table instead, parsing row after row until enough
// match: 37 s for a word no post holds), and read only as far as the candidates (and one
// more, to know whether there are more).
Statement indexStatement(BlogTable table, const QList<SearchTerm>& terms, int limit, int candidates)
{
    const TableTexts texts = tableTexts(table);
    const QString query = SearchQuery::toTsQuery(terms);
    const qint64 bound = candidateBound(candidates);
    const qint64 boundAndOne = candidates > 0 ? bound + 1 : bound;
    return {table,
            QStringLiteral("WITH matches AS MATERIALIZED (SELECT %2 FROM %1 WHERE %3 @@ "
                           "to_tsquery('simple', ?)), "
                           "candidates AS (SELECT * FROM matches LIMIT ?), "
                           "ranked AS (SELECT *, ts_rank(%4, to_tsquery('simple', ?)) AS score "
                           "FROM candidates ORDER BY score DESC, id LIMIT ?) "
                           "SELECT id, %5, (SELECT COUNT(*) FROM (SELECT 1 FROM matches "
                           "LIMIT ?) AS more) > ? FROM ranked ORDER BY score DESC, id")
                .arg(texts.table, texts.columns, texts.indexed, texts.document, texts.marked),
            QVariantList{query, bound, query, limit} + markValues(table, query) +
                QVariantList{boundAndOne, bound}};
}

} // namespace

QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit, int candidates)
{
    const qint64 bound = qMax(candidates, 1);
    return {firstRowsStatement(BlogTable::Posts, terms, limit, bound),
            firstRowsStatement(BlogTable::Comments, terms, limit, bound)};
}

// The WHERE uses exactly the indexes' expressions, or PostgreSQL would not use them.
QList<Statement> postgresIndexStatements(const QList<SearchTerm>& terms, int limit, int candidates)
{
    return {indexStatement(BlogTable::Posts, terms, limit, candidates),
            indexStatement(BlogTable::Comments, terms, limit, candidates)};
}

QList<Statement> postgresCountStatements(const QList<SearchTerm>& terms)
{
    const QString query = SearchQuery::toTsQuery(terms);
    QList<Statement> statements;
    for (const BlogTable table : {BlogTable::Posts, BlogTable::Comments}) {
        const TableTexts texts = tableTexts(table);
        statements << Statement{table,
                                QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 @@ "
                                               "to_tsquery('simple', ?)")
                                    .arg(texts.table, texts.indexed),
                                {query}};
    }
    return statements;
}

} // namespace FullTextSearchSql
