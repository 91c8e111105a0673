#include "PostsModel.h"

#include "models/BlogTable.h"

PostsModel::PostsModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(BlogTables::name(BlogTable::Posts), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("title"), ColumnKind::Plain, tr("Title"));
    describeColumn(QStringLiteral("content"), ColumnKind::LongText, tr("Content"));
    describeColumn(QStringLiteral("slug"), ColumnKind::Plain, tr("Slug"));
    describeColumn(QStringLiteral("is_published"), ColumnKind::Boolean, tr("Published"));
    describeColumn(QStringLiteral("published_at"), ColumnKind::DateTime, tr("Published (UTC)"));
    describeColumn(QStringLiteral("created_at"), ColumnKind::DateTime, tr("Created (UTC)"));
    describeColumn(QStringLiteral("updated_at"), ColumnKind::DateTime, tr("Updated (UTC)"));
    relate(QStringLiteral("user_id"), BlogTables::name(BlogTable::Users),
           QStringLiteral("username"), tr("Author"));
}
