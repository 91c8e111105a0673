#pragma once

#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

// The values of the rows a delete was shown for, read again inside the delete's transaction:
// a row someone edited since the question was asked is not deleted unseen.
namespace TargetValues {

using Snapshot = QMap<qint64, QVariantList>; // id -> the columns' values, in order

// Reads `columns` (fixed names from code) of the rows `ids` of `table`, 500 ids a query.
bool read(const QSqlDatabase& db, const QString& table, const QStringList& columns,
          const QList<qint64>& ids, Snapshot* snapshot, QString* error);

// The ids whose values differ between two snapshots (a row in only one of them counts too).
QList<qint64> changed(const Snapshot& before, const Snapshot& now);

} // namespace TargetValues
