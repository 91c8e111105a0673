#pragma once

#include <QList>
#include <QWidget>

#include "views/browse/NavigationHistory.h"

class BackgroundReader;
class QLabel;
class QProgressBar;
class QTreeWidget;
class QTreeWidgetItem;
struct RelatedRead;

// The records related to the selected row, grouped (a user's profile, posts and comments;
// a post's author, tags and comments; ...). Activating a group (double-click, Enter) asks to
// go to its filtered page, an item to that row, "N more…" to the whole list.
//
// The records are read on `reader` (slot "related"): a newer row makes the read under way
// stale (cancelled, never shown). While it reads, a busy indicator turns and the list of
// another row is greyed until its replacement arrives.
class RelatedPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RelatedPanel(BackgroundReader* reader, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    // The row shown (once its records were read), and how a person names it.
    BlogTable table() const { return m_table; }
    qint64 rowId() const { return m_id; }
    QString rowName() const { return m_name; }
    // Whether a row's records are being read (not shown yet).
    bool isLoading() const { return m_loading; }
    // How many statements the shown row's read ran (a fixed number per table).
    int queriesForLastLoad() const { return m_queriesForLastLoad; }

public slots:
    // Shows what row `id` of `table` (titled `tableTitle`, "Users") relates to; 0: nothing.
    // Shown again for the row already shown (a refresh), the list keeps its scroll position,
    // its collapsed groups and its current item. Asked for the row being read, it does nothing.
    void showRow(BlogTable table, const QString& tableTitle, qint64 id);
    // Reads the shown (or loading) row again.
    void reload();

signals:
    void navigationRequested(const NavigationLocation& location);
    void profileRequested(qint64 userId);
    // A read was shown: rowName() names row `id` of `table` now.
    void rowShown(BlogTable table, qint64 id);
    void loadingChanged(bool loading);

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
    void request(BlogTable table, const QString& tableTitle, qint64 id);
    void show(const RelatedRead& read, const QString& tableTitle);
    void fill(const RelatedRead& read, const QString& tableTitle);
    void setLoading(bool loading);
    void activate(QTreeWidgetItem* item);
    QTreeWidgetItem* addTarget(QTreeWidgetItem* parent, const QString& text,
                               const NavigationLocation& location);

    BackgroundReader* m_reader;
    BlogTable m_table = BlogTable::Users;
    QString m_tableTitle;
    qint64 m_id = 0;
    QString m_name;
    int m_queriesForLastLoad = 0;
    bool m_loading = false;
    // The row being read, while m_loading.
    BlogTable m_loadingTable = BlogTable::Users;
    QString m_loadingTitle;
    qint64 m_loadingId = 0;
    QLabel* m_titleLabel;
    QProgressBar* m_busyIndicator;
    QTreeWidget* m_tree;
    QList<NavigationLocation> m_targets; // item data: an index here
};
