#include "DriverText.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

// "QPSQL: Unable to connect", "QMYSQL3: Unable to execute statement", and a SQLSTATE such
// as "(42P07)".
QString withoutQtWords(const QString& text)
{
    static const QRegularExpression qtWords(
        QStringLiteral("\\s*\\bQ(?:PSQL|MYSQL3?|SQLITE): Unable to [a-z]+(?: [a-z]+)*"));
    static const QRegularExpression sqlState(QStringLiteral("\\s*\\([0-9A-Z]{5}\\)(?=\\s|$)"));
    return QString(text).remove(qtWords).remove(sqlState).trimmed();
}

} // namespace

namespace DriverText {

QString firstLine(const QString& text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString meaningful = withoutQtWords(line.simplified());
        if (!meaningful.isEmpty()) {
            return meaningful;
        }
    }
    return text.simplified();
}

QString oneLine(const QString& message)
{
    const QString joined = withoutQtWords(message.simplified());
    return joined.isEmpty() ? message.simplified() : joined;
}

} // namespace DriverText
