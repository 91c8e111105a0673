#include "FullTextSearch.h"

#include "sql/Dialect.h"

#include <QSqlError>
#include <QSqlQuery>

#include "models/connection/DriverText.h"
#include "models/search/FullTextSearchSql.h"
#include "models/search/SearchQuery.h"

bool FullTextSearch::hasIndexes(QSqlDatabase& db, bool* present, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(FullTextSearchSql::indexPresenceStatement(db)) || !query.next()) {
        *error = DriverText::oneLine(query.lastError().text());
        return false;
    }
    *present = query.value(0).toInt() == 2;
    query.finish();
    return true;
}

SearchResults FullTextSearch::search(QSqlDatabase& db, const QString& typed, int limit)
{
    SearchResults results;
    const QList<SearchTerm> terms = SearchQuery::parse(typed);
    if (terms.isEmpty()) {
        return results;
    }
    bool present = false;
    QString error;
    if (hasIndexes(db, &present, &error) && !present) {
        results.state = SearchResults::State::NeedsRevision;
        return results;
    }
    bool found = error.isEmpty();
    if (found) {
        switch (Dialect::of(db).kind()) {
        case SqlDialect::SQLite:
            found = FullTextSearchSql::searchSqlite(db, terms, limit, &results, &error);
            break;
        case SqlDialect::PostgreSQL:
            found = FullTextSearchSql::searchPostgres(db, terms, limit, &results, &error);
            break;
        case SqlDialect::MySQL:
            found = FullTextSearchSql::searchMysql(db, terms, limit, &results, &error);
            break;
        }
    }
    if (!found) {
        results = SearchResults();
        results.state = SearchResults::State::Failed;
        results.error = tr("The search failed: %1").arg(DriverText::oneLine(error));
    }
    return results;
}
