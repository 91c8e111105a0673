#include "CommentsModel.h"

CommentsModel::CommentsModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(QStringLiteral("comments"), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("content"), ColumnKind::LongText, tr("Comment"));
    describeColumn(QStringLiteral("created_at"), ColumnKind::DateTime, tr("Created (UTC)"));
    describeColumn(QStringLiteral("parent_id"), ColumnKind::Plain, tr("In reply to"));
    relate(QStringLiteral("user_id"), QStringLiteral("users"), QStringLiteral("username"),
           tr("Author"));
    relate(QStringLiteral("post_id"), QStringLiteral("posts"), QStringLiteral("title"), tr("Post"));
}
