#include "RevisionGraphDelegate.h"

#include <QPainter>

void RevisionGraphDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, QModelIndex()); // selection background only
    const QRect rect = option.rect;
    const QPoint centre = rect.center();
    const int radius = qMax(3, qMin(rect.height(), rect.width()) / 5);
    const bool newest = index.row() == 0;
    const bool oldest = index.row() == index.model()->rowCount(index.parent()) - 1;
    const QPalette& palette = option.palette;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(palette.color(QPalette::Mid), 2));
    // Newest on top: the line runs down to the parent and up to the child.
    if (!newest) {
        painter->drawLine(centre.x(), rect.top(), centre.x(), centre.y());
    }
    if (!oldest) {
        painter->drawLine(centre.x(), centre.y(), centre.x(), rect.bottom());
    }
    const auto dot = RevisionDot(index.data(DotRole).toInt());
    const QColor ink = dot == ChangedDot ? QColor(200, 40, 40) : palette.color(QPalette::Text);
    painter->setPen(QPen(ink, 2));
    painter->setBrush(dot == PendingDot || dot == BaseDot ? palette.color(QPalette::Base) : ink);
    painter->drawEllipse(centre, radius, radius);
    if (dot == CurrentDot) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(palette.color(QPalette::Highlight), 2));
        painter->drawEllipse(centre, radius + 3, radius + 3);
    }
    painter->restore();
}

QSize RevisionGraphDelegate::sizeHint(const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {28, qMax(base.height(), 24)};
}
