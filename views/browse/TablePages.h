#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

#include "models/BlogTable.h"
#include "views/browse/FilterBar.h"

class BlogTableModel;

// Which of the blog's tables the main window shows as a page, and how: the views' side of the
// BlogTable registry (editors: RecordEditors). One switch over BlogTable without a default, so
// a new table must say here whether it gets a page.
class TablePages
{
    Q_DECLARE_TR_FUNCTIONS(TablePages)

public:
    struct Page
    {
        QString tabText;             // translated, with its mnemonic: "&Users"
        FilterSpec filter;           // the page's filter bar
        QStringList relationColumns; // foreign keys shown as links to follow
        QStringList inPlaceColumns;  // foreign keys edited in the cell (an author)
        BlogTableModel* (*createModel)(const QSqlDatabase& db); // the page owns it
    };

    // The page of `table`; nullopt for a table shown only through others (profiles,
    // post_tags).
    static std::optional<Page> of(BlogTable table);
    // The tables with a page, in tab order (BlogTables::all()'s).
    static QList<BlogTable> tables();
};
