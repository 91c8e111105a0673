#include "IdBatches.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace IdBatches {

QList<qint64> sortedUnique(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

QList<qint64> sortedUnique(const QSet<qint64>& ids)
{
    return sortedUnique(QList<qint64>(ids.cbegin(), ids.cend()));
}

QSet<qint64> toSet(const QList<qint64>& ids)
{
    return QSet<qint64>(ids.cbegin(), ids.cend());
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QStringLiteral(", "));
}

bool prepare(QSqlQuery* query, const QString& statement, const QVariantList& leading,
             const QList<qint64>& batch)
{
    const qsizetype lists = statement.count(QStringLiteral("%1"));
    if (!query->prepare(statement.arg(placeholders(batch.size())))) {
        return false;
    }
    for (const QVariant& value : leading) {
        query->addBindValue(value);
    }
    for (qsizetype list = 0; list < lists; ++list) {
        for (const qint64 id : batch) {
            query->addBindValue(id);
        }
    }
    return true;
}

bool select(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
            const Row& row, QString* error)
{
    for (qsizetype start = 0; start < ids.size(); start += Size) {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!prepare(&query, statement, {}, ids.mid(start, Size)) || !query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next()) {
            row(query);
        }
    }
    return true;
}

bool selectIds(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
               QList<qint64>* out, QString* error)
{
    QList<qint64> found;
    const bool ok = select(
        db, statement, ids, [&found](const QSqlQuery& q) { found << q.value(0).toLongLong(); },
        error);
    *out = sortedUnique(found);
    return ok;
}

bool selectCount(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
                 qint64* out, QString* error)
{
    *out = 0;
    return select(
        db, statement, ids, [out](const QSqlQuery& q) { *out += q.value(0).toLongLong(); }, error);
}

bool change(const QSqlDatabase& db, const QString& statement, const QVariantList& leading,
            const QList<qint64>& ids, qint64* affected, QString* error)
{
    *affected = 0;
    for (qsizetype start = 0; start < ids.size(); start += Size) {
        QSqlQuery query(db);
        if (!prepare(&query, statement, leading, ids.mid(start, Size)) || !query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        *affected += query.numRowsAffected();
    }
    return true;
}

} // namespace IdBatches
