// Runs FullTextSearchSql's statements and reads their rows into SearchResults/SearchCounts.
#include "FullTextSearchSql.h"
#include "sql/BoundQuery.h"
#include "sql/Dialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include "models/search/SearchSnippet.h"

namespace FullTextSearchSql {

namespace {

// MariaDB: the title's and snippet's words around the matches.
constexpr int MarkedTitleWords = 64;
constexpr int MarkedSnippetWords = 24;

bool run(QSqlQuery& query, const QString& statement, const QVariantList& values, QString* error)
{
    if (!BoundQuery::exec(query, statement, values)) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool readHits(QSqlQuery& query, BlogTable table, SearchResults* results, QString* error)
{
    const bool posts = table == BlogTable::Posts;
    QList<SearchHit>* hits = posts ? &results->posts : &results->comments;
    SearchScope* scope = posts ? &results->postsScope : &results->commentsScope;
    while (query.next()) {
        *hits << readHit(query, table, nullptr);
        scope->bounded = query.value(query.record().count() - 1).toBool();
    }
    scope->ranked = scope->bounded ? results->candidates : 0;
    if (query.lastError().isValid()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool runStatements(QSqlDatabase& db, const QList<Statement>& statements, SearchResults* results,
                   QString* error)
{
    results->state = SearchResults::State::Found;
    for (const Statement& statement : statements) {
        QSqlQuery query(db);
        if (!run(query, statement.sql, statement.values, error) ||
            !readHits(query, statement.table, results, error)) {
            return false;
        }
    }
    return true;
}

// InnoDB's built-in stop words, for a server that will not list them.
const char* const InnoDbDefaultStopWords[] = {
    "a",    "about", "an",  "are",  "as",   "at",    "be",  "by",   "com",  "de",  "en",   "for",
    "from", "how",   "i",   "in",   "is",   "it",    "la",  "of",   "on",   "or",  "that", "the",
    "this", "to",    "was", "what", "when", "where", "who", "will", "with", "und", "www"};

} // namespace

bool runStatement(QSqlQuery& query, const Statement& statement, QString* error)
{
    return run(query, statement.sql, statement.values, error);
}

SearchHit readHit(const QSqlQuery& query, BlogTable table, const QList<SearchTerm>* markTerms)
{
    const bool withTitle = table == BlogTable::Posts;
    const auto marked = [&](int column, int words) {
        const QString text = query.value(column).toString();
        return SearchSnippet::toHtml(markTerms ? SearchSnippet::makeMarked(text, *markTerms, words)
                                               : text);
    };
    SearchHit hit;
    hit.table = table;
    hit.id = query.value(0).toLongLong();
    if (withTitle) {
        hit.titleHtml = marked(1, MarkedTitleWords);
    }
    hit.snippetHtml = marked(withTitle ? 2 : 1, MarkedSnippetWords);
    return hit;
}

SearchQuery::InnoDbWords innoDbWords(QSqlDatabase& db)
{
    SearchQuery::InnoDbWords rules;
    QSqlQuery query(db);
    QString ignored;
    if (run(query,
            QStringLiteral("SELECT @@innodb_ft_min_token_size, @@innodb_ft_enable_stopword, "
                           "VERSION() LIKE '%MariaDB%'"),
            {}, &ignored) &&
        query.next()) {
        rules.minTokenSize = query.value(0).toInt();
        rules.pcre = query.value(2).toBool();
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

bool search(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit, int candidates,
            SearchResults* results, QString* error)
{
    results->candidates = candidates;
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        return runStatements(db, sqliteStatements(terms, limit, candidates), results, error);
    case SqlDialect::PostgreSQL:
        return searchFirstRows(db,
                               {postgresStatements(terms, limit, candidates),
                                postgresIndexStatements(terms, limit, candidates), false, true},
                               terms, limit, candidates, results, error);
    case SqlDialect::MySQL: {
        const SearchQuery::InnoDbWords rules = innoDbWords(db);
        const QList<Statement> firstRows = mysqlStatements(terms, rules, limit, candidates);
        if (firstRows.isEmpty()) {
            results->state = SearchResults::State::NothingToSearch;
            return true;
        }
        return searchFirstRows(db,
                               {firstRows, mysqlIndexStatements(terms, rules, limit), true, false},
                               terms, limit, candidates, results, error);
    }
    }
    return false;
}

bool count(QSqlDatabase& db, const QList<SearchTerm>& terms, SearchCounts* counts, QString* error)
{
    QList<Statement> statements;
    switch (Dialect::of(db).kind()) {
    case SqlDialect::SQLite:
        statements = sqliteCountStatements(terms);
        break;
    case SqlDialect::PostgreSQL:
        statements = postgresCountStatements(terms);
        break;
    case SqlDialect::MySQL:
        statements = mysqlCountStatements(terms, innoDbWords(db));
        break;
    }
    for (const Statement& statement : statements) {
        QSqlQuery query(db);
        if (!run(query, statement.sql, statement.values, error)) {
            return false;
        }
        if (!query.next()) {
            *error = query.lastError().text();
            return false;
        }
        (statement.table == BlogTable::Posts ? counts->posts : counts->comments) =
            query.value(0).toLongLong();
    }
    return true;
}

} // namespace FullTextSearchSql
