#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QPair>
#include <QString>

// The decoded components of a database URL, as DatabaseUrl keeps them.
struct DatabaseUrlParts
{
    SqlDialect dialect = SqlDialect::SQLite;
    QString scheme;
    QString userName;
    QString password;
    QString host;
    int port = -1;
    QString database;
    QList<QPair<QString, QString>> query;
};

// Reads a database URL with the rules of SQLAlchemy's make_url (see DatabaseUrl); building
// and printing a URL stay with DatabaseUrl.
namespace DatabaseUrlParser {

// False with a one-line *error naming the bad part (never the password) when `text`, already
// trimmed, is no URL BlogDesk can open.
bool read(const QString& text, DatabaseUrlParts* parts, QString* error);

} // namespace DatabaseUrlParser
