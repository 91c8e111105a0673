#include "DataSteps.h"

#include "sql/Slugify.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

const char* const PopulatePostSlugs = "populate_post_slugs";
constexpr int BatchSize = 500;

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DataSteps)
};

bool fail(const QSqlQuery& query, QString* error)
{
    *error = query.lastError().text();
    return false;
}

bool slugIsTaken(QSqlDatabase& db, const QString& slug, bool* taken, QString* error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM posts WHERE slug = ?"));
    query.addBindValue(slug);
    if (!query.exec()) {
        return fail(query, error);
    }
    *taken = query.next();
    return true;
}

bool assignSlug(QSqlDatabase& db, qlonglong postId, const QString& title, QString* error)
{
    bool ok = true;
    const QString slug = uniqueSlug(slugify(title), [&](const QString& candidate) {
        bool taken = false;
        ok = ok && slugIsTaken(db, candidate, &taken, error);
        return ok && taken;
    });
    if (!ok) {
        return false;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE posts SET slug = ? WHERE id = ?"));
    update.addBindValue(slug);
    update.addBindValue(postId);
    return update.exec() || fail(update, error);
}

// Posts are read in bounded batches: each batch's rows get a slug, so the next SELECT no
// longer sees them. Memory stays flat however many posts there are.
bool populatePostSlugs(QSqlDatabase& db, QString* error)
{
    for (;;) {
        QSqlQuery select(db);
        select.setForwardOnly(true);
        select.prepare(QStringLiteral("SELECT id, title FROM posts WHERE slug IS NULL "
                                      "ORDER BY id LIMIT %1")
                           .arg(BatchSize));
        if (!select.exec()) {
            return fail(select, error);
        }
        QList<QPair<qlonglong, QString>> batch;
        while (select.next()) {
            batch.append({select.value(0).toLongLong(), select.value(1).toString()});
        }
        select.finish();
        if (batch.isEmpty()) {
            return true;
        }
        for (const auto& [postId, title] : batch) {
            if (!assignSlug(db, postId, title, error)) {
                return false;
            }
        }
    }
}

} // namespace

namespace DataSteps {

bool isKnown(const QString& name)
{
    return name == QLatin1String(PopulatePostSlugs);
}

QString describe(const QString& name)
{
    if (name == QLatin1String(PopulatePostSlugs)) {
        return Text::tr("-- data step populate_post_slugs: for each post with slug IS NULL, "
                        "UPDATE posts SET slug = slugify(title) (made unique with -2, -3...)");
    }
    return Text::tr("-- unknown data step %1").arg(name);
}

bool run(const QString& name, QSqlDatabase& db, QString* error)
{
    if (name == QLatin1String(PopulatePostSlugs)) {
        return populatePostSlugs(db, error);
    }
    *error = Text::tr("unknown data step '%1'").arg(name);
    return false;
}

} // namespace DataSteps
