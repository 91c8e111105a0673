#include "BatchInserter.h"

#include <QSqlError>
#include <QSqlQuery>

BatchInserter::BatchInserter(QSqlDatabase db, const QString& table, const QStringList& columns,
                             int rowsPerStatement)
    : m_db(db), m_table(table), m_columns(columns), m_rowsPerStatement(rowsPerStatement)
{}

bool BatchInserter::add(const QVariantList& row, QString* error)
{
    Q_ASSERT(row.size() == m_columns.size());
    m_values += row;
    ++m_rowCount;
    return m_rowCount < m_rowsPerStatement || flush(error);
}

QString BatchInserter::statement(int rowCount) const
{
    QStringList marks(m_columns.size(), QStringLiteral("?"));
    const QString rowMarks = QLatin1Char('(') + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    QStringList rows(rowCount, rowMarks);
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(m_table, m_columns.join(QStringLiteral(", ")), rows.join(QLatin1Char(',')));
}

bool BatchInserter::flush(QString* error)
{
    if (m_rowCount == 0) {
        return true;
    }
    if (m_parent && !m_parent->flush(error)) {
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(statement(m_rowCount));
    for (const QVariant& value : std::as_const(m_values)) {
        query.addBindValue(value);
    }
    const bool ok = query.exec();
    if (!ok) {
        *error = QStringLiteral("%1: %2").arg(m_table, query.lastError().text());
    }
    m_values.clear();
    m_rowCount = 0;
    return ok;
}
