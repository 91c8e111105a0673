#pragma once

#include <QGroupBox>
#include <QList>

#include "migrations/impact/UnknownObjects.h"

class QRadioButton;

// The part of the migration preview that lists what BlogDesk's history does not know on the
// tables the plan rebuilds or drops ("posts.subtitle: a column BlogDesk's history does not
// know; 60 rows hold a value") and asks what to do with it: keep (carry it through the
// rebuild: the default) or drop it knowingly. When something cannot be kept, keep is
// disabled and nothing is chosen until the person picks drop.
class UnknownObjectsChoice : public QGroupBox
{
    Q_OBJECT

public:
    UnknownObjectsChoice(const QList<UnknownObject>& objects, bool canKeep,
                         QWidget* parent = nullptr);

    // Refuse while nothing is chosen.
    UnknownObjectsPolicy policy() const;

signals:
    void policyChanged(UnknownObjectsPolicy policy);

private:
    QRadioButton* m_keep = nullptr;
    QRadioButton* m_drop = nullptr;
};
