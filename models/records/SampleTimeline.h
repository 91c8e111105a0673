#pragma once

#include <QtGlobal>

// When the sample blog's rows happened, in microseconds since 1970 (UTC): the first user joins
// on 2024-01-01 at 08:00, the others a day apart (a small sample) or closer, all within the
// first seven tenths of the time to 2025-12-01; everybody writes until then.
namespace SampleTimeline {

constexpr qint64 Second = 1000000;
constexpr qint64 Day = 86400 * Second;

constexpr qint64 start()
{
    return 1704096000 * Second; // 2024-01-01 08:00:00
}

constexpr qint64 end()
{
    return 1764547200 * Second; // 2025-12-01 00:00:00
}

// The index-th of `users` users joins at an even step plus a fixed scatter within it (a
// function of the index alone: the posts pass needs it again without keeping it).
inline qint64 userCreated(int index, int users)
{
    const qint64 step = qMin(Day, (end() - start()) / 10 * 7 / qMax(users, 1));
    const quint64 scatter = quint64(index) * 2654435761u % 1000003u;
    return start() + index * step + qint64(scatter) * (step / 1000003 + 1) % qMax(step, qint64(1));
}

} // namespace SampleTimeline
