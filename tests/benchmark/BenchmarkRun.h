#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>

#include <functional>

#include "tests/benchmark/BenchmarkOptions.h"
#include "tests/benchmark/BenchmarkReport.h"
#include "tests/benchmark/FloorRunner.h"
#include "tests/benchmark/StatementCounter.h"

class MainWindow;
class StallMeter;
class TablePage;

// The actions of the benchmark, on the real window: each repeated, timed until its rows are
// shown (WindowDriver::waitUntilLoaded), with its SQL statements and the GUI thread's longest
// stall, beside its floor (ActionSql, run by FloorRunner).
class BenchmarkRun
{
public:
    BenchmarkRun(MainWindow& window, const QSqlDatabase& db, const DatabaseUrl& url,
                 const BenchmarkOptions& options, StallMeter& stalls);

    QList<Figure> run();
    // The floor of figure `name` will be `statements`.
    bool wanted(const QString& action) const; // --only
    void planFloor(const QString& name, const QList<FloorStatement>& statements);
    // Runs the planned floors (after the window's actions: the client's run blocks the GUI
    // thread) into each figure's floorSamples, or a note when the client failed.
    void addFloors(QList<Figure>& figures);

private:
    // Runs `act` once on `page` and adds the sample; `act` returns when it started (ns on
    // m_clock): a typed filter starts when its typing pause is over.
    // Times `act` (which returns when the action started, in the clock's nanoseconds) until
    // the page has loaded, or until `busy` is false.
    void measureOnce(Figure& figure, TablePage* page, const std::function<qint64()>& act);
    void measureOnce(Figure& figure, const std::function<bool()>& busy,
                     const std::function<qint64()>& act);
    // Selects post `post` on the posts page, timed until the thread dock shows its rows; the
    // Related dock's statements and stalls count too (it is waited for).
    void measureSelection(Figure& figure, qint64 post);
    qint64 now() const { return m_clock.nsecsElapsed(); }

    QList<Figure> paging();
    Figure lastPage();
    Figure sortByAuthor();
    Figure substringFilter(const QString& name, const QString& text);
    Figure fullTextSearch(const QString& name, const QString& word);
    Figure selectBusiestPost();
    Figure authorStatistics();
    Figure arrowDown();

    qint64 busiestPost(qint64* comments);
    qint64 queryNumber(const QString& sql);
    QString rareText();

    MainWindow& m_window;
    QSqlDatabase m_db;
    const BenchmarkOptions& m_options;
    StallMeter& m_stalls;
    FloorRunner m_floor;
    StatementCounter m_statements;
    TablePage* m_posts;
    QElapsedTimer m_clock;
    QHash<QString, QList<FloorStatement>> m_floorSql;
};
