#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>
#include <vector>

class BackgroundReader;
class QAbstractItemModel;
class QLineEdit;
class QPushButton;
class QWidget;

// A fresh SQLite database file in its own temporary folder, opened as a named connection and
// closed again (connection removed) when this goes out of scope.
class TempDatabase
{
public:
    explicit TempDatabase(const QString& connectionName = QStringLiteral("test"));
    ~TempDatabase();

    QString path() const;
    QString url() const; // sqlite:////absolute/path
    QSqlDatabase db() const;
    QString folder() const { return m_dir.path(); }
    bool isOpen() const { return m_open; }

    // Closes the connection (e.g. before another process uses the file) and reopens it.
    void close();
    bool reopen();

private:
    QTemporaryDir m_dir;
    QString m_connectionName;
    bool m_open = false;
};

// QVERIFY2 and QCOMPARE for a helper that returns bool (include <QTest>): a failure is recorded
// where it happened and the helper returns false, so the caller's QVERIFY(helper()) ends the
// test function instead of letting one failure cascade.
#define HELPER_VERIFY2(statement, description)                                                     \
    do {                                                                                           \
        if (!QTest::qVerify(static_cast<bool>(statement), #statement, description, __FILE__,       \
                            __LINE__)) {                                                           \
            return false;                                                                          \
        }                                                                                          \
    } while (false)
#define HELPER_VERIFY(statement) HELPER_VERIFY2(statement, "")
#define HELPER_COMPARE(actual, expected)                                                           \
    do {                                                                                           \
        if (!QTest::qCompare(actual, expected, #actual, #expected, __FILE__, __LINE__)) {          \
            return false;                                                                          \
        }                                                                                          \
    } while (false)
// QTRY_VERIFY and QTRY_COMPARE for such helpers: wait (5 s unless told) for the condition, then
// check it as above.
#define HELPER_TRY_VERIFY_WITH_TIMEOUT(expression, timeoutMs)                                      \
    do {                                                                                           \
        (void)QTest::qWaitFor([&] { return static_cast<bool>(expression); }, timeoutMs);           \
        HELPER_VERIFY(expression);                                                                 \
    } while (false)
#define HELPER_TRY_VERIFY(expression) HELPER_TRY_VERIFY_WITH_TIMEOUT(expression, 5000)
#define HELPER_TRY_COMPARE_WITH_TIMEOUT(actual, expected, timeoutMs)                               \
    do {                                                                                           \
        (void)QTest::qWaitFor([&] { return (actual) == (expected); }, timeoutMs);                  \
        HELPER_COMPARE(actual, expected);                                                          \
    } while (false)
#define HELPER_TRY_COMPARE(actual, expected) HELPER_TRY_COMPARE_WITH_TIMEOUT(actual, expected, 5000)

namespace TestSupport {

// Runs a query and returns the first column of every row as strings ("NULL" for NULL).
QStringList column(const QSqlDatabase& db, const QString& statement);
// The first column of the first row.
QVariant scalar(const QSqlDatabase& db, const QString& statement);
// The schema as sqlite_master has it (type, name, table, SQL), sorted: equal schemas give
// equal lists. The migration engine's own table is left out.
QStringList sqliteSchema(const QSqlDatabase& db);
// Copies the built-in migration files into `folder` (to change or break them in a test).
bool copyBuiltInMigrations(const QString& folder);

// Makes `temp` a fresh database migrated to head and given the sample blog, as BlogDesk's
// embedded default is on first start. A failed step fails the running test and returns false:
// call it as QVERIFY(openSampleDatabase(m_temp)).
[[nodiscard]] bool openSampleDatabase(std::unique_ptr<TempDatabase>& temp);

// Whether `value` is a timestamp as SQLAlchemy writes it: YYYY-MM-DD HH:MM:SS.ffffff.
bool isSqlTimestamp(const QString& value);

// Whether `text` holds a unique violation as a driver words it (SQLite "UNIQUE constraint
// failed", PostgreSQL "duplicate key value violates unique constraint", MariaDB "Duplicate
// entry"), which the dialogs must turn into their own words.
bool showsDriverUniqueError(const QString& text);

// The child widgets of a dialog by object name (nullptr when there is none).
QLineEdit* edit(QWidget& dialog, const char* name);
QPushButton* button(QWidget& dialog, const char* name);
// The text of the label `name`, or "<no label name>" when there is none.
QString labelText(QWidget& dialog, const char* name);

// Replaces a field's text the way a user does (select all, type), so textEdited fires.
void retype(QLineEdit* field, const QString& text);

// Checks `model` with QAbstractItemModelTester (QtTest reporting) for as long as the model
// lives: every change it signals from now on is checked, and a broken one fails the running test.
void testModel(QAbstractItemModel* model);
// The same for the model of every item view (table, tree, list) inside `root` now, except the
// models of item widgets (QListWidget, QTreeWidget, QTableWidget): those die inside their
// widget's destructor with a reset the tester would check against a half-destroyed widget, so
// ItemWidgetTesters checks them instead.
void testModelsOf(QWidget& root);

// A BackgroundReader on the database at `url`, as the window gives its docks; null (with a
// warning) when the URL does not parse.
std::unique_ptr<BackgroundReader> readerFor(const QString& url, const QString& connectionName);

// QAbstractItemModelTester on the models of the item widgets inside a root widget, for as long
// as this lives: clear it (or let it go) before the root widget is destroyed.
class ItemWidgetTesters
{
public:
    ItemWidgetTesters();
    ~ItemWidgetTesters();
    void testModelsOf(QWidget& root);
    void clear();

private:
    std::vector<std::unique_ptr<QObject>> m_testers;
};

// Triggers the action named `objectName` among `owner`'s children (a window, a view). Fails
// the running test, saying why, when there is no such action or it is disabled, and returns
// false then: call it as QVERIFY(triggerAction(*window, "actionUndo")).
[[nodiscard]] bool triggerAction(const QObject& owner, const char* objectName);

// Whether the active modal widget is the one named `boxName`; clicks its button named
// `buttonName` when it has one. Call it from a QTimer::singleShot set before the modal opens.
bool clickInModal(const QString& boxName, const QString& buttonName);

// For a modal that opens later (after a worker's answer): from construction on, clicks
// `buttonName` in the modal `boxName` as soon as that is the active modal widget, once.
class ModalAnswer : public QObject
{
public:
    ModalAnswer(const QString& boxName, const QString& buttonName);
    bool answered() const { return m_answered; }

private:
    QTimer m_poll;
    bool m_answered = false;
};

} // namespace TestSupport
