#include "SqlDialect.h"

QString sqlDialectName(SqlDialect dialect)
{
    switch (dialect) {
    case SqlDialect::SQLite:
        return QStringLiteral("sqlite");
    case SqlDialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case SqlDialect::MySQL:
        return QStringLiteral("mysql");
    }
    return {};
}

bool sqlDialectOfDriver(const QString& driverName, SqlDialect* dialect)
{
    if (driverName == QLatin1String("QSQLITE")) {
        *dialect = SqlDialect::SQLite;
    } else if (driverName == QLatin1String("QPSQL")) {
        *dialect = SqlDialect::PostgreSQL;
    } else if (driverName == QLatin1String("QMYSQL") || driverName == QLatin1String("QMARIADB")) {
        *dialect = SqlDialect::MySQL;
    } else {
        return false;
    }
    return true;
}
