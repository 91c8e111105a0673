#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include "models/search/FullTextSearch.h"
#include "models/search/SearchQuery.h"

// Internal to FullTextSearch: each back end's statements, and running them. Each search
// function fills *results (state Found, or NothingToSearch) or says why not in *error, the
// driver's text.
namespace FullTextSearchSql {

// The marks around matched words (SearchSnippet's), the words of a snippet, and what a
// statement binds for "every match is a candidate" (`candidates` 0) or the candidates.
extern const QString Start;
extern const QString End;
constexpr int SnippetWords = 24;
qint64 candidateBound(int candidates);

// One statement of a search, for one table; the benchmark runs the same ones as its floor.
struct Statement
{
    BlogTable table;
    QString sql;
    QVariantList values;
};

// The statements each back end runs first for `terms`: posts, then comments, each ranking
// the first `candidates` matches in id order (0: every match). A row holds the id, the
// marked title (posts only), the marked snippet (MariaDB: the start of the raw text, marked
// in C++) and, last, on SQLite whether the table has more matches than the candidates, on
// the servers the number of matches among the first rows the statement reads (see
// FirstRowsSearch). On MariaDB empty when every word is one InnoDB never indexes (`rules`).
QList<Statement> sqliteStatements(const QList<SearchTerm>& terms, int limit,
                                  int candidates = FullTextSearch::DefaultCandidates);
QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit,
                                    int candidates = FullTextSearch::DefaultCandidates);
QList<Statement> mysqlStatements(const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit,
                                 int candidates = FullTextSearch::DefaultCandidates);

// The same statements of `dialect`'s back end, chosen in one place for those that run them
// outside a search (the benchmark's floor, the query-plan test).
QList<Statement> firstStatements(SqlDialect dialect, const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit);

// The servers' statements through the full-text index, for a table whose first rows hold
// too few matches (the words are rare, so the index is quick). PostgreSQL's ranks the first
// `candidates` matches the GIN index hands out and says last whether there were more;
// MariaDB's ranks every match.
QList<Statement> postgresIndexStatements(const QList<SearchTerm>& terms, int limit, int candidates);
QList<Statement> mysqlIndexStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules, int limit);

// The statements that count the matches, posts then comments: one row, one number each.
QList<Statement> sqliteCountStatements(const QList<SearchTerm>& terms);
QList<Statement> postgresCountStatements(const QList<SearchTerm>& terms);
QList<Statement> mysqlCountStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules);

// A search on a server, whose index cannot hand out its first matches cheaply (a GIN bitmap
// scan collects every match, InnoDB reads every match, before the first row; 100 ms and more
// for a word in 300,000 rows): per table the `firstRows` statement first, which reads the
// first rows in id order and ranks the matches there; only when they hold fewer than `limit`
// matches, the `indexed` one (FullTextSearchFirstRows.cpp).
struct FirstRowsSearch
{
    QList<Statement> firstRows;
    QList<Statement> indexed;
    bool markHere = false;         // MariaDB: the rows hold raw text, marked in C++
    bool indexReportsMore = false; // PostgreSQL: `indexed` rows end with "more matched"
};
bool searchFirstRows(QSqlDatabase& db, const FirstRowsSearch& search,
                     const QList<SearchTerm>& terms, int limit, int candidates,
                     SearchResults* results, QString* error);

// FullTextSearchRun.cpp: one statement run; one row of a search statement (`markTerms`: the
// text is raw, mark it here).
bool runStatement(QSqlQuery& query, const Statement& statement, QString* error);
SearchHit readHit(const QSqlQuery& query, BlogTable table, const QList<SearchTerm>* markTerms);
// What the server leaves out of its FULLTEXT indexes (the defaults when it will not say).
SearchQuery::InnoDbWords innoDbWords(QSqlDatabase& db);

// FullTextSearchRun.cpp: runs the search's or the count's statements on `db`'s back end.
bool search(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit, int candidates,
            SearchResults* results, QString* error);
bool count(QSqlDatabase& db, const QList<SearchTerm>& terms, SearchCounts* counts, QString* error);

// The statement that finds posts_fts (an FTS5 table, or an index on the servers): one row
// when it is there.
QString indexPresenceStatement(QSqlDatabase& db);

} // namespace FullTextSearchSql
