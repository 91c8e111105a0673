#include "SqlTime.h"

#include <QRegularExpression>

#include <chrono>

namespace SqlTime {

QString nowUtc()
{
    using namespace std::chrono;
    const auto sinceEpoch = system_clock::now().time_since_epoch();
    const qint64 micros = duration_cast<microseconds>(sinceEpoch).count();
    const QDateTime seconds = QDateTime::fromSecsSinceEpoch(micros / 1000000, Qt::UTC);
    return seconds.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QLatin1Char('.') +
           QStringLiteral("%1").arg(micros % 1000000, 6, 10, QLatin1Char('0'));
}

QString format(const QDateTime& utc)
{
    const QDateTime value = utc.toUTC();
    return value.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) + QStringLiteral("000");
}

bool parse(const QVariant& value, QDateTime* utc)
{
    if (value.isNull()) {
        return false;
    }
    if (value.metaType().id() == QMetaType::QDateTime) {
        // The server drivers hand back naive timestamps as local time; the stored value is UTC.
        QDateTime stored = value.toDateTime();
        *utc = QDateTime(stored.date(), stored.time(), Qt::UTC);
        return utc->isValid();
    }
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?$"));
    const QRegularExpressionMatch match = pattern.match(value.toString());
    if (!match.hasMatch()) {
        return false;
    }
    const QString fraction = match.captured(7).leftJustified(6, QLatin1Char('0'));
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(),
                     match.captured(6).toInt(), fraction.left(3).toInt());
    *utc = QDateTime(date, time, Qt::UTC);
    return utc->isValid();
}

QString display(const QVariant& value)
{
    QDateTime utc;
    if (parse(value, &utc)) {
        return utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    return value.toString();
}

} // namespace SqlTime
