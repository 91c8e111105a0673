#include "UrlEscapes.h"

#include <QCoreApplication>

namespace {

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
           (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// Where the first '%' that does not start a %XX escape is, or -1.
qsizetype firstBrokenEscape(const QString& text)
{
    for (qsizetype i = text.indexOf(QLatin1Char('%')); i >= 0;
         i = text.indexOf(QLatin1Char('%'), i + 1)) {
        if (i + 2 >= text.size() || !isHexDigit(text[i + 1]) || !isHexDigit(text[i + 2])) {
            return i;
        }
    }
    return -1;
}

QString tr(const char* text)
{
    return QCoreApplication::translate("DatabaseUrl", text);
}

QString partName(UrlEscapes::Part part, const QString& text)
{
    switch (part) {
    case UrlEscapes::Part::UserName:
        return tr("user name '%1'").arg(text);
    case UrlEscapes::Part::Password:
        return tr("password");
    case UrlEscapes::Part::Host:
        return tr("host '%1'").arg(text);
    case UrlEscapes::Part::Database:
        return tr("database name '%1'").arg(text);
    case UrlEscapes::Part::Query:
        return tr("query '%1'").arg(text);
    }
    return QString();
}

} // namespace

namespace UrlEscapes {

bool check(Part part, const QString& text, QString* error)
{
    const qsizetype broken = firstBrokenEscape(text);
    if (broken < 0) {
        return true;
    }
    if (!error) {
        return false;
    }
    // %25 is appended, not given to arg(), which would take it for a placeholder.
    *error = part == Part::Password ? tr("the password has a '%' that is not a %XX escape")
                                    : tr("the %1 has a '%' that is not a %XX escape ('%2')")
                                          .arg(partName(part, text), text.mid(broken, 3));
    *error += tr(": write a '%' itself as %25");
    return false;
}

} // namespace UrlEscapes
