#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include "models/search/FullTextSearch.h"
#include "models/search/SearchQuery.h"

// Internal to FullTextSearch: each back end's statements. Each function fills *results
// (state Found, or NothingToSearch) or says why not in *error, the driver's text.
namespace FullTextSearchSql {

// One statement of a search, for one table; the benchmark runs the same ones as its floor.
struct Statement
{
    BlogTable table;
    QString sql;
    QVariantList values;
};

// The statements each back end runs for `terms`: posts, then comments. On MariaDB empty when
// every word is one InnoDB never indexes (`rules`).
QList<Statement> sqliteStatements(const QList<SearchTerm>& terms, int limit);
QList<Statement> postgresStatements(const QList<SearchTerm>& terms, int limit);
QList<Statement> mysqlStatements(const QList<SearchTerm>& terms,
                                 const SearchQuery::InnoDbWords& rules, int limit);

bool searchSqlite(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit,
                  SearchResults* results, QString* error);
bool searchPostgres(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit,
                    SearchResults* results, QString* error);
bool searchMysql(QSqlDatabase& db, const QList<SearchTerm>& terms, int limit,
                 SearchResults* results, QString* error);

// The statement that finds posts_fts (an FTS5 table, or an index on the servers): one row
// when it is there.
QString indexPresenceStatement(QSqlDatabase& db);

} // namespace FullTextSearchSql
