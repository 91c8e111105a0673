#include "SchemaSnapshot.h"

#include "sql/SqlDialect.h"

#include <QRegularExpression>

#include "migrations/schema/SchemaSnapshotReaders.h"

// The model and its canonical types. The catalogue queries are in SchemaReaderSqlite.cpp,
// SchemaReaderPostgres.cpp and SchemaReaderMysql.cpp; what they share in
// SchemaSnapshotReaders.cpp.

namespace {

// --- canonical types -------------------------------------------------------------------

// "VARCHAR (80)", "NUMERIC(10, 2)", "timestamp(6)  without time zone" -> "varchar(80)",
// "numeric(10,2)", "timestamp(6) without time zone": lower case, single spaces, none before
// or inside the parentheses.
QString normalizedTypeSpelling(const QString& declaredType)
{
    QString type = declaredType.simplified().toLower();
    static const QRegularExpression spaceAroundArguments(
        QStringLiteral("\\s*([(,])\\s*|\\s*(\\))"));
    type.replace(spaceAroundArguments, QStringLiteral("\\1\\2"));
    return type;
}

// A canonical name and the (lower-case, normalised) spellings that mean it.
struct TypeFamily
{
    QRegularExpression spellings;
    QString canonical;
};

const QList<TypeFamily>& typeFamilies()
{
    static const QList<TypeFamily> families = [] {
        const QList<QPair<const char*, const char*>> patterns{
            // MySQL stores BOOL as tinyint(1); other tinyints are numbers and stay as declared.
            {"boolean|bool|tinyint\\(1\\)", "boolean"},
            {"integer|int|int\\(\\d+\\)|int4|serial|serial4", "integer"},
            {"text|tinytext|mediumtext|longtext", "text"},
            {"datetime(?:\\(\\d+\\))?|timestamp(?:\\(\\d+\\))?(?: without time zone)?", "datetime"},
            {"float(?:\\(\\d+\\))?|real|double|double precision|float8", "float"},
            {"blob|tinyblob|mediumblob|longblob|bytea", "blob"},
        };
        QList<TypeFamily> compiled;
        for (const auto& [pattern, canonical] : patterns) {
            compiled.append(TypeFamily{
                QRegularExpression(QRegularExpression::anchoredPattern(QLatin1String(pattern))),
                QLatin1String(canonical)});
        }
        return compiled;
    }();
    return families;
}

// varchar and numeric keep their arguments: a length or precision is part of the type.
QString canonicalOf(const QString& type)
{
    static const QRegularExpression varchar(QRegularExpression::anchoredPattern(
        QStringLiteral("(?:varchar|character varying|nvarchar)(?:\\((\\d+)\\))?")));
    if (const QRegularExpressionMatch match = varchar.match(type); match.hasMatch()) {
        return match.captured(1).isEmpty() ? QStringLiteral("varchar")
                                           : QStringLiteral("varchar(%1)").arg(match.captured(1));
    }
    static const QRegularExpression numeric(QRegularExpression::anchoredPattern(
        QStringLiteral("(?:numeric|decimal)(\\(\\d+(?:,\\d+)?\\))?")));
    if (const QRegularExpressionMatch match = numeric.match(type); match.hasMatch()) {
        return QStringLiteral("numeric") + match.captured(1);
    }
    for (const TypeFamily& family : typeFamilies()) {
        if (family.spellings.match(type).hasMatch()) {
            return family.canonical;
        }
    }
    return type;
}

} // namespace

using namespace SchemaSnapshotReading;

QString SchemaForeignKey::text() const
{
    return QStringLiteral("%1 -> %2(%3)")
        .arg(columns.join(QStringLiteral(", ")), referencedTable,
             referencedColumns.join(QStringLiteral(", ")));
}

const SchemaColumn* SchemaTable::column(const QString& name) const
{
    for (const SchemaColumn& candidate : columns) {
        if (sameName(candidate.name, name)) {
            return &candidate;
        }
    }
    return nullptr;
}

const SchemaTable* SchemaSnapshot::table(const QString& name) const
{
    for (const SchemaTable& candidate : tables) {
        if (sameName(candidate.name, name)) {
            return &candidate;
        }
    }
    return nullptr;
}

bool SchemaSnapshot::read(QSqlDatabase db, SchemaSnapshot* snapshot, QString* error)
{
    SqlDialect dialect;
    if (!sqlDialectOfDriver(db.driverName(), &dialect)) {
        *error = tr("unsupported database driver %1").arg(db.driverName());
        return false;
    }
    SnapshotBuilder builder;
    bool ok = false;
    switch (dialect) {
    case SqlDialect::SQLite:
        ok = readSqlite(db, &builder, error);
        break;
    case SqlDialect::PostgreSQL:
        ok = readPostgres(db, &builder, error);
        break;
    case SqlDialect::MySQL:
        ok = readMysql(db, &builder, error);
        break;
    }
    if (ok) {
        *snapshot = builder.finish();
    }
    return ok;
}

bool isSchemaSnapshotIgnoredTable(const QString& name)
{
    return sameName(name, QStringLiteral("blogdesk_migrations")) ||
           sameName(name, QStringLiteral("alembic_version")) ||
           name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive) ||
           name.startsWith(QLatin1Char('_'));
}

QString canonicalSqlType(const QString& declaredType)
{
    return canonicalOf(normalizedTypeSpelling(declaredType));
}
