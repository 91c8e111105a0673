#include "RelatedRecords.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include "models/BlogTable.h"

namespace {

constexpr int PreviewLength = 60;

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(RelatedRecords)
};

QString preview(const QString& text)
{
    const QString simple = text.simplified();
    return simple.size() > PreviewLength ? simple.left(PreviewLength) + QStringLiteral("…")
                                         : simple;
}

QString commentLabel(qint64 id, const QString& text)
{
    return QStringLiteral("#%1: %2").arg(id).arg(preview(text));
}

// Reads groups with bound values; remembers the first failure.
class Reader
{
public:
    Reader(const QSqlDatabase& db, qint64 id) : m_db(db), m_id(id) {}

    // `sql` selects id and a label column for the row; one record or none.
    void single(QList<RelatedGroup>& groups, const QString& title, BlogTable table,
                const QString& sql)
    {
        RelatedGroup group{title, table, {}, {}, -1, {}};
        QSqlQuery query(m_db);
        if (!run(query, sql)) {
            return;
        }
        if (query.next() && !query.value(0).isNull()) {
            group.items << item(table, query);
        }
        groups << group;
    }

    // `from` is "FROM ... WHERE ...= ?"; `orderBy` orders the listed items.
    void list(QList<RelatedGroup>& groups, const QString& title, BlogTable table,
              const QString& select, const QString& from, const QString& orderBy,
              const SqlCondition& condition, const QString& description)
    {
        RelatedGroup group{title, table, condition, description, 0, {}};
        QSqlQuery count(m_db);
        if (!run(count, QStringLiteral("SELECT COUNT(*) ") + from) || !count.next()) {
            return;
        }
        group.count = count.value(0).toLongLong();
        QSqlQuery items(m_db);
        if (!run(items, QStringLiteral("SELECT %1 %2 ORDER BY %3 LIMIT %4")
                            .arg(select, from, orderBy)
                            .arg(RelatedRecords::ItemLimit))) {
            return;
        }
        while (items.next()) {
            group.items << item(table, items);
        }
        groups << group;
    }

    // How a person names the row (by primary key); "#id" when it cannot be read.
    QString label(BlogTable table)
    {
        const QString column = BlogTables::labelColumn(table);
        if (column.isEmpty()) {
            return QString();
        }
        QSqlQuery query(m_db);
        // Table and column come from the registry, never from user text.
        if (!run(query, QStringLiteral("SELECT %1 FROM %2 WHERE id = ?")
                            .arg(column, BlogTables::name(table))) ||
            !query.next()) {
            return QStringLiteral("#%1").arg(m_id);
        }
        return table == BlogTable::Comments ? commentLabel(m_id, query.value(0).toString())
                                            : query.value(0).toString();
    }

    // The first failure (its text, and whether a cancel caused it).
    const ReadResult& failure() const { return m_failure; }
    int statements() const { return m_statements; }

private:
    bool run(QSqlQuery& query, const QString& sql)
    {
        if (!query.prepare(sql)) {
            remember(query);
            return false;
        }
        query.addBindValue(m_id);
        ++m_statements;
        if (!query.exec()) {
            remember(query);
            return false;
        }
        return true;
    }

    void remember(const QSqlQuery& query)
    {
        if (m_failure.ok()) {
            m_failure.fail(query);
        }
    }

    static RelatedItem item(BlogTable table, const QSqlQuery& query)
    {
        const qint64 id = query.value(0).toLongLong();
        const QString text = query.value(1).toString();
        return {table, id, table == BlogTable::Comments ? commentLabel(id, text) : text};
    }

    QSqlDatabase m_db;
    qint64 m_id;
    ReadResult m_failure;
    int m_statements = 0;
};

SqlCondition bound(const QString& sql, qint64 id)
{
    return {sql, {id}};
}

} // namespace

namespace RelatedRecords {

QString label(const QSqlDatabase& db, BlogTable table, qint64 id)
{
    return id <= 0 ? QString() : Reader(db, id).label(table);
}

std::optional<BlogTable> targetTable(BlogTable table, const QString& column)
{
    const bool byComment = table == BlogTable::Comments;
    if (column == QLatin1String("user_id") && (table == BlogTable::Posts || byComment)) {
        return BlogTable::Users;
    }
    if (byComment && column == QLatin1String("post_id")) {
        return BlogTable::Posts;
    }
    if (byComment && column == QLatin1String("parent_id")) {
        return BlogTable::Comments;
    }
    return std::nullopt;
}

qint64 foreignKey(const QSqlDatabase& db, BlogTable table, const QString& column, qint64 id)
{
    // Only known names reach the statement's text.
    if (!targetTable(table, column)) {
        return 0;
    }
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(column, BlogTables::name(table)));
    query.addBindValue(id);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

QList<RelatedGroup> of(const QSqlDatabase& db, BlogTable table, qint64 id, QString* error)
{
    const RelatedRead related = read(db, table, id);
    if (error) {
        *error = related.error;
    }
    return related.groups;
}

RelatedRead read(const QSqlDatabase& db, BlogTable table, qint64 id)
{
    RelatedRead related;
    related.table = table;
    related.id = id;
    if (id <= 0) {
        return related;
    }
    Reader read(db, id);
    related.name = read.label(table);
    QList<RelatedGroup>& groups = related.groups;
    const QString& name = related.name;
    if (table == BlogTable::Users) {
        read.single(groups, Text::tr("Profile"), BlogTable::Profiles,
                    QStringLiteral("SELECT user_id, COALESCE(location, website, '') FROM profiles "
                                   "WHERE user_id = ?"));
        read.list(groups, Text::tr("Posts"), BlogTable::Posts, QStringLiteral("id, title"),
                  QStringLiteral("FROM posts WHERE user_id = ?"), QStringLiteral("id"),
                  bound(QStringLiteral("posts.user_id = ?"), id),
                  Text::tr("posts by %1").arg(name));
        read.list(groups, Text::tr("Comments"), BlogTable::Comments, QStringLiteral("id, content"),
                  QStringLiteral("FROM comments WHERE user_id = ?"), QStringLiteral("id"),
                  bound(QStringLiteral("comments.user_id = ?"), id),
                  Text::tr("comments by %1").arg(name));
    } else if (table == BlogTable::Posts) {
        read.single(groups, Text::tr("Author"), BlogTable::Users,
                    QStringLiteral("SELECT u.id, u.username FROM posts p "
                                   "JOIN users u ON u.id = p.user_id WHERE p.id = ?"));
        read.list(groups, Text::tr("Tags"), BlogTable::Tags, QStringLiteral("t.id, t.name"),
                  QStringLiteral("FROM post_tags pt JOIN tags t ON t.id = pt.tag_id "
                                 "WHERE pt.post_id = ?"),
                  QStringLiteral("t.name, t.id"),
                  bound(QStringLiteral("tags.id IN (SELECT tag_id FROM post_tags "
                                       "WHERE post_id = ?)"),
                        id),
                  Text::tr("tags of “%1”").arg(name));
        read.list(groups, Text::tr("Comments"), BlogTable::Comments, QStringLiteral("id, content"),
                  QStringLiteral("FROM comments WHERE post_id = ?"), QStringLiteral("id"),
                  bound(QStringLiteral("comments.post_id = ?"), id),
                  Text::tr("comments on “%1”").arg(name));
    } else if (table == BlogTable::Tags) {
        read.list(groups, Text::tr("Posts"), BlogTable::Posts, QStringLiteral("p.id, p.title"),
                  QStringLiteral("FROM post_tags pt JOIN posts p ON p.id = pt.post_id "
                                 "WHERE pt.tag_id = ?"),
                  QStringLiteral("p.id"),
                  bound(QStringLiteral("posts.id IN (SELECT post_id FROM post_tags "
                                       "WHERE tag_id = ?)"),
                        id),
                  Text::tr("posts tagged %1").arg(name));
    } else if (table == BlogTable::Comments) {
        read.single(groups, Text::tr("Post"), BlogTable::Posts,
                    QStringLiteral("SELECT p.id, p.title FROM comments c "
                                   "JOIN posts p ON p.id = c.post_id WHERE c.id = ?"));
        read.single(groups, Text::tr("Author"), BlogTable::Users,
                    QStringLiteral("SELECT u.id, u.username FROM comments c "
                                   "JOIN users u ON u.id = c.user_id WHERE c.id = ?"));
        read.single(groups, Text::tr("In reply to"), BlogTable::Comments,
                    QStringLiteral("SELECT p.id, p.content FROM comments c "
                                   "JOIN comments p ON p.id = c.parent_id WHERE c.id = ?"));
        read.list(groups, Text::tr("Replies"), BlogTable::Comments, QStringLiteral("id, content"),
                  QStringLiteral("FROM comments WHERE parent_id = ?"), QStringLiteral("id"),
                  bound(QStringLiteral("comments.parent_id = ?"), id),
                  Text::tr("replies to comment #%1").arg(id));
    }
    related.statements += read.statements();
    related.error = read.failure().error;
    related.interrupted = read.failure().interrupted;
    return related;
}

} // namespace RelatedRecords
