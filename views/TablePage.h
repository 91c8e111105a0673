#pragma once

#include <QWidget>

class BlogTableModel;
class QLabel;
class QTableView;

// One table of the blog: a sortable view over its model and a line saying how many rows
// there are (or why the table could not be read).
class TablePage : public QWidget
{
    Q_OBJECT

public:
    // Takes ownership of `model`. `name` ("users", ...) makes the object names tests use:
    // usersPage, usersView, usersCountLabel.
    TablePage(const QString& name, const QString& title, BlogTableModel* model,
              QWidget* parent = nullptr);

    BlogTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

    // Reads the table again; false (and the reason shown on the page) when it cannot be read.
    bool reload();

private:
    void updateCount();

    QString m_title;
    BlogTableModel* m_model;
    QTableView* m_view;
    QLabel* m_countLabel;
};
