#include "SearchQuery.h"

#include <QChar>

namespace {

bool isWordCharacter(char32_t c)
{
    return QChar::isLetterOrNumber(c) || QChar::isMark(c);
}

bool isQuote(char32_t c)
{
    return c == U'"' || c == U'\u201C' || c == U'\u201D' || c == U'\u201E';
}

// Reads the text code point by code point (non-BMP letters stay whole) into terms.
class Parser
{
public:
    QList<SearchTerm> run(const QString& typed)
    {
        const QList<uint> codePoints = typed.toUcs4();
        for (const uint c : codePoints) {
            step(c);
        }
        // The text ends inside a word: the user is still typing it.
        const bool typingWord = !m_word.isEmpty();
        const int wordsBefore = m_wordCount;
        endWord();
        const bool prefix = typingWord && m_wordCount > wordsBefore;
        if (m_inPhrase) {
            endTerm(prefix);
        } else if (prefix) {
            m_terms.last().prefix = true;
        }
        return m_terms;
    }

private:
    void step(char32_t c)
    {
        if (isQuote(c)) {
            endWord();
            if (m_inPhrase) {
                endTerm(false);
            }
            m_inPhrase = !m_inPhrase;
        } else if (isWordCharacter(c)) {
            if (m_word.size() < SearchQuery::MaxWordLength) {
                m_word.append(QString::fromUcs4(&c, 1));
            }
        } else {
            endWord();
        }
    }

    void endWord()
    {
        if (m_word.isEmpty()) {
            return;
        }
        if (m_wordCount < SearchQuery::MaxWords) {
            m_current.words << m_word;
            ++m_wordCount;
            if (!m_inPhrase) {
                endTerm(false);
            }
        }
        m_word.clear();
    }

    void endTerm(bool prefix)
    {
        if (!m_current.words.isEmpty()) {
            m_current.prefix = prefix;
            m_terms << m_current;
        }
        m_current = SearchTerm();
    }

    QList<SearchTerm> m_terms;
    SearchTerm m_current;
    QString m_word;
    bool m_inPhrase = false;
    int m_wordCount = 0;
};

// The spellings of a word InnoDB may have indexed under a binary collation.
QStringList caseVariants(const QString& word)
{
    QStringList variants{word, word.toLower(), word.left(1).toUpper() + word.mid(1).toLower(),
                         word.toUpper()};
    variants.removeDuplicates();
    return variants;
}

bool innoDbIgnores(const QString& word, const SearchQuery::InnoDbWords& rules)
{
    return word.size() < rules.minTokenSize || rules.stopWords.contains(word.toLower());
}

// One required group: +(word Word WORD), each spelling of one word.
QString innoDbTerm(const QString& word, bool prefix)
{
    QStringList spellings;
    for (const QString& spelling : caseVariants(word)) {
        spellings << spelling + (prefix ? QStringLiteral("*") : QString());
    }
    return QStringLiteral("+(%1)").arg(spellings.join(QLatin1Char(' ')));
}

} // namespace

namespace SearchQuery {

QList<SearchTerm> parse(const QString& typed)
{
    return Parser().run(typed);
}

QString toFts5(const QList<SearchTerm>& terms)
{
    QStringList parts;
    for (const SearchTerm& term : terms) {
        parts << QLatin1Char('"') + term.words.join(QLatin1Char(' ')) + QLatin1Char('"') +
                     (term.prefix ? QStringLiteral("*") : QString());
    }
    return parts.join(QLatin1Char(' '));
}

QString toTsQuery(const QList<SearchTerm>& terms)
{
    QStringList parts;
    for (const SearchTerm& term : terms) {
        QStringList lexemes;
        for (const QString& word : term.words) {
            lexemes << QLatin1Char('\'') + word + QLatin1Char('\'');
        }
        if (term.prefix) {
            lexemes.last() += QStringLiteral(":*");
        }
        parts << (lexemes.size() == 1 ? lexemes.first()
                                      : QLatin1Char('(') + lexemes.join(QStringLiteral(" <-> ")) +
                                            QLatin1Char(')'));
    }
    return parts.join(QStringLiteral(" & "));
}

QString toInnoDbBoolean(const QList<SearchTerm>& terms, const InnoDbWords& rules)
{
    QStringList parts;
    for (const SearchTerm& term : terms) {
        for (int at = 0; at < term.words.size(); ++at) {
            const bool prefix = term.prefix && at == term.words.size() - 1;
            if (prefix || !innoDbIgnores(term.words.at(at), rules)) {
                parts << innoDbTerm(term.words.at(at), prefix);
            }
        }
    }
    return parts.join(QLatin1Char(' '));
}

QStringList innoDbPhrases(const QList<SearchTerm>& terms)
{
    QStringList phrases;
    for (const SearchTerm& term : terms) {
        if (term.words.size() > 1 && !term.prefix) {
            phrases << term.words.join(QLatin1Char(' ')).toLower();
        }
    }
    return phrases;
}

QStringList innoDbPatterns(const QList<SearchTerm>& terms, const InnoDbWords& rules)
{
    QStringList patterns;
    for (const SearchTerm& term : terms) {
        if (term.words.size() == 1 && !term.prefix && innoDbIgnores(term.words.first(), rules)) {
            continue;
        }
        patterns << QStringLiteral("\\b") + term.words.join(QStringLiteral("\\W+")) +
                        (term.prefix ? QString() : QStringLiteral("\\b"));
    }
    return patterns;
}

QString innoDbPatternFlags(const InnoDbWords& rules)
{
    return rules.pcre ? QStringLiteral("(*UCP)(?i)") : QStringLiteral("(?i)");
}

QStringList words(const QList<SearchTerm>& terms)
{
    QStringList all;
    for (const SearchTerm& term : terms) {
        all << term.words;
    }
    return all;
}

} // namespace SearchQuery
