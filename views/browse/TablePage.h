#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

#include <functional>

#include "models/BlogTable.h"
#include "models/browse/GoToTarget.h"
#include "models/browse/KeysetWindow.h"
#include "views/browse/FilterBar.h"
#include "views/browse/RowTableView.h"

class BackgroundReader;
class BlogTableModel;
class QLabel;
class QTimer;
class QToolButton;
class TablePager;
struct WindowAround;

// One table of the blog: a filter bar, a sortable view over one window of rows, and a pager
// that says which rows of how many match and moves by key to the next or previous window.
// Scrolling near either end of the window slides it on (or back) by half a window, read on
// the worker before the user gets there; "Go to" shows the window around an id or row number.
// (Reading windows and counts: TablePageWindow.cpp; Go to: TablePageGoTo.cpp.)
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

    // Where windows and counts are read: `windows` finds each window's rows, `counts` counts
    // them (a count can take long; a window must not wait behind it). Without readers the
    // page reads on the GUI thread, as a page outside a window (in a test) does.
    void setReaders(BackgroundReader* windows, BackgroundReader* counts);

    // Reads the table again (the same window, as the database holds it now) and counts it,
    // keeping the selected rows, the current cell and the scroll position. A hidden page does
    // so when it is next shown. False (and the reason shown on the page) when a read on the
    // GUI thread failed; with readers the outcome comes later (loadingChanged).
    bool reload();
    // Whether a window of rows is being read; the pager's busy indicator shows it.
    bool isLoading() const { return m_loading; }
    bool isCounting() const;
    // Nothing read or counted, nor waiting to be: what the page shows is what it asked for.
    bool isIdle() const { return !m_loading && !m_hasPendingMove && !isCounting(); }
    // Runs `then` (while `context` lives) once the page shows the window it asked for: at
    // once when it does. Selecting a row must wait for it: windows are read on workers.
    void whenWindowShown(QObject* context, const std::function<void()>& then);
    // Another program changed the database: reloads now when the page is shown and nothing is
    // being edited or dragged in it, else as soon as that is over (see refreshPending()).
    void refreshFromOutside();
    bool refreshPending() const { return m_refreshPending; }

    // The row that single-row actions (Edit, Profile, Related, the thread, the breadcrumb) act
    // on: the current row when it is selected, else the first selected row; 0 when no row is
    // selected. Delete acts on selectedIds(), which then always holds it. Rows selected before
    // the window slid past them (scrolled away) still count.
    qint64 currentId() const;
    // The ids of every selected row, in view order, then those the window slid past.
    QList<qint64> selectedIds() const;
    // Makes row `id` current and selected when it is in the shown window; false otherwise.
    bool selectId(qint64 id);
    // Shows the window around `target` (an id, or a row number of the shown order) with that
    // row selected; says on the pager (<name>GoToMessage) when there is no such row.
    void goTo(const GoToTarget& target);
    // Puts the focus in the pager's "Go to" field, its text selected (Go ▸ Go to Id or Row).
    void focusGoTo();

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
    void loadingChanged(bool loading);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    bool isBusyWithUser() const;
    void refreshWhenIdle();
    void updateCurrentId();

    QWidget* createNavigationBar(const QString& name);
    bool followRelationAt(const QModelIndex& index);
    void applyFilter(const SqlCondition& condition);
    void useCondition();
    // Reads the window `move` leads to: now when shown, else when the page is next shown.
    void requestWindow(KeysetWindow::Move move);
    void readWindow(KeysetWindow::Move move);
    void showWindow(KeysetWindow::Move move, const WindowKeys& keys);
    void showAround(const GoToTarget& target, const WindowAround& around);
    void requestRowNumber(int index);
    // Slides the window on (`direction` 1) or back (-1) when the rows in sight come near that
    // end of it.
    void slideIfNearEnd(int direction);
    void watchScrolling();
    // Runs `change` on the model; with `keepPlace`, the selection, the current row and the
    // row on top stay as they were (by id).
    // Runs `change` of the model's window; a reload or a slide (`move`) keeps the place.
    void changeWindow(KeysetWindow::Move move, const std::function<void()>& change);
    void userChangedSelection();
    void setLoading(bool loading, bool quietly = false);
    void cancelRowNumber();
    void requestCount();
    void updateCount();
    void updatePagerButtons();
    void sizeColumnsOnce();
    void fitIdColumn();

    qint64 idAt(int row) const;
    qint64 currentIdFromSelection() const;

    BlogTable m_table;
    QString m_name;
    QString m_title;
    BlogTableModel* m_model;
    FilterBar* m_filterBar;
    RowTableView* m_view;
    TablePager* m_pager;
    QTimer* m_idleRetry; // looks again whether a waiting refresh may run now
    BackgroundReader* m_windowReader = nullptr;
    BackgroundReader* m_countReader = nullptr;
    QWidget* m_navigationBar = nullptr;
    QLabel* m_navigationLabel = nullptr;
    QToolButton* m_navigationClearButton = nullptr;
    SqlCondition m_filterCondition;
    SqlCondition m_navigationCondition;
    QString m_navigationDescription;
    QStringList m_navigationCrumbs;
    QHash<int, QString> m_relationColumns; // view column -> column name
    qint64 m_currentId = 0;                // as last announced by currentIdChanged
    QList<qint64> m_heldSelectedIds;       // selected rows a slide left out of the window
    qint64 m_heldCurrentId = 0;            // the current row, when it is one of them
    bool m_refreshPending = false;
    bool m_reloading = false;
    bool m_loading = false;
    bool m_sliding = false;        // the read under way is a slide: the pager stays as it is
    bool m_columnsSized = false;   // sized once, from the first rows; the user's widths stay
    bool m_sizingColumns = false;  // the page, not the user, is resizing columns
    QSet<int> m_userSizedColumns;  // columns the user dragged: never resized again
    int m_lastScroll = 0;          // the scroll bar's last value, for the way it moved
    bool m_countWanted = true;     // the condition changed, or the table may have
    bool m_hasPendingMove = false; // a move asked for while the page was hidden
    KeysetWindow::Move m_pendingMove = KeysetWindow::Move::Reload;
};
