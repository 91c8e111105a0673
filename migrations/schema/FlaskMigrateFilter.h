#pragma once

#include <QString>

// What a Flask app that runs `flask db migrate` on a database BlogDesk also migrates must add,
// so that Alembic's autogenerate leaves BlogDesk's part alone. Without it autogenerate
// proposes to drop BlogDesk's history table and indexes (the browse indexes, and the one the
// guide's migration put on profiles.user_id), and on MySQL to shrink BlogDesk's LONGTEXT columns to
// the models' TEXT. The README shows the same text; tests run it through Alembic's own comparison.
namespace FlaskMigrateFilter {

// Python for the app, where it sets up Flask-Migrate: two functions and the Migrate(...)
// call that passes them on (Flask-Migrate's env.py hands them to context.configure()).
QString snippet();

} // namespace FlaskMigrateFilter
