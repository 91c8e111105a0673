#include "DefaultDatabase.h"

#include <QCoreApplication>

#include "migrations/MigrationEngine.h"
#include "models/SampleBlog.h"

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DefaultDatabase", text);
}

} // namespace

namespace DefaultDatabase {

bool isEmpty(const QSqlDatabase& db)
{
    const QStringList tables = db.tables();
    for (const char* name : {"users", "posts", "comments", "tags", "blogdesk_migrations"}) {
        if (tables.contains(QLatin1String(name), Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

bool prepare(QSqlDatabase db, const MigrationHistory& history, QString* summary, QString* error)
{
    const bool wasEmpty = isEmpty(db);
    MigrationEngine engine(db, history);
    if (!engine.refresh(error)) {
        return false;
    }
    if (!engine.isAtHead()) {
        MigrationError migrationError;
        if (!engine.upgrade(history.headIndex(), &migrationError)) {
            *error = migrationError.text();
            return false;
        }
        *summary = tr("upgraded to %1").arg(history.head());
    }
    if (!wasEmpty) {
        return true;
    }
    SampleBlog sample(db, SampleBlogOptions());
    if (!sample.populate(error)) {
        return false;
    }
    *summary = tr("created with a sample blog");
    return true;
}

} // namespace DefaultDatabase
