#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

// Date-times exactly as SQLAlchemy writes them: naive UTC, "YYYY-MM-DD HH:MM:SS.ffffff" with
// all six fraction digits. Qt's ISO format (a 'T', milliseconds) makes the Flask app fail to
// load the row, so every timestamp BlogDesk writes goes through here.
namespace SqlTime {

// The current UTC time with microseconds, as SQLAlchemy's datetime.utcnow() would store it.
QString nowUtc();

// A UTC date-time in SQLAlchemy's text form (Qt keeps milliseconds: the last three digits are 0).
QString format(const QDateTime& utc);

// Microseconds since 1970-01-01 00:00 UTC in the same form, to the microsecond, without a
// QDateTime (many times faster: the sample generator writes millions of them). Years 1-9999.
QString fromEpochMicros(qint64 micros);

// Reads a stored value: a QDateTime from the PostgreSQL/MySQL drivers or SQLAlchemy's text on
// SQLite (0 to 6 fraction digits, ' ' or 'T' separator). False for NULL or unreadable text.
bool parse(const QVariant& value, QDateTime* utc);

// The stored value for display, to the second ("2024-01-15 10:30:00"); unreadable text is
// shown as it is, so nothing from another writer is hidden.
QString display(const QVariant& value);

} // namespace SqlTime
