#include "PostService.h"

#include "sql/Dialect.h"
#include "sql/IdBatches.h"
#include "sql/Slugify.h"
#include "sql/SqlTime.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include "models/BlogTable.h"

const QString PostService::TitleField = QStringLiteral("title");
const QString PostService::SlugField = QStringLiteral("slug");
const QString PostService::ContentField = QStringLiteral("content");
const QString PostService::AuthorField = QStringLiteral("author");
const QString PostService::PublishedField = QStringLiteral("published");

namespace {

// The n-th slug candidate (1 = base itself), cut so that it fits VARCHAR(MaxSlug).
QString slugCandidate(const QString& base, int n)
{
    if (n == 1) {
        return base;
    }
    const QString suffix = QLatin1Char('-') + QString::number(n);
    return base.left(PostService::MaxSlug - suffix.size()) + suffix;
}

} // namespace

using IdBatches::placeholders;
using IdBatches::sortedUnique;
using ServiceSupport::characterCount;

PostService::PostService(QSqlDatabase db) : m_db(db) {}

bool PostService::load(qint64 id, PostRecord* record, QString* error, ColumnValues* asRead)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT title, slug, content, is_published, published_at, "
                                 "user_id FROM posts WHERE id = :id"));
    if (!ServiceSupport::readById(query, id, tr("Could not read post %1: %2"),
                                  tr("There is no post with id %1 (deleted meanwhile?)."), error)) {
        return false;
    }
    PostRecord loaded;
    loaded.id = id;
    loaded.title = query.value(0).toString();
    loaded.slug = query.value(1).toString();
    loaded.content = query.value(2).toString();
    loaded.isPublished = query.value(3).toBool(); // NULL (never written by Flask) reads false
    loaded.publishedAt = query.value(4);
    loaded.userId = query.value(5).toLongLong();
    const ColumnValues guarded = {{QStringLiteral("title"), query.value(0)},
                                  {QStringLiteral("slug"), query.value(1)},
                                  {QStringLiteral("content"), query.value(2)},
                                  {QStringLiteral("is_published"), query.value(3)},
                                  {QStringLiteral("user_id"), query.value(5)}};
    if (!loadTagIds(id, &loaded.tagIds, error)) {
        return false;
    }
    *record = loaded;
    if (asRead) {
        *asRead = guarded;
    }
    return true;
}

bool PostService::loadTagIds(qint64 postId, QList<qint64>* ids, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT tag_id FROM post_tags WHERE post_id = :id ORDER BY tag_id"));
    query.bindValue(QStringLiteral(":id"), postId);
    if (!query.exec()) {
        *error =
            tr("Could not read the tags of post %1: %2").arg(postId).arg(query.lastError().text());
        return false;
    }
    ids->clear();
    while (query.next()) {
        ids->append(query.value(0).toLongLong());
    }
    return true;
}

QString PostService::slugConflict(const QString& slug, qint64 exceptId)
{
    if (slug.isEmpty()) {
        return {};
    }
    const QString owner =
        ServiceSupport::ownerOf(m_db, BlogTables::name(BlogTable::Posts), QStringLiteral("slug"),
                                QStringLiteral("title"), slug, exceptId);
    return owner.isEmpty() ? QString() : tr("That slug is already used by post \"%1\"").arg(owner);
}

QString PostService::suggestSlug(const QString& title, qint64 exceptId)
{
    const QString base = slugify(title).left(MaxSlug);
    if (base.isEmpty()) {
        return {};
    }
    // uniqueSlug() asks base, base-2, base-3, ... in order; look them up a batch at a time.
    QSet<QString> taken;
    int asked = 0;
    int looked = 0; // candidates looked up so far
    int queries = 0;
    bool gaveUp = false;
    const auto isTaken = [&](const QString& /*candidate: slugCandidate(base, asked), uncut*/) {
        ++asked;
        if (asked > looked) {
            if (queries == MaxSlugQueries) {
                gaveUp = true;
                return false;
            }
            QStringList batch;
            for (int n = looked + 1; n <= looked + SlugCandidatesPerQuery; ++n) {
                batch << slugCandidate(base, n);
            }
            QStringList found;
            ++queries;
            if (!fetchTakenSlugs(batch, exceptId, &found)) {
                return false; // no answer: offer it, save() still has the unique index
            }
            taken.unite(QSet<QString>(found.begin(), found.end()));
            looked += SlugCandidatesPerQuery;
        }
        // uniqueSlug() does not cut to the column width; slugCandidate() does.
        return taken.contains(slugCandidate(base, asked));
    };
    uniqueSlug(base, isTaken);
    return gaveUp ? QString() : slugCandidate(base, asked);
}

bool PostService::fetchTakenSlugs(const QStringList& candidates, qint64 exceptId,
                                  QStringList* taken)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT slug FROM posts WHERE id <> ? AND slug IN (%1)")
                      .arg(placeholders(candidates.size())));
    query.addBindValue(exceptId);
    for (const QString& candidate : candidates) {
        query.addBindValue(candidate);
    }
    if (!query.exec()) {
        return false;
    }
    while (query.next()) {
        taken->append(query.value(0).toString());
    }
    return true;
}

ValidationErrors PostService::validate(const PostRecord& record)
{
    ValidationErrors errors;
    const int titleLength = characterCount(record.title);
    if (record.title.trimmed().isEmpty()) {
        errors[TitleField] = tr("Enter a title.");
    } else if (titleLength > MaxTitle) {
        errors[TitleField] = tr("A title has at most %1 characters (this one has %2).")
                                 .arg(MaxTitle)
                                 .arg(titleLength);
    }
    const int slugLength = characterCount(record.slug);
    if (record.slug.trimmed().isEmpty()) {
        errors[SlugField] = tr("Enter a slug (the title gives one when it has a letter or digit).");
    } else if (slugLength > MaxSlug) {
        errors[SlugField] =
            tr("A slug has at most %1 characters (this one has %2).").arg(MaxSlug).arg(slugLength);
    }
    if (record.content.trimmed().isEmpty()) {
        errors[ContentField] = tr("Write the post's content.");
    }
    if (record.userId <= 0) {
        errors[AuthorField] = tr("Choose the author.");
    }
    return errors;
}

bool PostService::save(PostRecord* record, const QList<qint64>& tagIds,
                       ValidationErrors* fieldErrors, QString* error, const ColumnValues& original,
                       RowConflict* conflict)
{
    error->clear();
    *fieldErrors = validate(*record);
    if (!fieldErrors->isEmpty()) {
        return false;
    }
    // No look-up first: the unique index is the only check that cannot race.
    RowConflict found;
    const bool written = write(record, tagIds, original, &found, error);
    if (conflict) {
        *conflict = found;
    }
    if (written || found.isConflict()) {
        return written;
    }
    // Another writer may have taken the slug since the dialog checked it: say so on the
    // field, not with the driver's text.
    const QString slugTaken = slugConflict(record->slug, record->id);
    if (!slugTaken.isEmpty()) {
        (*fieldErrors)[SlugField] = slugTaken;
        error->clear();
    }
    return false;
}

bool PostService::write(PostRecord* record, const QList<qint64>& tagIds,
                        const ColumnValues& original, RowConflict* conflict, QString* error)
{
    const QString now = SqlTime::nowUtc();
    PostRecord written = *record;
    const QList<qint64> wanted = sortedUnique(tagIds);
    const bool ok = ServiceSupport::inTransaction(
        m_db,
        [&](QString* why) {
            return (written.id == 0 ? insert(&written, now, why)
                                    : update(&written, now, original, conflict, why)) &&
                   writeLinks(written.id, record->tagIds, wanted, now, why);
        },
        error);
    if (!ok) {
        return false;
    }
    written.tagIds = wanted;
    *record = written; // only now: a rolled-back insert must not leave an id behind
    return true;
}

bool PostService::insert(PostRecord* record, const QString& now, QString* error)
{
    // created_at = updated_at on insert, as the model's two utcnow defaults give;
    // is_published is always written (the model's default False, never NULL).
    const QString statement = ServiceSupport::withReturningId(
        m_db, QStringLiteral("INSERT INTO posts (title, content, slug, is_published, "
                             "published_at, created_at, updated_at, user_id) VALUES (:title, "
                             ":content, :slug, :published, :publishedAt, :now, :now2, :user)"));
    const QVariant publishedAt = record->isPublished ? QVariant(now) : QVariant();
    QSqlQuery query(m_db);
    query.prepare(statement);
    query.bindValue(QStringLiteral(":title"), record->title);
    query.bindValue(QStringLiteral(":content"), record->content);
    query.bindValue(QStringLiteral(":slug"), record->slug);
    query.bindValue(QStringLiteral(":published"), record->isPublished);
    query.bindValue(QStringLiteral(":publishedAt"), publishedAt);
    query.bindValue(QStringLiteral(":now"), now);
    query.bindValue(QStringLiteral(":now2"), now);
    query.bindValue(QStringLiteral(":user"), record->userId);
    if (!ServiceSupport::runInsert(m_db, query, &record->id,
                                   tr("Not saved: the database did not report the new post's id."),
                                   error)) {
        return false;
    }
    record->publishedAt = publishedAt;
    return true;
}

bool PostService::update(PostRecord* record, const QString& now, const ColumnValues& original,
                         RowConflict* conflict, QString* error)
{
    bool published = false;
    if (record->isPublished && !markPublished(record->id, now, &published, error)) {
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE posts SET title = :title, content = :content, slug = "
                                 ":slug, is_published = :published, updated_at = :now, user_id = "
                                 ":user WHERE id = :id AND ") +
                  RowGuard::condition(m_db, original));
    query.bindValue(QStringLiteral(":title"), record->title);
    query.bindValue(QStringLiteral(":content"), record->content);
    query.bindValue(QStringLiteral(":slug"), record->slug);
    query.bindValue(QStringLiteral(":published"), record->isPublished);
    query.bindValue(QStringLiteral(":now"), now);
    query.bindValue(QStringLiteral(":user"), record->userId);
    query.bindValue(QStringLiteral(":id"), record->id);
    RowGuard::bind(query, original);
    if (!RowGuard::runUpdate(m_db, query, BlogTables::name(BlogTable::Posts), record->id, original,
                             conflict, error)) {
        return false;
    }
    if (conflict->isConflict()) {
        *error = RowGuard::message(*conflict, tr("post %1").arg(record->id));
        return false;
    }
    if (published) {
        record->publishedAt = now;
    }
    return true;
}

// Publishing: published_at = now only when the stored row is not published yet (false or
// NULL), decided by the database inside the transaction rather than by what was loaded.
bool PostService::markPublished(qint64 id, const QString& now, bool* published, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE posts SET published_at = :now WHERE id = :id AND "
                                 "(is_published IS NULL OR is_published <> :yes)"));
    query.bindValue(QStringLiteral(":now"), now);
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":yes"), true);
    if (!query.exec()) {
        *error = ServiceSupport::writeFailure(m_db, query.lastError());
        return false;
    }
    *published = query.numRowsAffected() > 0;
    return true;
}

bool PostService::writeLinks(qint64 postId, const QList<qint64>& before,
                             const QList<qint64>& wanted, const QString& now, QString* error)
{
    QList<qint64> stored;
    if (!before.isEmpty() || !wanted.isEmpty()) {
        // Read under the transaction: what is linked now, whoever linked it.
        if (!loadTagIds(postId, &stored, error)) {
            return false;
        }
    }
    const QSet<qint64> wantedSet(wanted.begin(), wanted.end());
    const QSet<qint64> storedSet(stored.begin(), stored.end());
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM post_tags WHERE post_id = :post AND tag_id = :tag"));
    for (const qint64 tagId : sortedUnique(before)) {
        if (wantedSet.contains(tagId) || !storedSet.contains(tagId)) {
            continue; // kept, or already gone
        }
        remove.bindValue(QStringLiteral(":post"), postId);
        remove.bindValue(QStringLiteral(":tag"), tagId);
        if (!remove.exec()) {
            *error = ServiceSupport::writeFailure(m_db, remove.lastError());
            return false;
        }
    }
    // A link that exists keeps its created_at, also one another user made since the read
    // above (the servers do not lock rows that were not there yet).
    QSqlQuery add(m_db);
    add.prepare(Dialect::of(m_db).insertUnlessPresent(
        BlogTables::name(BlogTable::PostTags),
        {QStringLiteral("post_id"), QStringLiteral("tag_id"), QStringLiteral("created_at")},
        {QStringLiteral("post_id"), QStringLiteral("tag_id")}));
    for (const qint64 tagId : wanted) {
        if (storedSet.contains(tagId)) {
            continue;
        }
        add.addBindValue(postId);
        add.addBindValue(tagId);
        add.addBindValue(now);
        if (!add.exec()) {
            *error = ServiceSupport::writeFailure(m_db, add.lastError());
            return false;
        }
    }
    return true;
}
