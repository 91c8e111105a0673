#include "UsersModel.h"

UsersModel::UsersModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(QStringLiteral("users"), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("username"), ColumnKind::Plain, tr("Username"));
    describeColumn(QStringLiteral("email"), ColumnKind::Plain, tr("Email"));
    describeColumn(QStringLiteral("password_hash"), ColumnKind::Secret, tr("Password hash"));
    describeColumn(QStringLiteral("is_active"), ColumnKind::Boolean, tr("Active"));
    describeColumn(QStringLiteral("created_at"), ColumnKind::DateTime, tr("Created (UTC)"));
    describeColumn(QStringLiteral("updated_at"), ColumnKind::DateTime, tr("Updated (UTC)"));
    describeColumn(QStringLiteral("last_login"), ColumnKind::DateTime, tr("Last login (UTC)"));
    describeColumn(QStringLiteral("deleted_at"), ColumnKind::DateTime, tr("Deleted (UTC)"));
}
