#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>
#include <QVariant>

#include "migrations/engine/MigrationHistory.h"
#include "models/connection/Database.h"
#include "models/connection/DatabaseUrl.h"
#include "models/read/BackgroundReader.h"
#include "models/schema/DefaultDatabase.h"

TempDatabase::TempDatabase(const QString& connectionName) : m_connectionName(connectionName)
{
    reopen();
}

TempDatabase::~TempDatabase()
{
    close();
}

QString TempDatabase::path() const
{
    return m_dir.filePath(QStringLiteral("blog.db"));
}

QString TempDatabase::url() const
{
    return QStringLiteral("sqlite:///") + path();
}

QSqlDatabase TempDatabase::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void TempDatabase::close()
{
    if (m_open) {
        Database::close(m_connectionName);
        m_open = false;
    }
}

bool TempDatabase::reopen()
{
    close();
    QSqlDatabase db;
    QString error;
    m_open = Database::open(DatabaseUrl::forSqliteFile(path()), m_connectionName, &db, &error);
    if (!m_open) {
        qWarning("cannot open test database: %s", qPrintable(error));
    }
    return m_open;
}

namespace TestSupport {

QStringList column(const QSqlDatabase& db, const QString& statement)
{
    QSqlQuery query(db);
    QStringList values;
    if (!query.exec(statement)) {
        values << QStringLiteral("ERROR");
        return values;
    }
    while (query.next()) {
        values << (query.value(0).isNull() ? QStringLiteral("NULL") : query.value(0).toString());
    }
    return values;
}

QVariant scalar(const QSqlDatabase& db, const QString& statement)
{
    QSqlQuery query(db);
    return query.exec(statement) && query.next() ? query.value(0) : QVariant();
}

QStringList sqliteSchema(const QSqlDatabase& db)
{
    return column(db,
                  QStringLiteral("SELECT type || ' ' || name || ' ' || tbl_name || ' ' || "
                                 "COALESCE(sql, '') FROM sqlite_master "
                                 "WHERE tbl_name <> 'blogdesk_migrations' ORDER BY type, name"));
}

bool copyBuiltInMigrations(const QString& folder)
{
    const QDir source(MigrationHistory::builtInDirectory());
    for (const QString& name : source.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
        const QString target = QDir(folder).filePath(name);
        if (!QFile::copy(source.filePath(name), target)) {
            return false;
        }
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
    return true;
}

bool openSampleDatabase(std::unique_ptr<TempDatabase>& temp)
{
    temp = std::make_unique<TempDatabase>();
    HELPER_VERIFY(temp->isOpen());
    MigrationHistory history;
    QString error;
    QString summary;
    HELPER_VERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    HELPER_VERIFY2(DefaultDatabase::prepare(temp->db(), history, &summary, &error),
                   qPrintable(error));
    return true;
}

bool isSqlTimestamp(const QString& value)
{
    static const QRegularExpression form(
        QStringLiteral(R"(^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$)"));
    return form.match(value).hasMatch();
}

bool showsDriverUniqueError(const QString& text)
{
    static const QRegularExpression driverWords(QStringLiteral("unique|duplicate"),
                                                QRegularExpression::CaseInsensitiveOption);
    return text.contains(driverWords);
}

QLineEdit* edit(QWidget& dialog, const char* name)
{
    return dialog.findChild<QLineEdit*>(QLatin1String(name));
}

QPushButton* button(QWidget& dialog, const char* name)
{
    return dialog.findChild<QPushButton*>(QLatin1String(name));
}

QString labelText(QWidget& dialog, const char* name)
{
    auto* label = dialog.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

void retype(QLineEdit* field, const QString& text)
{
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

void testModel(QAbstractItemModel* model)
{
    // A child of the model: it goes with the model, and never outlives it.
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 model);
}

namespace {

bool isItemWidget(const QAbstractItemView* view)
{
    return qobject_cast<const QListWidget*>(view) || qobject_cast<const QTreeWidget*>(view) ||
           qobject_cast<const QTableWidget*>(view);
}

} // namespace

void testModelsOf(QWidget& root)
{
    for (QAbstractItemView* view : root.findChildren<QAbstractItemView*>()) {
        // A header shows its table's or tree's model: that view decides.
        if (view->model() && !isItemWidget(view) && !qobject_cast<QHeaderView*>(view)) {
            testModel(view->model());
        }
    }
}

std::unique_ptr<BackgroundReader> readerFor(const QString& url, const QString& connectionName)
{
    DatabaseUrl parsed;
    QString error;
    if (!DatabaseUrl::parse(url, &parsed, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    return std::make_unique<BackgroundReader>(parsed, connectionName);
}

ItemWidgetTesters::ItemWidgetTesters() = default;

ItemWidgetTesters::~ItemWidgetTesters() = default;

void ItemWidgetTesters::testModelsOf(QWidget& root)
{
    for (QAbstractItemView* view : root.findChildren<QAbstractItemView*>()) {
        if (view->model() && isItemWidget(view)) {
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    }
}

void ItemWidgetTesters::clear()
{
    m_testers.clear();
}

bool triggerAction(const QObject& owner, const char* objectName)
{
    auto* action = owner.findChild<QAction*>(QLatin1String(objectName));
    if (!action || !action->isEnabled()) {
        const QString problem = action ? QStringLiteral("the action %1 is disabled")
                                       : QStringLiteral("there is no action %1");
        QTest::qFail(qPrintable(problem.arg(QLatin1String(objectName))), __FILE__, __LINE__);
        return false;
    }
    action->trigger();
    return true;
}

bool clickInModal(const QString& boxName, const QString& buttonName)
{
    QWidget* box = QApplication::activeModalWidget();
    const bool found = box && box->objectName() == boxName;
    if (auto* clicked = box ? box->findChild<QPushButton*>(buttonName) : nullptr) {
        clicked->click();
    }
    return found;
}

ModalAnswer::ModalAnswer(const QString& boxName, const QString& buttonName)
{
    connect(&m_poll, &QTimer::timeout, this, [this, boxName, buttonName] {
        if (clickInModal(boxName, buttonName)) {
            m_answered = true;
            m_poll.stop();
        }
    });
    m_poll.start(20);
}

} // namespace TestSupport
