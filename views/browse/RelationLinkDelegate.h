#pragma once

#include "views/browse/RelationPickerDelegate.h"

class TablePage;

// A table page's cells: NULL cells as NullAwareDelegate draws them, relation cells with a
// value as links. A relation cell the model lets edit in place gets RelationPickerDelegate's
// searching editor.
class RelationLinkDelegate : public RelationPickerDelegate
{
public:
    RelationLinkDelegate(const TablePage* page, QObject* parent);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    const TablePage* m_page;
};
