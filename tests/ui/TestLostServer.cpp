// A server that goes away under BlogDesk: its own throwaway PostgreSQL and MariaDB (not the
// shared ones of the test command, which other tests use at the same time) are killed in the
// middle of an edit and started again.
#include "sql/ConnectionSession.h"
#include "sql/WriteTransaction.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "models/browse/BlogTableModel.h"
#include "models/connection/Database.h"
#include "tests/support/FlaskApp.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WindowSupport.h"
#include "views/MainWindow.h"
#include "views/browse/TablePage.h"
#include "views/edit/TagDialog.h"
#include "views/migrations/MigrationsPanel.h"

using namespace TestSupport;

class TestLostServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void saveWhileServerIsDownKeepsInput_data();
    void saveWhileServerIsDownKeepsInput();
    void killedMidTransactionLeavesNothing_data();
    void killedMidTransactionLeavesNothing();
    void windowReconnectsOnReload_data();
    void windowReconnectsOnReload();

private:
    bool servers(const QString& command, const QString& server = QString());
    void openDatabase();

    QTemporaryDir m_folder{QDir::tempPath() + QStringLiteral("/bd-lost-XXXXXX")};
    QString m_serverDir;
    QHash<QString, QString> m_urls; // "postgresql" / "mariadb" -> URL
    QSqlDatabase m_db;
};

bool TestLostServer::servers(const QString& command, const QString& server)
{
    QStringList arguments{QDir(qEnvironmentVariable("BLOGDESK_SOURCE_DIR"))
                              .filePath(QStringLiteral("scripts/test-servers.sh")),
                          command, m_serverDir};
    if (!server.isEmpty()) {
        arguments << server;
    }
    const ProcessResult result = FlaskApp::run(QStringLiteral("/bin/bash"), arguments,
                                               QProcessEnvironment::systemEnvironment());
    if (!result.exited(0)) {
        qWarning("%s", qPrintable(result.describe()));
    }
    return result.exited(0);
}

void TestLostServer::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_serverDir = m_folder.path(); // the script opens it to the servers' own users
    QVERIFY2(servers(QStringLiteral("start")), "the private test servers did not start");
    QFile env(m_serverDir + QStringLiteral("/env"));
    QVERIFY(env.open(QIODevice::ReadOnly));
    for (const QByteArray& line : env.readAll().split('\n')) {
        const int equals = line.indexOf('=');
        if (line.contains("POSTGRESQL_URL")) {
            m_urls.insert(QStringLiteral("postgresql"), QString::fromUtf8(line.mid(equals + 1)));
        } else if (line.contains("MYSQL_URL")) {
            m_urls.insert(QStringLiteral("mariadb"), QString::fromUtf8(line.mid(equals + 1)));
        }
    }
    QCOMPARE(m_urls.size(), 2);
}

void TestLostServer::cleanupTestCase()
{
    servers(QStringLiteral("stop"));
}

void TestLostServer::init()
{
    QFETCH(QString, server);
    DatabaseUrl url;
    QString error;
    QVERIFY2(DatabaseUrl::parse(m_urls.value(server), &url, &error), qPrintable(error));
    QVERIFY2(Database::open(url, QStringLiteral("lost"), &m_db, &error), qPrintable(error));
    MigrationHistory history;
    QVERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    MigrationEngine engine(m_db, history);
    MigrationError migrationError;
    QVERIFY2(engine.refresh(&error), qPrintable(error));
    QVERIFY2(engine.upgrade(history.headIndex(), &migrationError),
             qPrintable(migrationError.text()));
    QVERIFY(QSqlQuery(m_db).exec(QStringLiteral("DELETE FROM tags")));
}

void TestLostServer::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(QStringLiteral("lost"));
}

void TestLostServer::saveWhileServerIsDownKeepsInput_data()
{
    QTest::addColumn<QString>("server");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("mariadb") << QStringLiteral("mariadb");
}

// The save fails with a clear message and the dialog keeps what was typed; once the server
// is back the same click saves it, once.
void TestLostServer::saveWhileServerIsDownKeepsInput()
{
    QFETCH(QString, server);
    TagDialog dialog(m_db, 0);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(edit(dialog, "nameEdit"), QStringLiteral("Resilience"));
    QTRY_VERIFY(button(dialog, "saveButton")->isEnabled());

    QVERIFY(servers(QStringLiteral("crash"), server));
    QSignalSpy saved(&dialog, &TagDialog::saved);
    QTest::mouseClick(button(dialog, "saveButton"), Qt::LeftButton);
    QCOMPARE(saved.count(), 0);
    QVERIFY(dialog.isVisible());
    QCOMPARE(edit(dialog, "nameEdit")->text(), QStringLiteral("Resilience"));
    const QString message = labelText(dialog, "saveError");
    QVERIFY2(message.contains(QLatin1String("connection"), Qt::CaseInsensitive) ||
                 message.contains(QLatin1String("server"), Qt::CaseInsensitive),
             qPrintable(message));

    QVERIFY(servers(QStringLiteral("revive"), server));
    QTRY_VERIFY(button(dialog, "saveButton")->isEnabled());
    QTest::mouseClick(button(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY2(saved.count() == 1, qPrintable(labelText(dialog, "saveError")));
    QCOMPARE(column(m_db, QStringLiteral("SELECT name FROM tags")),
             QStringList{QStringLiteral("Resilience")});
}

void TestLostServer::killedMidTransactionLeavesNothing_data()
{
    saveWhileServerIsDownKeepsInput_data();
}

// A transaction the server did not see committed is gone after its restart: all or nothing.
void TestLostServer::killedMidTransactionLeavesNothing()
{
    QFETCH(QString, server);
    QString why;
    QVERIFY2(WriteTransaction::begin(m_db, &why), qPrintable(why));
    QVERIFY(QSqlQuery(m_db).exec(
        QStringLiteral("INSERT INTO tags (name, slug) VALUES ('half', 'half')")));
    QVERIFY(servers(QStringLiteral("crash"), server));
    QVERIFY(!WriteTransaction::commit(m_db, &why));
    QVERIFY(!why.isEmpty());
    WriteTransaction::rollback(m_db);
    QVERIFY(servers(QStringLiteral("revive"), server));
    QVERIFY2(ConnectionSession::reconnectIfLost(m_db, &why), qPrintable(why));
    QCOMPARE(column(m_db, QStringLiteral("SELECT count(*) FROM tags")),
             QStringList{QStringLiteral("0")});
}

void TestLostServer::windowReconnectsOnReload_data()
{
    saveWhileServerIsDownKeepsInput_data();
}

// Browsing after a restart: Reload (F5) opens a new connection and reads the tables again.
void TestLostServer::windowReconnectsOnReload()
{
    QFETCH(QString, server);
    QVERIFY(QSqlQuery(m_db).exec(
        QStringLiteral("INSERT INTO tags (name, slug) VALUES ('before', 'before')")));
    DatabaseUrl url;
    QString error;
    QVERIFY(DatabaseUrl::parse(m_urls.value(server), &url, &error));
    MainWindow window(m_db, url);
    TestSupport::testModelsOf(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(WindowSupport::showPage(window, QStringLiteral("tags")));
    QCOMPARE(window.page(QStringLiteral("tags"))->model()->totalRowCount(), 1);

    QVERIFY(servers(QStringLiteral("crash"), server));
    QVERIFY(servers(QStringLiteral("revive"), server));
    {
        // Someone else writes while this window's connection is dead.
        QSqlDatabase other;
        QVERIFY2(Database::open(url, QStringLiteral("other"), &other, &error), qPrintable(error));
        QVERIFY(QSqlQuery(other).exec(
            QStringLiteral("INSERT INTO tags (name, slug) VALUES ('after', 'after')")));
        other = QSqlDatabase();
        Database::close(QStringLiteral("other"));
    }
    QVERIFY(triggerAction(window, "actionReload"));
    QVERIFY(WindowSupport::waitUntilIdle(window));
    QCOMPARE(window.page(QStringLiteral("tags"))->model()->totalRowCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!window.migrationsPanel()->isBusy(), 20000);
}

QTEST_MAIN(TestLostServer)
#include "TestLostServer.moc"
