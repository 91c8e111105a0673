#include "DataImpactStatements.h"

namespace DataImpactStatements {

namespace {

// A table or column name, bare or quoted in any dialect's way, optionally schema-qualified.
const QString NamePattern =
    QStringLiteral(R"re((?:(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*)?)re"
                   R"re((?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*))re");

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

} // namespace

QRegularExpression statementPattern(const QString& pattern)
{
    return QRegularExpression(QString(pattern).replace(QLatin1String("NAME"), NamePattern),
                              QRegularExpression::CaseInsensitiveOption |
                                  QRegularExpression::DotMatchesEverythingOption);
}

QString plainName(const QString& name)
{
    static const QRegularExpression part(
        QStringLiteral(R"re("([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][A-Za-z0-9_$]*))re"));
    QString last;
    for (const QRegularExpressionMatch& match : part.globalMatch(name)) {
        for (int group = 1; group <= 4; ++group) {
            if (match.capturedLength(group) > 0) {
                last = match.captured(group);
            }
        }
    }
    return last;
}

QString keyOf(const QString& name)
{
    return plainName(name).toLower();
}

int findTopLevel(const QString& sql, const QString& keyword, int from)
{
    int depth = 0;
    for (int at = from; at < sql.size(); ++at) {
        const QChar c = sql.at(at);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const int close = sql.indexOf(c, at + 1);
            at = close < 0 ? sql.size() : close;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (depth == 0 && (at == 0 || !isWordCharacter(sql.at(at - 1))) &&
                   QStringView(sql).mid(at, keyword.size()).compare(keyword, Qt::CaseInsensitive) ==
                       0 &&
                   (at + keyword.size() >= sql.size() ||
                    !isWordCharacter(sql.at(at + keyword.size())))) {
            return at;
        }
    }
    return -1;
}

QStringList splitTopLevel(const QString& sql)
{
    QStringList parts;
    int depth = 0;
    int start = 0;
    for (int at = 0; at < sql.size(); ++at) {
        const QChar c = sql.at(at);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const int close = sql.indexOf(c, at + 1);
            at = close < 0 ? sql.size() : close;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (c == QLatin1Char(',') && depth == 0) {
            parts << sql.mid(start, at - start).trimmed();
            start = at + 1;
        }
    }
    parts << sql.mid(start).trimmed();
    return parts;
}

QString selectSource(const QString& sql)
{
    const int select = findTopLevel(sql, QStringLiteral("SELECT"));
    const int from = select < 0 ? -1 : findTopLevel(sql, QStringLiteral("FROM"), select);
    if (from < 0) {
        return QString();
    }
    static const QRegularExpression name =
        statementPattern(QStringLiteral(R"re(^FROM\s+(NAME))re"));
    const QRegularExpressionMatch match = name.match(sql.mid(from));
    return match.hasMatch() ? match.captured(1) : QString();
}

QString whereCondition(const QString& sql)
{
    const int where = findTopLevel(sql, QStringLiteral("WHERE"));
    if (where < 0) {
        return QString();
    }
    QString condition = sql.mid(where + 5);
    for (const char* tail : {"ORDER", "LIMIT", "RETURNING"}) {
        const int at = findTopLevel(condition, QLatin1String(tail));
        if (at >= 0) {
            condition.truncate(at);
        }
    }
    return condition.trimmed();
}

qint64 valuesRowCount(const QString& sql)
{
    const int values = findTopLevel(sql, QStringLiteral("VALUES"));
    if (values < 0) {
        return 0;
    }
    qint64 rows = 0;
    for (const QString& part : splitTopLevel(sql.mid(values + 6))) {
        rows += part.startsWith(QLatin1Char('(')) ? 1 : 0;
    }
    return rows;
}

} // namespace DataImpactStatements
