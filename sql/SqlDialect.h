#pragma once

#include <QString>

// The three SQL back ends BlogDesk speaks. Everything that differs between them is decided
// from this value, in models/Dialect and in the migration files' per-dialect sections.
enum class SqlDialect
{
    SQLite,
    PostgreSQL,
    MySQL,
};

// "sqlite", "postgresql" or "mysql": the names used in migration files and URLs.
QString sqlDialectName(SqlDialect dialect);

// The Qt SQL driver for `dialect`: "QSQLITE", "QPSQL" or "QMYSQL".
QString qtDriverOf(SqlDialect dialect);
// The Debian package that ships that driver ("libqt6sql6-psql", ...).
QString qtDriverPackageOf(SqlDialect dialect);

// The dialect of a Qt SQL driver name (QSQLITE, QPSQL, QMYSQL); false for any other driver.
bool sqlDialectOfDriver(const QString& driverName, SqlDialect* dialect);
