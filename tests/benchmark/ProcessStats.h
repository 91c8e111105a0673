#pragma once

#include <QtGlobal>

// What the kernel says about this process (Linux /proc).
namespace ProcessStats {

// Milliseconds since the kernel started this process: its start time in /proc/self/stat
// (field 22, in clock ticks since boot, so 10 ms steps) against CLOCK_BOOTTIME. -1 when
// unreadable.
double msSinceProcessStart();

// Peak resident set size so far (VmHWM in /proc/self/status), in MiB; -1 when unreadable.
double peakRssMiB();

} // namespace ProcessStats
