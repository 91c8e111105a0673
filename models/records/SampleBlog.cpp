#include "SampleBlog.h"

#include "sql/BatchInserter.h"
#include "sql/Dialect.h"
#include "sql/Slugify.h"
#include "sql/SqlTime.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include "models/BlogTable.h"
#include "models/records/PasswordHash.h"

namespace {

const QStringList& firstNames()
{
    static const QStringList names{
        QStringLiteral("alice"), QStringLiteral("bob"),     QStringLiteral("carol"),
        QStringLiteral("dave"),  QStringLiteral("erin"),    QStringLiteral("frank"),
        QStringLiteral("grace"), QStringLiteral("heidi"),   QStringLiteral("ivan"),
        QStringLiteral("judy"),  QStringLiteral("mallory"), QStringLiteral("niaj")};
    return names;
}

const QStringList& tagNames()
{
    static const QStringList names{QStringLiteral("Python"),     QStringLiteral("Flask"),
                                   QStringLiteral("SQLAlchemy"), QStringLiteral("Databases"),
                                   QStringLiteral("Migrations"), QStringLiteral("Testing"),
                                   QStringLiteral("Deployment"), QStringLiteral("Performance")};
    return names;
}

const QStringList& titleOpenings()
{
    static const QStringList words{QStringLiteral("Getting started with"),
                                   QStringLiteral("A closer look at"),
                                   QStringLiteral("Five lessons from"),
                                   QStringLiteral("Debugging"),
                                   QStringLiteral("Scaling"),
                                   QStringLiteral("Why we rewrote"),
                                   QStringLiteral("Notes on"),
                                   QStringLiteral("Testing")};
    return words;
}

const QStringList& titleTopics()
{
    static const QStringList words{
        QStringLiteral("Flask blueprints"),    QStringLiteral("SQLAlchemy relationships"),
        QStringLiteral("database migrations"), QStringLiteral("comment threads"),
        QStringLiteral("soft deletes"),        QStringLiteral("connection pools"),
        QStringLiteral("bulk updates"),        QStringLiteral("eager loading")};
    return words;
}

const QStringList& sentences()
{
    static const QStringList words{
        QStringLiteral("We started with a single SQLite file and it served us well for years."),
        QStringLiteral("The ORM hides the SQL, but the query log tells the real story."),
        QStringLiteral("An index on the foreign key turned a slow page into a fast one."),
        QStringLiteral("Every migration ran in a transaction, so a failure left nothing behind."),
        QStringLiteral("Eager loading removed the N+1 queries from the post list."),
        QStringLiteral("Soft deletes keep the history, at the price of a filter everywhere."),
        QStringLiteral("Pagination by key stays fast on the millionth page."),
        QStringLiteral("Our readers asked for threaded comments, so we added parent ids."),
        QStringLiteral("Timestamps are stored in UTC and shown in the reader's time zone."),
        QStringLiteral("The test suite creates a fresh database for every test.")};
    return words;
}

const QStringList& commentTexts()
{
    static const QStringList words{
        QStringLiteral("Great write-up, thanks!"),
        QStringLiteral("How does this behave on PostgreSQL?"),
        QStringLiteral("I ran into the same problem last week."),
        QStringLiteral("Could you share the migration script?"),
        QStringLiteral("This saved me an afternoon."),
        QStringLiteral("I disagree: the extra join costs more than it saves."),
        QStringLiteral("Good point, I had not thought of that."),
        QStringLiteral("Which version of Flask-SQLAlchemy is this?")};
    return words;
}

bool maxId(QSqlDatabase& db, const QString& table, qint64* id, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1").arg(table)) ||
        !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    *id = query.value(0).toLongLong();
    return true;
}

} // namespace

SampleBlog::SampleBlog(QSqlDatabase db, const SampleBlogOptions& options)
    : m_db(db), m_options(options), m_random(options.seed)
{}

bool SampleBlog::populate(QString* error)
{
    if (!m_db.transaction()) {
        *error = tr("cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    if (insertAll(error) && m_db.commit()) {
        return true;
    }
    if (error->isEmpty()) {
        *error = tr("commit failed: %1").arg(m_db.lastError().text());
    }
    m_db.rollback();
    m_counts = {};
    return false;
}

bool SampleBlog::insertAll(QString* error)
{
    return readNextIds(error) && insertUsers(error) && insertProfiles(error) && insertTags(error) &&
           insertPosts(error) && resetSequences(error);
}

bool SampleBlog::readNextIds(QString* error)
{
    qint64 users = 0;
    qint64 posts = 0;
    qint64 comments = 0;
    if (!maxId(m_db, BlogTables::name(BlogTable::Users), &users, error) ||
        !maxId(m_db, BlogTables::name(BlogTable::Posts), &posts, error) ||
        !maxId(m_db, BlogTables::name(BlogTable::Comments), &comments, error)) {
        return false;
    }
    m_firstUserId = users + 1;
    m_nextPostId = posts + 1;
    m_nextCommentId = comments + 1;
    return posts == 0 || readUsedSlugs(error);
}

bool SampleBlog::readUsedSlugs(QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT slug FROM posts"))) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        m_usedSlugs.insert(query.value(0).toString());
    }
    return true;
}

QString SampleBlog::timestamp(qint64 minutesFromStart) const
{
    static const QDateTime start(QDate(2024, 1, 1), QTime(8, 0), Qt::UTC);
    return SqlTime::format(start.addSecs(minutesFromStart * 60));
}

QString SampleBlog::pick(const QStringList& words)
{
    return words.at(int(m_random.bounded(quint32(words.size()))));
}

QString SampleBlog::paragraph(int sentenceCount)
{
    QStringList parts;
    for (int i = 0; i < sentenceCount; ++i) {
        parts << pick(sentences());
    }
    return parts.join(QLatin1Char(' '));
}

bool SampleBlog::insertUsers(QString* error)
{
    QString salt;
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 16; ++i) {
        salt += QLatin1Char(alphabet[m_random.bounded(62u)]);
    }
    // One hash for all: 600,000 PBKDF2 rounds per user would make a large sample crawl.
    const QString hash =
        PasswordHash::generateWithSalt(QString::fromLatin1(samplePassword()), salt);
    BatchInserter users(m_db, BlogTables::name(BlogTable::Users),
                        {QStringLiteral("id"), QStringLiteral("username"), QStringLiteral("email"),
                         QStringLiteral("password_hash"), QStringLiteral("is_active"),
                         QStringLiteral("created_at"), QStringLiteral("updated_at"),
                         QStringLiteral("last_login")});
    for (int i = 0; i < m_options.users; ++i) {
        const qint64 id = m_firstUserId + i;
        const QString name = firstNames().at(int(id - 1) % firstNames().size());
        const QString username = id <= firstNames().size() ? name : name + QString::number(id);
        const bool active = m_options.users < 2 || i != m_options.users - 1;
        const QString created = timestamp(i * 24 * 60);
        const QVariant lastLogin = active ? QVariant(timestamp(i * 24 * 60 + 90)) : QVariant();
        if (!users.add({id, username, username + QStringLiteral("@example.com"), hash, active,
                        created, created, lastLogin},
                       error)) {
            return false;
        }
        if (active) {
            m_activeUserIds << id;
        }
    }
    m_counts.users = m_options.users;
    return users.flush(error);
}

bool SampleBlog::insertProfiles(QString* error)
{
    BatchInserter profiles(m_db, BlogTables::name(BlogTable::Profiles),
                           {QStringLiteral("user_id"), QStringLiteral("bio"),
                            QStringLiteral("avatar_url"), QStringLiteral("website"),
                            QStringLiteral("location")});
    static const QStringList places{QStringLiteral("Berlin"), QStringLiteral("Lisbon"),
                                    QStringLiteral("Toronto"), QStringLiteral("Osaka")};
    for (int i = 0; i < m_options.users; i += 2) {
        const qint64 id = m_firstUserId + i;
        const QString bio = tr("Writes about %1.").arg(pick(titleTopics()));
        if (!profiles.add({id, bio, QStringLiteral("https://example.com/avatars/%1.png").arg(id),
                           QStringLiteral("https://example.com/~%1").arg(id), pick(places)},
                          error)) {
            return false;
        }
        ++m_counts.profiles;
    }
    return profiles.flush(error);
}

bool SampleBlog::readTagIds(QHash<QString, qint64>* byName, QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, name FROM tags"))) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        byName->insert(query.value(1).toString(), query.value(0).toLongLong());
    }
    return true;
}

// Reuses tags that exist already (the sample can be added to a database twice).
bool SampleBlog::insertTags(QString* error)
{
    QHash<QString, qint64> byName;
    if (!readTagIds(&byName, error)) {
        return false;
    }
    BatchInserter tags(m_db, BlogTables::name(BlogTable::Tags),
                       {QStringLiteral("name"), QStringLiteral("slug")});
    for (const QString& name : tagNames()) {
        if (!byName.contains(name)) {
            if (!tags.add({name, slugify(name)}, error)) {
                return false;
            }
            ++m_counts.tags;
        }
    }
    byName.clear();
    if (!tags.flush(error) || !readTagIds(&byName, error)) {
        return false;
    }
    for (const QString& name : tagNames()) {
        m_tagIds << byName.value(name);
    }
    return true;
}

bool SampleBlog::insertPosts(QString* error)
{
    BatchInserter posts(m_db, BlogTables::name(BlogTable::Posts),
                        {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("content"),
                         QStringLiteral("slug"), QStringLiteral("is_published"),
                         QStringLiteral("published_at"), QStringLiteral("created_at"),
                         QStringLiteral("updated_at"), QStringLiteral("user_id")});
    BatchInserter links(
        m_db, BlogTables::name(BlogTable::PostTags),
        {QStringLiteral("post_id"), QStringLiteral("tag_id"), QStringLiteral("created_at")});
    BatchInserter comments(m_db, BlogTables::name(BlogTable::Comments),
                           {QStringLiteral("id"), QStringLiteral("content"),
                            QStringLiteral("created_at"), QStringLiteral("user_id"),
                            QStringLiteral("post_id"), QStringLiteral("parent_id")});
    links.flushFirst(&posts);
    comments.flushFirst(&posts);
    m_posts = &posts;
    m_links = &links;
    m_comments = &comments;
    bool ok = true;
    for (int user = 0; ok && user < m_options.users; ++user) {
        for (int i = 0; ok && i < m_options.postsPerUser; ++i) {
            ok = insertPost(m_firstUserId + user, user * 24 * 60 + (i + 1) * 180, error);
        }
    }
    ok = ok && posts.flush(error) && links.flush(error) && comments.flush(error);
    m_posts = m_links = m_comments = nullptr;
    return ok;
}

bool SampleBlog::insertPost(qint64 userId, qint64 minute, QString* error)
{
    const qint64 id = m_nextPostId++;
    const QString title = pick(titleOpenings()) + QLatin1Char(' ') + pick(titleTopics());
    const QString slug =
        uniqueSlug(slugify(title), [this](const QString& s) { return m_usedSlugs.contains(s); });
    m_usedSlugs.insert(slug);
    const QString content = paragraph(3) + QStringLiteral("\n\n") + paragraph(4);
    const bool published = m_counts.posts % 4 != 3;
    const QString created = timestamp(minute);
    const QVariant publishedAt = published ? QVariant(timestamp(minute + 60)) : QVariant();
    ++m_counts.posts;
    if (!m_posts->add({id, title, content, slug, published, publishedAt, created, created, userId},
                      error)) {
        return false;
    }
    const int tagCount = 1 + int(m_random.bounded(3u));
    const int firstTag = int(m_random.bounded(quint32(m_tagIds.size())));
    for (int t = 0; t < tagCount; ++t) {
        const qint64 tagId = m_tagIds.at((firstTag + t) % m_tagIds.size());
        if (!m_links->add({id, tagId, created}, error)) {
            return false;
        }
    }
    return insertComments(id, minute, error);
}

// Roughly two in five comments start a thread; the rest reply to an earlier comment of the
// same post, which gives threads several levels deep.
bool SampleBlog::insertComments(qint64 postId, qint64 postMinute, QString* error)
{
    QList<qint64> thread;
    for (int c = 0; c < m_options.commentsPerPost; ++c) {
        const qint64 id = m_nextCommentId++;
        QVariant parent;
        if (!thread.isEmpty() && m_random.bounded(5u) >= 2) {
            parent = thread.at(int(m_random.bounded(quint32(thread.size()))));
        }
        const qint64 author =
            m_activeUserIds.isEmpty()
                ? m_firstUserId
                : m_activeUserIds.at(int(m_random.bounded(quint32(m_activeUserIds.size()))));
        if (!m_comments->add({id, pick(commentTexts()), timestamp(postMinute + 37 * (c + 1)),
                              author, postId, parent},
                             error)) {
            return false;
        }
        thread << id;
        ++m_counts.comments;
    }
    return true;
}

// Explicit ids do not move PostgreSQL's SERIAL sequences; without this the next INSERT that
// relies on the default would collide with a sample row (Dialect::advanceIdSequence).
bool SampleBlog::resetSequences(QString* error)
{
    const Dialect dialect = Dialect::of(m_db);
    for (const BlogTable table : BlogTables::all()) {
        if (BlogTables::keyColumns(table) != QStringList{QStringLiteral("id")}) {
            continue; // post_tags: no id, no sequence
        }
        const QString statement = dialect.advanceIdSequence(BlogTables::name(table));
        QSqlQuery query(m_db);
        if (!statement.isEmpty() && !query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}
