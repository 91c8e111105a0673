#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "models/records/RowConflict.h"
#include "models/records/ServiceSupport.h"

// One row of `tags`.
struct TagRecord
{
    qint64 id = 0; // 0 = not inserted yet
    QString name;
    QString slug;
};

// Reads, checks and writes tags in short, bound statements; no transaction stays open
// between calls. The one owner of the tags table: the post dialog's tag list and its "New tag"
// line come here too.
class TagService
{
    Q_DECLARE_TR_FUNCTIONS(TagService)

public:
    static constexpr int MaxName = 50; // VARCHAR(50)
    static constexpr int MaxSlug = 50; // VARCHAR(50)
    static const QString NameField;
    static const QString SlugField;

    explicit TagService(QSqlDatabase db);

    // *asRead (when given) gets the guarded columns exactly as read: the originals of save().
    bool load(qint64 id, TagRecord* record, QString* error, ColumnValues* asRead = nullptr);

    // "That name is already used by tag 'Python'" when another tag holds `value` in the unique
    // column `field` (NameField or SlugField); empty when it is free. Compared exactly.
    QString conflictFor(const QString& field, const QString& value, qint64 exceptId);

    // Required fields, lengths, and a slug that slugify() would leave as it is.
    static ValidationErrors validate(const TagRecord& record);

    // Inserts (id 0) or updates in one short transaction. A taken name or slug comes back in
    // *fieldErrors, anything else in *error. True only when the row was written.
    // With `original` (load()'s *asRead) an update writes only while the row still holds those
    // values; otherwise nothing is written and *conflict says what changed (see RowGuard).
    bool save(TagRecord* record, ValidationErrors* fieldErrors, QString* error,
              const ColumnValues& original = {}, RowConflict* conflict = nullptr);

    // All tags by name, at most `limit` (tags.name, ascending). *truncated tells whether more
    // exist.
    bool listByName(int limit, QList<TagRecord>* tags, bool* truncated, QString* error);
    // The tags with these ids (a post's few links), by name.
    bool loadByIds(const QList<qint64>& ids, QList<TagRecord>* tags, QString* error);

    // Why `name` cannot be a new tag without asking the database (empty, too long, no letter
    // or digit for a slug); empty when it can.
    static QString checkNewName(const QString& name);
    // Creates the tag `name` (trimmed) with slug slugify(name) in its own short transaction.
    // Refuses a name or slug that another tag holds, with a message naming it. The new id, or
    // 0 with *error set.
    qint64 createNamed(const QString& name, QString* error);

private:
    bool insert(TagRecord* record, QString* error);
    bool update(const TagRecord& record, const ColumnValues& original, RowConflict* conflict,
                QString* error);
    ValidationErrors conflicts(const TagRecord& record);

    QSqlDatabase m_db;
};
