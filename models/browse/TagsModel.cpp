#include "TagsModel.h"

TagsModel::TagsModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(QStringLiteral("tags"), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("name"), ColumnKind::Plain, tr("Name"));
    describeColumn(QStringLiteral("slug"), ColumnKind::Plain, tr("Slug"));
}
