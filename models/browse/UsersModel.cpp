#include "UsersModel.h"

#include "models/BlogTable.h"
#include "models/records/PasswordHash.h"

namespace {

const QString PasswordColumn = QStringLiteral("password_hash");

} // namespace

UsersModel::UsersModel(const QSqlDatabase& db, QObject* parent)
    : BlogTableModel(BlogTables::name(BlogTable::Users), parent, db)
{
    describeColumn(QStringLiteral("id"), ColumnKind::Plain, tr("ID"));
    describeColumn(QStringLiteral("username"), ColumnKind::Plain, tr("Username"));
    describeColumn(QStringLiteral("email"), ColumnKind::Plain, tr("Email"));
    describeColumn(PasswordColumn, ColumnKind::Secret, tr("Password hash"));
    describeColumn(QStringLiteral("is_active"), ColumnKind::Boolean, tr("Active"));
    describeColumn(QStringLiteral("created_at"), ColumnKind::DateTime, tr("Created (UTC)"));
    describeColumn(QStringLiteral("updated_at"), ColumnKind::DateTime, tr("Updated (UTC)"));
    describeColumn(QStringLiteral("last_login"), ColumnKind::DateTime, tr("Last login (UTC)"));
    describeColumn(QStringLiteral("deleted_at"), ColumnKind::DateTime, tr("Deleted (UTC)"));
}

QVariant UsersModel::data(const QModelIndex& index, int role) const
{
    const bool marked =
        role == Qt::DisplayRole || role == Qt::ToolTipRole || role == Qt::AccessibleDescriptionRole;
    if (!marked || columnName(index.column()) != PasswordColumn) {
        return BlogTableModel::data(index, role);
    }
    const QString weakness =
        PasswordHash::weakness(BlogTableModel::data(index, Qt::EditRole).toString());
    if (weakness.isEmpty()) {
        return BlogTableModel::data(index, role);
    }
    if (role == Qt::DisplayRole) {
        return tr("⚠ %1 (weak)").arg(BlogTableModel::data(index, role).toString());
    }
    return weakHashHint(weakness);
}

QString UsersModel::weakHashHint(const QString& weakness)
{
    return tr("Weak password hash: %1. Set a new password for this user.").arg(weakness);
}
