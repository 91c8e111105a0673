#include "TableFilters.h"

#include <QCoreApplication>

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(TableFilters)
};

SqlCondition equals(const QString& column, const QVariant& value)
{
    return {column + QStringLiteral(" = ?"), {value}};
}

SqlCondition isNull(const QString& column, bool null)
{
    return {column + (null ? QStringLiteral(" IS NULL") : QStringLiteral(" IS NOT NULL")), {}};
}

} // namespace

namespace TableFilters {

FilterSpec users()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("users.username"), QStringLiteral("users.email")};
    spec.textPlaceholder = Text::tr("username or email");
    spec.choices.append(
        {QStringLiteral("active"),
         Text::tr("&Active:"),
         {{Text::tr("all"), {}},
          {Text::tr("active"), equals(QStringLiteral("users.is_active"), true)},
          {Text::tr("inactive"), equals(QStringLiteral("users.is_active"), false)}}});
    spec.choices.append({QStringLiteral("deleted"),
                         Text::tr("&Deleted:"),
                         {{Text::tr("shown"), {}},
                          {Text::tr("hidden"), isNull(QStringLiteral("users.deleted_at"), true)},
                          {Text::tr("only"), isNull(QStringLiteral("users.deleted_at"), false)}}});
    spec.dateColumn = QStringLiteral("users.created_at");
    return spec;
}

FilterSpec posts()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("posts.title"), QStringLiteral("posts.slug"),
                        QStringLiteral("posts.content")};
    spec.textPlaceholder = Text::tr("title, slug or content");
    // A NULL is_published (written by hand, not by the Flask app) counts as a draft.
    const SqlCondition drafts{
        QStringLiteral("posts.is_published = ? OR posts.is_published IS NULL"), {false}};
    spec.choices.append(
        {QStringLiteral("published"),
         Text::tr("S&tate:"),
         {{Text::tr("all"), {}},
          {Text::tr("published"), equals(QStringLiteral("posts.is_published"), true)},
          {Text::tr("drafts"), drafts}}});
    spec.dateColumn = QStringLiteral("posts.created_at");
    return spec;
}

FilterSpec tags()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("tags.name"), QStringLiteral("tags.slug")};
    spec.textPlaceholder = Text::tr("name or slug");
    return spec;
}

FilterSpec comments()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("comments.content")};
    spec.textPlaceholder = Text::tr("comment text");
    spec.choices.append(
        {QStringLiteral("thread"),
         Text::tr("&Level:"),
         {{Text::tr("all"), {}},
          {Text::tr("top-level"), isNull(QStringLiteral("comments.parent_id"), true)},
          {Text::tr("replies"), isNull(QStringLiteral("comments.parent_id"), false)}}});
    spec.dateColumn = QStringLiteral("comments.created_at");
    return spec;
}

} // namespace TableFilters
