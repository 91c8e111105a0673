// BenchmarkRun: holding Down through the posts, as a person arrowing through a million rows.
#include "BenchmarkRun.h"

#include <QTableView>
#include <QTest>

#include "models/browse/BlogTableModel.h"
#include "tests/benchmark/StallMeter.h"
#include "tests/benchmark/WindowDriver.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"

namespace {

constexpr int ArrowKeys = 1000;
// A held key repeats about 30 times a second (X11's and Windows' default rate).
constexpr int KeyRepeatMs = 33;
constexpr double KeyTargetMs = 50; // a key is handled within the GUI stall target

} // namespace

// Each sample is the GUI thread's time to handle one Down key (the view moves the current
// row; the page slides its window on and the docks ask for the new post, both on workers);
// between keys the event loop runs as it would between a held key's repeats, and the stall
// meter counts what happens there (windows swapped in, threads applied). A key that leaves the
// current row where it was means the window stopped at its end: counted in the note.
Figure BenchmarkRun::arrowDown()
{
    Figure figure{QStringLiteral("arrow_down")};
    figure.target = KeyTargetMs;
    m_posts->view()->sortByColumn(m_posts->model()->primaryKeyColumn(), Qt::AscendingOrder);
    WindowDriver::waitUntilLoaded(m_posts);
    QTableView* view = m_posts->view();
    if (m_posts->model()->rowCount() == 0) {
        figure.status = Figure::Status::NotAvailable;
        figure.note = QStringLiteral("no posts");
        return figure;
    }
    view->setFocus();
    view->setCurrentIndex(m_posts->model()->index(0, 0));
    WindowDriver::waitUntilDocksLoaded(m_window);
    m_stalls.takeLongestSinceMark();
    m_statements.start();
    int stuck = 0;
    int keys = 0;
    for (; keys < ArrowKeys; ++keys) {
        const qint64 before = m_posts->currentId();
        const qint64 started = now();
        QTest::keyClick(view, Qt::Key_Down);
        figure.samples << double(now() - started) / 1e6;
        WindowDriver::idle(KeyRepeatMs);
        if (m_posts->currentId() <= before) {
            if (!m_posts->model()->hasNextWindow() &&
                view->currentIndex().row() == m_posts->model()->rowCount() - 1) {
                break; // the last post
            }
            ++stuck;
        }
    }
    WindowDriver::waitUntilLoaded(m_posts);
    WindowDriver::waitUntilDocksLoaded(m_window);
    figure.longestStallMs = m_stalls.takeLongestSinceMark();
    figure.statements = m_statements.count();
    figure.rows = keys;
    figure.note = QStringLiteral("%1 Down keys %2 ms apart, the docks following; %3 did not move")
                      .arg(keys)
                      .arg(KeyRepeatMs)
                      .arg(stuck);
    if (stuck > 0) {
        figure.status = Figure::Status::Failed; // the window stopped under the user's key
    }
    return figure;
}
