#pragma once

#include "sql/SqlCondition.h"

#include <QList>
#include <QStringList>
#include <QVariant>

// Pages through an ordered result by key, never by OFFSET: a window starts after the last row
// of the one before it — its sort value, then its primary key (one column or several, as in
// post_tags) — so the millionth page costs what the first does.
// NULLs sort last going up and first going down on every back end (PostgreSQL's order;
// SQLite and MySQL would put them first), which the ORDER BY spells out.
class KeysetWindow
{
public:
    struct Key
    {
        QVariant value;       // the sort column's value (unused when sorting by the key)
        QVariantList primary; // the primary key's values, in key order
    };

    // SQL expressions (qualified, escaped columns). An empty `sortExpression`, or one equal
    // to the only key column, sorts by the primary key alone.
    void setOrder(const QString& sortExpression, const QStringList& keyExpressions,
                  bool descending);
    void reset();

    QString orderBy() const; // "ORDER BY ..." with the NULL placement and the key tie-break
    SqlCondition afterCurrentStart() const; // empty for the first window

    // Moves to the window after the one whose last row has `lastRow`; back again.
    void advance(const Key& lastRow, int rowsInWindow);
    bool retreat();
    bool isFirst() const { return m_starts.isEmpty(); }
    qint64 rowsBefore() const { return m_rowsBefore; }
    bool sortsByKeyOnly() const { return m_sort.isEmpty(); }

private:
    SqlCondition after(const Key& key) const;
    SqlCondition keyAfter(const QVariantList& values, int from) const;

    QString m_sort;
    QStringList m_keys;
    bool m_descending = false;
    QList<Key> m_starts;     // the last row of each window before the current one
    QList<int> m_sizes;      // and how many rows that window had
    qint64 m_rowsBefore = 0; // rows in the windows before the current one
};
