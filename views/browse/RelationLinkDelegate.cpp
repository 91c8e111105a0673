#include "RelationLinkDelegate.h"

#include "views/browse/TablePage.h"

RelationLinkDelegate::RelationLinkDelegate(const TablePage* page, QObject* parent)
    : RelationPickerDelegate(parent), m_page(page)
{}

void RelationLinkDelegate::initStyleOption(QStyleOptionViewItem* option,
                                           const QModelIndex& index) const
{
    RelationPickerDelegate::initStyleOption(option, index);
    if (!index.data(Qt::EditRole).isNull() && !m_page->relationColumnAt(index.column()).isEmpty()) {
        option->font.setUnderline(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link));
    }
}
