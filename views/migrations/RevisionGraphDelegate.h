#pragma once

#include <QStyledItemDelegate>

// Draws the history's graph in the first column: a line through every revision and a dot per
// revision, filled when applied, hollow when pending, red when its file changed since, ringed
// for the database's current revision. BlogDesk's history is linear, so the graph is a line.
class RevisionGraphDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // Item data roles the panel sets on the graph column.
    enum Role
    {
        DotRole = Qt::UserRole + 1, // a RevisionDot
    };
    enum RevisionDot
    {
        PendingDot,
        AppliedDot,
        ChangedDot,
        CurrentDot,
        BaseDot,
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
