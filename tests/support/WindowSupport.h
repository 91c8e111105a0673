#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

class MainWindow;
class TablePage;

// For the tests that drive the whole window (they link blogdesk_windowsupport).
namespace WindowSupport {

// A MainWindow on connection `db` (the database at `url`), shown and active, so its shortcuts
// work from the first key on, with QAbstractItemModelTester on the models of all its views. Null,
// with *error saying why, when that failed.
std::unique_ptr<MainWindow> openActiveWindow(const QSqlDatabase& db, const QString& url,
                                             QString* error);

// Waits until the shown page has read and counted what it asked for, and the thread and
// Related docks have read the selected row's records (all on worker threads); false when they
// have not within `timeoutMs`.
[[nodiscard]] bool waitUntilIdle(const MainWindow& window, int timeoutMs = 10000);
// Whether the thread and Related docks show what was last asked of them.
bool docksAreIdle(const MainWindow& window);
// Waits for docksAreIdle(); false when it did not happen within `timeoutMs`.
[[nodiscard]] bool waitUntilDocksIdle(const MainWindow& window, int timeoutMs = 10000);
// The same for one page, shown in a window or on its own.
[[nodiscard]] bool waitUntilIdle(const TablePage& page, int timeoutMs = 10000);
// Makes the page of table `name` the current tab and waits until it has read its rows; null
// when it did not within the time.
TablePage* showPage(MainWindow& window, const QString& name);

} // namespace WindowSupport
