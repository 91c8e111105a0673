// SampleBlog's posts pass: posts, their tag links and their comment threads, streamed.
#include "SampleBlog.h"
#include "sql/BulkInserter.h"
#include "sql/SqlTime.h"

#include <QVarLengthArray>

#include "models/BlogTable.h"
#include "models/records/SampleTimeline.h"
#include "models/records/SampleVocabulary.h"

namespace {

// Out of four: how a post's share of the comments left is drawn (mean 4, so the total stays
// exact while some posts get none and some twice their share).
constexpr int ShareWeights[] = {0, 2, 2, 4, 4, 4, 4, 6, 6, 8};
// A new comment starts a thread this often; otherwise it replies to one of the last few.
constexpr int TopLevelPercent = 35;
constexpr int RepliesToRecent = 6;
constexpr int TagsPerPostAtMost = 3;
constexpr int DraftEvery = 5; // every fifth post is a draft

} // namespace

bool SampleBlog::insertPosts(QString* error)
{
    const auto posts = BulkInserter::create(
        m_db, BlogTables::name(BlogTable::Posts),
        {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("content"),
         QStringLiteral("slug"), QStringLiteral("is_published"), QStringLiteral("published_at"),
         QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("user_id")},
        ServerRowsPerStatement);
    const auto links = BulkInserter::create(
        m_db, BlogTables::name(BlogTable::PostTags),
        {QStringLiteral("post_id"), QStringLiteral("tag_id"), QStringLiteral("created_at")},
        ServerRowsPerStatement);
    const auto comments = BulkInserter::create(
        m_db, BlogTables::name(BlogTable::Comments),
        {QStringLiteral("id"), QStringLiteral("content"), QStringLiteral("created_at"),
         QStringLiteral("user_id"), QStringLiteral("post_id"), QStringLiteral("parent_id")},
        ServerRowsPerStatement);
    links->flushFirst(posts.get());
    comments->flushFirst(posts.get());
    m_posts = posts.get();
    m_links = links.get();
    m_comments = comments.get();
    const int perUser = m_options.postsPerUser;
    qint64 postsLeft = qint64(m_options.users) * perUser;
    m_commentsLeft = postsLeft * m_options.commentsPerPost;
    bool bigThread = m_commentsLeft >= BigThreadFrom && postsLeft >= 2;
    bool ok = true;
    for (int user = 0; ok && user < m_options.users; ++user) {
        const qint64 joined = userCreated(user);
        const qint64 gap = (SampleTimeline::end() - joined) / (perUser + 1);
        for (int i = 0; ok && i < perUser; ++i, --postsLeft) {
            const qint64 jitter = m_random.below(int(qMin(gap / SampleTimeline::Second, 86400LL)));
            const qint64 micros = joined + (i + 1) * gap - jitter * SampleTimeline::Second;
            const int count = bigThread ? BigThread : commentsForNextPost(postsLeft);
            bigThread = false;
            ok = insertPost(m_firstUserId + user, micros, count, error);
        }
    }
    ok = ok && posts->flush(error) && links->flush(error) && comments->flush(error);
    m_posts = m_links = m_comments = nullptr;
    return ok;
}

int SampleBlog::commentsForNextPost(qint64 postsLeft)
{
    if (postsLeft <= 1) {
        return int(m_commentsLeft);
    }
    const int weight = ShareWeights[m_random.below(int(std::size(ShareWeights)))];
    const qint64 spare = m_commentsLeft - postsLeft;
    // While there are comments enough, every post gets one (a thread to show) and a share of
    // the rest.
    if (spare >= 0) {
        return int(1 + spare * weight / (postsLeft * 4));
    }
    return int(m_commentsLeft * weight / (postsLeft * 4));
}

QString SampleBlog::uniqueSlug(const QString& base)
{
    int& suffix = m_slugSuffixes[base];
    QString candidate;
    do {
        ++suffix;
        candidate = suffix == 1 ? base : base + QLatin1Char('-') + QString::number(suffix);
    } while (m_usedSlugs.contains(candidate));
    return candidate;
}

bool SampleBlog::insertPost(qint64 userId, qint64 micros, int comments, QString* error)
{
    const qint64 id = m_nextPostId++;
    const SampleLanguage& language = m_text.language();
    const SampleTitle title = m_text.title(language);
    const QString slug = uniqueSlug(title.slugBase);
    const QString content = m_text.content(language);
    const bool published = m_counts.posts % DraftEvery != DraftEvery - 1;
    const QString created = SqlTime::fromEpochMicros(micros);
    const QVariant publishedAt = published
                                     ? QVariant(SqlTime::fromEpochMicros(
                                           micros + m_random.below(7200) * SampleTimeline::Second))
                                     : QVariant();
    const QString updated =
        m_random.percent(20)
            ? SqlTime::fromEpochMicros(micros + m_random.below(30 * 86400) * SampleTimeline::Second)
            : created;
    ++m_counts.posts;
    if (!m_posts->add(
            {id, title.text, content, slug, published, publishedAt, created, updated, userId},
            error)) {
        return false;
    }
    advance(1);
    return insertTagLinks(id, created, error) &&
           insertComments(id, micros, comments, language, error);
}

// One to three tags a post, drawn from the long tail: the first tags end up on many posts,
// the last ones on a few.
bool SampleBlog::insertTagLinks(qint64 postId, const QString& created, QString* error)
{
    QVarLengthArray<qint64, TagsPerPostAtMost> chosen;
    const int wanted = 1 + m_random.below(TagsPerPostAtMost);
    for (int t = 0; t < wanted && !m_tagIds.isEmpty(); ++t) {
        const qint64 tagId = m_tagIds.at(m_random.longTail(int(m_tagIds.size())));
        if (chosen.contains(tagId)) {
            continue;
        }
        chosen.append(tagId);
        if (!m_links->add({postId, tagId, created}, error)) {
            return false;
        }
        ++m_counts.postTags;
    }
    return true;
}

// Comments come one after another; roughly a third start a thread, the rest reply to one of
// the last few comments, so threads run deep, never deeper than MaxDepth.
bool SampleBlog::insertComments(qint64 postId, qint64 postMicros, int count,
                                const SampleLanguage& language, QString* error)
{
    QList<qint64> ids;
    QList<qint8> depths;
    ids.reserve(count);
    depths.reserve(count);
    const qint64 spacing =
        qMin(3 * SampleTimeline::Day, (SampleTimeline::end() - postMicros) / (count + 1));
    for (int c = 0; c < count; ++c) {
        const qint64 id = m_nextCommentId++;
        int parent = -1;
        if (c > 0 && !m_random.percent(TopLevelPercent)) {
            parent = c - 1 - m_random.below(qMin(c, RepliesToRecent));
            if (depths.at(parent) >= MaxDepth) {
                parent = -1;
            }
        }
        const qint64 author = m_activeUserIds.isEmpty()
                                  ? m_firstUserId
                                  : m_activeUserIds.at(m_random.below(int(m_activeUserIds.size())));
        const qint64 micros = postMicros + (c + 1) * spacing + m_random.below(1000000);
        if (!m_comments->add({id, m_text.comment(language), SqlTime::fromEpochMicros(micros),
                              author, postId, parent < 0 ? QVariant() : QVariant(ids.at(parent))},
                             error)) {
            return false;
        }
        ids << id;
        depths << qint8(parent < 0 ? 1 : depths.at(parent) + 1);
        --m_commentsLeft;
        ++m_counts.comments;
        advance(1);
    }
    return true;
}
