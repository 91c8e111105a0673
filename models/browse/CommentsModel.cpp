#include "CommentsModel.h"

#include "models/BlogTable.h"

CommentsModel::CommentsModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(BlogTables::name(BlogTable::Comments), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("content"), ColumnKind::LongText, tr("Comment"));
    describeColumn(QStringLiteral("created_at"), ColumnKind::DateTime, tr("Created (UTC)"));
    describeColumn(QStringLiteral("parent_id"), ColumnKind::Plain, tr("In reply to"));
    relate(QStringLiteral("user_id"), BlogTables::name(BlogTable::Users),
           QStringLiteral("username"), tr("Author"));
    relate(QStringLiteral("post_id"), BlogTables::name(BlogTable::Posts), QStringLiteral("title"),
           tr("Post"));
}
