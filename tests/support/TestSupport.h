#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A fresh SQLite database file in its own temporary folder, opened as a named connection and
// closed again (connection removed) when this goes out of scope.
class TempDatabase
{
public:
    explicit TempDatabase(const QString& connectionName = QStringLiteral("test"));
    ~TempDatabase();

    QString path() const;
    QString url() const; // sqlite:////absolute/path
    QSqlDatabase db() const;
    QString folder() const { return m_dir.path(); }
    bool isOpen() const { return m_open; }

    // Closes the connection (e.g. before another process uses the file) and reopens it.
    void close();
    bool reopen();

private:
    QTemporaryDir m_dir;
    QString m_connectionName;
    bool m_open = false;
};

namespace TestSupport {

// Runs a query and returns the first column of every row as strings ("NULL" for NULL).
QStringList column(const QSqlDatabase& db, const QString& statement);
// The first column of the first row.
QVariant scalar(const QSqlDatabase& db, const QString& statement);
// The schema as sqlite_master has it (type, name, table, SQL), sorted: equal schemas give
// equal lists. The migration engine's own table is left out.
QStringList sqliteSchema(const QSqlDatabase& db);
// Copies the built-in migration files into `folder` (to change or break them in a test).
bool copyBuiltInMigrations(const QString& folder);

} // namespace TestSupport
