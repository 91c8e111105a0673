#include "PostsModel.h"

PostsModel::PostsModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(QStringLiteral("posts"), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("title"), ColumnKind::Plain, tr("Title"));
    describeColumn(QStringLiteral("content"), ColumnKind::LongText, tr("Content"));
    describeColumn(QStringLiteral("slug"), ColumnKind::Plain, tr("Slug"));
    describeColumn(QStringLiteral("is_published"), ColumnKind::Boolean, tr("Published"));
    describeColumn(QStringLiteral("published_at"), ColumnKind::DateTime, tr("Published (UTC)"));
    describeColumn(QStringLiteral("created_at"), ColumnKind::DateTime, tr("Created (UTC)"));
    describeColumn(QStringLiteral("updated_at"), ColumnKind::DateTime, tr("Updated (UTC)"));
    relate(QStringLiteral("user_id"), QStringLiteral("users"), QStringLiteral("username"),
           tr("Author"));
}
