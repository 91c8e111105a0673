#pragma once

#include <QSqlDatabase>
#include <QString>

class QWidget;

// Which table's rows BlogDesk can create and edit in a dialog, and opening that dialog. The
// main window asks here, so a table gains editing in one place.
namespace RecordEditors {

bool canEdit(const QString& table);

// Opens the dialog for row `id` of `table` (0: a new row), modal. Returns the saved row's id,
// or 0 when nothing was saved.
qint64 open(const QString& table, QSqlDatabase db, qint64 id, QWidget* parent);

} // namespace RecordEditors
