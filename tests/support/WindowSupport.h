#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

class MainWindow;

// For the tests that drive the whole window (they link blogdesk_windowsupport).
namespace WindowSupport {

// A MainWindow on connection `db` (the database at `url`), shown and active, so its shortcuts
// work from the first key on, with QAbstractItemModelTester on the models of all its views. Null,
// with *error saying why, when that failed.
std::unique_ptr<MainWindow> openActiveWindow(const QSqlDatabase& db, const QString& url,
                                             QString* error);

// Waits until the shown page has read and counted what it asked for (the pages read on
// worker threads); false when it has not within `timeoutMs`.
[[nodiscard]] bool waitUntilIdle(const MainWindow& window, int timeoutMs = 10000);

} // namespace WindowSupport
