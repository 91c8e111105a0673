#include "WindowDriver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include "models/browse/BlogTableModel.h"
#include "tests/benchmark/ProcessStats.h"
#include "views/MainWindow.h"
#include "views/browse/CommentThreadView.h"
#include "views/browse/RelatedPanel.h"
#include "views/browse/TablePage.h"

namespace {

// Records when a timer's event arrives, before the timer acts on it.
class TimerFired : public QObject
{
public:
    TimerFired(QObject* timer, const QElapsedTimer& clock) : m_clock(clock)
    {
        timer->installEventFilter(this);
    }

    bool fired() const { return m_firedNs >= 0; }
    qint64 firedNs() const { return m_firedNs; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Timer && !fired()) {
            m_firedNs = m_clock.nsecsElapsed();
            watched->removeEventFilter(this);
        }
        return false;
    }

private:
    const QElapsedTimer& m_clock;
    qint64 m_firedNs = -1;
};

QTimer* typingPause(QWidget* edit)
{
    QList<QTimer*> timers = edit->findChildren<QTimer*>(QString(), Qt::FindDirectChildrenOnly);
    if (edit->parent()) {
        timers += edit->parent()->findChildren<QTimer*>(QString(), Qt::FindDirectChildrenOnly);
    }
    for (QTimer* timer : timers) {
        if (timer->isSingleShot() && timer->isActive()) {
            return timer;
        }
    }
    return nullptr;
}

} // namespace

namespace WindowDriver {

// Until the page shows the rows it asked for: read on its worker, then selected by key. The
// exact count may still run (it never holds the rows back); a page's move waiting for it to be
// shown counts as loading.
void waitUntilLoaded(TablePage* page)
{
    waitWhile([page] { return isLoading(page); });
}

bool isLoading(TablePage* page)
{
    const bool moveWaits = !page->isIdle() && !page->isLoading() && !page->isCounting();
    return page->isLoading() || moveWaits;
}

void waitWhile(const std::function<bool()>& busy)
{
    QElapsedTimer limit;
    limit.start();
    while (busy() && limit.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
}

// The docks say when they are done (their loading state), no sleep in between.
void waitUntilDocksLoaded(const MainWindow& window)
{
    const auto* thread = window.findChild<CommentThreadView*>();
    const auto* related = window.findChild<RelatedPanel*>();
    const auto loading = [thread, related] {
        return (thread && thread->isLoading()) || (related && related->isLoading());
    };
    QElapsedTimer limit;
    limit.start();
    while (loading() && limit.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
}

qint64 typeText(QWidget* edit, const QString& text, const QElapsedTimer& clock)
{
    QTest::keyClicks(edit, text);
    QTimer* pause = typingPause(edit);
    if (!pause) {
        return clock.nsecsElapsed();
    }
    const TimerFired fired(pause, clock);
    while (!fired.fired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return fired.firedNs();
}

qint64 typeText(QWidget* edit, const QString& text, const QElapsedTimer& clock, QTimer* pause)
{
    const TimerFired fired(pause, clock); // listens from the first key: each key restarts it
    QTest::keyClicks(edit, text);
    while (!fired.fired() || pause->isActive()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return fired.firedNs();
}

void clearText(QWidget* edit)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
}

void clickHeader(TablePage* page, int column)
{
    QTableView* view = page->view();
    if (view->model()->rowCount() > 0) {
        view->scrollTo(view->model()->index(0, column));
    }
    QHeaderView* header = view->horizontalHeader();
    const QPoint middle(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, middle);
}

void idle(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents,
                                        int(deadline.remainingTime()));
    }
}

} // namespace WindowDriver

ThreadShown::ThreadShown(const MainWindow& window, const QElapsedTimer& clock) : m_clock(clock)
{
    if (auto* thread = window.findChild<CommentThreadView*>()) {
        connect(thread, &CommentThreadView::threadShown, this, [this] {
            if (m_shownNs < 0) {
                m_shownNs = m_clock.nsecsElapsed();
            }
        });
    }
}

FirstRowsPaint::FirstRowsPaint(const QList<TablePage*>& pages, QObject* parent)
    : QObject(parent), m_pages(pages)
{
    for (TablePage* page : pages) {
        page->view()->viewport()->installEventFilter(this);
    }
}

bool FirstRowsPaint::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Paint || m_painted) {
        return false;
    }
    for (TablePage* page : m_pages) {
        if (page->view()->viewport() == watched && page->model()->rowCount() > 0) {
            m_msSinceStart = ProcessStats::msSinceProcessStart();
            m_painted = page;
        }
    }
    return false;
}

TablePage* FirstRowsPaint::wait(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_painted && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return m_painted;
}
