#include "DefaultDatabase.h"

#include <QCoreApplication>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/impact/DataImpact.h"
#include "models/BlogTable.h"
#include "models/records/SampleBlog.h"

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DefaultDatabase)
};

// The silent upgrade never drops what BlogDesk's history does not know: it carries it through
// a table rebuild, and refuses (changing nothing) what cannot be carried.
bool keepUnknownObjects(QSqlDatabase db, const MigrationHistory& history, MigrationEngine& engine,
                        QString* error)
{
    DataImpactReport report;
    if (!DataImpact::assess(db, history, engine.currentIndex(), history.headIndex(), &report,
                            error)) {
        return false;
    }
    QList<UnknownObject> inTheWay;
    if (!UnknownObjects::allowed(report.unknownObjects, UnknownObjectsPolicy::Keep, &inTheWay)) {
        *error = Text::tr("the upgrade to %1 would drop what BlogDesk's history does not know, so "
                          "nothing was changed: %2; upgrade from the migrations panel, or with "
                          "blogdesk db upgrade --drop-unknown")
                     .arg(history.head(), inTheWay.constFirst().fullText());
        return false;
    }
    engine.setCarries(report.carries);
    return true;
}

} // namespace

namespace DefaultDatabase {

bool isEmpty(const QSqlDatabase& db)
{
    const QStringList tables = db.tables();
    for (const BlogTable table :
         {BlogTable::Users, BlogTable::Posts, BlogTable::Comments, BlogTable::Tags}) {
        if (tables.contains(BlogTables::name(table), Qt::CaseInsensitive)) {
            return false;
        }
    }
    if (tables.contains(QStringLiteral("blogdesk_migrations"), Qt::CaseInsensitive)) {
        return false;
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
        if (!keepUnknownObjects(db, history, engine, error)) {
            return false;
        }
        if (!engine.upgrade(history.headIndex(), &migrationError)) {
            *error = migrationError.text();
            return false;
        }
        *summary = Text::tr("upgraded to %1").arg(history.head());
    }
    if (!wasEmpty) {
        return true;
    }
    SampleBlog sample(db, SampleBlogOptions());
    if (!sample.populate(error)) {
        return false;
    }
    *summary = Text::tr("created with a sample blog");
    return true;
}

} // namespace DefaultDatabase
