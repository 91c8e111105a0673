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

bool canEdit(BlogTable table)
{
    switch (table) {
    case BlogTable::Users:
    case BlogTable::Posts:
    case BlogTable::Tags:
    case BlogTable::Comments:
        return true;
    case BlogTable::Profiles: // by user: profile()
    case BlogTable::PostTags: // in the post dialog
        return false;
    }
    return false;
}

qint64 open(BlogTable table, QSqlDatabase db, qint64 id, QWidget* parent)
{
    switch (table) {
    case BlogTable::Users: {
        UserDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    case BlogTable::Posts: {
        PostDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    case BlogTable::Tags: {
        TagDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    case BlogTable::Comments: {
        CommentDialog dialog(db, id, parent);
        return runDialog(dialog, parent);
    }
    case BlogTable::Profiles:
    case BlogTable::PostTags:
        return 0; // see canEdit()
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
