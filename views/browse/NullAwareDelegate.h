#pragma once

#include <QStyledItemDelegate>

// Draws NULL cells in grey italics, so a NULL never looks like the text "NULL" or an empty
// string.
class NullAwareDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
