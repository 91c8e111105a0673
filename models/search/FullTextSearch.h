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

// Which of a table's matches were ranked. `bounded`: there are (or may be) more matches than
// the `ranked` first ones (in id order) whose best the hits are.
struct SearchScope
{
    bool bounded = false;
    int ranked = 0;
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
    // Ranking every match of a common word costs seconds at a million rows, so each table
    // ranks at most `candidates` matches, the first in id order (0: all of them).
    int candidates = 0;
    SearchScope postsScope;
    SearchScope commentsScope;
};

// How many posts and comments match, for the dock's status line; -1 when not known (nothing
// to search for, or no full-text indexes).
struct SearchCounts : ReadResult
{
    qint64 posts = -1;
    qint64 comments = -1;
};

// Ranked full-text search over posts (title and content, a title match weighing more) and
// comments (content), on the indexes of revision e83b4f6a1c2: FTS5 with bm25() on SQLite,
// to_tsvector('simple', ...) with ts_rank() on PostgreSQL, FULLTEXT with MATCH ... AGAINST
// on MariaDB/MySQL. What was typed is read by SearchQuery::parse and bound, never spliced.
// Synchronous, one LIMITed statement per table, every result read to the end: meant for a
// worker thread with a connection of its own. The candidates come cheaply from the index,
// so the first results take milliseconds however many rows match; the count is a separate
// call (counting 10^5 matches takes longer than finding the first ones).
class FullTextSearch
{
    Q_DECLARE_TR_FUNCTIONS(FullTextSearch)

public:
    static constexpr char Revision[] = "e83b4f6a1c2";
    static constexpr int DefaultLimit = 20; // hits per table
    // Matches ranked per table: enough that the best of them are good hits, few enough that
    // ranking them (and, on PostgreSQL, parsing their text again) stays within milliseconds.
    static constexpr int DefaultCandidates = 500;

    // Whether the database has the full-text indexes; false with *error when it cannot say.
    static bool hasIndexes(QSqlDatabase& db, bool* present, QString* error);

    static SearchResults search(QSqlDatabase& db, const QString& typed, int limit = DefaultLimit,
                                int candidates = DefaultCandidates);
    // The number of posts and comments that match: read after the results, in its own job.
    static SearchCounts count(QSqlDatabase& db, const QString& typed);
};
