#include "TagsModel.h"

#include "models/BlogTable.h"

TagsModel::TagsModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(BlogTables::name(BlogTable::Tags), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("name"), ColumnKind::Plain, tr("Name"));
    describeColumn(QStringLiteral("slug"), ColumnKind::Plain, tr("Slug"));
}
