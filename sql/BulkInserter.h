#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <initializer_list>
#include <memory>

// Writes many rows into one table as fast as the back end takes them, inside the caller's
// transaction. On SQLite one prepared single-row INSERT is bound through SQLite's own API and
// stepped per row (Qt's driver costs more than SQLite itself for that: a QVariant list per
// statement and a lookup of every placeholder's name); on the servers rows go in multi-row
// INSERTs (BatchInserter), one round trip per batch.
class BulkInserter
{
public:
    static std::unique_ptr<BulkInserter> create(QSqlDatabase db, const QString& table,
                                                const QStringList& columns,
                                                int rowsPerServerStatement = 500);
    virtual ~BulkInserter() = default;

    // One value per column: NULL (an invalid QVariant), bool, integer, double, text or bytes.
    virtual bool add(std::initializer_list<QVariant> row, QString* error) = 0;
    // Writes what is queued.
    virtual bool flush(QString* error) = 0;
    // Rows here reference rows queued in `parent`: its queue is written first.
    virtual void flushFirst(BulkInserter* parent) = 0;
};
