#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <functional>

#include "models/records/SampleText.h"

class BulkInserter;
struct SampleLanguage;

struct SampleBlogOptions
{
    int users = 6;
    int postsPerUser = 3;
    int commentsPerPost = 5;
    quint32 seed = 1;
};

struct SampleBlogCounts
{
    qint64 users = 0;
    qint64 profiles = 0;
    qint64 posts = 0;
    qint64 tags = 0;
    qint64 postTags = 0;
    qint64 comments = 0;

    qint64 rows() const { return users + profiles + posts + tags + postTags + comments; }
};

// How far the sample is: `done` of `total` users, posts and comments (the rows whose number is
// known in advance), and every row written so far.
struct SampleBlogProgress
{
    qint64 done = 0;
    qint64 total = 0;
    qint64 rows = 0;
};

// Fills a migrated database with a deterministic blog: the same options give the same rows
// (names, texts, timestamps, threads) on every back end. Exactly users × postsPerUser posts and
// posts × commentsPerPost comments, spread unevenly: texts in ten languages and five scripts
// with emoji, inactive and soft-deleted users, drafts, a long tail of tags, threads up to
// MaxDepth deep and, from BigThreadFrom comments on, one post with a BigThread-comment thread.
// Every sample user's password is "password": hashed once and the stored string reused, since
// 600,000 PBKDF2 rounds per user would take hours for a large sample.
// Rows stream to the database through BulkInserter (nothing is held but the users' ids), in
// one transaction: on failure nothing is left behind. On SQLite the connection's page cache is
// raised to 256 MB for the run and set back after it.
class SampleBlog
{
    Q_DECLARE_TR_FUNCTIONS(SampleBlog)

public:
    static constexpr int MaxDepth = 8;
    static constexpr int BigThread = 5000;
    static constexpr qint64 BigThreadFrom = 20000;
    // Rows per INSERT on the servers: one round trip each (SQLite is written row by row).
    static constexpr int ServerRowsPerStatement = 500;

    static const char* samplePassword() { return "password"; }

    SampleBlog(QSqlDatabase db, const SampleBlogOptions& options);
    ~SampleBlog();

    // Called now and then while the sample is written (on the calling thread).
    void setProgress(std::function<void(const SampleBlogProgress&)> progress);
    bool populate(QString* error);
    SampleBlogCounts counts() const { return m_counts; }

private:
    struct PostTime;

    bool insertAll(QString* error);
    bool readNextIds(QString* error);
    bool readUsedSlugs(QString* error);
    bool insertUsers(QString* error);
    bool insertProfiles(QString* error);
    bool readTags(QHash<QString, qint64>* idByName, QSet<QString>* slugs, QString* error);
    QStringList tagNames() const;
    bool insertTags(QString* error);
    bool resetSequences(QString* error);
    void advance(qint64 done);
    qint64 userCreated(int index) const;

    // SampleBlogPosts.cpp: the posts pass, with their tag links and comments.
    bool insertPosts(QString* error);
    bool insertPost(qint64 userId, qint64 micros, int comments, QString* error);
    QString uniqueSlug(const QString& base);
    bool insertTagLinks(qint64 postId, const QString& created, QString* error);
    int commentsForNextPost(qint64 postsLeft);
    bool insertComments(qint64 postId, qint64 postMicros, int count, const SampleLanguage& language,
                        QString* error);

    QSqlDatabase m_db;
    SampleBlogOptions m_options;
    SampleRandom m_random;
    SampleText m_text;
    SampleBlogCounts m_counts;
    std::function<void(const SampleBlogProgress&)> m_progress;
    SampleBlogProgress m_progressState;
    qint64 m_nextProgressAt = 0;
    qint64 m_firstUserId = 1;
    qint64 m_nextPostId = 1;
    qint64 m_nextCommentId = 1;
    qint64 m_commentsLeft = 0;
    QList<qint64> m_tagIds;
    QList<qint64> m_activeUserIds;
    QSet<QString> m_usedSlugs;          // slugs of the posts there before the sample
    QHash<QString, int> m_slugSuffixes; // per slug base, the last suffix given
    // The batches of the posts pass, alive only during insertPosts().
    BulkInserter* m_posts = nullptr;
    BulkInserter* m_links = nullptr;
    BulkInserter* m_comments = nullptr;
};
