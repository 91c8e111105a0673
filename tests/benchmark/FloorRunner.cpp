#include "FloorRunner.h"

#include "sql/Dialect.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDriver>
#include <QSqlField>

#include "tests/benchmark/CliTiming.h"

namespace {

constexpr int ClientTimeoutMs = 30 * 60 * 1000;

} // namespace

FloorRunner::FloorRunner(const QSqlDatabase& db, const DatabaseUrl& url)
    : m_db(db), m_url(url), m_dialect(Dialect::of(db).kind())
{}

QString FloorRunner::literalSql(const FloorStatement& statement) const
{
    QString sql;
    int next = 0;
    for (const QChar c : statement.sql) {
        if (c == QLatin1Char('?') && next < statement.values.size()) {
            const QVariant& value = statement.values.at(next++);
            QSqlField field(QString(), value.metaType());
            field.setValue(value);
            sql += m_db.driver()->formatValue(field);
        } else {
            sql += c;
        }
    }
    return sql.simplified() + QLatin1Char(';');
}

// Rows go to /dev/null (after the client has read and formatted them, as BlogDesk reads
// them); the timings stay on stdout.
QString FloorRunner::script(const QList<FloorStatement>& statements, int repeats) const
{
    QStringList lines;
    switch (m_dialect) {
    case SqlDialect::SQLite:
        lines << QStringLiteral(".timer on") << QStringLiteral(".output /dev/null");
        break;
    case SqlDialect::PostgreSQL:
        lines << QStringLiteral("\\timing on") << QStringLiteral("\\o /dev/null");
        break;
    case SqlDialect::MySQL:
        break; // -vvv prints each statement's time after its rows
    }
    for (int i = 0; i < repeats; ++i) {
        for (const FloorStatement& statement : statements) {
            lines << literalSql(statement);
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QStringList FloorRunner::clientCommand() const
{
    switch (m_dialect) {
    case SqlDialect::SQLite:
        return {QStringLiteral("sqlite3"), QStringLiteral("-bail"), m_url.database()};
    case SqlDialect::PostgreSQL: {
        QStringList command{QStringLiteral("psql"),
                            QStringLiteral("-X"),
                            QStringLiteral("-q"),
                            QStringLiteral("-v"),
                            QStringLiteral("ON_ERROR_STOP=1"),
                            QStringLiteral("-d"),
                            m_url.database()};
        if (!m_url.host().isEmpty()) {
            command << QStringLiteral("-h") << m_url.host();
        }
        if (m_url.port() > 0) {
            command << QStringLiteral("-p") << QString::number(m_url.port());
        }
        if (!m_url.userName().isEmpty()) {
            command << QStringLiteral("-U") << m_url.userName();
        }
        return command;
    }
    case SqlDialect::MySQL: {
        QStringList command{QStringLiteral("mariadb"), QStringLiteral("-vvv"),
                            QStringLiteral("--default-character-set=utf8mb4")};
        const QString socket = m_url.queryValue(QStringLiteral("unix_socket"));
        if (!socket.isEmpty()) {
            command << QStringLiteral("--socket=") + socket;
        }
        if (!m_url.host().isEmpty()) {
            command << QStringLiteral("-h") << m_url.host();
        }
        if (m_url.port() > 0) {
            command << QStringLiteral("-P") << QString::number(m_url.port());
        }
        if (!m_url.userName().isEmpty()) {
            command << QStringLiteral("-u") << m_url.userName();
        }
        return command << m_url.database();
    }
    }
    return {};
}

QList<double> FloorRunner::run(const QList<FloorStatement>& statements, int repeats,
                               QString* error) const
{
    QStringList command = clientCommand();
    QProcess client;
    // The password goes by the environment, never on the command line (ps shows that).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!m_url.password().isEmpty()) {
        environment.insert(m_dialect == SqlDialect::PostgreSQL ? QStringLiteral("PGPASSWORD")
                                                               : QStringLiteral("MYSQL_PWD"),
                           m_url.password());
    }
    client.setProcessEnvironment(environment);
    client.start(command.takeFirst(), command);
    client.write(script(statements, repeats).toUtf8());
    client.closeWriteChannel();
    if (!client.waitForFinished(ClientTimeoutMs) || client.exitStatus() != QProcess::NormalExit ||
        client.exitCode() != 0) {
        *error =
            QStringLiteral("%1 failed: %2")
                .arg(client.program(), QString::fromUtf8(client.readAllStandardError()).trimmed());
        return {};
    }
    const QList<double> times =
        CliTiming::parse(m_dialect, QString::fromUtf8(client.readAllStandardOutput()));
    if (times.size() != statements.size() * repeats) {
        *error = QStringLiteral("%1 printed %2 timings for %3 statements")
                     .arg(client.program())
                     .arg(times.size())
                     .arg(statements.size() * repeats);
        return {};
    }
    QList<double> perRepeat;
    for (int i = 0; i < repeats; ++i) {
        double sum = 0;
        for (int j = 0; j < statements.size(); ++j) {
            sum += times.at(i * statements.size() + j);
        }
        perRepeat << sum;
    }
    return perRepeat;
}
