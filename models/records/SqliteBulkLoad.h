#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

// On SQLite, a bulk load is several times faster when nothing is indexed row by row: each
// insert otherwise walks every index of its table and the full-text revision's triggers index
// its text. Inside the load's transaction this drops the indexes that have a definition
// (SQLite's own automatic ones cannot be dropped and stay) and the full-text insert triggers;
// at the end it creates the indexes again, each in one sorted pass, puts the triggers back and
// has each full-text table rebuild itself from its table (FTS5's 'rebuild' reads every row, so
// nothing is missed). A unique index that the new rows would break fails at the end and the
// whole load rolls back; rolled back, the indexes and triggers come back with everything else.
// Other back ends keep their indexes current by themselves: nothing to do there.
class SqliteBulkLoad
{
    Q_DECLARE_TR_FUNCTIONS(SqliteBulkLoad)

public:
    explicit SqliteBulkLoad(QSqlDatabase db) : m_db(std::move(db)) {}

    bool suspend(QString* error);
    bool finish(QString* error);

private:
    // An index or trigger taken away for the load, with the statement that makes it again.
    struct Suspended
    {
        QString name;
        QString sql;
        QString fullTextTable; // triggers only: the FTS5 table they fill
    };

    bool suspendIndexes(QString* error);
    bool suspendFullTextTriggers(QString* error);
    bool drop(const QString& kind, const QString& name, QString* error);

    QSqlDatabase m_db;
    QList<Suspended> m_indexes;
    QList<Suspended> m_triggers;
};
