#pragma once

#include "sql/SqlDialect.h"

#include <QJsonObject>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

#include "tests/support/FlaskApp.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

class BlogTableModel;

// End-to-end compatibility with the real Flask app of the guide (tests/flaskapp/blogapp.py,
// run by Debian's python3-flask-sqlalchemy and python3-flask-migrate): BlogDesk opens what
// Flask made, and Flask loads what BlogDesk wrote. A missing Python or Flask is a failure,
// not a skip: without them this test proves nothing.
//
// The interop checks (Flask's create_all() blog browsed by BlogDesk, BlogDesk's sample and
// upgraded databases loaded by Flask) run on SQLite and, as the app's DATABASE_URL points at
// them with psycopg2 and PyMySQL, on the PostgreSQL and MariaDB test servers. The checks that
// read SQLite's stored text (typeof, sqlite_master, PRAGMA) and the migration-command checks
// that compare the file before and after stay SQLite-only.
//
// What test_flaskcompat and test_flaskcompat_load share: running the guide's Flask app and
// BlogDesk on one database, and reading what each stored.
namespace FlaskCompat {

extern const QStringList BlogTables;

bool parseJsonObject(const ProcessResult& result, QJsonObject* object, QString* failure);
// The URL the Flask app is given for a database (mysql+pymysql://). BlogDesk is given the
// same URL, as a user would copy it from the app.
QString appUrl(const QString& url);
// A fresh database on the current row's back end (see TestServers::addBackendRows).
std::unique_ptr<TestServers::BackendDatabase> backendDatabase(SqlDialect dialect, QString* failure);
// On MariaDB, SQLAlchemy's DateTime is DATETIME without a fraction: the server drops the
// microseconds the app sets. PostgreSQL's TIMESTAMP and SQLite's text keep them.
bool keepsMicroseconds(SqlDialect dialect);
// One timestamp (the first row `where` selects) as SQLAlchemy's text, six fraction digits.
QString timestampText(const QSqlDatabase& db, SqlDialect dialect, const QString& table,
                      const QString& column, const QString& where);
QStringList nonEmptyLines(const QString& text);
// datetime.isoformat() of the value SQLAlchemy stored as `raw`: a 'T', and no fraction at all
// when the microseconds are zero.
QString pythonIsoFormat(const QString& raw);

struct TableColumn
{
    QString table;
    QString column;
    QString name() const { return table + QLatin1Char('.') + column; }
};

// Every stored DATETIME that is not SQLAlchemy's text, or that SqlTime reads differently
// (to the millisecond, which is what Qt keeps); `checked` counts the values looked at.
QStringList badDateTimes(const QSqlDatabase& db, int* checked);
// The servers' timestamps of every blog table, read as text: each must be a full date-time
// that SqlTime reads to the millisecond; `checked` counts the values looked at.
QStringList badServerDateTimes(const QSqlDatabase& db, SqlDialect dialect, int* checked);
// Every stored BOOLEAN that is not the integer 0 or 1, as SQLAlchemy writes them.
QStringList badBooleans(const QSqlDatabase& db, int* checked);

// A cell by the table's column name: a relation column is renamed after its display column
// in the model's own record, so the table's record is the one to ask.
QVariant cell(const BlogTableModel& model, int row, const char* column, int role = Qt::EditRole);
int rowWithId(const BlogTableModel& model, qint64 id);

// Everything a command could change in a SQLite database, for before/after comparisons.
struct Snapshot
{
    QStringList tables; // BlogDesk's own history table included
    QStringList schema; // sqliteSchema: the schema without BlogDesk's history table
    // Like sqliteSchema, rows and counts leave BlogDesk's history table out: whether it is
    // there is compared (last) through `tables`.
    QMap<QString, qint64> rowCounts;
    QStringList rows; // every row as text
};

Snapshot snapshotOf(const QSqlDatabase& db);

// The test classes' common part: BlogDesk's binary and the Flask app's Python, checked once.
class Fixture
{
protected:
    // For initTestCase(): fails the test run, saying what to install, when the binary, Python,
    // Flask or a server driver is missing.
    [[nodiscard]] bool findTools();

    ProcessResult runBlogDesk(const QStringList& arguments) const;
    bool createFlaskBlog(TempDatabase& database, QJsonObject* summary, QString* failure) const;
    bool createBlogDeskSample(TempDatabase& database, QString* failure) const;
    // The same on any back end: the connection stays open while the other program writes.
    bool createFlaskBlog(const TestServers::BackendDatabase& database, QJsonObject* summary,
                         QString* failure) const;
    bool createBlogDeskSample(const TestServers::BackendDatabase& database, QString* failure) const;

private:
    QString m_blogDesk;
};

} // namespace FlaskCompat
