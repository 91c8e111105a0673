#include "SearchSnippet.h"

#include <QChar>

namespace {

// A word of the text: where it starts and how long it is.
struct Span
{
    int start;
    int length;
};

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}

QList<Span> wordSpans(const QString& text)
{
    QList<Span> spans;
    int at = 0;
    while (at < text.size()) {
        if (!isWordCharacter(text.at(at))) {
            ++at;
            continue;
        }
        const int start = at;
        while (at < text.size() && isWordCharacter(text.at(at))) {
            ++at;
        }
        spans << Span{start, at - start};
    }
    return spans;
}

// Case- and accent-folded, as the search compares words.
QString folded(const QString& word)
{
    const QString decomposed = word.normalized(QString::NormalizationForm_D);
    QString plain;
    for (const QChar c : decomposed) {
        if (!c.isMark()) {
            plain += c;
        }
    }
    return plain.toCaseFolded();
}

struct Wanted
{
    QString word;
    bool prefix;
};

QList<Wanted> wantedWords(const QList<SearchTerm>& terms)
{
    QList<Wanted> wanted;
    for (const SearchTerm& term : terms) {
        for (int at = 0; at < term.words.size(); ++at) {
            wanted << Wanted{folded(term.words.at(at)), term.prefix && at == term.words.size() - 1};
        }
    }
    return wanted;
}

bool matches(const QString& word, const QList<Wanted>& wanted)
{
    const QString key = folded(word);
    for (const Wanted& one : wanted) {
        if (one.prefix ? key.startsWith(one.word) : key == one.word) {
            return true;
        }
    }
    return false;
}

} // namespace

namespace SearchSnippet {

QString toHtml(const QString& marked)
{
    QString html = marked.toHtmlEscaped();
    html.replace(QChar(MarkStart), QLatin1String("<b>"));
    html.replace(QChar(MarkEnd), QLatin1String("</b>"));
    html.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return html;
}

QString makeMarked(const QString& source, const QList<SearchTerm>& terms, int maxWords)
{
    QString text = source;
    text.remove(QChar(MarkStart)).remove(QChar(MarkEnd));
    const QList<Span> spans = wordSpans(text);
    const QList<Wanted> wanted = wantedWords(terms);
    int first = 0;
    while (first < spans.size() &&
           !matches(text.mid(spans.at(first).start, spans.at(first).length), wanted)) {
        ++first;
    }
    const int from = first < spans.size() ? qMax(0, first - maxWords / 4) : 0;
    const int to = qMin(int(spans.size()), from + maxWords); // one past the last word shown
    if (spans.isEmpty()) {
        return text.left(200);
    }
    const int begin = from == 0 ? 0 : spans.at(from).start;
    const int end =
        to == spans.size() ? text.size() : spans.at(to - 1).start + spans.at(to - 1).length;
    QString marked = from == 0 ? QString() : QStringLiteral("… ");
    int copied = begin;
    for (int at = from; at < to; ++at) {
        const Span span = spans.at(at);
        const QString word = text.mid(span.start, span.length);
        marked += QStringView(text).mid(copied, span.start - copied);
        marked += matches(word, wanted) ? QChar(MarkStart) + word + QChar(MarkEnd) : word;
        copied = span.start + span.length;
    }
    marked += QStringView(text).mid(copied, end - copied);
    if (end < text.size()) {
        marked += QStringLiteral(" …");
    }
    return marked;
}

} // namespace SearchSnippet
