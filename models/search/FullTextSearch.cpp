#include "FullTextSearch.h"

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

namespace {

// Why a search or count of `terms` cannot run: NothingToSearch, NeedsRevision, or Found
// when it can (a failure to tell is left to the statements, which then fail themselves).
SearchResults::State readiness(QSqlDatabase& db, const QList<SearchTerm>& terms)
{
    if (terms.isEmpty()) {
        return SearchResults::State::NothingToSearch;
    }
    bool present = false;
    QString error;
    if (FullTextSearch::hasIndexes(db, &present, &error) && !present) {
        return SearchResults::State::NeedsRevision;
    }
    return SearchResults::State::Found;
}

} // namespace

SearchResults FullTextSearch::search(QSqlDatabase& db, const QString& typed, int limit,
                                     int candidates)
{
    SearchResults results;
    const QList<SearchTerm> terms = SearchQuery::parse(typed);
    results.state = readiness(db, terms);
    if (results.state != SearchResults::State::Found) {
        return results;
    }
    QString error;
    if (!FullTextSearchSql::search(db, terms, limit, candidates, &results, &error)) {
        results = SearchResults();
        results.state = SearchResults::State::Failed;
        results.error = tr("The search failed: %1").arg(DriverText::oneLine(error));
    }
    return results;
}

SearchCounts FullTextSearch::count(QSqlDatabase& db, const QString& typed)
{
    SearchCounts counts;
    const QList<SearchTerm> terms = SearchQuery::parse(typed);
    if (readiness(db, terms) != SearchResults::State::Found) {
        return counts;
    }
    QString error;
    if (!FullTextSearchSql::count(db, terms, &counts, &error)) {
        counts = SearchCounts();
        counts.error = tr("Counting the matches failed: %1").arg(DriverText::oneLine(error));
    }
    return counts;
}
