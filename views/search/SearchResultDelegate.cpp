#include "SearchResultDelegate.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace {

void layOut(QTextDocument* document, const QStyleOptionViewItem& option, const QString& html)
{
    document->setDefaultFont(option.font);
    document->setDocumentMargin(2);
    document->setHtml(html);
    document->setTextWidth(option.rect.width() > 0 ? option.rect.width() : 400);
}

} // namespace

void SearchResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    const QString html = index.data(HtmlRole).toString();
    if (html.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    item.text.clear();
    QStyle* style = item.widget ? item.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, item.widget);

    QTextDocument document;
    layOut(&document, item, html);
    QAbstractTextDocumentLayout::PaintContext context;
    const bool selected = item.state & QStyle::State_Selected;
    context.palette.setColor(
        QPalette::Text, item.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->save();
    painter->translate(item.rect.topLeft());
    painter->setClipRect(item.rect.translated(-item.rect.topLeft()));
    document.documentLayout()->draw(painter, context);
    painter->restore();
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    const QString html = index.data(HtmlRole).toString();
    if (html.isEmpty()) {
        return QStyledItemDelegate::sizeHint(option, index);
    }
    QTextDocument document;
    layOut(&document, option, html);
    return QSize(int(document.idealWidth()), int(document.size().height()));
}
