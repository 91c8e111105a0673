// The servers' search: the first rows in id order first, the full-text index for rare words.
#include "FullTextSearchSql.h"

#include <QSqlError>
#include <QSqlRecord>
#include <QVariant>

namespace FullTextSearchSql {

namespace {

// Reads a statement's hits; *last gets the last column of the last row (0 without rows).
bool readHits(QSqlQuery& query, BlogTable table, const QList<SearchTerm>* markTerms,
              QList<SearchHit>* hits, qint64* last, QString* error)
{
    *last = 0;
    while (query.next()) {
        *hits << readHit(query, table, markTerms);
        *last = query.value(query.record().count() - 1).toLongLong();
    }
    if (query.lastError().isValid()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

bool searchFirstRows(QSqlDatabase& db, const FirstRowsSearch& search,
                     const QList<SearchTerm>& terms, int limit, int candidates,
                     SearchResults* results, QString* error)
{
    const QList<SearchTerm>* markTerms = search.markHere ? &terms : nullptr;
    results->state = SearchResults::State::Found;
    results->candidates = candidates;
    for (int at = 0; at < search.firstRows.size(); ++at) {
        const BlogTable table = search.firstRows.at(at).table;
        const bool posts = table == BlogTable::Posts;
        QList<SearchHit>* hits = posts ? &results->posts : &results->comments;
        SearchScope* scope = posts ? &results->postsScope : &results->commentsScope;
        QSqlQuery query(db);
        qint64 found = 0;
        if (candidates > 0) {
            if (!runStatement(query, search.firstRows.at(at), error) ||
                !readHits(query, table, markTerms, hits, &found, error)) {
                return false;
            }
            // Enough to show: the first rows ranked, perhaps not every match.
            if (found >= limit || found > candidates) {
                scope->bounded = true;
                scope->ranked = int(qMin<qint64>(found, candidates));
                continue;
            }
            hits->clear();
            query.finish();
        }
        qint64 more = 0;
        if (!runStatement(query, search.indexed.at(at), error) ||
            !readHits(query, table, markTerms, hits, &more, error)) {
            return false;
        }
        scope->bounded = search.indexReportsMore && more != 0;
        scope->ranked = scope->bounded ? candidates : 0;
    }
    return true;
}

} // namespace FullTextSearchSql
