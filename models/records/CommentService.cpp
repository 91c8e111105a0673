#include "CommentService.h"

#include "sql/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "models/BlogTable.h"

const QString CommentService::ContentField = QStringLiteral("content");
const QString CommentService::AuthorField = QStringLiteral("author");
const QString CommentService::PostField = QStringLiteral("post");
const QString CommentService::ParentField = QStringLiteral("parent");

namespace {

constexpr int SummaryLength = 40;

QVariant idOrNull(qint64 id)
{
    return id == 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(id);
}

} // namespace

CommentService::CommentService(QSqlDatabase db) : m_db(db) {}

bool CommentService::load(qint64 id, CommentRecord* record, QString* error, ColumnValues* asRead)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT content, user_id, post_id, parent_id FROM comments WHERE id = :id"));
    if (!ServiceSupport::readById(query, id, tr("Could not read comment %1: %2"),
                                  tr("There is no comment with id %1 (deleted meanwhile?)."),
                                  error)) {
        return false;
    }
    record->id = id;
    record->content = query.value(0).toString();
    record->userId = query.value(1).toLongLong();
    record->postId = query.value(2).toLongLong();
    record->parentId = query.value(3).toLongLong(); // NULL reads as 0
    if (asRead) {
        *asRead = {{QStringLiteral("content"), query.value(0)},
                   {QStringLiteral("user_id"), query.value(1)},
                   {QStringLiteral("post_id"), query.value(2)},
                   {QStringLiteral("parent_id"), query.value(3)}};
    }
    return true;
}

bool CommentService::loadParent(qint64 id, CommentParent* parent, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT c.post_id, c.content, u.username FROM comments c "
                                 "LEFT JOIN users u ON u.id = c.user_id WHERE c.id = :id"));
    if (!ServiceSupport::readById(query, id, tr("Could not read comment %1: %2"),
                                  tr("There is no comment with id %1 (deleted meanwhile?)."),
                                  error)) {
        return false;
    }
    parent->id = id;
    parent->postId = query.value(0).toLongLong();
    QString text = query.value(1).toString().simplified();
    if (text.size() > SummaryLength) {
        text = text.left(SummaryLength) + QChar(0x2026);
    }
    const QString author =
        query.value(2).isNull() ? tr("a missing user") : query.value(2).toString();
    parent->summary = tr("#%1 by %2: %3").arg(id).arg(author, text);
    return true;
}

ValidationErrors CommentService::validate(const CommentRecord& record, qint64 parentPostId)
{
    ValidationErrors errors;
    if (record.content.trimmed().isEmpty()) {
        errors[ContentField] = tr("Write the comment.");
    }
    if (record.userId == 0) {
        errors[AuthorField] = tr("Choose the author.");
    }
    if (record.postId == 0) {
        errors[PostField] = tr("Choose the post.");
    }
    if (record.parentId != 0 && record.parentId == record.id) {
        errors[ParentField] = tr("A comment cannot reply to itself.");
    } else if (record.parentId != 0 && record.postId != 0 && parentPostId != record.postId) {
        errors[ParentField] = tr("The comment replied to is on another post: choose that post "
                                 "or clear the reply.");
    }
    return errors;
}

bool CommentService::save(CommentRecord* record, ValidationErrors* fieldErrors, QString* error,
                          const ColumnValues& original, RowConflict* conflict)
{
    error->clear();
    RowConflict found;
    // The parent's post is checked in the transaction below.
    *fieldErrors = validate(*record, record->postId);
    if (!fieldErrors->isEmpty()) {
        return false;
    }
    CommentRecord written = *record;
    const bool ok = ServiceSupport::inTransaction(
        m_db,
        [this, &written, fieldErrors, &original, &found](QString* why) {
            if (!checkReferences(written, fieldErrors, why) ||
                !checkParent(written, fieldErrors, why) ||
                !checkReplies(written, fieldErrors, why)) {
                return false;
            }
            // The checks ran inside this transaction, so what they saw is what is written.
            return written.id == 0 ? insert(&written, why) : update(written, original, &found, why);
        },
        error);
    if (conflict) {
        *conflict = found;
    }
    if (ok) {
        *record = written; // only now: a rolled-back insert must not leave an id behind
        return true;
    }
    if (!fieldErrors->isEmpty()) {
        error->clear();
    }
    return false;
}

bool CommentService::checkReferences(const CommentRecord& record, ValidationErrors* errors,
                                     QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM users WHERE id = :user), "
                                 "(SELECT COUNT(*) FROM posts WHERE id = :post)"));
    query.bindValue(QStringLiteral(":user"), record.userId);
    query.bindValue(QStringLiteral(":post"), record.postId);
    if (!query.exec() || !query.next()) {
        *error = ServiceSupport::writeFailure(m_db, query.lastError());
        return false;
    }
    if (record.userId != 0 && query.value(0).toLongLong() == 0) {
        (*errors)[AuthorField] =
            tr("User %1 no longer exists: choose another author.").arg(record.userId);
    }
    if (record.postId != 0 && query.value(1).toLongLong() == 0) {
        (*errors)[PostField] =
            tr("Post %1 no longer exists: choose another post.").arg(record.postId);
    }
    return errors->isEmpty();
}

bool CommentService::checkParent(const CommentRecord& record, ValidationErrors* errors,
                                 QString* error)
{
    if (record.parentId == 0) {
        return true;
    }
    // The parent's post, and whether the parent is this comment or one of its own replies
    // (walking up from the parent reaches this comment): that reply would make a loop.
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("WITH RECURSIVE up(id, parent_id, depth) AS ("
                                 "SELECT id, parent_id, 0 FROM comments WHERE id = :parent "
                                 "UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM comments c "
                                 "JOIN up ON c.id = up.parent_id WHERE up.depth < 10000) "
                                 "SELECT (SELECT post_id FROM comments WHERE id = :parent2), "
                                 "(SELECT COUNT(*) FROM up WHERE id = :self)"));
    query.bindValue(QStringLiteral(":parent"), record.parentId);
    query.bindValue(QStringLiteral(":parent2"), record.parentId);
    query.bindValue(QStringLiteral(":self"), record.id);
    if (!query.exec() || !query.next()) {
        *error = ServiceSupport::writeFailure(m_db, query.lastError());
        return false;
    }
    if (query.value(0).isNull()) {
        (*errors)[ParentField] = tr("The comment replied to (#%1) no longer exists: clear the "
                                    "reply.")
                                     .arg(record.parentId);
    } else if (query.value(0).toLongLong() != record.postId) {
        (*errors)[ParentField] = tr("The comment replied to is on another post: choose that post "
                                    "or clear the reply.");
    } else if (record.id != 0 && query.value(1).toLongLong() > 0) {
        (*errors)[ParentField] = tr("A comment cannot reply to itself or to one of its replies.");
    }
    return errors->isEmpty();
}

bool CommentService::checkReplies(const CommentRecord& record, ValidationErrors* errors,
                                  QString* error)
{
    if (record.id == 0) {
        return true;
    }
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT COUNT(*) FROM comments WHERE parent_id = :id AND post_id <> :post"));
    query.bindValue(QStringLiteral(":id"), record.id);
    query.bindValue(QStringLiteral(":post"), record.postId);
    if (!query.exec() || !query.next()) {
        *error = ServiceSupport::writeFailure(m_db, query.lastError());
        return false;
    }
    if (query.value(0).toLongLong() > 0) {
        (*errors)[PostField] = tr("This comment has replies on its post: it cannot move to "
                                  "another post.");
    }
    return errors->isEmpty();
}

bool CommentService::insert(CommentRecord* record, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(ServiceSupport::withReturningId(
        m_db, QStringLiteral("INSERT INTO comments (content, created_at, user_id, post_id, "
                             "parent_id) VALUES (:content, :now, :user, :post, :parent)")));
    query.bindValue(QStringLiteral(":content"), record->content);
    query.bindValue(QStringLiteral(":now"), SqlTime::nowUtc());
    query.bindValue(QStringLiteral(":user"), record->userId);
    query.bindValue(QStringLiteral(":post"), record->postId);
    query.bindValue(QStringLiteral(":parent"), idOrNull(record->parentId));
    return ServiceSupport::runInsert(
        m_db, query, &record->id,
        tr("Not saved: the database did not report the new comment's id."), error);
}

bool CommentService::update(const CommentRecord& record, const ColumnValues& original,
                            RowConflict* conflict, QString* error)
{
    // created_at stays as it was: the model has no updated_at to stamp.
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE comments SET content = :content, user_id = :user, "
                                 "post_id = :post, parent_id = :parent WHERE id = :id AND ") +
                  RowGuard::condition(m_db, original));
    query.bindValue(QStringLiteral(":content"), record.content);
    query.bindValue(QStringLiteral(":user"), record.userId);
    query.bindValue(QStringLiteral(":post"), record.postId);
    query.bindValue(QStringLiteral(":parent"), idOrNull(record.parentId));
    query.bindValue(QStringLiteral(":id"), record.id);
    RowGuard::bind(query, original);
    if (!RowGuard::runUpdate(m_db, query, BlogTables::name(BlogTable::Comments), record.id,
                             original, conflict, error)) {
        return false;
    }
    if (conflict->isConflict()) {
        *error = RowGuard::message(*conflict, tr("comment %1").arg(record.id));
        return false;
    }
    return true;
}
