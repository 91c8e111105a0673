#include "FlaskMigrateFilter.h"

#include "migrations/schema/BrowseIndexList.h"

namespace FlaskMigrateFilter {

// Checked by Alembic 1.8 (Debian 12) on SQLite, PostgreSQL and MariaDB: with it,
// compare_metadata finds nothing to change after BlogDesk migrated or adopted the database.
QString snippet()
{
    // One pair a line, under the first.
    const QString indent(37, QLatin1Char(' '));
    QStringList objects{QStringLiteral("(\"table\", \"blogdesk_migrations\")"),
                        QStringLiteral("(\"index\", \"ix_profiles_user_id\")")};
    for (const QString& index : BrowseIndexList::names()) {
        objects << QStringLiteral("(\"index\", \"%1\")").arg(index);
    }
    return QStringLiteral(
               R"(import sqlalchemy as sa
from sqlalchemy.dialects.mysql import LONGTEXT


def include_object(object, name, type_, reflected, compare_to):
    # BlogDesk's full-text search: SQLite's FTS5 tables and their shadow tables, the
    # full-text indexes on PostgreSQL and MariaDB.
    if reflected and compare_to is None and name.startswith(("posts_fts", "comments_fts")):
        return False
    # In the database but not in the models: BlogDesk's history table, the index the
    # guide's migration put on profiles.user_id (the model says only unique=True) and
    # BlogDesk's browse indexes (revision %1 or its migrations panel).
    if reflected and compare_to is None:
        return (type_, name) not in %2
    return True


def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    # On MySQL BlogDesk stores Text as LONGTEXT (TEXT stops at 64 KB): not a change.
    if isinstance(inspected_type, LONGTEXT) and isinstance(metadata_type, sa.Text):
        return False
    return None  # everything else as Alembic compares it


# in place of the app's Migrate(app, db) (or pass both to migrate.init_app)
migrate = Migrate(app, db, include_object=include_object, compare_type=compare_type)
)")
        .arg(BrowseIndexList::revision(),
             QLatin1Char('{') + objects.join(QLatin1String(",\n") + indent) + QLatin1Char('}'));
}

} // namespace FlaskMigrateFilter
