#pragma once

#include <QString>

// The guide's slugify(): lower-case and strip the text, drop every character that is not a
// word character (Unicode letters and digits, '_'), whitespace or '-', then collapse runs of
// whitespace, '_' and '-' into one '-'. Written to give the same result as the Python original.
QString slugify(const QString& text);

// `base` if `isTaken(base)` is false, else base-2, base-3, ... the first one free.
template <typename IsTaken> QString uniqueSlug(const QString& base, IsTaken isTaken)
{
    QString candidate = base;
    for (int suffix = 2; isTaken(candidate); ++suffix) {
        candidate = base + QLatin1Char('-') + QString::number(suffix);
    }
    return candidate;
}
