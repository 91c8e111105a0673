#include "Database.h"

#include "sql/ConnectionSession.h"
#include "sql/Dialect.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>

#include "models/connection/ConnectionErrors.h"
#include "models/connection/DriverText.h"

namespace {

void configure(const DatabaseUrl& url, const QString& options, QSqlDatabase* db)
{
    db->setConnectOptions(options);
    if (url.dialect() == SqlDialect::SQLite) {
        db->setDatabaseName(url.isSqliteMemory() ? QStringLiteral(":memory:") : url.database());
        return;
    }
    db->setHostName(url.host());
    if (url.port() > 0) {
        db->setPort(url.port());
    }
    db->setDatabaseName(url.database());
    db->setUserName(url.userName());
    db->setPassword(url.password());
}

// One line for the person (what a server's refusal means, or the driver's first line), the
// driver's whole text in *detail.
void describeFailure(const DatabaseUrl& url, bool opened, const QString& driverText,
                     qint64 elapsedMs, QString* error, QString* detail)
{
    if (detail) {
        *detail = driverText;
    }
    const QString line = DriverText::firstLine(driverText);
    if (opened) {
        *error = Database::tr("cannot use %1: %2").arg(url.displayName(), line);
    } else if (url.dialect() == SqlDialect::SQLite) {
        *error = Database::tr("cannot open %1: %2").arg(url.displayName(), line);
    } else {
        *error = ConnectionErrors::classify(url, driverText, elapsedMs).message;
    }
}

// Checked before QSQLITE opens the file, which would create it (and fail on a missing folder).
bool prepareSqliteFile(const DatabaseUrl& url, Database::Access access, QString* options,
                       QString* error)
{
    const QFileInfo file(url.database());
    if (access != Database::Access::CreateIfMissing && !file.exists()) {
        *error = Database::tr("no database at %1").arg(file.absoluteFilePath());
        return false;
    }
    if (!file.absoluteDir().exists() && !QDir().mkpath(file.absolutePath())) {
        *error = Database::tr("cannot create the folder %1").arg(file.absolutePath());
        return false;
    }
    if (!options->contains(QLatin1String("QSQLITE_BUSY_TIMEOUT"))) {
        *options += QStringLiteral(";QSQLITE_BUSY_TIMEOUT=5000");
    }
    if (access == Database::Access::ReadOnly &&
        !options->contains(QLatin1String("QSQLITE_OPEN_READONLY"))) {
        *options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    }
    return true;
}

} // namespace

QString Database::defaultFilePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QStringLiteral("blogdesk.db"));
}

bool Database::chooseUrl(const QString& argument, DatabaseUrl* url, bool* isDefault, QString* error)
{
    *isDefault = false;
    if (!argument.isEmpty()) {
        return DatabaseUrl::parse(argument, url, error);
    }
    const QString environment = qEnvironmentVariable("DATABASE_URL");
    if (!environment.isEmpty()) {
        if (DatabaseUrl::parse(environment, url, error)) {
            return true;
        }
        *error = tr("DATABASE_URL: %1").arg(*error);
        return false;
    }
    *isDefault = true;
    *url = DatabaseUrl::forSqliteFile(defaultFilePath());
    return true;
}

bool Database::driverAvailable(const DatabaseUrl& url, QString* error)
{
    if (QSqlDatabase::isDriverAvailable(url.qtDriverName())) {
        return true;
    }
    *error = tr("Qt's %1 driver (%2) is not installed; on Debian: apt-get install %3")
                 .arg(sqlDialectName(url.dialect()), url.qtDriverName(),
                      qtDriverPackageOf(url.dialect()));
    return false;
}

bool Database::open(const DatabaseUrl& url, const QString& connectionName, QSqlDatabase* db,
                    QString* error, Access access, QString* detail)
{
    QString options;
    if (!driverAvailable(url, error) || !url.connectOptions(&options, error)) {
        return false;
    }
    if (url.dialect() == SqlDialect::SQLite && !url.isSqliteMemory() &&
        !prepareSqliteFile(url, access, &options, error)) {
        return false;
    }
    bool ok = false;
    {
        QSqlDatabase candidate = QSqlDatabase::addDatabase(url.qtDriverName(), connectionName);
        configure(url, options, &candidate);
        QElapsedTimer clock;
        clock.start();
        ok = candidate.open();
        QString driverText;
        if (!ok) {
            describeFailure(url, false, candidate.lastError().text(), clock.elapsed(), error,
                            detail);
        } else if (!ConnectionSession::prepare(candidate, url.dialect(), &driverText)) {
            describeFailure(url, true, driverText, -1, error, detail);
            ok = false;
        }
        if (ok) {
            *db = candidate;
        } else {
            candidate.close();
        }
    }
    if (!ok) {
        QSqlDatabase::removeDatabase(connectionName);
    }
    return ok;
}

bool Database::isMissingSqliteFile(const DatabaseUrl& url)
{
    return url.dialect() == SqlDialect::SQLite && !url.isSqliteMemory() &&
           !QFileInfo::exists(url.database());
}

void Database::close(const QString& connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}
