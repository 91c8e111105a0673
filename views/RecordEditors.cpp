#include "RecordEditors.h"

#include <QMessageBox>

#include "views/UserDialog.h"

namespace {

// Runs an editor dialog; a row that could not be loaded (deleted meanwhile) is reported.
template <typename Dialog> qint64 runDialog(Dialog& dialog, QWidget* parent)
{
    if (!dialog.loadError().isEmpty()) {
        QMessageBox::warning(parent, Dialog::tr("Cannot edit"), dialog.loadError());
        return 0;
    }
    qint64 savedId = 0;
    QObject::connect(&dialog, &Dialog::saved, &dialog, [&savedId](qint64 id) { savedId = id; });
    dialog.exec();
    return savedId;
}

} // namespace

namespace RecordEditors {

bool canEdit(const QString& table)
{
    return table == QLatin1String("users");
}

qint64 open(const QString& table, QSqlDatabase db, qint64 id, QWidget* parent)
{
    if (table == QLatin1String("users")) {
        UserDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    return 0;
}

} // namespace RecordEditors
