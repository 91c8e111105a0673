#include "SqlScript.h"

#include <QRegularExpression>

namespace {

class Splitter
{
public:
    explicit Splitter(const QString& script) : m_text(script) {}

    QStringList run()
    {
        while (m_pos < m_text.size()) {
            step();
        }
        finishStatement();
        return m_statements;
    }

private:
    void step()
    {
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char('-') && peek(1) == QLatin1Char('-')) {
            skipUntil(QStringLiteral("\n"), false);
            m_current += QLatin1Char('\n');
        } else if (c == QLatin1Char('/') && peek(1) == QLatin1Char('*')) {
            skipUntil(QStringLiteral("*/"), false);
            m_current += QLatin1Char(' ');
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            copyQuoted(c);
        } else if (c == QLatin1Char('$') && startsDollarQuote()) {
            copyDollarQuoted();
        } else if (c == QLatin1Char(';') && !insideTriggerBody()) {
            finishStatement();
            ++m_pos;
        } else {
            m_current += c;
            ++m_pos;
        }
    }

    // A SQLite trigger's body holds statements of its own, each ended by a semicolon: the
    // CREATE TRIGGER ends at the first semicolon after its END. (A CASE ... END just before
    // a semicolon inside the body would end it early; BlogDesk's triggers have none.)
    bool insideTriggerBody() const
    {
        static const QRegularExpression createTrigger(
            QStringLiteral(R"(^\s*CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b)"),
            QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression endsWithEnd(QStringLiteral(R"(\bEND\s*$)"),
                                                    QRegularExpression::CaseInsensitiveOption);
        return createTrigger.match(m_current).hasMatch() &&
               !endsWithEnd.match(m_current).hasMatch();
    }

    QChar peek(int offset) const
    {
        const int at = m_pos + offset;
        return at < m_text.size() ? m_text.at(at) : QChar();
    }

    // Moves past `end`; copies the skipped text when `keep` is set.
    void skipUntil(const QString& end, bool keep)
    {
        const int found = m_text.indexOf(end, m_pos + 1);
        const int stop = found < 0 ? m_text.size() : found + end.size();
        if (keep) {
            m_current += QStringView(m_text).mid(m_pos, stop - m_pos);
        }
        m_pos = stop;
    }

    // A doubled quote character inside a quoted run is an escaped quote, so it does not end it.
    void copyQuoted(QChar quote)
    {
        int at = m_pos + 1;
        while (at < m_text.size()) {
            if (m_text.at(at) == quote) {
                if (at + 1 < m_text.size() && m_text.at(at + 1) == quote) {
                    at += 2;
                    continue;
                }
                break;
            }
            if (m_text.at(at) == QLatin1Char('\\') && quote != QLatin1Char('`')) {
                ++at; // MySQL backslash escapes; harmless elsewhere in migration files
            }
            ++at;
        }
        const int stop = qMin(at + 1, int(m_text.size()));
        m_current += QStringView(m_text).mid(m_pos, stop - m_pos);
        m_pos = stop;
    }

    bool startsDollarQuote() const
    {
        int at = m_pos + 1;
        while (at < m_text.size() && (m_text.at(at).isLetterOrNumber() || m_text.at(at) == '_')) {
            ++at;
        }
        return at < m_text.size() && m_text.at(at) == QLatin1Char('$');
    }

    void copyDollarQuoted()
    {
        const int tagEnd = m_text.indexOf(QLatin1Char('$'), m_pos + 1);
        const QString tag = m_text.mid(m_pos, tagEnd - m_pos + 1);
        const int close = m_text.indexOf(tag, tagEnd + 1);
        const int stop = close < 0 ? m_text.size() : close + tag.size();
        m_current += QStringView(m_text).mid(m_pos, stop - m_pos);
        m_pos = stop;
    }

    void finishStatement()
    {
        const QString statement = m_current.trimmed();
        if (!statement.isEmpty()) {
            m_statements << statement;
        }
        m_current.clear();
    }

    const QString& m_text;
    int m_pos = 0;
    QString m_current;
    QStringList m_statements;
};

} // namespace

namespace SqlScript {

QStringList split(const QString& script)
{
    return Splitter(script).run();
}

} // namespace SqlScript
