#pragma once

#include <QMap>
#include <QSqlDatabase>
#include <QString>

#include <functional>

class QSqlError;
class QSqlQuery;

// Field name -> the message to show next to that field (the same alias as UserService's).
using ValidationErrors = QMap<QString, QString>;

// What the record services (tags, comments, profiles) share: counting characters as VARCHAR
// does, the INSERT id on every driver, a busy database in words, and one short transaction.
namespace ServiceSupport {

// Characters as VARCHAR(n) counts them: code points, not UTF-16 units.
int characterCount(const QString& text);

// Sets errors[field] when `value` is longer than `maximum` characters; `what` names the
// value in the message ("A tag name").
void checkLength(ValidationErrors* errors, const QString& field, const QString& value, int maximum,
                 const QString& what);

// Appends " RETURNING id" on PostgreSQL (QPSQL's lastInsertId() is an OID, not the id).
QString withReturningId(const QSqlDatabase& db, const QString& insertStatement);
// The id of the row an executed INSERT made (0 when the driver did not say).
qint64 insertedId(const QSqlDatabase& db, QSqlQuery& query);

// After an UPDATE of row `id` in `table` (a fixed name, never user text): whether the row is
// still there. MySQL counts only rows whose values changed, so 0 affected rows alone is not
// proof that the row was deleted.
bool updatedRowExists(const QSqlDatabase& db, QSqlQuery& update, const QString& table, qint64 id);

// "Not saved: …" for a failed statement; a busy SQLite file gets a plain-words message.
QString writeFailure(const QSqlDatabase& db, const QSqlError& failure);

// Runs `work` in one transaction: commits when it returns true, rolls back otherwise. True
// only when the commit succeeded; *error says why not (work's own message, if it set one).
bool inTransaction(QSqlDatabase db, const std::function<bool(QString*)>& work, QString* error);

} // namespace ServiceSupport
