#pragma once

#include "models/browse/BlogTableModel.h"

// The posts table, with its columns described for display.
class PostsModel : public BlogTableModel
{
    Q_OBJECT

public:
    explicit PostsModel(const QSqlDatabase& db, QObject* parent = nullptr);
};
