#include "RelationEdit.h"

#include "sql/SqlTime.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "models/records/ServiceSupport.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(RelationEdit)
};

bool userExists(QSqlDatabase& db, qint64 id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM users WHERE id = ?"));
    query.addBindValue(id);
    return query.exec() && query.next();
}

bool write(QSqlDatabase& db, BlogTable table, qint64 rowId, const QString& column, qint64 newId,
           QString* error)
{
    if (!userExists(db, newId)) {
        *error = Text::tr("Not saved: user #%1 no longer exists.").arg(newId);
        return false;
    }
    QSqlQuery query(db);
    // Table and column come from the fixed list in isEditable(), never from user text.
    const QString stamp =
        table == BlogTable::Posts ? QStringLiteral(", updated_at = ?") : QString();
    const QString name = BlogTables::name(table);
    query.prepare(QStringLiteral("UPDATE %1 SET %2 = ?%3 WHERE id = ?").arg(name, column, stamp));
    query.addBindValue(newId);
    if (!stamp.isEmpty()) {
        query.addBindValue(SqlTime::nowUtc());
    }
    query.addBindValue(rowId);
    if (!query.exec()) {
        *error = ServiceSupport::writeFailure(db, query.lastError());
        return false;
    }
    if (!ServiceSupport::updatedRowExists(db, query, name, rowId)) {
        *error = Text::tr("Not saved: the row no longer exists (deleted by someone else?).");
        return false;
    }
    return true;
}

} // namespace

namespace RelationEdit {

bool isEditable(BlogTable table, const QString& column)
{
    return column == QLatin1String("user_id") &&
           (table == BlogTable::Posts || table == BlogTable::Comments);
}

bool apply(QSqlDatabase db, BlogTable table, qint64 rowId, const QString& column, qint64 newId,
           QString* error)
{
    if (!isEditable(table, column)) {
        *error = Text::tr("%1.%2 cannot be changed in place.").arg(BlogTables::name(table), column);
        return false;
    }
    return ServiceSupport::inTransaction(
        db, [&](QString* why) { return write(db, table, rowId, column, newId, why); }, error);
}

} // namespace RelationEdit
