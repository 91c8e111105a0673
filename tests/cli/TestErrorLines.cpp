// A failure is one line: the drivers' texts (libpq's run over several lines, Qt adds its own
// words) are cut down to what they say, and --verbose adds them in full. The command-line
// part runs the real binary against the PostgreSQL and MariaDB test servers.
#include <QTest>

#include "models/connection/ConnectionFields.h"
#include "models/connection/DriverText.h"
#include "tests/support/CommandLineSupport.h"
#include "tests/support/TestServers.h"

using namespace CommandLineSupport;

namespace {

// A port where nothing listens (as TestConnectionDialog's).
int closedPort()
{
    return 1;
}

} // namespace

class TestErrorLines : public CommandLineTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpSandbox(); }
    void driverTextOnOneLine_data();
    void driverTextOnOneLine();
    void connectionFailureIsOneLine_data();
    void connectionFailureIsOneLine();
    void helpNamesVerbose();
};

void TestErrorLines::driverTextOnOneLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("firstLine");
    QTest::addColumn<QString>("oneLine");
    QTest::newRow("libpq refused")
        << "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the "
           "server running on that host and accepting TCP/IP connections?\nQPSQL: Unable to "
           "connect"
        << "connection to server at \"127.0.0.1\", port 1 failed: Connection refused"
        << "connection to server at \"127.0.0.1\", port 1 failed: Connection refused Is the "
           "server running on that host and accepting TCP/IP connections?";
    QTest::newRow("libpq role")
        << "connection to server at \"127.0.0.1\", port 55432 failed: FATAL:  role \"x\" does "
           "not exist\nQPSQL: Unable to connect"
        << "connection to server at \"127.0.0.1\", port 55432 failed: FATAL: role \"x\" does "
           "not exist"
        << "connection to server at \"127.0.0.1\", port 55432 failed: FATAL: role \"x\" does "
           "not exist";
    QTest::newRow("mysql denied")
        << "Access denied for user 'u'@'127.0.0.1' (using password: YES) QMYSQL: Unable to "
           "connect"
        << "Access denied for user 'u'@'127.0.0.1' (using password: YES)"
        << "Access denied for user 'u'@'127.0.0.1' (using password: YES)";
    QTest::newRow("postgresql statement")
        << "revision 5678abcd failed and was rolled back: ERROR:  relation \"users\" already "
           "exists\n(42P07) QPSQL: Unable to create query (statement: CREATE TABLE users)"
        << "revision 5678abcd failed and was rolled back: ERROR: relation \"users\" already "
           "exists"
        << "revision 5678abcd failed and was rolled back: ERROR: relation \"users\" already "
           "exists (statement: CREATE TABLE users)";
    QTest::newRow("leading blank line") << "\n  \nno such table: x"
                                        << "no such table: x"
                                        << "no such table: x";
    QTest::newRow("only Qt's words") << "QPSQL: Unable to connect"
                                     << "QPSQL: Unable to connect"
                                     << "QPSQL: Unable to connect";
}

void TestErrorLines::driverTextOnOneLine()
{
    QFETCH(QString, text);
    QFETCH(QString, firstLine);
    QFETCH(QString, oneLine);
    QCOMPARE(DriverText::firstLine(text), firstLine);
    QCOMPARE(DriverText::oneLine(text), oneLine);
}

void TestErrorLines::connectionFailureIsOneLine_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("wrongPassword"); // else a closed port
    QTest::addColumn<QString>("says");
    QTest::newRow("postgresql wrong password") << "postgresql" << true << "Wrong user name";
    QTest::newRow("postgresql closed port") << "postgresql" << false << "Connection refused";
    QTest::newRow("mysql wrong password") << "mysql" << true << "Wrong user name";
    QTest::newRow("mysql closed port") << "mysql" << false << "Connection refused";
}

// The throwaway PostgreSQL server trusts every password, so there the wrong credential is an
// unknown user, which a password-checking server reports the same way.
void TestErrorLines::connectionFailureIsOneLine()
{
    QFETCH(QString, backend);
    QFETCH(bool, wrongPassword);
    QFETCH(QString, says);
    const SqlDialect dialect = TestServers::dialectNamed(backend);
    BLOGDESK_REQUIRE_SERVER(dialect);
    DatabaseUrl server;
    QVERIFY(DatabaseUrl::parse(TestServers::url(dialect), &server, nullptr));
    ConnectionFields fields = ConnectionFields::fromUrl(server);
    if (!wrongPassword) {
        fields.port = closedPort();
    } else if (dialect == SqlDialect::PostgreSQL) {
        fields.userName = QStringLiteral("blogdesk_nobody");
    } else {
        fields.password = QStringLiteral("wrong-pw");
    }
    const QString url = fields.toUrlText(true);
    const QStringList command{QStringLiteral("db"), QStringLiteral("current"),
                              QStringLiteral("--database"), url};

    const Run quiet = blogdesk(command);
    QVERIFY2(quiet.exited(1), qPrintable(quiet.describe()));
    QVERIFY2(isOneFailureLine(quiet, says), qPrintable(quiet.describe()));
    QVERIFY2(!quiet.err.contains(QLatin1String("Unable to connect")), qPrintable(quiet.describe()));
    QVERIFY(!quiet.err.contains(QLatin1String("wrong-pw")));

    // --verbose: the same line, then the driver's whole text, indented.
    const Run verbose = blogdesk(command + QStringList{QStringLiteral("--verbose")});
    QVERIFY2(verbose.exited(1), qPrintable(verbose.describe()));
    const QStringList errLines = lines(verbose.err);
    QVERIFY2(errLines.size() >= 2 && errLines.first() == lines(quiet.err).first(),
             qPrintable(verbose.describe()));
    const QString driverWords = dialect == SqlDialect::PostgreSQL
                                    ? QStringLiteral("QPSQL: Unable to connect")
                                    : QStringLiteral("QMYSQL: Unable to connect");
    QVERIFY2(verbose.err.contains(QLatin1String("\n  ")) && verbose.err.contains(driverWords),
             qPrintable(verbose.describe()));
    QVERIFY2(!hasControlCharacters(verbose.err), qPrintable(verbose.describe()));
}

void TestErrorLines::helpNamesVerbose()
{
    const Run help = blogdesk({QStringLiteral("--help")});
    QVERIFY2(help.exited(0) && help.out.contains(QLatin1String("--verbose")),
             qPrintable(help.describe()));
}

QTEST_GUILESS_MAIN(TestErrorLines)
#include "TestErrorLines.moc"
