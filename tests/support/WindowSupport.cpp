#include "WindowSupport.h"

#include <QApplication>
#include <QTest>

#include "models/connection/DatabaseUrl.h"
#include "tests/support/TestSupport.h"
#include "views/MainWindow.h"

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
    return window;
}

} // namespace WindowSupport
