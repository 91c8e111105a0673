#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <map>
#include <memory>

// Whether BlogDesk's table models show a database exactly as it is stored: every row once,
// every value as SQL reads it, relations by the column they show.
class BlogTableModel;

namespace BrowseCheck {

// Each page's columns by table (users, posts, comments, tags): every one is a header the user
// can click to sort by.
const std::map<QString, QStringList>& pageColumns();

// The model BlogDesk shows `table` with (the common base for a table without its own).
std::unique_ptr<BlogTableModel> modelFor(const QString& table, const QSqlDatabase& db);

// Browses `table` with BlogDesk's model for it (window by window) and compares every row and
// value with SQL; *failure says the first difference.
bool browsesCompletely(const QSqlDatabase& db, const QString& table, QString* failure);

// "NULL" for NULL, else the value as text.
QString cellText(const QVariant& value);
// Rows of `table` (matching `where`, an SQL condition, when given).
qint64 rowCount(const QSqlDatabase& db, const QString& table, const QString& where = QString());

} // namespace BrowseCheck
