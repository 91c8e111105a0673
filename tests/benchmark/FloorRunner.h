#pragma once

#include "sql/SqlDialect.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include "models/connection/DatabaseUrl.h"

// One statement as the harness writes it: SQL with positional (?) placeholders and its values.
struct FloorStatement
{
    QString sql;
    QVariantList values;
};

// The floor of an action: the same statements run by the back end's own command-line client
// (sqlite3, psql, mariadb), in one session, `repeats` times over; each repeat's time is the
// sum of its statements' times as the client reports them (see CliTiming).
class FloorRunner
{
public:
    // `db` is the harness's open connection: its driver writes the values as SQL literals.
    FloorRunner(const QSqlDatabase& db, const DatabaseUrl& url);

    // The time of each repeat in ms; empty, with *error set, when the client failed.
    QList<double> run(const QList<FloorStatement>& statements, int repeats, QString* error) const;

    // `statement` with its values written in as literals, for the client's input.
    QString literalSql(const FloorStatement& statement) const;

private:
    QString script(const QList<FloorStatement>& statements, int repeats) const;
    QStringList clientCommand() const; // program, then arguments

    QSqlDatabase m_db;
    DatabaseUrl m_url;
    SqlDialect m_dialect;
};
