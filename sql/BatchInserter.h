#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

class QSqlQuery;

// Inserts rows with multi-row INSERT ... VALUES (...), (...) statements: neither the
// PostgreSQL nor the MySQL driver batches prepared statements, and one round trip per row
// is what makes bulk loads slow. The statement for a full batch is prepared once and reused.
class BatchInserter
{
public:
    BatchInserter(QSqlDatabase db, const QString& table, const QStringList& columns,
                  int rowsPerStatement = 100);
    ~BatchInserter();
    BatchInserter(const BatchInserter&) = delete;
    BatchInserter& operator=(const BatchInserter&) = delete;

    // Queues one row (one value per column); sends a statement when the batch is full.
    bool add(const QVariantList& row, QString* error);
    // Sends what is queued.
    bool flush(QString* error);
    // Rows here reference rows queued in `parent`: its queue is sent first.
    void flushFirst(BatchInserter* parent) { m_parent = parent; }

private:
    QString statement(int rowCount) const;
    bool prepare(QSqlQuery* query, int rowCount, QString* error) const;

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement;
    QVariantList m_values;
    int m_rowCount = 0;
    BatchInserter* m_parent = nullptr;
    std::unique_ptr<QSqlQuery> m_fullBatch; // prepared at the first full batch
};
