#pragma once

#include <QList>
#include <QString>

#include "models/search/SearchQuery.h"

// Highlighted text for the search results. The back ends put marks around matched words
// (SQLite's highlight()/snippet(), PostgreSQL's ts_headline(), or makeMarked() for MariaDB);
// toHtml() escapes the text first and only then turns the marks into <b>…</b>, so the result
// is safe to show as rich text whatever the posts contain.
namespace SearchSnippet {

// Private-use characters: no keyboard types them, and they never reach the screen.
constexpr char16_t MarkStart = u'\uE000';
constexpr char16_t MarkEnd = u'\uE001';

// The marked text as rich text: HTML-escaped, marks as <b> and </b>, line breaks as spaces.
QString toHtml(const QString& marked);

// For back ends without a snippet function: about `maxWords` words of `text` around the
// first word that matches a term (whole words; any word starting with a prefix term's
// last word), case- and accent-insensitively, with every matching word marked and "…" where
// the text was cut. The start of the text when nothing matches.
QString makeMarked(const QString& text, const QList<SearchTerm>& terms, int maxWords);

} // namespace SearchSnippet
