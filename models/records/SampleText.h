#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

struct SampleLanguage;

// The sample's one source of chance: seeded once, drawn in a fixed order, so the same seed
// gives the same blog.
class SampleRandom
{
public:
    explicit SampleRandom(quint32 seed) : m_generator(seed) {}

    // A whole number in [0, n); 0 when n is 0.
    int below(int n) { return n <= 0 ? 0 : int(m_generator.bounded(quint32(n))); }
    bool percent(int chance) { return below(100) < chance; }
    const QString& pick(const QStringList& list) { return list.at(below(int(list.size()))); }
    // A long tail over [0, n): 0 is drawn most, each further one less (log-uniform): of 1,000,
    // the first ten take a third of the draws and the last 900 share another third.
    int longTail(int n);

private:
    QRandomGenerator m_generator;
};

// A post's title: the text, and the slug base made from it (without the emoji, which the
// guide's slugify() would leave as a dangling '-').
struct SampleTitle
{
    QString text;
    QString slugBase;
};

// Titles, contents, comments and profiles in the vocabulary's languages.
class SampleText
{
public:
    explicit SampleText(SampleRandom& random) : m_random(random) {}

    // A language drawn by weight: mostly English.
    const SampleLanguage& language();
    SampleTitle title(const SampleLanguage& language);
    QString content(const SampleLanguage& language);
    // A comment, mostly in the post's language.
    QString comment(const SampleLanguage& postLanguage);
    QString bio(const SampleLanguage& language);
    QString place(const SampleLanguage& language);

private:
    QString sentence(const SampleLanguage& language);

    SampleRandom& m_random;
};
