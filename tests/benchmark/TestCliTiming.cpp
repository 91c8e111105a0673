#include <QTest>

#include "tests/benchmark/CliTiming.h"

// The timing lines of sqlite3 3.40, psql 15 and the mariadb 10.11 client, as they print them.
class TestCliTiming : public QObject
{
    Q_OBJECT

private slots:
    void sqliteRunTimes()
    {
        const QString output = QStringLiteral("Run Time: real 0.012 user 0.000454 sys 0.000227\n"
                                              "Run Time: real 1.500 user 1.2 sys 0.1\n");
        QCOMPARE(CliTiming::parse(SqlDialect::SQLite, output), (QList<double>{12.0, 1500.0}));
    }

    void psqlTimes()
    {
        const QString output = QStringLiteral("Time: 0.512 ms\n"
                                              "Time: 1234.567 ms (00:01.235)\n");
        QCOMPARE(CliTiming::parse(SqlDialect::PostgreSQL, output),
                 (QList<double>{0.512, 1234.567}));
    }

    void mariadbTimes()
    {
        const QString output =
            QStringLiteral("--------------\nSELECT 'Empty set (9.000 sec)' AS x\n--------------\n\n"
                           "+----+\n| id |\n+----+\n|  1 |\n+----+\n1 row in set (0.012 sec)\n\n"
                           "Empty set (1 min 2.500 sec)\n\n"
                           "Query OK, 0 rows affected (0.001 sec)\n"
                           "Query OK, 1 row affected, 1 warning (1 hour 0.000 sec)\n"
                           "2 rows in set, 1 warning (0.250 sec)\n");
        QCOMPARE(CliTiming::parse(SqlDialect::MySQL, output),
                 (QList<double>{12.0, 62500.0, 1.0, 3600000.0, 250.0}));
    }

    void otherLinesAreIgnored()
    {
        const QString rows = QStringLiteral("id|title\n1|Time: 5 ms\nRun Time: real soon\n");
        QVERIFY(CliTiming::parse(SqlDialect::SQLite, rows).isEmpty());
        QVERIFY(CliTiming::parse(SqlDialect::PostgreSQL, QStringLiteral(" Time: 5 ms")).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCliTiming)
#include "TestCliTiming.moc"
