#include "UnknownObjectsFixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "tests/support/TestSupport.h"

namespace UnknownObjectsFixture {

const QString Subtitle = QStringLiteral("subtitle");
const QString TriggerName = QStringLiteral("posts_rank_touch");

namespace {

bool exec(const QSqlDatabase& db, const QString& statement, const QVariantList& values,
          QString* error)
{
    QSqlQuery query(db);
    bool ok = query.prepare(statement);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    ok = ok && query.exec();
    if (!ok) {
        *error = statement + QStringLiteral(": ") + query.lastError().text();
    }
    return ok;
}

} // namespace

bool addToPosts(const QSqlDatabase& db, QString* error)
{
    const QStringList ids =
        TestSupport::column(db, QStringLiteral("SELECT id FROM posts ORDER BY id"));
    if (ids.size() < 4) {
        *error = QStringLiteral("posts has fewer than four rows");
        return false;
    }
    const QByteArray blob("\x00\x01\xff\x00zero\x00", 9);
    const QString longText = QString(300000, QChar(0x00e9)); // é, 2 bytes in UTF-8
    const QStringList setup{
        "ALTER TABLE posts ADD COLUMN subtitle TEXT DEFAULT 'none'",
        "ALTER TABLE posts ADD COLUMN extra",
        "ALTER TABLE posts ADD COLUMN rank INTEGER NOT NULL DEFAULT 0",
        "UPDATE posts SET subtitle = CASE id % 3 WHEN 0 THEN NULL "
        "WHEN 1 THEN 'Sub ' || id || ' – für alle' ELSE 'plain ' || id END",
        "UPDATE posts SET rank = id * 10",
        "CREATE INDEX ix_posts_subtitle ON posts (subtitle)",
        "CREATE UNIQUE INDEX ix_posts_rank ON posts (rank)",
        "CREATE TRIGGER posts_rank_touch AFTER UPDATE OF title ON posts "
        "BEGIN UPDATE posts SET rank = rank + 1 WHERE id = NEW.id; END",
    };
    for (const QString& statement : setup) {
        if (!exec(db, statement, {}, error)) {
            return false;
        }
    }
    const QString setExtra = QStringLiteral("UPDATE posts SET extra = ? WHERE id = ?");
    return exec(db, setExtra, {blob, ids.at(0)}, error) &&
           exec(db, setExtra, {longText, ids.at(1)}, error) &&
           exec(db, setExtra, {qlonglong(42), ids.at(2)}, error) &&
           exec(db, setExtra, {2.5, ids.at(3)}, error);
}

QStringList postsValues(const QSqlDatabase& db)
{
    return TestSupport::column(
        db, QStringLiteral("SELECT id || ':' || typeof(subtitle) || ':' || hex(subtitle) || ':' "
                           "|| typeof(extra) || ':' || hex(extra) || ':' || typeof(rank) || ':' "
                           "|| hex(rank) FROM posts ORDER BY id"));
}

QStringList postsDeclarations(const QSqlDatabase& db)
{
    QStringList declarations = TestSupport::column(
        db, QStringLiteral("SELECT name || ' ' || type || ' notnull=' || \"notnull\" || "
                           "' default=' || coalesce(dflt_value, 'NULL') "
                           "FROM pragma_table_info('posts') "
                           "WHERE name IN ('subtitle', 'extra', 'rank')"));
    declarations << TestSupport::column(
        db, QStringLiteral("SELECT sql FROM sqlite_master WHERE tbl_name = 'posts' AND name IN "
                           "('ix_posts_subtitle', 'ix_posts_rank', 'posts_rank_touch')"));
    declarations.sort();
    return declarations;
}

qint64 subtitleValues(const QSqlDatabase& db)
{
    return TestSupport::scalar(db, QStringLiteral("SELECT COUNT(subtitle) FROM posts"))
        .toLongLong();
}

} // namespace UnknownObjectsFixture
