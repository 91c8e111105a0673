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

    BlogTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    FilterBar* filterBar() const { return m_filterBar; }

    // Reads the table again; false (and the reason shown on the page) when it cannot be read.
    bool reload();

private:
    QWidget* createPager(const QString& name);
    void applyFilter(const SqlCondition& condition);
    void showNextWindow();
    void showPreviousWindow();
    void updateCount();

    QString m_title;
    BlogTableModel* m_model;
    FilterBar* m_filterBar;
    QTableView* m_view;
    QLabel* m_countLabel;
    QPushButton* m_previousButton = nullptr;
    QPushButton* m_nextButton = nullptr;
};
