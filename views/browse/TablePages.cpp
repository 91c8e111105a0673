#include "TablePages.h"

#include "models/browse/CommentsModel.h"
#include "models/browse/PostsModel.h"
#include "models/browse/TagsModel.h"
#include "models/browse/UsersModel.h"
#include "views/browse/TableFilters.h"

namespace {

template <typename Model> BlogTableModel* create(const QSqlDatabase& db)
{
    return new Model(db);
}

} // namespace

std::optional<TablePages::Page> TablePages::of(BlogTable table)
{
    const QString userId = QStringLiteral("user_id");
    switch (table) {
    case BlogTable::Users:
        return Page{tr("&Users"), TableFilters::users(), {}, {}, &create<UsersModel>};
    case BlogTable::Posts:
        return Page{tr("&Posts"), TableFilters::posts(), {userId}, {userId}, &create<PostsModel>};
    case BlogTable::Tags:
        return Page{tr("&Tags"), TableFilters::tags(), {}, {}, &create<TagsModel>};
    case BlogTable::Comments:
        return Page{tr("&Comments"),
                    TableFilters::comments(),
                    {userId, QStringLiteral("post_id"), QStringLiteral("parent_id")},
                    {userId},
                    &create<CommentsModel>};
    case BlogTable::Profiles:
    case BlogTable::PostTags:
        return std::nullopt;
    }
    return std::nullopt;
}

QList<BlogTable> TablePages::tables()
{
    QList<BlogTable> shown;
    for (const BlogTable table : BlogTables::all()) {
        if (of(table)) {
            shown << table;
        }
    }
    return shown;
}
