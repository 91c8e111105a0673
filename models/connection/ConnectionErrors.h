#pragma once

#include <QString>

#include "models/connection/ConnectionProbe.h"
#include "models/connection/DatabaseUrl.h"

// What a driver's connection error means: the outcome, and one line the user can act on
// that names the host, port, user or database concerned (never the password).
namespace ConnectionErrors {

// See ConnectionProbe::classify, which answers with this.
ProbeResult classify(const DatabaseUrl& url, const QString& driverText, qint64 elapsedMs);

} // namespace ConnectionErrors
