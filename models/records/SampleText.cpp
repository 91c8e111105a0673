#include "SampleText.h"

#include "sql/Slugify.h"

#include <cmath>

#include "models/records/SampleVocabulary.h"

int SampleRandom::longTail(int n)
{
    if (n <= 1) {
        return 0;
    }
    const double draw = m_generator.generateDouble();
    const int index = int(std::floor(std::exp(draw * std::log(n + 1.0)))) - 1;
    return qBound(0, index, n - 1);
}

const SampleLanguage& SampleText::language()
{
    const QList<SampleLanguage>& all = SampleVocabulary::languages();
    int total = 0;
    for (const SampleLanguage& language : all) {
        total += language.weight;
    }
    int draw = m_random.below(total);
    for (const SampleLanguage& language : all) {
        if (draw < language.weight) {
            return language;
        }
        draw -= language.weight;
    }
    return all.constFirst();
}

SampleTitle SampleText::title(const SampleLanguage& language)
{
    const QString separator = language.spaced ? QStringLiteral(" ") : QString();
    const QString text =
        m_random.pick(language.openings) + separator + m_random.pick(language.topics);
    SampleTitle title{text, slugify(text)};
    if (m_random.percent(8)) {
        title.text += QLatin1Char(' ') + m_random.pick(SampleVocabulary::emoji());
    }
    return title;
}

QString SampleText::sentence(const SampleLanguage& language)
{
    // Now and then an English sentence in another language's post: mixed scripts and, in
    // Arabic and Hebrew posts, mixed directions within one text.
    if (language.code != QLatin1String("en") && m_random.percent(10)) {
        return m_random.pick(SampleVocabulary::languages().constFirst().sentences);
    }
    return m_random.pick(language.sentences);
}

QString SampleText::content(const SampleLanguage& language)
{
    const QString space = language.spaced ? QStringLiteral(" ") : QString();
    QString text;
    const int paragraphs = 1 + m_random.below(3);
    for (int p = 0; p < paragraphs; ++p) {
        if (p > 0) {
            text += QStringLiteral("\n\n");
        }
        const int sentences = 2 + m_random.below(2);
        for (int s = 0; s < sentences; ++s) {
            if (s > 0) {
                text += space;
            }
            text += sentence(language);
        }
    }
    return text;
}

QString SampleText::comment(const SampleLanguage& postLanguage)
{
    const SampleLanguage& language = m_random.percent(80) ? postLanguage : this->language();
    QString text = m_random.pick(language.comments);
    if (m_random.percent(15)) {
        text += QLatin1Char(' ') + sentence(language);
    }
    if (m_random.percent(20)) {
        text += QLatin1Char(' ') + m_random.pick(SampleVocabulary::emoji());
    }
    return text;
}

QString SampleText::bio(const SampleLanguage& language)
{
    return m_random.pick(language.bios).arg(m_random.pick(language.topics));
}

QString SampleText::place(const SampleLanguage& language)
{
    return m_random.pick(language.places);
}
