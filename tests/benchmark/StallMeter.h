#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

// The GUI thread's longest stall: a timer on the GUI thread ticks every IntervalMs; a stall is
// how much later than IntervalMs the next tick came (the time the thread was busy with
// something else and could not run its event loop). Only gaps while the meter runs count.
class StallMeter : public QObject
{
    Q_OBJECT

public:
    static constexpr int IntervalMs = 5;

    explicit StallMeter(QObject* parent = nullptr);

    void start();
    // Stops counting (e.g. while the harness itself runs SQL on the GUI thread); start()
    // resumes without counting the paused time.
    void pause();

    double longestMs() const { return m_longest; }
    // The longest stall since the last call (per action), then starts a new span.
    double takeLongestSinceMark();

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = 0;
    double m_longest = 0;
    double m_longestSinceMark = 0;
};
