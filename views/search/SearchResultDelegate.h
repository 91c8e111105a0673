#pragma once

#include <QStyledItemDelegate>

// Draws a search result's rich text (the item's HtmlRole: escaped text with the matched words
// in <b>), over the usual selection background; items without it are drawn as usual. The
// display role keeps the plain text, for screen readers and keyboard search.
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    static constexpr int HtmlRole = Qt::UserRole + 10;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
