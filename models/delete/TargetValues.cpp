#include "TargetValues.h"

#include "sql/IdBatches.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include "models/records/RowConflict.h"

namespace {

bool readBatch(const QSqlDatabase& db, const QString& table, const QStringList& columns,
               const QList<qint64>& batch, TargetValues::Snapshot* snapshot, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const bool prepared = query.prepare(
        QStringLiteral("SELECT id, %1 FROM %2 WHERE id IN (%3)")
            .arg(columns.join(QStringLiteral(", ")), table, IdBatches::placeholders(batch.size())));
    for (const qint64 id : batch) {
        query.addBindValue(id);
    }
    if (!prepared || !query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    while (query.next()) {
        QVariantList values;
        for (int column = 1; column <= columns.size(); ++column) {
            values << query.value(column);
        }
        snapshot->insert(query.value(0).toLongLong(), values);
    }
    return true;
}

bool sameValues(const QVariantList& a, const QVariantList& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!RowGuard::sameValue(a.at(i), b.at(i))) {
            return false;
        }
    }
    return true;
}

} // namespace

namespace TargetValues {

bool read(const QSqlDatabase& db, const QString& table, const QStringList& columns,
          const QList<qint64>& ids, Snapshot* snapshot, QString* error)
{
    snapshot->clear();
    for (qsizetype start = 0; start < ids.size(); start += IdBatches::Size) {
        if (!readBatch(db, table, columns, ids.mid(start, IdBatches::Size), snapshot, error)) {
            return false;
        }
    }
    return true;
}

QList<qint64> changed(const Snapshot& before, const Snapshot& now)
{
    QSet<qint64> ids;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!now.contains(it.key()) || !sameValues(it.value(), now.value(it.key()))) {
            ids.insert(it.key());
        }
    }
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (!before.contains(it.key())) {
            ids.insert(it.key());
        }
    }
    QList<qint64> sorted(ids.cbegin(), ids.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

} // namespace TargetValues
