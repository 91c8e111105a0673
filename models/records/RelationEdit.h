#pragma once

#include <QSqlDatabase>
#include <QString>

#include "models/BlogTable.h"

// Changes one foreign key of one row in place — a post's or a comment's author — the way the
// Flask models would: in one short transaction, with posts.updated_at stamped (the Comment
// model has no updated_at).
namespace RelationEdit {

// Whether `column` of `table` can be changed here.
bool isEditable(BlogTable table, const QString& column);

// Sets `column` of row `rowId` to `newId`; false with a one-line *error when the row or the
// new related record no longer exists, or the write failed.
bool apply(QSqlDatabase db, BlogTable table, qint64 rowId, const QString& column, qint64 newId,
           QString* error);

} // namespace RelationEdit
