#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// One thing to look for: a word, or the words of a "quoted phrase" in order. Words hold
// only letters, digits and combining marks, so no back end's query syntax can see an
// operator in them.
struct SearchTerm
{
    QStringList words;
    bool prefix = false; // the last word is still being typed: words starting with it match

    bool operator==(const SearchTerm& other) const
    {
        return words == other.words && prefix == other.prefix;
    }
};

// What the user typed into the search field, read once (parse) and then said in each back
// end's full-text syntax. Pure functions: no database, no state.
namespace SearchQuery {

// At most this many words are searched for; the rest of the text is left out.
constexpr int MaxWords = 16;
// A longer word is cut to this many characters.
constexpr int MaxWordLength = 64;

// Words and "quoted phrases" (straight or typographic quotes; an unclosed quote runs to the
// end). Everything that is not a letter, digit or mark separates words. The last word is a
// prefix when the text ends inside it (the user is still typing it).
QList<SearchTerm> parse(const QString& typed);

// SQLite FTS5: "word" "two words" "prefix"* (all must match).
QString toFts5(const QList<SearchTerm>& terms);

// PostgreSQL to_tsquery: 'word' & 'two' <-> 'words' & 'prefix':*.
QString toTsQuery(const QList<SearchTerm>& terms);

// What InnoDB leaves out of its FULLTEXT indexes: a required word it never indexed would
// make every search fail, so such words are dropped from the query.
struct InnoDbWords
{
    int minTokenSize = 3;
    QSet<QString> stopWords; // lower case
    // MariaDB's REGEXP is PCRE, where (*UCP) makes \b and \W know every script; MySQL 8's is
    // ICU, which knows them anyway and refuses (*UCP).
    bool pcre = true;
};

// MariaDB/MySQL MATCH ... AGAINST (... IN BOOLEAN MODE): +(word Word WORD) +(prefix* Prefix*
// PREFIX*), every word of a phrase required on its own. Each word also in lower, capitalised
// and upper case, because the blog's columns use a binary collation and InnoDB folds only
// ASCII letters then. Empty when every word was dropped.
QString toInnoDbBoolean(const QList<SearchTerm>& terms, const InnoDbWords& rules);

// The finished phrases in lower case, words joined by one space. Under a binary collation
// InnoDB finds no phrase with a capital in it, so MariaDB's search checks them with LIKE
// on the rows whose words match.
QStringList innoDbPhrases(const QList<SearchTerm>& terms);

// One pattern per term, for MariaDB's REGEXP (which reads the rows InnoDB's index is too slow
// for, and checks phrases): the term's words in order, whole words (a prefix term's last word
// only at its start): \bword\b, \btwo\W+words\b, \bprefix. A single word InnoDB never
// indexes is left out, as toInnoDbBoolean leaves it out. innoDbPatternFlags() goes first.
QStringList innoDbPatterns(const QList<SearchTerm>& terms, const InnoDbWords& rules);
// Any case, Unicode-aware: (*UCP)(?i) on MariaDB, (?i) on MySQL.
QString innoDbPatternFlags(const InnoDbWords& rules);

// The words of all terms, for highlighting.
QStringList words(const QList<SearchTerm>& terms);

} // namespace SearchQuery
