#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

class BatchInserter;

struct SampleBlogOptions
{
    int users = 6;
    int postsPerUser = 3;
    int commentsPerPost = 5;
    quint32 seed = 1;
};

struct SampleBlogCounts
{
    int users = 0;
    int profiles = 0;
    int posts = 0;
    int tags = 0;
    int comments = 0;
};

// Fills a migrated database with a deterministic blog: the same options give the same rows
// (names, texts, timestamps, threads) on every back end. There is an inactive user, drafts,
// tagged posts and nested comment threads; every sample user's password is "password".
// Everything goes in one transaction: on failure nothing is left behind.
class SampleBlog
{
    Q_DECLARE_TR_FUNCTIONS(SampleBlog)

public:
    static const char* samplePassword() { return "password"; }

    SampleBlog(QSqlDatabase db, const SampleBlogOptions& options);

    bool populate(QString* error);
    SampleBlogCounts counts() const { return m_counts; }

private:
    bool insertAll(QString* error);
    bool readNextIds(QString* error);
    bool readUsedSlugs(QString* error);
    bool insertUsers(QString* error);
    bool insertProfiles(QString* error);
    bool readTagIds(QHash<QString, qint64>* byName, QString* error);
    bool insertTags(QString* error);
    bool insertPosts(QString* error);
    bool insertPost(qint64 userId, qint64 minute, QString* error);
    bool insertComments(qint64 postId, qint64 postMinute, QString* error);
    bool resetSequences(QString* error);
    QString timestamp(qint64 minutesFromStart) const;
    QString pick(const QStringList& words);
    QString paragraph(int sentences);

    QSqlDatabase m_db;
    SampleBlogOptions m_options;
    QRandomGenerator m_random;
    SampleBlogCounts m_counts;
    qint64 m_firstUserId = 1;
    qint64 m_nextPostId = 1;
    qint64 m_nextCommentId = 1;
    QList<qint64> m_tagIds;
    QList<qint64> m_activeUserIds;
    QSet<QString> m_usedSlugs;
    // The batches of the posts pass, alive only during insertPosts().
    BatchInserter* m_posts = nullptr;
    BatchInserter* m_links = nullptr;
    BatchInserter* m_comments = nullptr;
};
