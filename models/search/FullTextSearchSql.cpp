#include "FullTextSearchSql.h"

#include "sql/BoundQuery.h"
#include "sql/Dialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "models/search/SearchSnippet.h"

namespace FullTextSearchSql {

namespace {

const QString Start = QString(QChar(SearchSnippet::MarkStart));
const QString End = QString(QChar(SearchSnippet::MarkEnd));
const QString Ellipsis = QStringLiteral("…");
constexpr int SnippetWords = 24;
// MariaDB: the snippet is made from this much of a long text.
constexpr int SnippetSourceLength = 20000;

bool run(QSqlQuery& query, const QString& statement, const QVariantList& values, QString* error)
{
    if (!BoundQuery::exec(query, statement, values)) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

// Reads the rows of a query whose columns are id, marked title (posts only), marked snippet.
bool readHits(QSqlQuery& query, BlogTable table, QList<SearchHit>* hits, QString* error)
{
    const bool withTitle = table == BlogTable::Posts;
    while (query.next()) {
        SearchHit hit;
        hit.table = table;
        hit.id = query.value(0).toLongLong();
        hit.titleHtml = withTitle ? SearchSnippet::toHtml(query.value(1).toString()) : QString();
        hit.snippetHtml = SearchSnippet::toHtml(query.value(withTitle ? 2 : 1).toString());
        *hits << hit;
    }
    if (query.lastError().isValid()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

// InnoDB's built-in stop words, for a server that will not list them.
const char* const InnoDbDefaultStopWords[] = {
    "a",    "about", "an",  "are",  "as",   "at",    "be",  "by",   "com",  "de",  "en",   "for",
    "from", "how",   "i",   "in",   "is",   "it",    "la",  "of",   "on",   "or",  "that", "the",
    "this", "to",    "was", "what", "when", "where", "who", "will", "with", "und", "www"};

// What the server leaves out of its FULLTEXT indexes (the defaults when it will not say).
SearchQuery::InnoDbWords innoDbWords(QSqlDatabase& db)
{
    SearchQuery::InnoDbWords rules;
    QSqlQuery query(db);
    QString ignored;
    if (run(query, QStringLiteral("SELECT @@innodb_ft_min_token_size, @@innodb_ft_enable_stopword"),
            {}, &ignored) &&
        query.next()) {
        rules.minTokenSize = query.value(0).toInt();
        if (query.value(1).toInt() == 0) {
            return rules;
        }
    }
    query.finish();
    if (run(query,
            QStringLiteral("SELECT value FROM information_schema.INNODB_FT_DEFAULT_STOPWORD"), {},
            &ignored)) {
        while (query.next()) {
            rules.stopWords.insert(query.value(0).toString().toLower());
        }
    }
    if (rules.stopWords.isEmpty()) {
        for (const char* word : InnoDbDefaultStopWords) {
            rules.stopWords.insert(QLatin1String(word));
        }
    }
    return rules;
}

// Marks the MariaDB rows' text in C++: id, title, content -> id, marked title, snippet.
bool readMysqlHits(QSqlQuery& query, BlogTable table, const QList<SearchTerm>& terms,
                   QList<SearchHit>* hits, QString* error)
{
    const bool withTitle = table == BlogTable::Posts;
    while (query.next()) {
        SearchHit hit;
        hit.table = table;
        hit.id = query.value(0).toLongLong();
        if (withTitle) {
            hit.titleHtml = SearchSnippet::toHtml(
                SearchSnippet::makeMarked(query.value(1).toString(), terms, 64));
        }
        hit.snippetHtml = SearchSnippet::toHtml(SearchSnippet::makeMarked(
            query.value(withTitle ? 2 : 1).toString(), terms, SnippetWords));
        *hits << hit;
    }
    if (query.lastError().isValid()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

QList<Statement> sqliteStatements(const QList<SearchTerm>& terms, int limit)
{
    const QString match = SearchQuery::toFts5(terms);
    return {{BlogTable::Posts,
             QStringLiteral("SELECT rowid, highlight(posts_fts, 0, ?, ?), "
                            "snippet(posts_fts, 1, ?, ?, ?, ?) FROM posts_fts "
                            "WHERE posts_fts MATCH ? "
                            "ORDER BY bm25(posts_fts, 10.0, 1.0), rowid LIMIT ?"),
             {Start, End, Start, End, Ellipsis, SnippetWords, match, limit}},
            {BlogTable::Comments,
             QStringLiteral("SELECT rowid, snippet(comments_fts, 0, ?, ?, ?, ?) "
                            "FROM comments_fts WHERE comments_fts MATCH ? "
                            "ORDER BY bm25(comments_fts), rowid LIMIT ?"),
             {Start, End, Ellipsis, SnippetWords, match, limit}}};
}

// The WHERE uses exactly the indexes' expressions, or PostgreSQL would not use them. The
// rank weighs the title as A (1.0) and the content as B (0.4); ts_headline runs on the
// LIMITed rows only.
QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit)
{
    const QString query = SearchQuery::toTsQuery(terms);
    const QString marks = QStringLiteral("StartSel=\"%1\", StopSel=\"%2\"").arg(Start, End);
    const QString titleOptions = marks + QStringLiteral(", HighlightAll=true");
    const QString snippetOptions =
        marks + QStringLiteral(", MaxWords=%1, MinWords=8, ShortWord=0, MaxFragments=2, "
                               "FragmentDelimiter=\" … \"")
                    .arg(SnippetWords);
    return {{BlogTable::Posts,
             QStringLiteral("SELECT id, ts_headline('simple', title, to_tsquery('simple', ?), ?), "
                            "ts_headline('simple', content, to_tsquery('simple', ?), ?) FROM ("
                            "SELECT id, title, content, ts_rank(setweight(to_tsvector('simple', "
                            "title), 'A') || setweight(to_tsvector('simple', content), 'B'), "
                            "to_tsquery('simple', ?)) AS score FROM posts "
                            "WHERE to_tsvector('simple', title || ' ' || content) @@ "
                            "to_tsquery('simple', ?) ORDER BY score DESC, id LIMIT ?) AS hits "
                            "ORDER BY score DESC, id"),
             {query, titleOptions, query, snippetOptions, query, query, limit}},
            {BlogTable::Comments,
             QStringLiteral("SELECT id, ts_headline('simple', content, to_tsquery('simple', ?), "
                            "?) FROM (SELECT id, content, ts_rank(to_tsvector('simple', content), "
                            "to_tsquery('simple', ?)) AS score FROM comments "
                            "WHERE to_tsvector('simple', content) @@ to_tsquery('simple', ?) "
                            "ORDER BY score DESC, id LIMIT ?) AS hits ORDER BY score DESC, id"),
             {query, snippetOptions, query, query, limit}}};
}

// InnoDB cannot weigh one column of a FULLTEXT index above another, so a post whose title
// holds a searched word has its relevance multiplied by ten (as bm25's weights on SQLite). The
// snippets are made in C++ from the LIMITed rows.
QList<Statement> mysqlStatements(const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit)
{
    const QString against = SearchQuery::toInnoDbBoolean(terms, rules);
    if (against.isEmpty()) {
        return {};
    }
    QStringList titleWords;
    for (const QString& word : SearchQuery::words(terms)) {
        titleWords << word.toLower();
    }
    QString postPhrases;
    QString commentPhrases;
    QVariantList phraseValues;
    for (const QString& phrase : SearchQuery::innoDbPhrases(terms)) {
        postPhrases += QStringLiteral(" AND LOWER(CONCAT(title, ' ', content)) LIKE ?");
        commentPhrases += QStringLiteral(" AND LOWER(content) LIKE ?");
        phraseValues << QStringLiteral("%") + phrase + QStringLiteral("%");
    }
    return {
        {BlogTable::Posts,
         QStringLiteral("SELECT id, title, SUBSTRING(content, 1, ?) FROM posts "
                        "WHERE MATCH (title, content) AGAINST (? IN BOOLEAN MODE)%1 "
                        "ORDER BY MATCH (title, content) AGAINST (? IN BOOLEAN MODE) * "
                        "(1 + 9 * (LOWER(title) REGEXP ?)) DESC, id LIMIT ?")
             .arg(postPhrases),
         QVariantList{SnippetSourceLength, against} + phraseValues +
             QVariantList{against, titleWords.join(QLatin1Char('|')), limit}},
        {BlogTable::Comments,
         QStringLiteral("SELECT id, SUBSTRING(content, 1, ?) FROM comments "
                        "WHERE MATCH (content) AGAINST (? IN BOOLEAN MODE)%1 "
                        "ORDER BY MATCH (content) AGAINST (? IN BOOLEAN MODE) DESC, id "
                        "LIMIT ?")
             .arg(commentPhrases),
         QVariantList{SnippetSourceLength, against} + phraseValues + QVariantList{against, limit}}};
}

namespace {

// Runs the statements; on MariaDB the text is marked in C++, elsewhere by the back end.
bool runStatements(QSqlDatabase& db, const QList<Statement>& statements,
                   const QList<SearchTerm>& terms, SearchResults* results, QString* error)
{
    const bool markHere = Dialect::of(db).kind() == SqlDialect::MySQL;
    results->state = SearchResults::State::Found;
    for (const Statement& statement : statements) {
        QList<SearchHit>* hits =
            statement.table == BlogTable::Posts ? &results->posts : &results->comments;
        QSqlQuery query(db);
        if (!run(query, statement.sql, statement.values, error) ||
            !(markHere ? readMysqlHits(query, statement.table, terms, hits, error)
                       : readHits(query, statement.table, hits, error))) {
            return false;
        }
    }
    return true;
}

} // namespace

bool searchSqlite(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit,
                  SearchResults* results, QString* error)
{
    return runStatements(db, sqliteStatements(terms, limit), terms, results, error);
}

bool searchPostgres(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit,
                    SearchResults* results, QString* error)
{
    return runStatements(db, postgresStatements(terms, limit), terms, results, error);
}

bool searchMysql(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit,
                 SearchResults* results, QString* error)
{
    const QList<Statement> statements = mysqlStatements(terms, innoDbWords(db), limit);
    if (statements.isEmpty()) {
        results->state = SearchResults::State::NothingToSearch;
        return true;
    }
    return runStatements(db, statements, terms, results, error);
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
