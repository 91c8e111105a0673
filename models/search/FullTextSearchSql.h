#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include "models/search/FullTextSearch.h"
#include "models/search/SearchQuery.h"

// Internal to FullTextSearch: each back end's statements, and running them. Each search
// function fills *results (state Found, or NothingToSearch) or says why not in *error, the
// driver's text.
namespace FullTextSearchSql {

// One statement of a search, for one table; the benchmark runs the same ones as its floor.
struct Statement
{
    BlogTable table;
    QString sql;
    QVariantList values;
};

// The statements each back end runs for `terms`: posts, then comments. Each row holds the id,
// the marked title (posts only), the marked snippet and, last, whether the table has more
// matches than the `candidates` (the first in index order) that were ranked; `candidates` 0
// ranks every match. On MariaDB empty when every word is one InnoDB never indexes (`rules`).
QList<Statement> sqliteStatements(const QList<SearchTerm>& terms, int limit,
                                  int candidates = FullTextSearch::DefaultCandidates);
QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit,
                                    int candidates = FullTextSearch::DefaultCandidates);
// MariaDB (FullTextSearchMysql.cpp): the first statements, which read the first rows in id
// order; a table whose first rows hold too few matches is then searched with the FULLTEXT
// index (mysqlIndexStatements). Each row: id, title (posts), the start of the raw text, the
// matches found among the first rows, the number of first rows.
QList<Statement> mysqlStatements(const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit,
                                 int candidates = FullTextSearch::DefaultCandidates);
QList<Statement> mysqlIndexStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules, int limit);

// The statements that count the matches, posts then comments: one row, one number each.
QList<Statement> sqliteCountStatements(const QList<SearchTerm>& terms);
QList<Statement> postgresCountStatements(const QList<SearchTerm>& terms);
QList<Statement> mysqlCountStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules);

// What the server leaves out of its FULLTEXT indexes (the defaults when it will not say).
SearchQuery::InnoDbWords innoDbWords(QSqlDatabase& db);
bool searchMysql(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit, int candidates,
                 SearchResults* results, QString* error);

// FullTextSearchRun.cpp: runs the search's or the count's statements on `db`'s back end.
bool search(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit, int candidates,
            SearchResults* results, QString* error);
bool count(QSqlDatabase& db, const QList<SearchTerm>& terms, SearchCounts* counts, QString* error);

// The statement that finds posts_fts (an FTS5 table, or an index on the servers): one row
// when it is there.
QString indexPresenceStatement(QSqlDatabase& db);

} // namespace FullTextSearchSql
