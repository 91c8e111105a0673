#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QWidget>

#include "views/browse/NavigationHistory.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

// The records related to the selected row, grouped (a user's profile, posts and comments;
// a post's author, tags and comments; ...). Activating a group (double-click, Enter) asks to
// go to its filtered page, an item to that row, "N more…" to the whole list.
class RelatedPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RelatedPanel(QSqlDatabase db, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    BlogTable table() const { return m_table; }
    qint64 rowId() const { return m_id; }

public slots:
    // Shows what row `id` of `table` (titled `tableTitle`, "Users") relates to; 0: nothing.
    // Shown again for the row already shown (a refresh), the list keeps its scroll position,
    // its collapsed groups and its current item.
    void showRow(BlogTable table, const QString& tableTitle, qint64 id);
    void reload();

signals:
    void navigationRequested(const NavigationLocation& location);
    void profileRequested(qint64 userId);

private:
    // Where the person is in the list: kept across a refresh of the same row.
    struct Place
    {
        int scroll = 0;
        QList<int> collapsedGroups;
        int currentGroup = -1;
        int currentChild = -1;
    };
    Place place() const;
    void restore(const Place& place);
    void fill(BlogTable table, const QString& tableTitle, qint64 id);
    void activate(QTreeWidgetItem* item);
    QTreeWidgetItem* addTarget(QTreeWidgetItem* parent, const QString& text,
                               const NavigationLocation& location);

    QSqlDatabase m_db;
    BlogTable m_table = BlogTable::Users;
    QString m_tableTitle;
    qint64 m_id = 0;
    QLabel* m_titleLabel;
    QTreeWidget* m_tree;
    QList<NavigationLocation> m_targets; // item data: an index here
};
