#include "BlogTable.h"

QList<BlogTable> BlogTables::all()
{
    // name() has a case for every value and gives nothing past the last one: a table added to
    // the enum is listed here without a second edit.
    QList<BlogTable> tables;
    for (int value = 0; !name(BlogTable(value)).isEmpty(); ++value) {
        tables << BlogTable(value);
    }
    return tables;
}

QString BlogTables::name(BlogTable table)
{
    switch (table) {
    case BlogTable::Users:
        return QStringLiteral("users");
    case BlogTable::Profiles:
        return QStringLiteral("profiles");
    case BlogTable::Posts:
        return QStringLiteral("posts");
    case BlogTable::Tags:
        return QStringLiteral("tags");
    case BlogTable::PostTags:
        return QStringLiteral("post_tags");
    case BlogTable::Comments:
        return QStringLiteral("comments");
    }
    return {}; // not a BlogTable (all() stops here)
}

std::optional<BlogTable> BlogTables::fromName(const QString& name)
{
    for (const BlogTable table : all()) {
        if (BlogTables::name(table) == name) {
            return table;
        }
    }
    return std::nullopt;
}

QString BlogTables::title(BlogTable table)
{
    switch (table) {
    case BlogTable::Users:
        return tr("Users");
    case BlogTable::Profiles:
        return tr("Profiles");
    case BlogTable::Posts:
        return tr("Posts");
    case BlogTable::Tags:
        return tr("Tags");
    case BlogTable::PostTags:
        return tr("Post tags");
    case BlogTable::Comments:
        return tr("Comments");
    }
    return {};
}

QString BlogTables::entity(BlogTable table)
{
    switch (table) {
    case BlogTable::Users:
        return tr("user");
    case BlogTable::Profiles:
        return tr("profile");
    case BlogTable::Posts:
        return tr("post");
    case BlogTable::Tags:
        return tr("tag");
    case BlogTable::PostTags:
        return tr("tag link");
    case BlogTable::Comments:
        return tr("comment");
    }
    return {};
}

QStringList BlogTables::keyColumns(BlogTable table)
{
    switch (table) {
    case BlogTable::PostTags:
        return {QStringLiteral("post_id"), QStringLiteral("tag_id")};
    case BlogTable::Users:
    case BlogTable::Profiles:
    case BlogTable::Posts:
    case BlogTable::Tags:
    case BlogTable::Comments:
        return {QStringLiteral("id")};
    }
    return {};
}

QString BlogTables::labelColumn(BlogTable table)
{
    switch (table) {
    case BlogTable::Users:
        return QStringLiteral("username");
    case BlogTable::Posts:
        return QStringLiteral("title");
    case BlogTable::Tags:
        return QStringLiteral("name");
    case BlogTable::Comments:
        return QStringLiteral("content");
    case BlogTable::Profiles:
    case BlogTable::PostTags:
        return {};
    }
    return {};
}
