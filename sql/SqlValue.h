#pragma once

#include <QVariant>

// What kind of SQL value a QVariant holds, decided in one place.
namespace SqlValue {

// A whole number (booleans included, as SQLite and MySQL store them): bound as an integer and
// compared by value, whatever width the driver handed it over in.
bool isInteger(const QVariant& value);

} // namespace SqlValue
