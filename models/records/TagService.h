#pragma once

#include <QCoreApplication>
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

// Reads, checks and writes one tag in short, bound statements; no transaction stays open
// between calls.
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

private:
    bool insert(TagRecord* record, QString* error);
    bool update(const TagRecord& record, const ColumnValues& original, RowConflict* conflict,
                QString* error);
    ValidationErrors conflicts(const TagRecord& record);

    QSqlDatabase m_db;
};
