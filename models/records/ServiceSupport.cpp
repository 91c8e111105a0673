#include "ServiceSupport.h"

#include "sql/Dialect.h"
#include "sql/WriteTransaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ServiceSupport)
};

} // namespace

namespace ServiceSupport {

int characterCount(const QString& text)
{
    return int(text.toUcs4().size());
}

void checkLength(ValidationErrors* errors, const QString& field, const QString& value, int maximum,
                 const QString& what)
{
    const int length = characterCount(value);
    if (length > maximum) {
        (*errors)[field] = Text::tr("%1 has at most %2 characters (this one has %3).")
                               .arg(what)
                               .arg(maximum)
                               .arg(length);
    }
}

QString withReturningId(const QSqlDatabase& db, const QString& insertStatement)
{
    return Dialect::of(db).returningId(insertStatement);
}

qint64 insertedId(const QSqlDatabase& db, QSqlQuery& query)
{
    const QVariant id =
        Dialect::of(db).returnsIdAsRow() && query.next() ? query.value(0) : query.lastInsertId();
    return id.toLongLong();
}

bool runInsert(const QSqlDatabase& db, QSqlQuery& query, qint64* id, const QString& noId,
               QString* error)
{
    if (!query.exec()) {
        *error = writeFailure(db, query.lastError());
        return false;
    }
    *id = insertedId(db, query);
    if (*id <= 0) {
        *error = noId;
        return false;
    }
    return true;
}

bool readById(QSqlQuery& query, qint64 id, const QString& readFailed, const QString& missing,
              QString* error)
{
    query.bindValue(QStringLiteral(":id"), id);
    if (!query.exec()) {
        *error = readFailed.arg(id).arg(query.lastError().text());
        return false;
    }
    if (!query.next()) {
        *error = missing.arg(id);
        return false;
    }
    return true;
}

QString ownerOf(const QSqlDatabase& db, const QString& table, const QString& column,
                const QString& labelColumn, const QVariant& value, qint64 exceptId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = :value AND id <> :id")
                      .arg(labelColumn, table, column));
    query.bindValue(QStringLiteral(":value"), value);
    query.bindValue(QStringLiteral(":id"), exceptId);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

bool updatedRowExists(const QSqlDatabase& db, QSqlQuery& update, const QString& table, qint64 id)
{
    if (update.numRowsAffected() > 0) {
        return true;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM %1 WHERE id = :id").arg(table));
    query.bindValue(QStringLiteral(":id"), id);
    return query.exec() && query.next();
}

QString writeFailure(const QSqlDatabase& db, const QSqlError& failure)
{
    return WriteTransaction::isBusy(db, failure) ? busyFailure()
                                                 : Text::tr("Not saved: %1").arg(failure.text());
}

QString busyFailure()
{
    return Text::tr("Not saved: the database is busy (another program has been writing to it for "
                    "several seconds). What you typed is kept; try again in a moment.");
}

bool isBusyFailure(const QString& error)
{
    return error == busyFailure();
}

bool inTransaction(QSqlDatabase db, const std::function<bool(QString*)>& work, QString* error)
{
    QString why;
    bool busy = false;
    if (!WriteTransaction::begin(db, &why, &busy)) {
        *error = busy ? busyFailure()
                      : Text::tr("Not saved: could not start a transaction: %1").arg(why);
        return false;
    }
    if (!work(error)) {
        WriteTransaction::rollback(db);
        if (error->isEmpty()) {
            *error = Text::tr("Not saved: the change was rolled back.");
        }
        return false;
    }
    if (!WriteTransaction::commit(db, &why, &busy)) {
        *error = busy ? busyFailure() : Text::tr("Not saved: the commit failed: %1").arg(why);
        WriteTransaction::rollback(db);
        return false;
    }
    return true;
}

} // namespace ServiceSupport
