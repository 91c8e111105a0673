// blogdesk_benchmark: opens the real MainWindow on a database and measures what a user waits
// for (docs/benchmarks.md). Run by scripts/benchmark.sh; not part of the default test run.
#include "sql/Dialect.h"

#include <QApplication>
#include <QTextStream>

#include <cstdio>

#include "models/connection/Database.h"
#include "tests/benchmark/ActionSql.h"
#include "tests/benchmark/BenchmarkOptions.h"
#include "tests/benchmark/BenchmarkReport.h"
#include "tests/benchmark/BenchmarkRun.h"
#include "tests/benchmark/ProcessStats.h"
#include "tests/benchmark/StallMeter.h"
#include "tests/benchmark/StatementCounter.h"
#include "tests/benchmark/WindowDriver.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"

namespace {

constexpr double StartupTargetMs = 500;
constexpr double GuiStallTargetMs = 50;
constexpr double PeakRssTargetMiB = 150;
constexpr int StartupTimeoutMs = 10 * 60 * 1000;
const char* const ConnectionName = "blogdesk-benchmark";

int fail(const QString& message)
{
    std::fprintf(stderr, "blogdesk_benchmark: %s\n", qUtf8Printable(message));
    return 1;
}

Figure single(const QString& name, const QString& unit, double value, double target)
{
    Figure figure{name, unit};
    figure.samples << value;
    figure.target = target;
    return figure;
}

QList<TablePage*> pagesOf(const MainWindow& window)
{
    QList<TablePage*> pages;
    for (const BlogTable table :
         {BlogTable::Users, BlogTable::Posts, BlogTable::Tags, BlogTable::Comments}) {
        if (TablePage* page = window.page(table)) {
            pages << page;
        }
    }
    return pages;
}

int measure(const BenchmarkOptions& options, const DatabaseUrl& url, QSqlDatabase db,
            StallMeter& stalls)
{
    MainWindow window(db, url);
    window.resize(1600, 1000);
    FirstRowsPaint firstRows(pagesOf(window));
    window.show();
    const TablePage* shown = firstRows.wait(StartupTimeoutMs);
    if (!shown) {
        return fail(
            QStringLiteral("no rows were painted within %1 s").arg(StartupTimeoutMs / 1000));
    }
    Figure startup = single(QStringLiteral("startup_first_rows"), QStringLiteral("ms"),
                            firstRows.msSinceProcessStart(), StartupTargetMs);
    startup.note = QStringLiteral("%1 page").arg(shown->name());

    BenchmarkRun run(window, db, url, options, stalls);
    run.planFloor(startup.name, ActionSql::firstPage(shown->name()));
    QList<Figure> figures{startup};
    figures << run.run();
    stalls.pause();
    figures << single(QStringLiteral("longest_gui_stall"), QStringLiteral("ms"), stalls.longestMs(),
                      GuiStallTargetMs);
    figures << single(QStringLiteral("peak_rss"), QStringLiteral("MiB"), ProcessStats::peakRssMiB(),
                      PeakRssTargetMiB);
    run.addFloors(figures);

    BackendReport report{sqlDialectName(Dialect::of(db).kind()), url.toString(), options.scale,
                         options.repeats, figures};
    QTextStream(stdout) << report.table();
    QString error;
    if (!options.jsonPath.isEmpty() &&
        !BenchmarkReport::appendTo(options.jsonPath, report, &error)) {
        return fail(QStringLiteral("cannot write %1: %2").arg(options.jsonPath, error));
    }
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    BenchmarkOptions options;
    QString error;
    if (!BenchmarkOptions::parse(arguments, &options, &error)) {
        std::fprintf(stderr, "blogdesk_benchmark: %s\n%s", qUtf8Printable(error),
                     qUtf8Printable(BenchmarkOptions::usage()));
        return 2;
    }
    // The same figures with or without a display: offscreen unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    StatementCounter::install(); // before any connection is opened
    QApplication app(argc, argv);
    StallMeter stalls;
    stalls.start();
    DatabaseUrl url;
    if (!DatabaseUrl::parse(options.database, &url, &error)) {
        return fail(error);
    }
    QSqlDatabase db;
    if (!Database::open(url, QLatin1String(ConnectionName), &db, &error,
                        Database::Access::Existing)) {
        return fail(error);
    }
    const int code = measure(options, url, db, stalls);
    db = QSqlDatabase();
    Database::close(QLatin1String(ConnectionName));
    return code;
}
