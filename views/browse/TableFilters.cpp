#include "TableFilters.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("TableFilters", text);
}

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
    spec.textPlaceholder = tr("username or email");
    spec.choices.append({QStringLiteral("active"),
                         tr("&Active:"),
                         {{tr("all"), {}},
                          {tr("active"), equals(QStringLiteral("users.is_active"), true)},
                          {tr("inactive"), equals(QStringLiteral("users.is_active"), false)}}});
    spec.choices.append({QStringLiteral("deleted"),
                         tr("&Deleted:"),
                         {{tr("shown"), {}},
                          {tr("hidden"), isNull(QStringLiteral("users.deleted_at"), true)},
                          {tr("only"), isNull(QStringLiteral("users.deleted_at"), false)}}});
    spec.dateColumn = QStringLiteral("users.created_at");
    return spec;
}

FilterSpec posts()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("posts.title"), QStringLiteral("posts.slug"),
                        QStringLiteral("posts.content")};
    spec.textPlaceholder = tr("title, slug or content");
    // A NULL is_published (written by hand, not by the Flask app) counts as a draft.
    const SqlCondition drafts{
        QStringLiteral("posts.is_published = ? OR posts.is_published IS NULL"), {false}};
    spec.choices.append({QStringLiteral("published"),
                         tr("S&tate:"),
                         {{tr("all"), {}},
                          {tr("published"), equals(QStringLiteral("posts.is_published"), true)},
                          {tr("drafts"), drafts}}});
    spec.dateColumn = QStringLiteral("posts.created_at");
    return spec;
}

FilterSpec tags()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("tags.name"), QStringLiteral("tags.slug")};
    spec.textPlaceholder = tr("name or slug");
    return spec;
}

FilterSpec comments()
{
    FilterSpec spec;
    spec.textColumns = {QStringLiteral("comments.content")};
    spec.textPlaceholder = tr("comment text");
    spec.choices.append({QStringLiteral("thread"),
                         tr("&Level:"),
                         {{tr("all"), {}},
                          {tr("top-level"), isNull(QStringLiteral("comments.parent_id"), true)},
                          {tr("replies"), isNull(QStringLiteral("comments.parent_id"), false)}}});
    spec.dateColumn = QStringLiteral("comments.created_at");
    return spec;
}

} // namespace TableFilters
