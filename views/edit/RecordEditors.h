#pragma once

#include <QSqlDatabase>
#include <QString>

#include "models/BlogTable.h"

class QWidget;

// Which table's rows BlogDesk can create and edit in a dialog, and opening that dialog: the
// editor part of the BlogTable registry. The main window asks here, so a table gains editing
// in one place (a switch without default: the compiler names a table left out).
namespace RecordEditors {

bool canEdit(BlogTable table);

// Opens the dialog for row `id` of `table` (0: a new row), modal. Returns the saved row's id,
// or 0 when nothing was saved.
qint64 open(BlogTable table, QSqlDatabase db, qint64 id, QWidget* parent);

// A new comment replying to `parentCommentId` (post and parent filled in and fixed).
qint64 reply(QSqlDatabase db, qint64 parentCommentId, QWidget* parent);

// A new top-level comment on post `postId` (the post filled in).
qint64 commentOn(QSqlDatabase db, qint64 postId, QWidget* parent);

// The profile of user `userId`; saving creates it when the user has none.
qint64 profile(QSqlDatabase db, qint64 userId, QWidget* parent);

} // namespace RecordEditors
