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

QString fromEpochMicros(qint64 micros)
{
    const qint64 seconds = micros >= 0 ? micros / 1000000 : (micros - 999999) / 1000000;
    const qint64 fraction = micros - seconds * 1000000;
    const qint64 days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const qint64 secondOfDay = seconds - days * 86400;
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day number.
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const qint64 day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    // "YYYY-MM-DD HH:MM:SS.ffffff", digit by digit (snprintf cost more than all the rest).
    char16_t text[26];
    const auto put = [&text](int at, qint64 value, int digits) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10) {
            text[i] = char16_t(u'0' + value % 10);
        }
    };
    put(0, year, 4);
    text[4] = u'-';
    put(5, month, 2);
    text[7] = u'-';
    put(8, day, 2);
    text[10] = u' ';
    put(11, secondOfDay / 3600, 2);
    text[13] = u':';
    put(14, secondOfDay / 60 % 60, 2);
    text[16] = u':';
    put(17, secondOfDay % 60, 2);
    text[19] = u'.';
    put(20, fraction, 6);
    return QString(reinterpret_cast<const QChar*>(text), 26);
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
