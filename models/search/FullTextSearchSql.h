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
// the marked title (posts only), the marked snippet (MariaDB: the start of the raw text, marked
// in C++) and, last, whether the table has more matches than the `candidates` (the first in
// index order) that were ranked; `candidates` 0 ranks every match. On MariaDB empty when every
// word is one InnoDB never indexes (`rules`).
QList<Statement> sqliteStatements(const QList<SearchTerm>& terms, int limit,
                                  int candidates = FullTextSearch::DefaultCandidates);
QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit,
                                    int candidates = FullTextSearch::DefaultCandidates);
QList<Statement> mysqlStatements(const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit,
                                 int candidates = FullTextSearch::DefaultCandidates);

// The statements that count the matches, posts then comments: one row, one number each.
QList<Statement> sqliteCountStatements(const QList<SearchTerm>& terms);
QList<Statement> postgresCountStatements(const QList<SearchTerm>& terms);
QList<Statement> mysqlCountStatements(const QList<SearchTerm>& terms,
                                      const SearchQuery::InnoDbWords& rules);

// FullTextSearchRun.cpp: runs the search's or the count's statements on `db`'s back end.
bool search(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit, int candidates,
            SearchResults* results, QString* error);
bool count(QSqlDatabase& db, const QList<SearchTerm>& terms, SearchCounts* counts, QString* error);

// The statement that finds posts_fts (an FTS5 table, or an index on the servers): one row
// when it is there.
QString indexPresenceStatement(QSqlDatabase& db);

} // namespace FullTextSearchSql
