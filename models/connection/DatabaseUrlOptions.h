#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// The query part of a database URL (?sslmode=require&connect_timeout=3) turned into the
// options string of QSqlDatabase::setConnectOptions(), checked per driver.
namespace DatabaseUrlOptions {

using QueryList = QList<QPair<QString, QString>>;

// Appends the connect options for `query` to *options; false with *error for a parameter the
// driver does not know, one given twice, or a value it cannot take. Without connect_timeout
// the servers get 5 seconds, so an unreachable server does not hang the window for minutes.
bool collect(SqlDialect dialect, const QueryList& query, QStringList* options, QString* error);

// Shared with the URL parser: sets *error and returns false.
bool fail(QString* error, const QString& message);
bool isDigits(const QString& text);

} // namespace DatabaseUrlOptions
