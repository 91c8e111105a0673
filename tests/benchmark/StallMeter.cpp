#include "StallMeter.h"

#include <QtGlobal>

StallMeter::StallMeter(QObject* parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
    m_clock.start();
}

void StallMeter::start()
{
    m_lastTickNs = m_clock.nsecsElapsed();
    m_timer.start();
}

void StallMeter::pause()
{
    tick(); // a stall up to now still counts
    m_timer.stop();
}

void StallMeter::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double stall = double(now - m_lastTickNs) / 1e6 - IntervalMs;
    m_lastTickNs = now;
    m_longest = qMax(m_longest, stall);
    m_longestSinceMark = qMax(m_longestSinceMark, stall);
}

double StallMeter::takeLongestSinceMark()
{
    if (m_timer.isActive()) {
        tick();
    }
    const double longest = m_longestSinceMark;
    m_longestSinceMark = 0;
    return longest;
}
