#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "models/records/PostRecord.h"
#include "models/records/RowConflict.h"
#include "models/records/ServiceSupport.h"

// Reads, checks and writes one post with its tag links (the tags themselves: TagService).
// Every statement is short and bound; nothing here keeps a query or a transaction open between
// calls, so an open dialog never blocks other writers.
//
// Publishing: is_published false -> true sets published_at to now, as the Flask model's
// publish() does. Unpublishing keeps published_at: the model has no unpublish() and never
// clears the column, so the date of the first publication stays readable. Saving a post that
// stays published keeps its published_at (re-saving is not re-publishing).
class PostService
{
    Q_DECLARE_TR_FUNCTIONS(PostService)

public:
    static constexpr int MaxTitle = 200; // VARCHAR(200)
    static constexpr int MaxSlug = 200;  // VARCHAR(200)
    static constexpr int SlugCandidatesPerQuery = 25;
    static constexpr int MaxSlugQueries = 8; // suggestSlug() gives up after 200 candidates

    // The fields of ValidationErrors (ServiceSupport.h) and of a conflict (PublishedField).
    static const QString TitleField;
    static const QString SlugField;
    static const QString ContentField;
    static const QString AuthorField;
    static const QString PublishedField;

    explicit PostService(QSqlDatabase db);

    QSqlDatabase database() const { return m_db; }

    // The post and its tag ids (record->tagIds, ascending).
    // *asRead (when given) gets the guarded columns exactly as read: the originals of save().
    bool load(qint64 id, PostRecord* record, QString* error, ColumnValues* asRead = nullptr);

    // 'That slug is already used by post "Hello"' when another post (not `exceptId`) holds
    // `slug`; empty when it is free or empty.
    QString slugConflict(const QString& slug, qint64 exceptId);

    // slugify(title), made unique among the other posts with -2, -3, ... (uniqueSlug()), at
    // most MaxSlugQueries queries of SlugCandidatesPerQuery candidates each. Empty when the
    // title has no letter or digit, or when every candidate looked at is taken.
    QString suggestSlug(const QString& title, qint64 exceptId);

    // Checks that need no database: required fields and column lengths.
    static ValidationErrors validate(const PostRecord& record);

    // Inserts (id 0) or updates the post, then links it to exactly `tagIds`, in one short
    // transaction. Links are diffed, not rewritten: only links removed since record->tagIds
    // was loaded are deleted, only missing ones inserted (post_tags.created_at = now); links
    // kept keep their created_at, and links someone else added meanwhile stay. On a
    // constraint violation *fieldErrors names the field; any other failure is in *error.
    // True only when the rows were written; then record->id, publishedAt and tagIds are the
    // stored ones.
    // With `original` (load()'s *asRead) an update writes only while the post row still holds
    // those values; otherwise nothing is written and *conflict says what changed (RowGuard).
    // The tag links are merged as above either way.
    bool save(PostRecord* record, const QList<qint64>& tagIds, ValidationErrors* fieldErrors,
              QString* error, const ColumnValues& original = {}, RowConflict* conflict = nullptr);

private:
    bool loadTagIds(qint64 postId, QList<qint64>* ids, QString* error);
    bool fetchTakenSlugs(const QStringList& candidates, qint64 exceptId, QStringList* taken);
    bool write(PostRecord* record, const QList<qint64>& tagIds, const ColumnValues& original,
               RowConflict* conflict, QString* error);
    bool insert(PostRecord* record, const QString& now, QString* error);
    bool update(PostRecord* record, const QString& now, const ColumnValues& original,
                RowConflict* conflict, QString* error);
    bool markPublished(qint64 id, const QString& now, bool* published, QString* error);
    bool writeLinks(qint64 postId, const QList<qint64>& before, const QList<qint64>& wanted,
                    const QString& now, QString* error);

    QSqlDatabase m_db;
};
