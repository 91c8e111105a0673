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

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)
};

QString partName(UrlEscapes::Part part, const QString& text)
{
    switch (part) {
    case UrlEscapes::Part::UserName:
        return Text::tr("user name '%1'").arg(text);
    case UrlEscapes::Part::Password:
        return Text::tr("password");
    case UrlEscapes::Part::Host:
        return Text::tr("host '%1'").arg(text);
    case UrlEscapes::Part::Database:
        return Text::tr("database name '%1'").arg(text);
    case UrlEscapes::Part::Query:
        return Text::tr("query '%1'").arg(text);
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
    *error = part == Part::Password ? Text::tr("the password has a '%' that is not a %XX escape")
                                    : Text::tr("the %1 has a '%' that is not a %XX escape ('%2')")
                                          .arg(partName(part, text), text.mid(broken, 3));
    *error += Text::tr(": write a '%' itself as %25");
    return false;
}

} // namespace UrlEscapes
