#pragma once

#include <QWidget>

#include "views/FilterBar.h"

class BlogTableModel;
class QLabel;
class QPushButton;
class QTableView;

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

    QString name() const { return m_name; } // the table: "users", ...
    BlogTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    FilterBar* filterBar() const { return m_filterBar; }

    // Reads the table again; false (and the reason shown on the page) when it cannot be read.
    bool reload();

    // The id of the current row; 0 when there is none.
    qint64 currentId() const;
    // The ids of every selected row, in view order.
    QList<qint64> selectedIds() const;

signals:
    void currentIdChanged(qint64 id);
    // Double-click or Enter on a row.
    void rowActivated(qint64 id);

private:
    QWidget* createPager(const QString& name);
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
};
