#include "sql/Dialect.h"

#include <QSqlDatabase>
#include <QTest>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/MigrationHistory.h"

// A connection whose Qt driver BlogDesk does not know gets one answer everywhere: the dialect
// of Dialect::of (PostgreSQL's standard SQL), which the migration engine takes too; and the
// engine refuses to read or move such a database, with one line naming the driver.
class TestUnknownDriver : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void knownDriversKeepTheirDialect_data();
    void knownDriversKeepTheirDialect();
    void unknownDriverFallsBackToStandardSql();
    void engineTakesTheSameDialectAndRefuses();

private:
    QSqlDatabase connectionWith(const QString& driver);

    QStringList m_connections;
};

void TestUnknownDriver::init()
{
    m_connections.clear();
}

void TestUnknownDriver::cleanup()
{
    for (const QString& name : std::as_const(m_connections)) {
        QSqlDatabase::removeDatabase(name);
    }
}

// Not opened: only the driver's name matters here.
QSqlDatabase TestUnknownDriver::connectionWith(const QString& driver)
{
    const QString name = QStringLiteral("unknowndriver-%1").arg(m_connections.size());
    m_connections << name;
    return QSqlDatabase::addDatabase(driver, name);
}

void TestUnknownDriver::knownDriversKeepTheirDialect_data()
{
    QTest::addColumn<QString>("driver");
    QTest::addColumn<int>("dialect"); // a SqlDialect
    QTest::newRow("sqlite") << QStringLiteral("QSQLITE") << int(SqlDialect::SQLite);
    QTest::newRow("postgresql") << QStringLiteral("QPSQL") << int(SqlDialect::PostgreSQL);
    QTest::newRow("mysql") << QStringLiteral("QMYSQL") << int(SqlDialect::MySQL);
    QTest::newRow("mariadb") << QStringLiteral("QMARIADB") << int(SqlDialect::MySQL);
}

void TestUnknownDriver::knownDriversKeepTheirDialect()
{
    QFETCH(QString, driver);
    QFETCH(int, dialect);
    SqlDialect found = SqlDialect::SQLite;
    QVERIFY(sqlDialectOfDriver(driver, &found));
    QCOMPARE(int(found), dialect);
    const QSqlDatabase db = connectionWith(driver);
    QCOMPARE(int(Dialect::of(db).kind()), dialect);
    QCOMPARE(int(MigrationEngine(db, MigrationHistory()).dialect()), dialect);
}

void TestUnknownDriver::unknownDriverFallsBackToStandardSql()
{
    SqlDialect found = SqlDialect::MySQL;
    QVERIFY(!sqlDialectOfDriver(QStringLiteral("QODBC"), &found));
    QCOMPARE(found, SqlDialect::MySQL); // left alone: the caller decides
    const QSqlDatabase db = connectionWith(QStringLiteral("QNOSUCHDRIVER"));
    QCOMPARE(db.driverName(), QStringLiteral("QNOSUCHDRIVER"));
    QCOMPARE(Dialect::of(db).kind(), SqlDialect::PostgreSQL);
    QCOMPARE(Dialect::of(QSqlDatabase()).kind(), SqlDialect::PostgreSQL);
}

void TestUnknownDriver::engineTakesTheSameDialectAndRefuses()
{
    const QSqlDatabase db = connectionWith(QStringLiteral("QNOSUCHDRIVER"));
    MigrationHistory history;
    QString error;
    QVERIFY2(history.loadBuiltIn(&error), qPrintable(error));
    MigrationEngine engine(db, history);
    QCOMPARE(engine.dialect(), Dialect::of(db).kind());
    QVERIFY(!engine.refresh(&error));
    QCOMPARE(error, QStringLiteral("unsupported database driver QNOSUCHDRIVER"));
}

QTEST_GUILESS_MAIN(TestUnknownDriver)
#include "TestUnknownDriver.moc"
