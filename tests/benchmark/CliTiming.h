#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QString>

// The one place that reads the timings a database's command-line client prints after each
// statement: sqlite3 with `.timer on` ("Run Time: real 0.012 user … sys …"), psql with
// `\timing on` ("Time: 12.345 ms", "Time: 1234.567 ms (00:01.235)") and mariadb -vvv
// ("3 rows in set (0.012 sec)", "Empty set (1 min 2.345 sec)", "Query OK, … (0.001 sec)").
namespace CliTiming {

// The milliseconds of every statement in `output`, in order; other lines are ignored.
QList<double> parse(SqlDialect dialect, const QString& output);

} // namespace CliTiming
