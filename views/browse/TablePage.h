#pragma once

#include <QHash>
#include <QWidget>

#include "models/BlogTable.h"
#include "views/browse/FilterBar.h"
#include "views/browse/RowTableView.h"

class BlogTableModel;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

// One table of the blog: a filter bar, a sortable view over one window of rows, and a pager
// that says which rows of how many match and moves by key to the next or previous window.
class TablePage : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `model`. The table's name ("users", ...) makes the object names tests
    // use: usersPage, usersView, usersCountLabel, usersNextButton, usersFilterBar, ...
    TablePage(BlogTable table, BlogTableModel* model, const FilterSpec& filter,
              QWidget* parent = nullptr);

    BlogTable table() const { return m_table; }
    QString name() const { return m_name; }   // the table's SQL name: "users", ...
    QString title() const { return m_title; } // translated: "Users", ...
    BlogTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

    // Reads the table again (the same window, as the database holds it now), keeping the
    // selected rows, the current cell and the scroll position; false (and the reason shown on
    // the page) when it cannot be read.
    bool reload();
    // Another program changed the database: reloads now when the page is shown and nothing is
    // being edited or dragged in it, else as soon as that is over (see refreshPending()).
    void refreshFromOutside();
    bool refreshPending() const { return m_refreshPending; }

    // The row that single-row actions (Edit, Profile, Related, the thread, the breadcrumb) act
    // on: the current row when it is selected, else the first selected row; 0 when no row is
    // selected. Delete acts on selectedIds(), which then always holds it.
    qint64 currentId() const;
    // The ids of every selected row, in view order.
    QList<qint64> selectedIds() const;
    // Makes row `id` current and selected when it is in the shown window; false otherwise.
    bool selectId(qint64 id);

    // A condition from following a relation, on top of the filter bar's own, shown as
    // "Showing: posts by alice ✕" (<name>NavigationLabel, <name>NavigationClearButton).
    // `crumbs` is the breadcrumb that led here. Selects again.
    void setNavigation(const SqlCondition& condition, const QString& description,
                       const QStringList& crumbs);
    void clearNavigation();
    SqlCondition navigationCondition() const { return m_navigationCondition; }
    QString navigationDescription() const { return m_navigationDescription; }
    QStringList navigationCrumbs() const { return m_navigationCrumbs; }

    // Columns of the table (by name: "user_id") shown as links: double-click or Ctrl+Enter
    // on one emits relationActivated instead of rowActivated.
    void setRelationColumns(const QStringList& columns);
    // The relation column at view column `column`; empty when it is none.
    QString relationColumnAt(int column) const;

signals:
    // currentId() changed: another row was selected, or the shown row went away.
    void currentIdChanged(qint64 id);
    // Double-click or Enter on a row.
    void rowActivated(qint64 id);
    // Double-click or Ctrl+Enter on a relation cell of row `id`.
    void relationActivated(qint64 id, const QString& column);
    void navigationChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    bool isBusyWithUser() const;
    void refreshWhenIdle();
    void updateCurrentId();

    QWidget* createPager(const QString& name);
    QWidget* createNavigationBar(const QString& name);
    bool followRelationAt(const QModelIndex& index);
    void applyFilter(const SqlCondition& condition);
    void showNextWindow();
    void showPreviousWindow();
    void updateCount();

    qint64 idAt(int row) const;
    qint64 currentIdFromSelection() const;

    BlogTable m_table;
    QString m_name;
    QString m_title;
    BlogTableModel* m_model;
    FilterBar* m_filterBar;
    RowTableView* m_view;
    QLabel* m_countLabel;
    QTimer* m_idleRetry; // looks again whether a waiting refresh may run now
    QPushButton* m_previousButton = nullptr;
    QPushButton* m_nextButton = nullptr;
    QWidget* m_navigationBar = nullptr;
    QLabel* m_navigationLabel = nullptr;
    QToolButton* m_navigationClearButton = nullptr;
    SqlCondition m_filterCondition;
    SqlCondition m_navigationCondition;
    QString m_navigationDescription;
    QStringList m_navigationCrumbs;
    QHash<int, QString> m_relationColumns; // view column -> column name
    qint64 m_currentId = 0;                // as last announced by currentIdChanged
    bool m_refreshPending = false;
    bool m_reloading = false;
};
