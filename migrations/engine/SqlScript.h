#pragma once

#include <QString>
#include <QStringList>

// Splits a block of SQL into statements at the semicolons that end them. Quotes ('', "", ``),
// PostgreSQL dollar quotes and comments are respected; comments are dropped. A CREATE TRIGGER
// runs to the semicolon after its END, so its body stays one statement.
namespace SqlScript {

QStringList split(const QString& script);

} // namespace SqlScript
