#include "BrowseIndexList.h"

#include <QCoreApplication>

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(BrowseIndexList)
};

} // namespace

QString BrowseIndex::createStatement() const
{
    return QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
        .arg(name, table, columns.join(QStringLiteral(", ")));
}

QString BrowseIndex::text() const
{
    return QStringLiteral("%1 on %2 (%3)").arg(name, table, columns.join(QStringLiteral(", ")));
}

namespace BrowseIndexList {

QList<BrowseIndex> all()
{
    const QString id = QStringLiteral("id");
    return {
        {QStringLiteral("ix_comments_post_id"),
         QStringLiteral("comments"),
         {QStringLiteral("post_id"), id},
         Text::tr("a post's thread, comments and counts"),
         Text::tr("every comment, for each post selected")},
        {QStringLiteral("ix_comments_parent_id"),
         QStringLiteral("comments"),
         {QStringLiteral("parent_id"), id},
         Text::tr("replies to a comment, top-level comments"),
         Text::tr("every comment, for each level of a thread")},
        {QStringLiteral("ix_comments_user_id"),
         QStringLiteral("comments"),
         {QStringLiteral("user_id"), id},
         Text::tr("a user's comments, comments by author"),
         Text::tr("every comment, for each user selected")},
        {QStringLiteral("ix_comments_created_at"),
         QStringLiteral("comments"),
         {QStringLiteral("created_at"), id},
         Text::tr("comments sorted or filtered by date"),
         Text::tr("and sorts every comment, for each page")},
        {QStringLiteral("ix_posts_created_at"),
         QStringLiteral("posts"),
         {QStringLiteral("created_at"), id},
         Text::tr("posts sorted or filtered by date"),
         Text::tr("and sorts every post, for each page")},
        {QStringLiteral("ix_posts_user_id_id"),
         QStringLiteral("posts"),
         {QStringLiteral("user_id"), id},
         Text::tr("an author's posts, page by page"),
         Text::tr("and sorts all of an author's posts, for each page (PostgreSQL)")},
        {QStringLiteral("ix_users_created_at"),
         QStringLiteral("users"),
         {QStringLiteral("created_at"), id},
         Text::tr("users sorted or filtered by date"),
         Text::tr("and sorts every user, for each page")},
        {QStringLiteral("ix_post_tags_tag_id"),
         QStringLiteral("post_tags"),
         {QStringLiteral("tag_id"), QStringLiteral("post_id")},
         Text::tr("the posts with a tag"),
         Text::tr("every tag link, for each tag selected")},
    };
}

QStringList names()
{
    QStringList result;
    for (const BrowseIndex& index : all()) {
        result << index.name;
    }
    return result;
}

QString revision()
{
    return QStringLiteral("c71e5a2d9f0");
}

} // namespace BrowseIndexList
