#include "BatchInserter.h"

#include <QSqlError>
#include <QSqlQuery>

BatchInserter::BatchInserter(QSqlDatabase db, const QString& table, const QStringList& columns,
                             int rowsPerStatement)
    : m_db(db), m_table(table), m_columns(columns), m_rowsPerStatement(rowsPerStatement)
{}

BatchInserter::~BatchInserter() = default;

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

bool BatchInserter::prepare(QSqlQuery* query, int rowCount, QString* error) const
{
    if (query->prepare(statement(rowCount))) {
        return true;
    }
    *error = QStringLiteral("%1: %2").arg(m_table, query->lastError().text());
    return false;
}

bool BatchInserter::flush(QString* error)
{
    if (m_rowCount == 0) {
        return true;
    }
    if (m_parent && !m_parent->flush(error)) {
        return false;
    }
    const bool full = m_rowCount == m_rowsPerStatement;
    QSqlQuery partial(m_db);
    if (full && !m_fullBatch) {
        m_fullBatch = std::make_unique<QSqlQuery>(m_db);
        if (!prepare(m_fullBatch.get(), m_rowCount, error)) {
            m_fullBatch.reset();
            return false;
        }
    } else if (!full && !prepare(&partial, m_rowCount, error)) {
        return false;
    }
    QSqlQuery& query = full ? *m_fullBatch : partial;
    for (int i = 0; i < m_values.size(); ++i) {
        query.bindValue(i, m_values.at(i));
    }
    const bool ok = query.exec();
    if (!ok) {
        *error = QStringLiteral("%1: %2").arg(m_table, query.lastError().text());
    }
    m_values.clear();
    m_rowCount = 0;
    return ok;
}
