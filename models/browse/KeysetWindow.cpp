#include "KeysetWindow.h"

#include "sql/Dialect.h"

void KeysetWindow::setOrder(const QString& sortExpression, const QStringList& keyExpressions,
                            bool descending)
{
    const bool byKey = keyExpressions.size() == 1 && sortExpression == keyExpressions.constFirst();
    m_sort = byKey ? QString() : sortExpression;
    m_keys = keyExpressions;
    m_descending = descending;
    reset();
}

void KeysetWindow::reset()
{
    m_starts.clear();
    m_sizes.clear();
    m_rowsBefore = 0;
}

QString KeysetWindow::orderBy() const
{
    const QString direction = m_descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList terms;
    if (!m_sort.isEmpty()) {
        terms << Dialect::nullsLargestOrder(m_sort, m_descending);
    }
    for (const QString& key : m_keys) {
        terms << key + direction;
    }
    return QStringLiteral("ORDER BY ") + terms.join(QStringLiteral(", "));
}

SqlCondition KeysetWindow::afterCurrentStart() const
{
    return m_starts.isEmpty() ? SqlCondition() : after(m_starts.constLast());
}

// Rows whose key columns from `from` on come after `values`, compared in order.
SqlCondition KeysetWindow::keyAfter(const QVariantList& values, int from) const
{
    const QString greater = m_descending ? QStringLiteral(" < ?") : QStringLiteral(" > ?");
    const QString& column = m_keys.at(from);
    SqlCondition condition{column + greater, {values.at(from)}};
    if (from + 1 < m_keys.size()) {
        const SqlCondition rest = keyAfter(values, from + 1);
        condition.sql += QStringLiteral(" OR (%1 = ? AND (%2))").arg(column, rest.sql);
        condition.values << values.at(from) << rest.values;
    }
    return condition;
}

SqlCondition KeysetWindow::after(const Key& key) const
{
    const SqlCondition byKey = keyAfter(key.primary, 0);
    if (m_sort.isEmpty()) {
        return byKey;
    }
    if (key.value.isNull()) {
        // Going up the NULLs come last, so only later NULLs follow; going down they came
        // first, so every non-NULL follows too.
        return m_descending
                   ? SqlCondition{QStringLiteral("%1 IS NOT NULL OR (%2)").arg(m_sort, byKey.sql),
                                  byKey.values}
                   : SqlCondition{QStringLiteral("%1 IS NULL AND (%2)").arg(m_sort, byKey.sql),
                                  byKey.values};
    }
    const QString greater = m_descending ? QStringLiteral("<") : QStringLiteral(">");
    SqlCondition condition{
        QStringLiteral("%1 %2 ? OR (%1 = ? AND (%3))").arg(m_sort, greater, byKey.sql),
        QVariantList{key.value, key.value} + byKey.values};
    if (!m_descending) {
        condition.sql += QStringLiteral(" OR %1 IS NULL").arg(m_sort);
    }
    return condition;
}

void KeysetWindow::advance(const Key& lastRow, int rowsInWindow)
{
    m_starts.append(lastRow);
    m_sizes.append(rowsInWindow);
    m_rowsBefore += rowsInWindow;
}

bool KeysetWindow::retreat()
{
    if (m_starts.isEmpty()) {
        return false;
    }
    m_starts.removeLast();
    m_rowsBefore -= m_sizes.takeLast();
    return true;
}
