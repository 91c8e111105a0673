#pragma once

#include "models/BlogTableModel.h"

// The users table, with its columns described for display.
class UsersModel : public BlogTableModel
{
    Q_OBJECT

public:
    explicit UsersModel(const QSqlDatabase& db, QObject* parent = nullptr);
};
