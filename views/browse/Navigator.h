#pragma once

#include <QObject>
#include <QSqlDatabase>

#include "views/browse/NavigationHistory.h"

class BackgroundReader;
class QAction;
class QLabel;
class QMainWindow;
class QTabWidget;
class RelatedPanel;
class TablePage;

// Moving between related records like a browser: following relation cells and the Related
// dock, Back and Forward (Alt+Left, Alt+Right) in a Go menu and toolbar, and a breadcrumb of
// where the user is.
class Navigator : public QObject
{
    Q_OBJECT

public:
    // Adds its menu, toolbar and dock to `window`; `tabs` holds the TablePages. The Related
    // dock reads on `reader`.
    Navigator(QSqlDatabase db, BackgroundReader* reader, QTabWidget* tabs, QMainWindow* window);

    // Where the user is now: the current page, its navigation condition, the selected row.
    NavigationLocation currentLocation() const;

public slots:
    // Goes to `location`, leaving the current location in the Back history.
    void navigate(const NavigationLocation& location);
    void goBack();
    void goForward();
    // Refreshes Back/Forward, the breadcrumb and the Related dock for the current row.
    void update();
    // Reads the Related dock's records again (after a change to the database).
    void reload();

signals:
    // The Related dock's Profile entry: the window opens the profile dialog.
    void profileRequested(qint64 userId);

private:
    TablePage* page(BlogTable table) const;
    TablePage* currentPage() const;
    void createBackAndForward();
    void createRelatedDock(BackgroundReader* reader);
    void updateBreadcrumb();
    void applyLocation(const NavigationLocation& location);
    void selectLocationRow(TablePage* target, const NavigationLocation& location);
    void followRelation(TablePage* from, qint64 rowId, const QString& column);

    QSqlDatabase m_db;
    QTabWidget* m_tabs;
    QMainWindow* m_window;
    NavigationHistory m_history;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QLabel* m_breadcrumbLabel = nullptr;
    RelatedPanel* m_relatedPanel = nullptr;
    quint64 m_locationTicket = 0; // the latest location shown, whose row is still to select
};
