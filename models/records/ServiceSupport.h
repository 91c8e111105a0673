#pragma once

#include <QMap>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QSqlError;
class QSqlQuery;

// Field name ("username", "slug", ...) -> the message to show next to that field.
using ValidationErrors = QMap<QString, QString>;

// What the record services (users, posts, tags, comments, profiles) share: counting characters as
// VARCHAR does, the INSERT id on every driver, a busy database in words, and one short transaction.
namespace ServiceSupport {

// Characters as VARCHAR(n) counts them: code points, not UTF-16 units.
int characterCount(const QString& text);

// Sets errors[field] when `value` is longer than `maximum` characters; `what` names the
// value in the message ("A tag name").
void checkLength(ValidationErrors* errors, const QString& field, const QString& value, int maximum,
                 const QString& what);

// `insertStatement` made to hand the new id back (Dialect::returningId).
QString withReturningId(const QSqlDatabase& db, const QString& insertStatement);
// The id of the row an executed INSERT made (0 when the driver did not say).
qint64 insertedId(const QSqlDatabase& db, QSqlQuery& query);
// Runs a prepared INSERT (made with withReturningId) and reads the new row's id into *id.
// False with *error when the insert failed or the driver did not report an id (`noId` then).
bool runInsert(const QSqlDatabase& db, QSqlQuery& query, qint64* id, const QString& noId,
               QString* error);

// Binds :id to a prepared one-row SELECT, runs it and moves to the row. False with *error:
// `readFailed` (%1 the id, %2 the driver's text) or `missing` (%1 the id).
bool readById(QSqlQuery& query, qint64 id, const QString& readFailed, const QString& missing,
              QString* error);

// Who already holds `value` in the unique `column` of `table`: that row's `labelColumn`,
// leaving out row `exceptId`. Empty when nobody does, and when the look-up fails (the unique
// index still decides at save). Table and column names come from code, never from users.
QString ownerOf(const QSqlDatabase& db, const QString& table, const QString& column,
                const QString& labelColumn, const QVariant& value, qint64 exceptId);

// After an UPDATE of row `id` in `table` (a fixed name, never user text): whether the row is
// still there. MySQL counts only rows whose values changed, so 0 affected rows alone is not
// proof that the row was deleted.
bool updatedRowExists(const QSqlDatabase& db, QSqlQuery& update, const QString& table, qint64 id);

// "Not saved: …" for a failed statement; a busy database gets busyFailure().
QString writeFailure(const QSqlDatabase& db, const QSqlError& failure);
// The message of a save that found another program holding the database for longer than the
// busy timeout: nothing was written, and the dialogs offer Retry (isBusyFailure).
QString busyFailure();
bool isBusyFailure(const QString& error);

// Runs `work` in one transaction: commits when it returns true, rolls back otherwise. True
// only when the commit succeeded; *error says why not (work's own message, if it set one).
bool inTransaction(QSqlDatabase db, const std::function<bool(QString*)>& work, QString* error);

} // namespace ServiceSupport
