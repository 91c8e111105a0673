#pragma once

#include "models/browse/BlogTableModel.h"

// The comments table, with its columns described for display.
class CommentsModel : public BlogTableModel
{
    Q_OBJECT

public:
    explicit CommentsModel(const QSqlDatabase& db, QObject* parent = nullptr);
};
