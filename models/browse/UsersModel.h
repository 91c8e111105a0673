#pragma once

#include "models/browse/BlogTableModel.h"

// The users table, with its columns described for display. A password hash BlogDesk finds
// weak (see PasswordHash::weakness) is marked in words, "⚠ sha256$… (weak)", with a tooltip
// and accessible description that say why and ask for a new password.
class UsersModel : public BlogTableModel
{
    Q_OBJECT

public:
    explicit UsersModel(const QSqlDatabase& db, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // What to tell a person about a hash with this weakness (a PasswordHash::weakness text).
    static QString weakHashHint(const QString& weakness);
};
