#pragma once

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <functional>

class QSqlQuery;

// Statements over a list of ids of any length, run in batches: "WHERE id IN (%1)" gets one
// batch's placeholders per run, so no statement binds more values than every back end takes.
namespace IdBatches {

// Ids bound per statement. A statement may hold the list twice: 1,000 values stay far below
// SQLite's (32,766), PostgreSQL's and MySQL's (65,535) limits on bound values.
constexpr int Size = 500;

QList<qint64> sortedUnique(QList<qint64> ids);
QList<qint64> sortedUnique(const QSet<qint64>& ids);
QSet<qint64> toSet(const QList<qint64>& ids);
// "?, ?, ?" for an IN list of `count` values.
QString placeholders(qsizetype count);

// Prepares `statement` for one batch: every %1 becomes the batch's placeholder list, and the
// batch is bound once per %1, after the `leading` values.
bool prepare(QSqlQuery* query, const QString& statement, const QVariantList& leading,
             const QList<qint64>& batch);

using Row = std::function<void(const QSqlQuery&)>;
// Runs a SELECT once per batch of ids and hands every row to `row`.
bool select(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
            const Row& row, QString* error);
// The first column of every row, as sorted unique ids.
bool selectIds(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
               QList<qint64>* out, QString* error);
// The sum of a COUNT(*) over the batches.
bool selectCount(const QSqlDatabase& db, const QString& statement, const QList<qint64>& ids,
                 qint64* out, QString* error);
// Runs an UPDATE or DELETE once per batch; *affected is the sum of the rows it touched.
bool change(const QSqlDatabase& db, const QString& statement, const QVariantList& leading,
            const QList<qint64>& ids, qint64* affected, QString* error);

} // namespace IdBatches
