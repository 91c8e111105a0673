#pragma once

#include <QDialog>
#include <QList>

#include "migrations/schema/BrowseIndexList.h"

// Before browse indexes are added to a database another history manages: the statements
// that will run, and what the Flask app must add so that `flask db migrate` leaves them alone.
class BrowseIndexesDialog : public QDialog
{
    Q_OBJECT

public:
    BrowseIndexesDialog(const QList<BrowseIndex>& indexes, QWidget* parent = nullptr);
};
