#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

// On SQLite the full-text revision's triggers index every row as it is inserted, which makes
// a bulk load several times slower than indexing all rows at once. Inside the load's
// transaction this takes the insert triggers away and, at the end, puts them back and has each
// full-text table rebuild itself from its table (FTS5's 'rebuild' reads every row, so nothing
// is missed). Rolled back, the triggers come back with everything else. Other back ends keep
// their indexes current by themselves: nothing to do there.
class FullTextBulkLoad
{
    Q_DECLARE_TR_FUNCTIONS(FullTextBulkLoad)

public:
    explicit FullTextBulkLoad(QSqlDatabase db) : m_db(std::move(db)) {}

    bool suspend(QString* error);
    bool finish(QString* error);

private:
    struct Trigger
    {
        QString name;
        QString sql;
        QString fullTextTable;
    };

    QSqlDatabase m_db;
    QList<Trigger> m_suspended;
};
