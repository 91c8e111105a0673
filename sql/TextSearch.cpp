#include "TextSearch.h"

#include "sql/Dialect.h"
#include "sql/NativeHandle.h"

#include <QCoreApplication>
#include <QSqlDriver>

#include <sqlite3.h>

namespace {

// '!' rather than backslash: MySQL treats a backslash in a string literal as an escape of its
// own (unless NO_BACKSLASH_ESCAPES), so ESCAPE '\' would need a per-dialect spelling.
constexpr QChar escapeChar = QLatin1Char('!');

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(TextSearch)
};

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

} // namespace

namespace TextSearch {

bool prepareConnection(QSqlDatabase& db, QString* error)
{
    if (db.driverName() != QLatin1String("QSQLITE")) {
        return true;
    }
    sqlite3* handle = NativeHandle::sqlite(db);
    if (handle == nullptr) {
        *error = Text::tr("the SQLite connection is not open");
        return false;
    }
    const int rc =
        sqlite3_create_function_v2(handle, foldFunctionName, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   nullptr, &sqliteFold, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        *error = Text::tr("cannot register the search function: %1")
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
    // SQLite gets the text folded here, the same way blogdesk_fold() folds the column; the
    // servers fold both sides themselves, so their two sides always agree.
    const Dialect rules(dialect);
    const bool foldHere = rules.foldsPatternInClient();
    const QString pattern =
        QLatin1Char('%') + escapeLike(foldHere ? fold(text) : text) + QLatin1Char('%');
    const QString placeholder =
        foldHere ? QStringLiteral("?") : rules.caseFolded(QStringLiteral("?"), text);
    QStringList tests;
    TextSearchCondition condition;
    for (const QString& column : columns) {
        tests << rules.caseFolded(column, text) + QStringLiteral(" LIKE ") + placeholder +
                     QStringLiteral(" ESCAPE '!'");
        condition.values << pattern;
    }
    condition.sql = QLatin1Char('(') + tests.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    return condition;
}

TextSearchCondition contains(const QSqlDatabase& db, const QStringList& columns,
                             const QString& text)
{
    return contains(Dialect::of(db).kind(), columns, text);
}

} // namespace TextSearch
