#include "RowConflict.h"

#include "sql/Dialect.h"
#include "sql/SqlValue.h"

#include <QSqlError>
#include <QSqlQuery>

#include "models/records/ServiceSupport.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(RowGuard)
};

QString placeholder(const QString& column)
{
    return QStringLiteral(":was_") + column;
}

QString equalsOriginal(const QSqlDatabase& db, const QString& column)
{
    return Dialect::of(db).equalsExactly(column, placeholder(column));
}

} // namespace

namespace RowGuard {

QString condition(const QSqlDatabase& db, const ColumnValues& originals)
{
    QStringList parts;
    for (auto it = originals.cbegin(); it != originals.cend(); ++it) {
        parts << (it.value().isNull() ? QStringLiteral("%1 IS NULL").arg(it.key())
                                      : equalsOriginal(db, it.key()));
    }
    return parts.isEmpty() ? QStringLiteral("1 = 1") : parts.join(QStringLiteral(" AND "));
}

void bind(QSqlQuery& query, const ColumnValues& originals)
{
    for (auto it = originals.cbegin(); it != originals.cend(); ++it) {
        if (!it.value().isNull()) {
            query.bindValue(placeholder(it.key()), it.value());
        }
    }
}

bool sameValue(const QVariant& a, const QVariant& b)
{
    if (a.isNull() || b.isNull()) {
        return a.isNull() && b.isNull();
    }
    if (SqlValue::isInteger(a) && SqlValue::isInteger(b)) {
        return a.toLongLong() == b.toLongLong();
    }
    return a.toString() == b.toString();
}

bool read(const QSqlDatabase& db, const QString& table, qint64 id, const QStringList& columns,
          ColumnValues* values, bool* exists, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE id = :id")
                      .arg(columns.join(QStringLiteral(", ")), table));
    query.bindValue(QStringLiteral(":id"), id);
    if (!query.exec()) {
        *error = ServiceSupport::writeFailure(db, query.lastError());
        return false;
    }
    *exists = query.next();
    values->clear();
    for (int i = 0; *exists && i < columns.size(); ++i) {
        values->insert(columns.at(i), query.value(i));
    }
    return true;
}

bool explain(const QSqlDatabase& db, const QString& table, qint64 id, const ColumnValues& originals,
             RowConflict* conflict, QString* error)
{
    *conflict = RowConflict{};
    bool exists = false;
    ColumnValues now;
    if (!read(db, table, id, originals.keys(), &now, &exists, error)) {
        return false;
    }
    if (!exists) {
        conflict->deleted = true;
        return true;
    }
    for (auto it = originals.cbegin(); it != originals.cend(); ++it) {
        if (!sameValue(it.value(), now.value(it.key()))) {
            conflict->columns << it.key();
        }
    }
    conflict->current = now;
    return true;
}

bool runUpdate(const QSqlDatabase& db, QSqlQuery& update, const QString& table, qint64 id,
               const ColumnValues& originals, RowConflict* conflict, QString* error)
{
    *conflict = RowConflict{};
    if (!update.exec()) {
        *error = ServiceSupport::writeFailure(db, update.lastError());
        return false;
    }
    if (update.numRowsAffected() > 0) {
        return true;
    }
    if (originals.isEmpty()) {
        // Unguarded: only whether the row is still there matters.
        conflict->deleted = !ServiceSupport::updatedRowExists(db, update, table, id);
        return true;
    }
    return explain(db, table, id, originals, conflict, error);
}

QString message(const RowConflict& conflict, const QString& what)
{
    if (conflict.deleted) {
        return Text::tr(
                   "Not saved: %1 no longer exists (deleted by someone else while you edited it).")
            .arg(what);
    }
    return Text::tr("Not saved: someone else changed %1 while you edited it.").arg(what);
}

} // namespace RowGuard
