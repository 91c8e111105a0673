#include "TextSearch.h"

#include <QCoreApplication>
#include <QSqlDriver>

#include <sqlite3.h>

namespace {

// '!' rather than backslash: MySQL treats a backslash in a string literal as an escape of its
// own (unless NO_BACKSLASH_ESCAPES), so ESCAPE '\' would need a per-dialect spelling.
constexpr QChar escapeChar = QLatin1Char('!');

QString trText(const char* text)
{
    return QCoreApplication::translate("TextSearch", text);
}

// blogdesk_fold(text): NULL stays NULL; anything else is read as UTF-8 text and folded.
void sqliteFold(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int bytes = sqlite3_value_bytes(argv[0]);
    const QByteArray folded = TextSearch::fold(QString::fromUtf8(text, bytes)).toUtf8();
    sqlite3_result_text(context, folded.constData(), int(folded.size()), SQLITE_TRANSIENT);
}

sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        return nullptr;
    }
    return *static_cast<sqlite3* const*>(handle.data());
}

// The characters whose simple case folding (what blogdesk_fold() does on SQLite) differs
// from what the servers' LOWER() gives: a final sigma and the Greek symbol forms fold to the
// plain letter, long s to s, the micro sign to mu; MariaDB's LOWER() also leaves capital
// sharp s (U+1E9E) as it is. Mapped after LOWER() on the servers, so "ΣΊΣΥΦΟΣ" finds
// "σίσυφος" there too.
struct FoldException
{
    const char* from; // UTF-8
    const char* to;
};
constexpr FoldException serverFoldExceptions[] = {
    {"\u03C2", "\u03C3"}, // ς final sigma
    {"\u03D0", "\u03B2"}, // ϐ beta symbol
    {"\u03D1", "\u03B8"}, // ϑ theta symbol
    {"\u03D5", "\u03C6"}, // ϕ phi symbol
    {"\u03D6", "\u03C0"}, // ϖ pi symbol
    {"\u03F0", "\u03BA"}, // ϰ kappa symbol
    {"\u03F1", "\u03C1"}, // ϱ rho symbol
    {"\u03F5", "\u03B5"}, // ϵ lunate epsilon
    {"\u1FBE", "\u03B9"}, // ι prosgegrammeni
    {"\u017F", "s"},      // ſ long s
    {"\u00B5", "\u03BC"}, // µ micro sign
    {"\u1E9B", "\u1E61"}, // ẛ long s with dot above
    {"\u1E9E", "\u00DF"}, // ẞ capital sharp s (MariaDB's LOWER() keeps it)
};

// `operand` (a column, or the bound pattern) folded by the server: LOWER(), then the
// exceptions above. Both sides of the LIKE go through the same expression, so they agree
// even where a server's Unicode tables are older than Qt's.
QString serverFold(const QString& operand)
{
    QString folded = QStringLiteral("LOWER(") + operand + QLatin1Char(')');
    for (const FoldException& exception : serverFoldExceptions) {
        folded =
            QStringLiteral("REPLACE(%1, '%2', '%3')")
                .arg(folded, QString::fromUtf8(exception.from), QString::fromUtf8(exception.to));
    }
    return folded;
}

QString likeOperand(SqlDialect dialect, const QString& column)
{
    if (dialect == SqlDialect::SQLite) {
        return QString::fromLatin1(TextSearch::foldFunctionName) + QLatin1Char('(') + column +
               QLatin1Char(')');
    }
    return serverFold(column);
}

// SQLite gets the text folded here, the same way blogdesk_fold() folds the column; the
// servers fold both sides themselves, so their two sides always agree.
QString patternPlaceholder(SqlDialect dialect)
{
    return dialect == SqlDialect::SQLite ? QStringLiteral("?") : serverFold(QStringLiteral("?"));
}

QString patternValue(SqlDialect dialect, const QString& text)
{
    const QString body = dialect == SqlDialect::SQLite ? TextSearch::fold(text) : text;
    return QLatin1Char('%') + TextSearch::escapeLike(body) + QLatin1Char('%');
}

} // namespace

namespace TextSearch {

bool prepareConnection(QSqlDatabase& db, QString* error)
{
    if (db.driverName() != QLatin1String("QSQLITE")) {
        return true;
    }
    sqlite3* handle = sqliteHandle(db);
    if (handle == nullptr) {
        *error = trText("the SQLite connection is not open");
        return false;
    }
    const int rc =
        sqlite3_create_function_v2(handle, foldFunctionName, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   nullptr, &sqliteFold, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        *error = trText("cannot register the search function: %1")
                     .arg(QString::fromUtf8(sqlite3_errstr(rc)));
        return false;
    }
    return true;
}

QString fold(const QString& text)
{
    return text.toCaseFolded();
}

QString escapeLike(const QString& text)
{
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == escapeChar || c == QLatin1Char('%') || c == QLatin1Char('_')) {
            escaped += escapeChar;
        }
        escaped += c;
    }
    return escaped;
}

TextSearchCondition contains(SqlDialect dialect, const QStringList& columns, const QString& text)
{
    if (text.isEmpty() || columns.isEmpty()) {
        return {QStringLiteral("1=1"), {}};
    }
    const QString pattern = patternValue(dialect, text);
    QStringList tests;
    TextSearchCondition condition;
    for (const QString& column : columns) {
        tests << likeOperand(dialect, column) + QStringLiteral(" LIKE ") +
                     patternPlaceholder(dialect) + QStringLiteral(" ESCAPE '!'");
        condition.values << pattern;
    }
    condition.sql = QLatin1Char('(') + tests.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    return condition;
}

TextSearchCondition contains(const QSqlDatabase& db, const QStringList& columns,
                             const QString& text)
{
    SqlDialect dialect = SqlDialect::PostgreSQL;
    if (!sqlDialectOfDriver(db.driverName(), &dialect)) {
        dialect = SqlDialect::PostgreSQL; // the portable LOWER() form
    }
    return contains(dialect, columns, text);
}

} // namespace TextSearch
