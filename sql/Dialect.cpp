#include "Dialect.h"

#include <QRegularExpression>

#include <algorithm>

namespace {

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

QString joinedWithPlaceholders(const QStringList& columns)
{
    return QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", "));
}

} // namespace

Dialect Dialect::of(const QSqlDatabase& db)
{
    SqlDialect kind = SqlDialect::PostgreSQL;
    return Dialect(sqlDialectOfDriver(db.driverName(), &kind) ? kind : SqlDialect::PostgreSQL);
}

QStringList Dialect::sessionStatements() const
{
    switch (m_kind) {
    case SqlDialect::SQLite:
        // Foreign keys are off per connection unless asked for; reading sqlite_master is
        // where a file that is not a database (or is corrupt) first fails.
        return {QStringLiteral("PRAGMA foreign_keys=ON"),
                QStringLiteral("SELECT count(*) FROM sqlite_master")};
    case SqlDialect::MySQL:
        // utf8mb4: all of Unicode, where MySQL's "utf8" stops at three bytes per character.
        return {QStringLiteral("SET NAMES utf8mb4")};
    case SqlDialect::PostgreSQL:
        break;
    }
    // ISO dates: a timestamp read as text is then SQLAlchemy's form, whatever DateStyle the
    // server was given; notices (e.g. "table does not exist, skipping") stay quiet.
    return {QStringLiteral("SET client_encoding TO 'UTF8'"),
            QStringLiteral("SET client_min_messages TO WARNING"),
            QStringLiteral("SET DateStyle TO 'ISO, YMD'")};
}

QString Dialect::beginWriteStatement() const
{
    return m_kind == SqlDialect::SQLite ? QStringLiteral("BEGIN IMMEDIATE") : QString();
}

QString Dialect::changeStampStatement() const
{
    switch (m_kind) {
    case SqlDialect::SQLite:
        return QStringLiteral("PRAGMA data_version");
    case SqlDialect::MySQL:
        return QStringLiteral(
            "SELECT CONCAT(COALESCE(MAX(UPDATE_TIME), ''), "
            "IF(MAX(UPDATE_TIME) >= NOW() - INTERVAL 1 SECOND, CONCAT(' ', NOW()), '')) "
            "FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
    case SqlDialect::PostgreSQL:
        break;
    }
    return QStringLiteral("SELECT txid_current_snapshot()::text");
}

QString Dialect::columnType(ColumnType type, int length) const
{
    const bool sqlite = m_kind == SqlDialect::SQLite;
    const bool mysql = m_kind == SqlDialect::MySQL;
    switch (type) {
    case ColumnType::Id:
        // SQLite: an INTEGER PRIMARY KEY is the rowid and numbers itself (no AUTOINCREMENT,
        // as SQLAlchemy writes it).
        return sqlite  ? QStringLiteral("INTEGER NOT NULL")
               : mysql ? QStringLiteral("INTEGER NOT NULL AUTO_INCREMENT")
                       : QStringLiteral("SERIAL NOT NULL");
    case ColumnType::Integer:
        return QStringLiteral("INTEGER");
    case ColumnType::Boolean:
        return mysql ? QStringLiteral("BOOL") : QStringLiteral("BOOLEAN");
    case ColumnType::Timestamp:
        // MySQL's DATETIME drops the microseconds SQLAlchemy writes unless declared (6).
        return sqlite  ? QStringLiteral("DATETIME")
               : mysql ? QStringLiteral("DATETIME(6)")
                       : QStringLiteral("TIMESTAMP WITHOUT TIME ZONE");
    case ColumnType::String:
        return QStringLiteral("VARCHAR(%1)").arg(length);
    case ColumnType::LongText:
        // MySQL's TEXT stops at 64 KB.
        return mysql ? QStringLiteral("LONGTEXT") : QStringLiteral("TEXT");
    }
    return {};
}

QString Dialect::tableOptions() const
{
    return m_kind == SqlDialect::MySQL
               ? QStringLiteral("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin")
               : QString();
}

// A TEMPORARY table is the exception; data statements never commit.
bool Dialect::commitsImplicitly(const QString& statement) const
{
    if (hasTransactionalDdl()) {
        return false;
    }
    static const QRegularExpression implicitCommit(
        QStringLiteral("^(CREATE|ALTER|DROP|RENAME|TRUNCATE|GRANT|REVOKE|LOCK|UNLOCK)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression temporaryTable(QStringLiteral("^(CREATE|DROP)\\s+TEMPORARY\\b"),
                                                   QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = statement.trimmed();
    return implicitCommit.match(trimmed).hasMatch() && !temporaryTable.match(trimmed).hasMatch();
}

QString Dialect::exactText(const QString& expression) const
{
    switch (m_kind) {
    case SqlDialect::PostgreSQL:
        return QStringLiteral("CAST(%1 AS TEXT)").arg(expression);
    case SqlDialect::MySQL:
        return QStringLiteral("CAST(%1 AS CHAR)").arg(expression);
    case SqlDialect::SQLite:
        break;
    }
    return expression; // SQLite hands over what is stored
}

// On MySQL a comparison goes by the column's collation: a table the Flask app made there has
// the server's default, which ignores case and accents, and even utf8mb4_bin ignores
// trailing spaces. Bytes are compared exactly.
QString Dialect::equalsExactly(const QString& left, const QString& right) const
{
    if (m_kind == SqlDialect::MySQL) {
        return QStringLiteral("CAST(%1 AS BINARY) = CAST(%2 AS BINARY)").arg(left, right);
    }
    return QStringLiteral("%1 = %2").arg(left, right);
}

QString Dialect::nullsLargestOrder(const QString& expression, bool descending)
{
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // (x IS NULL) is 0/1 or false/true on all three and sorts the same way everywhere.
    return QStringLiteral("(%1 IS NULL)%2, %1%2").arg(expression, direction);
}

QString Dialect::caseFolded(const QString& operand) const
{
    return caseFolded(operand, QStringLiteral("\u00B5")); // not ASCII: every exception
}

QString Dialect::caseFolded(const QString& operand, const QString& text) const
{
    if (m_kind == SqlDialect::SQLite) {
        return QString::fromLatin1(sqliteFoldFunction) + QLatin1Char('(') + operand +
               QLatin1Char(')');
    }
    const bool ascii =
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    const QString lowered = text.toLower();
    QString folded = QStringLiteral("LOWER(") + operand + QLatin1Char(')');
    for (const FoldException& exception : serverFoldExceptions) {
        const QString to = QString::fromUtf8(exception.to);
        if (ascii && !lowered.contains(to)) {
            continue; // neither it nor `to` is in the pattern: both match only '_' and '%'
        }
        folded =
            QStringLiteral("REPLACE(%1, '%2', '%3')")
                .arg(folded, QString::fromUtf8(exception.from), QString::fromUtf8(exception.to));
    }
    return folded;
}

QString Dialect::returningId(const QString& insert) const
{
    return returnsIdAsRow() ? insert + QStringLiteral(" RETURNING id") : insert;
}

QString Dialect::advanceIdSequence(const QString& table) const
{
    if (m_kind != SqlDialect::PostgreSQL) {
        return {};
    }
    return QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                          "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)")
        .arg(table);
}

QString Dialect::insertInto(const QString& table, const QStringList& columns) const
{
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(table, columns.join(QStringLiteral(", ")), joinedWithPlaceholders(columns));
}

QString Dialect::insertUnlessPresent(const QString& table, const QStringList& columns,
                                     const QStringList& keyColumns) const
{
    if (m_kind == SqlDialect::MySQL) {
        // Not INSERT IGNORE: that would also swallow a foreign key or NOT NULL failure.
        const QString& key = keyColumns.constFirst();
        return insertInto(table, columns) +
               QStringLiteral(" ON DUPLICATE KEY UPDATE %1 = %1").arg(key);
    }
    return insertInto(table, columns) + QStringLiteral(" ON CONFLICT (%1) DO NOTHING")
                                            .arg(keyColumns.join(QStringLiteral(", ")));
}

QString Dialect::upsert(const QString& table, const QStringList& columns,
                        const QStringList& keyColumns, const QStringList& updatedColumns) const
{
    QStringList assignments;
    for (const QString& column : updatedColumns) {
        // MySQL's VALUES(column) is the value the INSERT would have written (MariaDB has no
        // row alias); the others call that row "excluded".
        assignments << (m_kind == SqlDialect::MySQL
                            ? QStringLiteral("%1 = VALUES(%1)").arg(column)
                            : QStringLiteral("%1 = excluded.%1").arg(column));
    }
    const QString set = assignments.join(QStringLiteral(", "));
    if (m_kind == SqlDialect::MySQL) {
        return insertInto(table, columns) + QStringLiteral(" ON DUPLICATE KEY UPDATE ") + set;
    }
    return insertInto(table, columns) + QStringLiteral(" ON CONFLICT (%1) DO UPDATE SET %2")
                                            .arg(keyColumns.join(QStringLiteral(", ")), set);
}
