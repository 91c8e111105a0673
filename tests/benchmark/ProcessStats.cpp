#include "ProcessStats.h"

#include <QFile>
#include <QRegularExpression>
#include <QString>

#include <ctime>
#include <unistd.h>

namespace ProcessStats {

double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1;
    }
    // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
    const QString text = QString::fromLatin1(stat.readAll());
    const QStringList fields =
        text.mid(text.lastIndexOf(QLatin1Char(')')) + 2).split(QLatin1Char(' '));
    constexpr int StartTimeAfterName = 22 - 3; // fields 3.. follow the name
    bool ok = false;
    const qint64 startTicks = fields.value(StartTimeAfterName).toLongLong(&ok);
    timespec now{};
    if (!ok || clock_gettime(CLOCK_BOOTTIME, &now) != 0) {
        return -1;
    }
    const double startMs = 1000.0 * double(startTicks) / double(sysconf(_SC_CLK_TCK));
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6 - startMs;
}

double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    static const QRegularExpression hwm(QStringLiteral("^VmHWM:\\s+(\\d+) kB$"),
                                        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = hwm.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}

} // namespace ProcessStats
