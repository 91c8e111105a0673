#include "CliTiming.h"

#include <QRegularExpression>

namespace {

QList<double> sqliteTimes(const QString& output)
{
    static const QRegularExpression line(QStringLiteral("^Run Time: real (\\d+(?:\\.\\d+)?)"),
                                         QRegularExpression::MultilineOption);
    QList<double> times;
    for (auto it = line.globalMatch(output); it.hasNext();) {
        times << it.next().captured(1).toDouble() * 1000.0;
    }
    return times;
}

QList<double> psqlTimes(const QString& output)
{
    static const QRegularExpression line(QStringLiteral("^Time: (\\d+(?:\\.\\d+)?) ms"),
                                         QRegularExpression::MultilineOption);
    QList<double> times;
    for (auto it = line.globalMatch(output); it.hasNext();) {
        times << it.next().captured(1).toDouble();
    }
    return times;
}

QList<double> mariadbTimes(const QString& output)
{
    // At the end of the line that closes each statement's output; longer runs add hours and
    // minutes ("(1 hour 2 min 3.45 sec)").
    static const QRegularExpression line(
        QStringLiteral("(?:set|affected|warnings?)\\s+\\((?:(\\d+) hours? )?(?:(\\d+) min )?"
                       "(\\d+(?:\\.\\d+)?) sec\\)$"),
        QRegularExpression::MultilineOption);
    QList<double> times;
    for (auto it = line.globalMatch(output); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const double seconds = match.captured(1).toDouble() * 3600 +
                               match.captured(2).toDouble() * 60 + match.captured(3).toDouble();
        times << seconds * 1000.0;
    }
    return times;
}

} // namespace

namespace CliTiming {

QList<double> parse(SqlDialect dialect, const QString& output)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return sqliteTimes(output);
    case SqlDialect::PostgreSQL:
        return psqlTimes(output);
    case SqlDialect::MySQL:
        return mariadbTimes(output);
    }
    return {};
}

} // namespace CliTiming
