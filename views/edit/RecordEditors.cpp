#include "RecordEditors.h"

#include <QMessageBox>

#include "views/edit/CommentDialog.h"
#include "views/edit/PostDialog.h"
#include "views/edit/ProfileDialog.h"
#include "views/edit/TagDialog.h"
#include "views/edit/UserDialog.h"

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
    static const QStringList editable{QStringLiteral("users"), QStringLiteral("posts"),
                                      QStringLiteral("tags"), QStringLiteral("comments")};
    return editable.contains(table);
}

qint64 open(const QString& table, QSqlDatabase db, qint64 id, QWidget* parent)
{
    if (table == QLatin1String("users")) {
        UserDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    if (table == QLatin1String("posts")) {
        PostDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    if (table == QLatin1String("tags")) {
        TagDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    if (table == QLatin1String("comments")) {
        CommentDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    return 0;
}

qint64 reply(QSqlDatabase db, qint64 parentCommentId, QWidget* parent)
{
    CommentDialog dialog(db, 0, parent);
    if (!dialog.setReplyTo(parentCommentId)) {
        QMessageBox::warning(parent, CommentDialog::tr("Cannot reply"),
                             CommentDialog::tr("Comment #%1 cannot be read: it may have been "
                                               "deleted meanwhile.")
                                 .arg(parentCommentId));
        return 0;
    }
    return runDialog(dialog, parent);
}

qint64 commentOn(QSqlDatabase db, qint64 postId, QWidget* parent)
{
    CommentDialog dialog(db, 0, parent);
    dialog.setPost(postId);
    return runDialog(dialog, parent);
}

qint64 profile(QSqlDatabase db, qint64 userId, QWidget* parent)
{
    ProfileDialog dialog(db, userId, parent);
    return runDialog(dialog, parent);
}

} // namespace RecordEditors
