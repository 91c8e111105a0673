#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

// A piece of WHERE clause with its positional (?) values: conditions are combined as text,
// but every value stays bound, never spliced into the SQL.
struct SqlCondition
{
    QString sql;
    QVariantList values;
    // Holds a test that no index decides, only reading each row can (a substring filter): a
    // window read under it walks a bounded stretch of its order first (WindowRequest::probeRows).
    bool scansRows = false;

    bool isEmpty() const { return sql.isEmpty(); }

    // `this AND other`, each side parenthesised; an empty side is left out.
    SqlCondition operator&&(const SqlCondition& other) const
    {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return *this;
        }
        return {QLatin1Char('(') + sql + QStringLiteral(") AND (") + other.sql + QLatin1Char(')'),
                values + other.values, scansRows || other.scansRows};
    }
};
