#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// The words the sample blog is written with: English for most posts, and German, French,
// Spanish, Russian, Greek, Chinese, Japanese, Arabic and Hebrew for the rest, so that a large
// sample holds Latin, Cyrillic, Greek, CJK and right-to-left text. No title word has a digit:
// a slug then never ends in "-<number>" by itself, and the "-2", "-3" suffixes stay unique.
struct SampleLanguage
{
    QString code;
    int weight = 0;        // out of the sum of all weights
    bool spaced = true;    // words are separated by spaces (not in Chinese or Japanese)
    QStringList openings;  // the first half of a title
    QStringList topics;    // the second half
    QStringList sentences; // post content
    QStringList comments;  // comment text
    QStringList bios;      // a profile's bio; %1 is a topic
    QStringList places;    // a profile's location
};

namespace SampleVocabulary {

// Every language, English first.
const QList<SampleLanguage>& languages();
// Emoji sprinkled into titles and comments.
const QStringList& emoji();
// The sample's users' names (ASCII: they are usernames and email addresses too).
const QStringList& firstNames();
// Tag words; the first eight are the small sample's tags.
const QStringList& tagWords();
// Words that make more tags out of a tag word ("Python tips", "Python 入门").
const QStringList& tagQualifiers();

} // namespace SampleVocabulary
