#pragma once

#include <QWidget>

#include "models/schema/MigrationWorker.h"

class BrowseIndexesBox;
class FlaskMigrateNote;
class QFileSystemWatcher;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QThread;
class QTimer;
class QTreeWidget;
class SchemaViewDialog;

// The schema's history on this database and the means to move along it: list and graph of
// revisions with their states, upgrade / downgrade / stamp with an SQL and data preview,
// backups with restore (SQLite), adoption of a Flask-Migrate database, the schema beside what
// it should be, and new revision files. All database work runs on a MigrationWorker thread.
class MigrationsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MigrationsPanel(const DatabaseUrl& url, QWidget* parent = nullptr);
    ~MigrationsPanel() override;

    const MigrationStatus& status() const { return m_status; }
    bool isBusy() const { return m_busy; }
    // One line for the status bar, e.g. "Revision: ae1027a6acf (head is bf2038b7def)".
    QString summary() const;
    // Whether the database is behind a history it follows (or empty), so it needs upgrading.
    bool needsUpgrade() const;
    QString migrationsFolder() const { return m_folder; }

public slots:
    void refresh();
    void setMigrationsFolder(const QString& folder); // empty: the built-in history
    void upgradeToHead();
    void upgradeToSelected();
    void downgradeToSelected();
    void stampSelected();
    void adopt();
    void showSchema();
    void newRevision();
    void restoreSelectedBackup();

signals:
    void statusChanged();
    // Before a job that changes the database: the window lets go of its open queries.
    void aboutToChangeDatabase();
    void databaseChanged();

private:
    void createWidgets();
    QWidget* createActionButtons();
    QWidget* createBackupBox();
    QWidget* createProgressBox();
    void startWorker();
    void setBusy(bool busy, const QString& what = QString());
    void showStatus(const MigrationStatus& status);
    void fillRevisions();
    void updateBanner();
    QString unmanagedText() const;
    void updateButtons();
    int selectedIndex(bool* isRevision) const;
    void requestPlan(MigrationOperation operation, int targetIndex);
    void showPlan(const MigrationPlan& plan);
    QString planTitle(const MigrationPlan& plan) const;
    void runConfirmed(MigrationOperation operation, int targetIndex, int fromStatement = 0,
                      const UnknownObjectsDecision& decision = {});
    void showOutcome(const MigrationOutcome& outcome);
    void offerPartialChoices(const MigrationOutcome& outcome);
    void showAdoption(const AdoptionCheck& check);
    void showProgress(int done, int total, const QString& revision, const QString& statement);
    // MigrationsPanelIndexes.cpp: browse indexes on a database another history manages.
    QWidget* createBrowseIndexesBox();
    void addBrowseIndexes(const QStringList& names);
    void showBrowseIndexesAdded(const BrowseIndexesOutcome& outcome);
    bool chooseFolderForNewRevision();
    void watchFolder();
    QString revisionName(int index) const;

    QThread* m_thread;
    MigrationWorker* m_worker;
    MigrationStatus m_status;
    QString m_folder;
    bool m_busy = false;
    bool m_adopting = false;
    bool m_adoptionRunning = false;
    bool m_adopted = false;            // by this panel: it then shows what the Flask app must add
    bool m_browseIndexesAdded = false; // likewise

    QLabel* m_banner = nullptr;
    FlaskMigrateNote* m_flaskMigrateNote = nullptr;
    BrowseIndexesBox* m_browseIndexes = nullptr;
    QLabel* m_folderLabel = nullptr;
    QTreeWidget* m_revisions = nullptr;
    QPushButton* m_upgradeHead = nullptr;
    QPushButton* m_upgradeSelected = nullptr;
    QPushButton* m_downgradeSelected = nullptr;
    QPushButton* m_stampSelected = nullptr;
    QPushButton* m_adopt = nullptr;
    QPushButton* m_schema = nullptr;
    QPushButton* m_newRevision = nullptr;
    QPushButton* m_refresh = nullptr;
    QWidget* m_backupBox = nullptr;
    QListWidget* m_backups = nullptr;
    QPushButton* m_restore = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_statement = nullptr;
    QLabel* m_error = nullptr;
    QPlainTextEdit* m_log = nullptr;
    SchemaViewDialog* m_schemaView = nullptr;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_reloadTimer = nullptr;
};
