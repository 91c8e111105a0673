#pragma once

#include <QHash>
#include <QWidget>

#include "views/FilterBar.h"

class BlogTableModel;
class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

// One table of the blog: a filter bar, a sortable view over one window of rows, and a pager
// that says which rows of how many match and moves by key to the next or previous window.
class TablePage : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `model`. `name` ("users", ...) makes the object names tests use:
    // usersPage, usersView, usersCountLabel, usersNextButton, usersFilterBar, ...
    TablePage(const QString& name, const QString& title, BlogTableModel* model,
              const FilterSpec& filter, QWidget* parent = nullptr);

    QString name() const { return m_name; }   // the table: "users", ...
    QString title() const { return m_title; } // translated: "Users", ...
    BlogTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    FilterBar* filterBar() const { return m_filterBar; }

    // Reads the table again; false (and the reason shown on the page) when it cannot be read.
    bool reload();

    // The id of the current row; 0 when there is none.
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
    void currentIdChanged(qint64 id);
    // Double-click or Enter on a row.
    void rowActivated(qint64 id);
    // Double-click or Ctrl+Enter on a relation cell of row `id`.
    void relationActivated(qint64 id, const QString& column);
    void navigationChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createPager(const QString& name);
    QWidget* createNavigationBar(const QString& name);
    bool followRelationAt(const QModelIndex& index);
    void applyFilter(const SqlCondition& condition);
    void showNextWindow();
    void showPreviousWindow();
    void updateCount();

    qint64 idAt(int row) const;

    QString m_name;
    QString m_title;
    BlogTableModel* m_model;
    FilterBar* m_filterBar;
    QTableView* m_view;
    QLabel* m_countLabel;
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
};
