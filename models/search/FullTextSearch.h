#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "models/BlogTable.h"
#include "models/read/BackgroundReader.h"

// One post or comment that matched, with the matched words marked as rich text (see
// SearchSnippet::toHtml: escaped first, then marked).
struct SearchHit
{
    BlogTable table = BlogTable::Posts; // Posts or Comments
    qint64 id = 0;
    QString titleHtml;   // a post's title; empty for a comment
    QString snippetHtml; // the part of the content around the matches
};

// `error` (from ReadResult) says why in one line when the state is Failed.
struct SearchResults : ReadResult
{
    enum class State
    {
        Found,           // posts and comments hold the hits, best first (perhaps none)
        NothingToSearch, // no word in the text (or, on MariaDB, only words it does not index)
        NeedsRevision,   // the database has no full-text indexes
        Failed,          // error says why, in one line
    };
    State state = State::NothingToSearch;
    QList<SearchHit> posts;
    QList<SearchHit> comments;
};

// Ranked full-text search over posts (title and content, a title match weighing more) and
// comments (content), on the indexes of revision e83b4f6a1c2: FTS5 with bm25() on SQLite,
// to_tsvector('simple', ...) with ts_rank() on PostgreSQL, FULLTEXT with MATCH ... AGAINST
// on MariaDB/MySQL. What was typed is read by SearchQuery::parse and bound, never spliced.
// Synchronous, one LIMITed statement per table, every result read to the end: meant for a
// worker thread with a connection of its own.
class FullTextSearch
{
    Q_DECLARE_TR_FUNCTIONS(FullTextSearch)

public:
    static constexpr char Revision[] = "e83b4f6a1c2";
    static constexpr int DefaultLimit = 20; // hits per table

    // Whether the database has the full-text indexes; false with *error when it cannot say.
    static bool hasIndexes(QSqlDatabase& db, bool* present, QString* error);

    static SearchResults search(QSqlDatabase& db, const QString& typed, int limit = DefaultLimit);
};
