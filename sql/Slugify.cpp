#include "Slugify.h"

#include <QChar>
#include <QList>

namespace {

// Python's \w in a str pattern: alphanumeric in the Unicode sense, or '_'.
bool isWordCharacter(char32_t c)
{
    return c == U'_' || QChar::isLetterOrNumber(c);
}

bool isSeparator(char32_t c)
{
    return c == U'_' || c == U'-' || QChar::isSpace(c);
}

} // namespace

QString slugify(const QString& text)
{
    const QList<uint> codePoints = text.toLower().trimmed().toUcs4();
    QString slug;
    bool inSeparatorRun = false;
    for (const uint point : codePoints) {
        const char32_t c = point;
        if (!isWordCharacter(c) && !QChar::isSpace(c) && c != U'-') {
            continue; // dropped before runs are collapsed, as re.sub(r'[^\w\s-]', '') does
        }
        if (isSeparator(c)) {
            if (!inSeparatorRun) {
                slug += QLatin1Char('-');
            }
            inSeparatorRun = true;
            continue;
        }
        inSeparatorRun = false;
        slug += QString::fromUcs4(&c, 1);
    }
    return slug;
}
