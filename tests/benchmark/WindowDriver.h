#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>

class MainWindow;
class QAbstractButton;
class QTimer;
class QWidget;
class TablePage;

// Drives the real window as a user does, and says when it is done.
namespace WindowDriver {

// Until `page` shows the rows the last action asked for: the page finds them on its worker and
// then selects them by key (TablePage::isLoading() turns false); a move waiting for the page to
// be shown counts too. The exact count may still be running.
void waitUntilLoaded(TablePage* page);
// What waitUntilLoaded waits for.
bool isLoading(TablePage* page);
// Runs the event loop while `busy` says so (two minutes at most).
void waitWhile(const std::function<bool()>& busy);

// Until the thread and Related docks of `window` show what the selection last asked of them
// (both read on the window's selection worker).
void waitUntilDocksLoaded(const MainWindow& window);

// Types `text` into `edit`, key by key. When typing starts a pause before anything happens (an
// active single-shot timer of the edit or of its parent), waits for that timer and returns
// when it fired; otherwise returns the time after the last key. Times are `clock`'s, in ns.
qint64 typeText(QWidget* edit, const QString& text, const QElapsedTimer& clock);
// The same with the pause named: returns when `pause` fired after the last key.
qint64 typeText(QWidget* edit, const QString& text, const QElapsedTimer& clock, QTimer* pause);

// Empties a text field as a user does: select all, delete.
void clearText(QWidget* edit);

// Clicks header section `column` of page's view (scrolled into view first).
void clickHeader(TablePage* page, int column);

// Runs the event loop for `ms` milliseconds.
void idle(int ms);

} // namespace WindowDriver

// Notes when the window's thread dock shows a thread (applies the rows it read), from its
// creation on: the end of selecting a post.
class ThreadShown : public QObject
{
    Q_OBJECT

public:
    ThreadShown(const MainWindow& window, const QElapsedTimer& clock);

    // When (ns on the clock) the first thread was shown since; -1 if none was.
    qint64 shownNs() const { return m_shownNs; }

private:
    const QElapsedTimer& m_clock;
    qint64 m_shownNs = -1;
};

// Notes when a page's view first paints rows: the end of start-up.
class FirstRowsPaint : public QObject
{
    Q_OBJECT

public:
    // Watches the viewports of every page of the window's pages.
    explicit FirstRowsPaint(const QList<TablePage*>& pages, QObject* parent = nullptr);

    // Runs the event loop until rows were painted (or `timeoutMs` passed); the page painted, or
    // null.
    TablePage* wait(int timeoutMs);
    // Milliseconds from the process's start to that paint.
    double msSinceProcessStart() const { return m_msSinceStart; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QList<TablePage*> m_pages;
    TablePage* m_painted = nullptr;
    double m_msSinceStart = -1;
};
