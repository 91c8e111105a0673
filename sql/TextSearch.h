#pragma once

#include "sql/Dialect.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

// A WHERE fragment with positional (`?`) placeholders and the values to bind to them, in order.
struct TextSearchCondition
{
    QString sql;
    QVariantList values;
};

// The one place that turns a user's search text into a case-insensitive "contains" test; the
// folding SQL of each dialect is Dialect::caseFolded(). The text is always bound, and its %
// and _ match literally. Case folding:
// - SQLite's lower() and LIKE fold ASCII only, so prepareConnection() registers
//   blogdesk_fold(), backed by QString::toCaseFolded() (Unicode simple case folding: "ÜBER"
//   finds "über", final sigma matches sigma, but "STRASSE" does not find "straße", since
//   simple folding maps one character to one character).
// - PostgreSQL and MySQL/MariaDB: the same expression on both sides, done by the server:
//   lower() (Unicode-aware on UTF-8 databases with a UTF-8 locale, and on utf8mb4 columns on
//   MariaDB even with their _bin collation, which otherwise makes LIKE case-sensitive), then
//   REPLACE() of the few characters whose case folding differs from lowercasing (final sigma,
//   long s, micro sign, ...), so a search finds the same rows as on SQLite. A PostgreSQL
//   database whose LC_CTYPE is plain "C" lowercases ASCII only.
// Accents count on every back end: "uber" does not find "über", as with blogdesk_fold().
namespace TextSearch {

// The SQL function name registered on SQLite connections.
inline constexpr const char* foldFunctionName = Dialect::sqliteFoldFunction;

// Registers blogdesk_fold() on a SQLite connection (a no-op for other dialects). Call it on
// every newly opened connection before searching on it.
bool prepareConnection(QSqlDatabase& db, QString* error);

// The folding blogdesk_fold() applies: QString::toCaseFolded().
QString fold(const QString& text);

// `text` as a LIKE pattern body: the escape character '!', '%' and '_' each get a '!' before
// them, so the pattern matches them literally.
QString escapeLike(const QString& text);

// A condition true when any of `columns` contains `text`, ignoring case. `columns` are
// identifiers from code (already escaped if they need it), never user input. An empty `text`
// gives the condition "1=1" with no values.
TextSearchCondition contains(SqlDialect dialect, const QStringList& columns, const QString& text);

// The same, with the dialect taken from the connection's driver; an unknown driver gets the
// portable lower() form.
TextSearchCondition contains(const QSqlDatabase& db, const QStringList& columns,
                             const QString& text);

} // namespace TextSearch
