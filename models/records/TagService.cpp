#include "TagService.h"

#include "sql/IdBatches.h"
#include "sql/Slugify.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "models/BlogTable.h"

using IdBatches::placeholders;
using ServiceSupport::characterCount;

const QString TagService::NameField = QStringLiteral("name");
const QString TagService::SlugField = QStringLiteral("slug");

TagService::TagService(QSqlDatabase db) : m_db(db) {}

bool TagService::load(qint64 id, TagRecord* record, QString* error, ColumnValues* asRead)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT name, slug FROM tags WHERE id = :id"));
    if (!ServiceSupport::readById(query, id, tr("Could not read tag %1: %2"),
                                  tr("There is no tag with id %1 (deleted meanwhile?)."), error)) {
        return false;
    }
    record->id = id;
    record->name = query.value(0).toString();
    record->slug = query.value(1).toString();
    if (asRead) {
        *asRead = {{QStringLiteral("name"), query.value(0)},
                   {QStringLiteral("slug"), query.value(1)}};
    }
    return true;
}

QString TagService::conflictFor(const QString& field, const QString& value, qint64 exceptId)
{
    // The column name comes from this fixed pair only; the value is bound.
    if ((field != NameField && field != SlugField) || value.isEmpty()) {
        return {};
    }
    const QString owner = ServiceSupport::ownerOf(m_db, BlogTables::name(BlogTable::Tags), field,
                                                  QStringLiteral("name"), value, exceptId);
    if (owner.isEmpty()) {
        return {};
    }
    return field == NameField ? tr("That name is already used by tag '%1'").arg(owner)
                              : tr("That slug is already used by tag '%1'").arg(owner);
}

ValidationErrors TagService::validate(const TagRecord& record)
{
    ValidationErrors errors;
    if (record.name.trimmed().isEmpty()) {
        errors[NameField] = tr("Enter a name.");
    } else {
        ServiceSupport::checkLength(&errors, NameField, record.name, MaxName, tr("A tag name"));
    }
    if (record.slug.isEmpty()) {
        errors[SlugField] = tr("Enter a slug.");
    } else if (slugify(record.slug) != record.slug) {
        errors[SlugField] = tr("A slug has only lower-case letters, digits and single hyphens "
                               "between them (try '%1').")
                                .arg(slugify(record.slug));
    } else {
        ServiceSupport::checkLength(&errors, SlugField, record.slug, MaxSlug, tr("A slug"));
    }
    return errors;
}

bool TagService::save(TagRecord* record, ValidationErrors* fieldErrors, QString* error,
                      const ColumnValues& original, RowConflict* conflict)
{
    error->clear();
    RowConflict found;
    *fieldErrors = validate(*record);
    if (!fieldErrors->isEmpty()) {
        return false;
    }
    TagRecord written = *record;
    // No look-up first: the unique indexes are the only check that cannot race.
    const bool ok = ServiceSupport::inTransaction(
        m_db,
        [this, &written, &original, &found](QString* why) {
            return written.id == 0 ? insert(&written, why) : update(written, original, &found, why);
        },
        error);
    if (conflict) {
        *conflict = found;
    }
    if (found.isConflict()) {
        return false;
    }
    if (ok) {
        *record = written; // only now: a rolled-back insert must not leave an id behind
        return true;
    }
    *fieldErrors = conflicts(*record); // taken meanwhile: say so on the field
    if (!fieldErrors->isEmpty()) {
        error->clear();
    }
    return false;
}

ValidationErrors TagService::conflicts(const TagRecord& record)
{
    ValidationErrors errors;
    for (const QString& field : {NameField, SlugField}) {
        const QString message =
            conflictFor(field, field == NameField ? record.name : record.slug, record.id);
        if (!message.isEmpty()) {
            errors[field] = message;
        }
    }
    return errors;
}

bool TagService::insert(TagRecord* record, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(ServiceSupport::withReturningId(
        m_db, QStringLiteral("INSERT INTO tags (name, slug) VALUES (:name, :slug)")));
    query.bindValue(QStringLiteral(":name"), record->name);
    query.bindValue(QStringLiteral(":slug"), record->slug);
    return ServiceSupport::runInsert(m_db, query, &record->id,
                                     tr("Not saved: the database did not report the new tag's id."),
                                     error);
}

bool TagService::update(const TagRecord& record, const ColumnValues& original,
                        RowConflict* conflict, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE tags SET name = :name, slug = :slug WHERE id = :id AND ") +
                  RowGuard::condition(m_db, original));
    query.bindValue(QStringLiteral(":name"), record.name);
    query.bindValue(QStringLiteral(":slug"), record.slug);
    query.bindValue(QStringLiteral(":id"), record.id);
    RowGuard::bind(query, original);
    if (!RowGuard::runUpdate(m_db, query, BlogTables::name(BlogTable::Tags), record.id, original,
                             conflict, error)) {
        return false;
    }
    if (conflict->isConflict()) {
        *error = RowGuard::message(*conflict, tr("tag %1").arg(record.id));
        return false;
    }
    return true;
}

bool TagService::listByName(int limit, QList<TagRecord>* tags, bool* truncated, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, name, slug FROM tags ORDER BY name, id LIMIT :n"));
    query.bindValue(QStringLiteral(":n"), limit + 1); // one more tells whether there are more
    if (!query.exec()) {
        *error = tr("Could not read the tags: %1").arg(query.lastError().text());
        return false;
    }
    tags->clear();
    *truncated = false;
    while (query.next()) {
        if (tags->size() == limit) {
            *truncated = true;
            break;
        }
        tags->append(
            {query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString()});
    }
    return true;
}

bool TagService::loadByIds(const QList<qint64>& ids, QList<TagRecord>* tags, QString* error)
{
    tags->clear();
    if (ids.isEmpty()) {
        return true;
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id, name, slug FROM tags WHERE id IN (%1) ORDER BY name")
                      .arg(placeholders(ids.size())));
    for (const qint64 id : ids) {
        query.addBindValue(id);
    }
    if (!query.exec()) {
        *error = tr("Could not read the tags: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        tags->append(
            {query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString()});
    }
    return true;
}

QString TagService::checkNewName(const QString& name)
{
    const QString trimmed = name.trimmed();
    const QString slug = slugify(trimmed);
    if (trimmed.isEmpty()) {
        return tr("Enter the new tag's name.");
    }
    if (characterCount(trimmed) > MaxName) {
        return tr("A tag name has at most %1 characters (this one has %2).")
            .arg(MaxName)
            .arg(characterCount(trimmed));
    }
    if (slug.isEmpty()) {
        return tr("A tag name needs a letter or digit (it gives the tag's slug).");
    }
    if (characterCount(slug) > MaxSlug) {
        return tr("This name gives a slug of %1 characters; a tag slug has at most %2.")
            .arg(characterCount(slug))
            .arg(MaxSlug);
    }
    return {};
}

qint64 TagService::createNamed(const QString& name, QString* error)
{
    const QString trimmed = name.trimmed();
    *error = checkNewName(trimmed);
    if (!error->isEmpty()) {
        return 0;
    }
    TagRecord tag{0, trimmed, slugify(trimmed)};
    ValidationErrors fieldErrors;
    if (save(&tag, &fieldErrors, error)) {
        return tag.id;
    }
    if (!fieldErrors.isEmpty()) {
        // "That name is already used by tag 'Python'", or the same about the slug.
        *error = fieldErrors.value(NameField, fieldErrors.first());
    }
    return 0;
}
