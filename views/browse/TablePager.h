#pragma once

#include <QWidget>

#include "models/browse/GoToTarget.h"
#include "models/browse/KeysetWindow.h"

class BlogTableModel;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

// The line under a table's rows: which rows of how many are shown, a busy indicator while
// they are read or counted, "Go to" (an id or a row number; Ctrl+G) and the First, Previous,
// Next and Last buttons. Object names start with the table's name: postsCountLabel,
// postsBusyIndicator, postsGoToField, postsGoToButton, postsGoToMessage, postsFirstButton, ...
class TablePager : public QWidget
{
    Q_OBJECT

public:
    // `page` holds the Ctrl+G shortcut; `rows` takes the keyboard focus back from a button
    // that is disabled under it.
    TablePager(const QString& name, const QString& title, QWidget* page, QWidget* rows);

    // Says which rows of how many `model` shows (or why it cannot read).
    void showPosition(const BlogTableModel& model);
    void setBusy(bool busy);
    // Enables the buttons that lead somewhere: back when `backward`, on when `forward`.
    void enableMoves(bool backward, bool forward);
    // A one-line outcome of "Go to" (empty: none).
    void showGoToMessage(const QString& message);
    void focusGoTo();

signals:
    void moveRequested(KeysetWindow::Move move);
    void goToRequested(const GoToTarget& target);

private:
    QPushButton* addMoveButton(const QString& text, const QString& objectName,
                               const QString& accessibleName, KeysetWindow::Move move);
    void goTo();

    QString m_title;
    QWidget* m_rows;
    QLabel* m_countLabel;
    QProgressBar* m_busyIndicator;
    QLineEdit* m_goToField;
    QPushButton* m_goToButton;
    QLabel* m_goToMessage;
    QPushButton* m_firstButton;
    QPushButton* m_previousButton;
    QPushButton* m_nextButton;
    QPushButton* m_lastButton;
};
