#include "SqlDialect.h"

namespace {

struct DialectNames
{
    SqlDialect dialect;
    const char* name;     // in migration files and URLs
    const char* qtDriver; // QSqlDatabase::addDatabase()
    const char* package;  // the Debian package with that driver
};

constexpr DialectNames names[] = {
    {SqlDialect::SQLite, "sqlite", "QSQLITE", "libqt6sql6-sqlite"},
    {SqlDialect::PostgreSQL, "postgresql", "QPSQL", "libqt6sql6-psql"},
    {SqlDialect::MySQL, "mysql", "QMYSQL", "libqt6sql6-mysql"},
};

const DialectNames& namesOf(SqlDialect dialect)
{
    for (const DialectNames& entry : names) {
        if (entry.dialect == dialect) {
            return entry;
        }
    }
    return names[0];
}

} // namespace

QString sqlDialectName(SqlDialect dialect)
{
    return QLatin1String(namesOf(dialect).name);
}

QString qtDriverOf(SqlDialect dialect)
{
    return QLatin1String(namesOf(dialect).qtDriver);
}

QString qtDriverPackageOf(SqlDialect dialect)
{
    return QLatin1String(namesOf(dialect).package);
}

bool sqlDialectOfDriver(const QString& driverName, SqlDialect* dialect)
{
    for (const DialectNames& entry : names) {
        if (driverName == QLatin1String(entry.qtDriver)) {
            *dialect = entry.dialect;
            return true;
        }
    }
    // Qt's MariaDB alias of the MySQL driver.
    if (driverName == QLatin1String("QMARIADB")) {
        *dialect = SqlDialect::MySQL;
        return true;
    }
    return false;
}
