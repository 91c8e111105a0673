#pragma once

#include "sql/SqlCondition.h"

#include <QList>
#include <QString>
#include <QStringList>

#include "models/BlogTable.h"

// Where the user is: a table page, the navigation condition on top of its filter bar (empty:
// none) with its description ("posts by alice") and breadcrumb, and the selected row.
struct NavigationLocation
{
    BlogTable page = BlogTable::Users; // the page's table
    SqlCondition condition;            // columns qualified with the page's table, values bound
    QString description;
    QStringList crumbs; // "Users", "alice", "Posts"; empty: the page and its selected row
    qint64 selectedId = 0;
};

// A browser's Back/Forward: locations left behind and locations gone back from. Pure data,
// no widgets: the window captures and applies the locations.
class NavigationHistory
{
public:
    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }
    int backCount() const { return int(m_back.size()); }
    int forwardCount() const { return int(m_forward.size()); }

    // Leaving `from` for a new place: `from` can be gone back to; Forward is forgotten.
    void visit(const NavigationLocation& from);
    // The location to go back to; `current` becomes the next Forward. Call only when
    // canGoBack().
    NavigationLocation back(const NavigationLocation& current);
    // The location to go forward to; `current` becomes the next Back. Call only when
    // canGoForward().
    NavigationLocation forward(const NavigationLocation& current);
    void clear();

    static constexpr int MaxEntries = 100;

private:
    QList<NavigationLocation> m_back;
    QList<NavigationLocation> m_forward;
};
