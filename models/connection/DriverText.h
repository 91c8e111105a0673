#pragma once

#include <QString>

// What the database drivers say, made fit for one line of a message. libpq's texts run over
// several lines (hints, one attempt per address, DETAIL), and Qt adds its own words
// ("QPSQL: Unable to connect") and PostgreSQL's SQLSTATE ("(42P07)"); the whole text stays
// available for --verbose and the Details button of a message box.
namespace DriverText {

// The first line that says something, simplified and without Qt's words: for a connection
// error, where the later lines repeat or hint.
QString firstLine(const QString& text);

// The whole message on one line: its lines joined, simplified, without Qt's words and
// SQLSTATE codes. For messages that carry context around a driver's text ("revision x
// failed: <driver text> (statement: …)"), whose every part matters.
QString oneLine(const QString& message);

} // namespace DriverText
