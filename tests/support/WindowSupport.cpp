#include "WindowSupport.h"

#include <QApplication>
#include <QTabWidget>
#include <QTest>

#include "models/connection/DatabaseUrl.h"
#include "tests/support/TestSupport.h"
#include "views/MainWindow.h"
#include "views/browse/CommentThreadView.h"
#include "views/browse/RelatedPanel.h"
#include "views/browse/TablePage.h"

namespace WindowSupport {

std::unique_ptr<MainWindow> openActiveWindow(const QSqlDatabase& db, const QString& url,
                                             QString* error)
{
    DatabaseUrl parsed;
    if (!DatabaseUrl::parse(url, &parsed, error)) {
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(db, parsed);
    TestSupport::testModelsOf(*window);
    window->show();
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowExposed(window.get()) || !QTest::qWaitForWindowActive(window.get())) {
        *error = QStringLiteral("the window was not shown and activated");
        return nullptr;
    }
    if (!waitUntilIdle(*window)) {
        *error = QStringLiteral("the shown page did not finish reading its table");
        return nullptr;
    }
    return window;
}

bool waitUntilIdle(const MainWindow& window, int timeoutMs)
{
    return QTest::qWaitFor(
        [&window] {
            const TablePage* page = window.currentPage();
            return page != nullptr && page->isIdle() && docksAreIdle(window);
        },
        timeoutMs);
}

bool docksAreIdle(const MainWindow& window)
{
    const auto* thread = window.findChild<CommentThreadView*>();
    const auto* related = window.findChild<RelatedPanel*>();
    return (thread == nullptr || !thread->isLoading()) &&
           (related == nullptr || !related->isLoading());
}

bool waitUntilDocksIdle(const MainWindow& window, int timeoutMs)
{
    return QTest::qWaitFor([&window] { return docksAreIdle(window); }, timeoutMs);
}

bool waitUntilIdle(const TablePage& page, int timeoutMs)
{
    return QTest::qWaitFor([&page] { return page.isIdle(); }, timeoutMs);
}

TablePage* showPage(MainWindow& window, const QString& name)
{
    TablePage* page = window.page(name);
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("pageTabs"));
    if (page == nullptr || tabs == nullptr) {
        return nullptr;
    }
    tabs->setCurrentWidget(page);
    return waitUntilIdle(*page) ? page : nullptr;
}

} // namespace WindowSupport
