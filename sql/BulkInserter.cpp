#include "BulkInserter.h"

#include "sql/BatchInserter.h"
#include "sql/NativeHandle.h"
#include "sql/SqlValue.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace {

class ServerInserter : public BulkInserter
{
public:
    ServerInserter(QSqlDatabase db, const QString& table, const QStringList& columns,
                   int rowsPerStatement)
        : m_batch(db, table, columns, rowsPerStatement)
    {}

    bool add(std::initializer_list<QVariant> row, QString* error) override
    {
        return m_batch.add(QVariantList(row), error);
    }
    bool flush(QString* error) override { return m_batch.flush(error); }
    void flushFirst(BulkInserter* parent) override
    {
        m_batch.flushFirst(&static_cast<ServerInserter*>(parent)->m_batch);
    }

private:
    BatchInserter m_batch;
};

// One prepared single-row INSERT, bound and stepped per row. Not a multi-row INSERT: SQLite
// writes the pages such a statement touches to a statement journal first (it could fail half
// way), which made it more than twice as slow. Rows go in as they come: nothing to flush.
class SqliteInserter : public BulkInserter
{
public:
    SqliteInserter(sqlite3* handle, const QString& table, const QStringList& columns)
        : m_handle(handle), m_table(table)
    {
        const QStringList marks(columns.size(), QStringLiteral("?"));
        const QByteArray sql =
            QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                .arg(table, columns.join(QStringLiteral(", ")), marks.join(QLatin1Char(',')))
                .toUtf8();
        if (sqlite3_prepare_v3(m_handle, sql.constData(), int(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr) != SQLITE_OK) {
            m_prepareError = failure();
            sqlite3_finalize(m_statement);
            m_statement = nullptr;
        }
    }
    ~SqliteInserter() override { sqlite3_finalize(m_statement); }

    bool add(std::initializer_list<QVariant> row, QString* error) override
    {
        if (!m_statement) {
            *error = m_prepareError;
            return false;
        }
        int column = 0;
        for (const QVariant& value : row) {
            bind(m_statement, ++column, value);
        }
        const bool ok = sqlite3_step(m_statement) == SQLITE_DONE;
        if (!ok) {
            *error = failure();
        }
        sqlite3_reset(m_statement);
        return ok;
    }
    bool flush(QString*) override { return true; }
    void flushFirst(BulkInserter*) override {}

private:
    QString failure() const
    {
        return QStringLiteral("%1: %2").arg(m_table, QString::fromUtf8(sqlite3_errmsg(m_handle)));
    }

    // As Qt's SQLite driver binds them: booleans and integers as integers, text as text.
    static void bind(sqlite3_stmt* statement, int column, const QVariant& value)
    {
        if (value.isNull()) {
            sqlite3_bind_null(statement, column);
            return;
        }
        if (SqlValue::isInteger(value)) {
            sqlite3_bind_int64(statement, column, value.toLongLong());
            return;
        }
        switch (value.typeId()) {
        case QMetaType::Double:
            sqlite3_bind_double(statement, column, value.toDouble());
            return;
        case QMetaType::QByteArray: {
            const QByteArray bytes = value.toByteArray();
            sqlite3_bind_blob(statement, column, bytes.constData(), int(bytes.size()),
                              SQLITE_TRANSIENT);
            return;
        }
        case QMetaType::QString: {
            // The row (and so the string) outlives the step: SQLite need not copy it.
            const QString& text = *static_cast<const QString*>(value.constData());
            sqlite3_bind_text16(statement, column, text.utf16(), int(text.size() * 2),
                                SQLITE_STATIC);
            return;
        }
        default: {
            const QString text = value.toString();
            sqlite3_bind_text16(statement, column, text.utf16(), int(text.size() * 2),
                                SQLITE_TRANSIENT);
            return;
        }
        }
    }

    sqlite3* m_handle;
    QString m_table;
    sqlite3_stmt* m_statement = nullptr;
    QString m_prepareError;
};

} // namespace

std::unique_ptr<BulkInserter> BulkInserter::create(QSqlDatabase db, const QString& table,
                                                   const QStringList& columns,
                                                   int rowsPerServerStatement)
{
    if (sqlite3* handle = NativeHandle::sqlite(db)) {
        return std::make_unique<SqliteInserter>(handle, table, columns);
    }
    return std::make_unique<ServerInserter>(db, table, columns, rowsPerServerStatement);
}
