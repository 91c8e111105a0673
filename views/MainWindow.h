#pragma once

#include <QMainWindow>
#include <QSqlDatabase>

#include "models/BlogTable.h"
#include "models/connection/DatabaseUrl.h"
#include "views/browse/NavigationHistory.h"

class BackgroundReader;
class ChangeWatcher;
class CommentThreadView;
class MigrationsPanel;
class EditCommands;
class Navigator;
class QAction;
class QDockWidget;
class QLabel;
class QTabWidget;
class QToolButton;
class TablePage;

// The window on one database: a page per table and, in the status bar, which database this
// is and at which revision of BlogDesk's schema history it stands.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const QSqlDatabase& db, const DatabaseUrl& url, QWidget* parent = nullptr);

    TablePage* page(BlogTable table) const;
    TablePage* page(const QString& name) const; // by the table's SQL name: "users", ...
    TablePage* currentPage() const;

    // Where the user is now: the current page, its navigation condition, the selected row.
    NavigationLocation currentLocation() const;

    MigrationsPanel* migrationsPanel() const { return m_migrations; }

public slots:
    // Reads every page and dock again (F5), keeping selections and scroll positions.
    void reload();
    // Another program changed the database: the shown page and the docks read it again now,
    // the other pages when they are next shown.
    void refreshFromOutside();
    // Goes to `location`, leaving the current location in the Back history.
    void navigate(const NavigationLocation& location);
    void goBack();
    void goForward();

protected:
    void changeEvent(QEvent* event) override;

private:
    void createPages();
    void watchForOutsideChanges();
    // Looks for outside changes again, less often the longer the last read took.
    void startWatching(qint64 lastReadMs = 0);
    void createActions();
    void createEditActions();
    void createThreadDock();
    void updateEditActions();
    void editCurrent();
    void editRow(qint64 id);
    void deleteSelected();
    void deleteRows(BlogTable table, const QList<qint64>& ids);
    void createMigrationsDock();
    void createSearchDock();
    void showMigrations();
    void showMigrationStatus();
    void suspendForMigration();
    void resumeAfterMigration();
    void updateRevision();
    void showAbout();

    QSqlDatabase m_db;
    DatabaseUrl m_url;
    QTabWidget* m_tabs;
    QLabel* m_databaseLabel;
    QToolButton* m_revisionButton;
    QDockWidget* m_migrationsDock = nullptr;
    MigrationsPanel* m_migrations = nullptr;
    bool m_migrationStatusShown = false;
    CommentThreadView* m_threadView = nullptr;
    BackgroundReader* m_selectionReader = nullptr; // the thread and Related docks'
    EditCommands* m_edits = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_profileAction = nullptr;
    Navigator* m_navigator = nullptr;
    ChangeWatcher* m_changeWatcher = nullptr;
};
