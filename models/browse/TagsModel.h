#pragma once

#include "models/browse/BlogTableModel.h"

// The tags table, with its columns described for display.
class TagsModel : public BlogTableModel
{
    Q_OBJECT

public:
    explicit TagsModel(const QSqlDatabase& db, QObject* parent = nullptr);
};
