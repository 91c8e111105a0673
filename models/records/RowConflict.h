#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlQuery;

// A row's columns as the driver read them (column -> value), kept unconverted so that they can
// be bound again exactly as read: the originals a guarded UPDATE compares against.
using ColumnValues = QMap<QString, QVariant>;

// What a guarded save found when the row was no longer as the dialog read it. Nothing was
// written then: the save's transaction was rolled back.
struct RowConflict
{
    bool deleted = false; // the row is gone
    QStringList columns;  // the guarded columns someone else changed meanwhile
    ColumnValues current; // the guarded columns now, as read in the save's transaction

    bool isConflict() const { return deleted || !columns.isEmpty(); }
};

// One field of a conflict as the conflict dialog shows it.
struct FieldConflict
{
    QString field;    // the form's field key ("title")
    QString label;    // "Title"
    QString original; // when the dialog opened
    QString mine;     // in the dialog now
    QString theirs;   // in the database now
};

// No lost updates: an UPDATE carries the row's original values in its WHERE, so it writes
// nothing when somebody changed the row since it was read. Every dialect difference of that
// comparison is here:
// - NULL is compared with IS NULL (never "= NULL", which is never true);
// - MySQL/MariaDB compare text case- and trailing-space-insensitively under their default
//   collations, so there both sides are compared as bytes (CAST(... AS BINARY));
// - values are bound exactly as they were read (a boolean read as 0/1 stays 0/1). Timestamps
//   are never guarded: QDateTime keeps milliseconds, the columns keep microseconds;
// - MySQL counts only rows whose values changed, so "0 rows affected" is explained by reading
//   the row again (see explain()).
namespace RowGuard {

// "a = :was_a AND b IS NULL" over the columns of `originals` (names come from code, never from
// users); "1 = 1" when there are none.
QString condition(const QSqlDatabase& db, const ColumnValues& originals);
// Binds the placeholders condition() made.
void bind(QSqlQuery& query, const ColumnValues& originals);

// Whether two values read from the same column are the same value (NULL only equals NULL;
// numbers and booleans by number; everything else by text, exactly).
bool sameValue(const QVariant& a, const QVariant& b);

// The columns of row `id` in `table` (fixed names). False with *error when the read failed;
// *exists false when the row is gone.
bool read(const QSqlDatabase& db, const QString& table, qint64 id, const QStringList& columns,
          ColumnValues* values, bool* exists, QString* error);

// After a guarded UPDATE of row `id` that affected no row: reads the row again (inside the
// same transaction) and fills *conflict with what changed. False with *error when the read
// failed. When no guarded column changed (MySQL: the UPDATE changed nothing) *conflict stays
// empty and the save counts as done.
bool explain(const QSqlDatabase& db, const QString& table, qint64 id, const ColumnValues& originals,
             RowConflict* conflict, QString* error);

// Runs a prepared guarded UPDATE and explains a miss: true when it ran (check
// conflict->isConflict()), false with *error when a statement failed.
bool runUpdate(const QSqlDatabase& db, QSqlQuery& update, const QString& table, qint64 id,
               const ColumnValues& originals, RowConflict* conflict, QString* error);

// The conflict in words for the save-error label: "Not saved: someone else …".
QString message(const RowConflict& conflict, const QString& what);

} // namespace RowGuard
