#include "SampleBlog.h"

#include "sql/BulkInserter.h"
#include "sql/Dialect.h"
#include "sql/Slugify.h"
#include "sql/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>

#include "models/BlogTable.h"
#include "models/records/PasswordHash.h"
#include "models/records/SampleTimeline.h"
#include "models/records/SampleVocabulary.h"
#include "models/records/SqliteBulkLoad.h"

namespace {

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

bool run(QSqlDatabase& db, const QString& statement, QString* error)
{
    QSqlQuery query(db);
    if (query.exec(statement)) {
        return true;
    }
    *error = query.lastError().text();
    return false;
}

// While it lives, a SQLite connection keeps up to 256 MB of pages in its cache: the sample's
// transaction then spills less to the file before the commit. Journaling and synchronous
// writes stay as they are. The connection's own cache size is set back at the end.
class BiggerSqliteCache
{
public:
    explicit BiggerSqliteCache(QSqlDatabase db) : m_db(db)
    {
        if (Dialect::of(m_db).kind() != SqlDialect::SQLite) {
            return;
        }
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("PRAGMA cache_size")) && query.next()) {
            m_before = query.value(0).toString();
        }
        QString ignored; // without the bigger cache the sample is only slower
        run(m_db, QStringLiteral("PRAGMA cache_size = -262144"), &ignored);
    }
    ~BiggerSqliteCache()
    {
        QString ignored;
        if (!m_before.isEmpty()) {
            run(m_db, QStringLiteral("PRAGMA cache_size = %1").arg(m_before.toLongLong()),
                &ignored);
        }
    }
    BiggerSqliteCache(const BiggerSqliteCache&) = delete;
    BiggerSqliteCache& operator=(const BiggerSqliteCache&) = delete;

private:
    QSqlDatabase m_db;
    QString m_before;
};

constexpr qint64 ProgressEvery = 20000; // users, posts and comments between progress calls

} // namespace

SampleBlog::SampleBlog(QSqlDatabase db, const SampleBlogOptions& options)
    : m_db(db), m_options(options), m_random(options.seed), m_text(m_random)
{}

SampleBlog::~SampleBlog() = default;

void SampleBlog::setProgress(std::function<void(const SampleBlogProgress&)> progress)
{
    m_progress = std::move(progress);
}

bool SampleBlog::populate(QString* error)
{
    const qint64 posts = qint64(m_options.users) * m_options.postsPerUser;
    m_progressState = {0, m_options.users + posts + posts * m_options.commentsPerPost, 0};
    m_nextProgressAt = 0;
    const BiggerSqliteCache cache(m_db);
    bool ok = m_db.transaction();
    if (!ok) {
        *error = tr("cannot start a transaction: %1").arg(m_db.lastError().text());
    } else if (!(ok = insertAll(error) && m_db.commit())) {
        if (error->isEmpty()) {
            *error = tr("commit failed: %1").arg(m_db.lastError().text());
        }
        m_db.rollback();
        m_counts = {};
    }
    return ok;
}

bool SampleBlog::insertAll(QString* error)
{
    SqliteBulkLoad bulkLoad(m_db);
    return readNextIds(error) && bulkLoad.suspend(error) && insertUsers(error) &&
           insertProfiles(error) && insertTags(error) && insertPosts(error) &&
           resetSequences(error) && bulkLoad.finish(error);
}

void SampleBlog::advance(qint64 done)
{
    m_progressState.done += done;
    if (m_progress && m_progressState.done >= m_nextProgressAt) {
        m_progressState.rows = m_counts.rows();
        m_progress(m_progressState);
        m_nextProgressAt = m_progressState.done + ProgressEvery;
    }
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

qint64 SampleBlog::userCreated(int index) const
{
    return SampleTimeline::userCreated(index, m_options.users);
}

// The last user is inactive, the fifth soft-deleted (the guide's soft delete sets deleted_at
// and nothing else); past the named users, 3 in 100 are inactive and 1 in 100 soft-deleted.
bool SampleBlog::insertUsers(QString* error)
{
    // One hash for all: 600,000 PBKDF2 rounds per user would make a large sample crawl.
    QString salt;
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 16; ++i) {
        salt += QLatin1Char(alphabet[m_random.below(62)]);
    }
    const QString hash =
        PasswordHash::generateWithSalt(QString::fromLatin1(samplePassword()), salt);
    const auto users = BulkInserter::create(
        m_db, BlogTables::name(BlogTable::Users),
        {QStringLiteral("id"), QStringLiteral("username"), QStringLiteral("email"),
         QStringLiteral("password_hash"), QStringLiteral("is_active"), QStringLiteral("created_at"),
         QStringLiteral("updated_at"), QStringLiteral("last_login"), QStringLiteral("deleted_at")},
        ServerRowsPerStatement);
    const QStringList& names = SampleVocabulary::firstNames();
    const int userCount = m_options.users;
    for (int i = 0; i < userCount; ++i) {
        const qint64 id = m_firstUserId + i;
        const QString& name = names.at(int((id - 1) % names.size()));
        const QString username = id <= names.size() ? name : name + QString::number(id);
        const bool named = i < names.size();
        const bool active =
            (userCount < 2 || i != userCount - 1) && (named || !m_random.percent(3));
        const bool deleted = (i == 4 && userCount > 5) || (!named && m_random.percent(1));
        const qint64 created = userCreated(i);
        const qint64 end = SampleTimeline::end();
        const QVariant lastLogin =
            active ? QVariant(SqlTime::fromEpochMicros(created + (end - created) / 100 *
                                                                     (50 + m_random.below(50))))
                   : QVariant();
        const QVariant deletedAt =
            deleted ? QVariant(SqlTime::fromEpochMicros(created + (end - created) / 2))
                    : QVariant();
        const QString createdText = SqlTime::fromEpochMicros(created);
        if (!users->add({id, username, username + QStringLiteral("@example.com"), hash, active,
                         createdText, createdText, lastLogin, deletedAt},
                        error)) {
            return false;
        }
        if (active && !deleted) {
            m_activeUserIds << id;
        }
        ++m_counts.users;
        advance(1);
    }
    return users->flush(error);
}

bool SampleBlog::insertProfiles(QString* error)
{
    const auto profiles = BulkInserter::create(
        m_db, BlogTables::name(BlogTable::Profiles),
        {QStringLiteral("user_id"), QStringLiteral("bio"), QStringLiteral("avatar_url"),
         QStringLiteral("website"), QStringLiteral("location")},
        ServerRowsPerStatement);
    for (int i = 0; i < m_options.users; i += 2) {
        const qint64 id = m_firstUserId + i;
        const SampleLanguage& language = m_text.language();
        if (!profiles->add({id, m_text.bio(language),
                            QStringLiteral("https://example.com/avatars/%1.png").arg(id),
                            QStringLiteral("https://example.com/~%1").arg(id),
                            m_text.place(language)},
                           error)) {
            return false;
        }
        ++m_counts.profiles;
    }
    return profiles->flush(error);
}

bool SampleBlog::readTags(QHash<QString, qint64>* idByName, QSet<QString>* slugs, QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT id, name, slug FROM tags"))) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        idByName->insert(query.value(1).toString(), query.value(0).toLongLong());
        slugs->insert(query.value(2).toString());
    }
    return true;
}

// Eight tags for a small sample, one more per thousand posts up to all the vocabulary makes
// (the tag words, then each word with each qualifier).
QStringList SampleBlog::tagNames() const
{
    const QStringList& words = SampleVocabulary::tagWords();
    const QStringList& qualifiers = SampleVocabulary::tagQualifiers();
    const qint64 posts = qint64(m_options.users) * m_options.postsPerUser;
    const qint64 wanted = qMin(8 + posts / 1000, qint64(words.size()) * (1 + qualifiers.size()));
    QStringList names = words.mid(0, int(qMin(wanted, qint64(words.size()))));
    for (int q = 0; names.size() < wanted; ++q) {
        for (int w = 0; w < words.size() && names.size() < wanted; ++w) {
            names << words.at(w) + QLatin1Char(' ') + qualifiers.at(q);
        }
    }
    return names;
}

// Reuses tags that exist already (the sample can be added to a database twice) and leaves out
// a name whose slug another tag has taken.
bool SampleBlog::insertTags(QString* error)
{
    QHash<QString, qint64> idByName;
    QSet<QString> slugs;
    if (!readTags(&idByName, &slugs, error)) {
        return false;
    }
    const auto tags = BulkInserter::create(m_db, BlogTables::name(BlogTable::Tags),
                                           {QStringLiteral("name"), QStringLiteral("slug")},
                                           ServerRowsPerStatement);
    const QStringList names = tagNames();
    for (const QString& name : names) {
        const QString slug = slugify(name);
        if (!idByName.contains(name) && !slugs.contains(slug)) {
            if (!tags->add({name, slug}, error)) {
                return false;
            }
            slugs.insert(slug);
            ++m_counts.tags;
        }
    }
    idByName.clear();
    if (!tags->flush(error) || !readTags(&idByName, &slugs, error)) {
        return false;
    }
    for (const QString& name : names) {
        if (idByName.contains(name)) {
            m_tagIds << idByName.value(name);
        }
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
        if (!statement.isEmpty() && !run(m_db, statement, error)) {
            return false;
        }
    }
    return true;
}
