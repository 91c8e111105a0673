#include <QTest>

#include "models/connection/DatabaseUrl.h"

// What a parsed URL gives back: its text again (round trips), a display name, the Qt driver
// and connect options, equality, the URL of a SQLite file, and what a failed parse leaves.
// Parsing itself is in TestDatabaseUrl.
//
// Expected components follow SQLAlchemy's make_url (checked against SQLAlchemy 1.4.46, whose
// URL grammar is the same as 2.0's), except where BlogDesk is documented to be stricter
// (refused rows) or to decode more (server database names).
class TestDatabaseUrlRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void displayName_data();
    void displayName();
    void qtDriverName_data();
    void qtDriverName();
    void connectOptions_data();
    void connectOptions();
    void refusedOptions_data();
    void refusedOptions();
    void equality_data();
    void equality();
    void forSqliteFile_data();
    void forSqliteFile();
    void defaultIsSqliteMemory();
    void failureLeavesUrlAlone();
    void nullOutputs();
};

namespace {

DatabaseUrl parsed(const QString& text)
{
    DatabaseUrl url;
    QString error;
    if (!DatabaseUrl::parse(text, &url, &error)) {
        qWarning("cannot parse %s: %s", qPrintable(text), qPrintable(error));
    }
    return url;
}

} // namespace

void TestDatabaseUrlRoundTrip::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("plain");
    QTest::addColumn<QString>("hidden");

    QTest::newRow("full") << "postgresql://alice:secret@db.example.com:5432/blog"
                          << "postgresql://alice:secret@db.example.com:5432/blog"
                          << "postgresql://alice:***@db.example.com:5432/blog";
    QTest::newRow("no password") << "mysql+pymysql://root@localhost/blog"
                                 << "mysql+pymysql://root@localhost/blog"
                                 << "mysql+pymysql://root@localhost/blog";
    QTest::newRow("encoded @ : /") << "postgresql+psycopg2://alice:p%40ss%3Aw%2Frd@h/blog"
                                   << "postgresql+psycopg2://alice:p%40ss%3Aw%2Frd@h/blog"
                                   << "postgresql+psycopg2://alice:***@h/blog";
    QTest::newRow("raw : and /") << "postgresql://alice:pa:ss/wd@h/blog"
                                 << "postgresql://alice:pa%3Ass%2Fwd@h/blog"
                                 << "postgresql://alice:***@h/blog";
    QTest::newRow("user with @ and :") << "postgresql://al%3Aice%40corp:pw@h/blog"
                                       << "postgresql://al%3Aice%40corp:pw@h/blog"
                                       << "postgresql://al%3Aice%40corp:***@h/blog";
    QTest::newRow("non-ASCII") << QString::fromUtf8("postgresql://jürgen:grüße@h/blög")
                               << "postgresql://j%C3%BCrgen:gr%C3%BC%C3%9Fe@h/bl%C3%B6g"
                               << "postgresql://j%C3%BCrgen:***@h/bl%C3%B6g";
    QTest::newRow("percent in password") << "postgresql://u:100%25@h/blog"
                                         << "postgresql://u:100%25@h/blog"
                                         << "postgresql://u:***@h/blog";
    QTest::newRow("plus and space") << "postgresql://u:a+b%20c@h/blog"
                                    << "postgresql://u:a+b c@h/blog"
                                    << "postgresql://u:***@h/blog";
    QTest::newRow("stars as password") << "postgresql://u:***@h/blog"
                                       << "postgresql://u:%2A%2A%2A@h/blog"
                                       << "postgresql://u:***@h/blog";
    QTest::newRow("empty user") << "postgres://:pw@h/blog"
                                << "postgres://:pw@h/blog"
                                << "postgres://:***@h/blog";
    QTest::newRow("empty password") << "postgresql://u:@h/blog"
                                    << "postgresql://u@h/blog"
                                    << "postgresql://u@h/blog";
    QTest::newRow("empty user info") << "postgresql://@h/blog"
                                     << "postgresql://h/blog"
                                     << "postgresql://h/blog";
    QTest::newRow("normalised") << "PostgreSQL://h:05432/my%20blog"
                                << "postgresql://h:5432/my%20blog"
                                << "postgresql://h:5432/my%20blog";
    QTest::newRow("database specials") << "postgresql://h/a%3Fb%25c%23d/e"
                                       << "postgresql://h/a%3Fb%25c%23d/e"
                                       << "postgresql://h/a%3Fb%25c%23d/e";
    // A raw '@' after "host:port/" would be read as the end of a user info, so it is escaped.
    QTest::newRow("database @ and :") << "postgresql://h:5432/d%40b%3Ac"
                                      << "postgresql://h:5432/d%40b%3Ac"
                                      << "postgresql://h:5432/d%40b%3Ac";
    QTest::newRow("ipv6") << "mysql://u:p@[::1]:3306/blog"
                          << "mysql://u:p@[::1]:3306/blog"
                          << "mysql://u:***@[::1]:3306/blog";
    QTest::newRow("query") << "postgresql://h/blog?application_name=Blog+Desk&options=-c%20x%3Dy"
                           << "postgresql://h/blog?application_name=Blog+Desk&options=-c+x%3Dy"
                           << "postgresql://h/blog?application_name=Blog+Desk&options=-c+x%3Dy";
    QTest::newRow("query order kept") << "mysql://h/blog?ssl_key=k&charset=utf8mb4&ssl_ca=%2Fca"
                                      << "mysql://h/blog?ssl_key=k&charset=utf8mb4&ssl_ca=%2Fca"
                                      << "mysql://h/blog?ssl_key=k&charset=utf8mb4&ssl_ca=%2Fca";
    QTest::newRow("socket dir") << "postgresql://u:pw@/blog?host=/run/postgresql"
                                << "postgresql://u:pw@/blog?host=%2Frun%2Fpostgresql"
                                << "postgresql://u:***@/blog?host=%2Frun%2Fpostgresql";
    QTest::newRow("sqlite :memory:") << "sqlite:///:memory:"
                                     << "sqlite:///:memory:"
                                     << "sqlite:///:memory:";
    QTest::newRow("sqlite relative") << "sqlite:///instance/blog.db"
                                     << "sqlite:///instance/blog.db"
                                     << "sqlite:///instance/blog.db";
    QTest::newRow("sqlite absolute") << "sqlite+pysqlite:////srv/blog.db?mode=ro&timeout=2.5"
                                     << "sqlite+pysqlite:////srv/blog.db?mode=ro&timeout=2.5"
                                     << "sqlite+pysqlite:////srv/blog.db?mode=ro&timeout=2.5";
    // The empty query keeps the trailing space from being trimmed away.
    QTest::newRow("sqlite trailing space") << "sqlite:///blog.db ?x="
                                           << "sqlite:///blog.db ?"
                                           << "sqlite:///blog.db ?";
    QTest::newRow("sqlite percent") << "sqlite:///my%20blog.db"
                                    << "sqlite:///my%20blog.db"
                                    << "sqlite:///my%20blog.db";
}

void TestDatabaseUrlRoundTrip::roundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, plain);
    const DatabaseUrl url = parsed(text);
    QCOMPARE(url.toString(false), plain);
    QTEST(url.toString(), "hidden");
    QTEST(url.toString(true), "hidden");
    DatabaseUrl again;
    QString error;
    QVERIFY2(DatabaseUrl::parse(plain, &again, &error), qPrintable(error));
    QVERIFY(again == url);
    QVERIFY(!(again != url));
    QCOMPARE(again.password(), url.password());
    QCOMPARE(again.toString(false), plain);
}

void TestDatabaseUrlRoundTrip::displayName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");

    QTest::newRow("full") << "postgresql://alice:secret@db.example.com:5432/blog"
                          << "alice@db.example.com:5432/blog";
    QTest::newRow("no user") << "mysql://db/blog"
                             << "db/blog";
    QTest::newRow("default host") << "postgresql:///blog"
                                  << "localhost/blog";
    QTest::newRow("ipv6") << "postgresql://alice@[::1]:5433/blog"
                          << "alice@[::1]:5433/blog";
    QTest::newRow("socket dir") << "postgresql://alice@/blog?host=%2Frun%2Fpostgresql"
                                << "alice@/run/postgresql/blog";
    QTest::newRow("decoded") << "mysql://j%C3%BCrgen:pw@h/my%20blog"
                             << QString::fromUtf8("jürgen@h/my blog");
    QTest::newRow("sqlite :memory:") << "sqlite:///:memory:"
                                     << "in-memory";
    QTest::newRow("sqlite relative") << "sqlite:///instance/blog.db"
                                     << "blog.db";
    QTest::newRow("sqlite absolute") << "sqlite:////var/lib/blog/site.sqlite"
                                     << "site.sqlite";
}

void TestDatabaseUrlRoundTrip::displayName()
{
    QFETCH(QString, text);
    const DatabaseUrl url = parsed(text);
    QTEST(url.displayName(), "name");
    QVERIFY(!url.displayName().contains(QLatin1String("secret")));
}

void TestDatabaseUrlRoundTrip::qtDriverName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("driver");

    QTest::newRow("sqlite") << "sqlite:///blog.db"
                            << "QSQLITE";
    QTest::newRow("pysqlite") << "sqlite+pysqlite:///:memory:"
                              << "QSQLITE";
    QTest::newRow("postgresql") << "postgresql://h/blog"
                                << "QPSQL";
    QTest::newRow("postgres") << "postgres://h/blog"
                              << "QPSQL";
    QTest::newRow("asyncpg") << "postgresql+asyncpg://h/blog"
                             << "QPSQL";
    QTest::newRow("mysql") << "mysql://h/blog"
                           << "QMYSQL";
    QTest::newRow("mariadb") << "mariadb+mariadbconnector://h/blog"
                             << "QMYSQL";
}

void TestDatabaseUrlRoundTrip::qtDriverName()
{
    QFETCH(QString, text);
    QFETCH(QString, driver);
    const DatabaseUrl url = parsed(text);
    QCOMPARE(url.qtDriverName(), driver);
    SqlDialect dialect = SqlDialect::SQLite;
    QVERIFY(sqlDialectOfDriver(driver, &dialect));
    QCOMPARE(dialect, url.dialect());
}

void TestDatabaseUrlRoundTrip::connectOptions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("options");

    QTest::newRow("sqlite plain") << "sqlite:///blog.db"
                                  << "";
    QTest::newRow("sqlite read-only") << "sqlite:///blog.db?mode=ro"
                                      << "QSQLITE_OPEN_READONLY";
    QTest::newRow("sqlite all") << "sqlite:///blog.db?timeout=2.5&mode=ro&uri=true"
                                << "QSQLITE_BUSY_TIMEOUT=2500;QSQLITE_OPEN_READONLY";
    QTest::newRow("sqlite zero timeout") << "sqlite:///:memory:?timeout=0"
                                         << "QSQLITE_BUSY_TIMEOUT=0";
    QTest::newRow("sqlite uri false") << "sqlite:///blog.db?uri=false"
                                      << "";
    QTest::newRow("postgresql default timeout") << "postgresql://h/blog"
                                                << "connect_timeout=5";
    QTest::newRow("postgresql ssl")
        << "postgresql://h/blog?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fca.pem"
           "&sslcert=c.crt&sslkey=c.key&connect_timeout=10"
        << "sslmode=verify-full;sslrootcert=/etc/ssl/ca.pem;sslcert=c.crt;sslkey=c.key;"
           "connect_timeout=10";
    QTest::newRow("postgresql quoted")
        << "postgres://h/blog?application_name=Blog+Desk&options=-c%20search_path%3Dblog"
        << "application_name='Blog Desk';options='-c search_path=blog';connect_timeout=5";
    QTest::newRow("postgresql escaped") << "postgresql://h/blog?application_name=it%27s%5Cok"
                                        << "application_name='it\\'s\\\\ok';connect_timeout=5";
    QTest::newRow("postgresql socket dir")
        << "postgresql:///blog?host=%2Fvar%2Frun%2Fpostgresql&target_session_attrs=read-write"
        << "target_session_attrs=read-write;connect_timeout=5";
    QTest::newRow("mysql default timeout") << "mysql://h/blog"
                                           << "MYSQL_OPT_CONNECT_TIMEOUT=5";
    QTest::newRow("mysql socket") << "mysql+pymysql://u@/blog?unix_socket=%2Frun%2Fmysqld%2Fm.sock"
                                     "&charset=utf8mb4"
                                  << "UNIX_SOCKET=/run/mysqld/m.sock;MYSQL_OPT_CONNECT_TIMEOUT=5";
    QTest::newRow("mariadb ssl")
        << "mariadb://h/blog?ssl_ca=a.pem&ssl_cert=c.pem&ssl_key=k.pem&connect_timeout=3"
           "&charset=utf8"
        << "SSL_CA=a.pem;SSL_CERT=c.pem;SSL_KEY=k.pem;MYSQL_OPT_CONNECT_TIMEOUT=3";
}

void TestDatabaseUrlRoundTrip::connectOptions()
{
    QFETCH(QString, text);
    const DatabaseUrl url = parsed(text);
    QString options = QStringLiteral("stale");
    QString error;
    QVERIFY2(url.connectOptions(&options, &error), qPrintable(error));
    QTEST(options, "options");
    QVERIFY(error.isEmpty());
}

void TestDatabaseUrlRoundTrip::refusedOptions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("postgresql unknown") << "postgresql://h/blog?foo=bar"
                                        << "unsupported URL parameter 'foo' for postgresql";
    QTest::newRow("postgres alias unknown") << "postgres://h/blog?client_encoding=utf8"
                                            << "unsupported URL parameter 'client_encoding' for "
                                               "postgresql";
    QTest::newRow("postgresql key case") << "postgresql://h/blog?SSLMODE=require"
                                         << "unsupported URL parameter 'SSLMODE' for postgresql";
    QTest::newRow("postgresql port param") << "postgresql://h/blog?port=5433"
                                           << "unsupported URL parameter 'port' for postgresql";
    QTest::newRow("postgresql bad timeout") << "postgresql://h/blog?connect_timeout=abc"
                                            << "connect_timeout 'abc' is not a whole number of "
                                               "seconds";
    QTest::newRow("postgresql repeated") << "postgresql://h/blog?sslmode=require&sslmode=disable"
                                         << "URL parameter 'sslmode' is given more than once";
    QTest::newRow("postgresql semicolon") << "postgresql://h/blog?options=-c%20a%3D1%3B-c%20b%3D2"
                                          << "URL parameter 'options' must not contain ';'";
    QTest::newRow("postgresql two hosts") << "postgresql://h/blog?host=%2Ftmp"
                                          << "URL names host 'h' and also a host parameter "
                                             "'/tmp': give only one";
    QTest::newRow("mysql charset") << "mysql://h/blog?charset=latin1"
                                   << "unsupported charset 'latin1': BlogDesk always talks "
                                      "utf8mb4";
    QTest::newRow("mysql charset case") << "mysql://h/blog?charset=UTF8MB4"
                                        << "unsupported charset 'UTF8MB4': BlogDesk always talks "
                                           "utf8mb4";
    QTest::newRow("mariadb libpq key") << "mariadb://h/blog?sslmode=require"
                                       << "unsupported URL parameter 'sslmode' for mysql";
    QTest::newRow("mysql host param") << "mysql://u@/blog?host=db"
                                      << "unsupported URL parameter 'host' for mysql";
    QTest::newRow("mysql fractional timeout") << "mysql://h/blog?connect_timeout=1.5"
                                              << "connect_timeout '1.5' is not a whole number of "
                                                 "seconds";
    QTest::newRow("mysql negative timeout") << "mysql://h/blog?connect_timeout=-3"
                                            << "connect_timeout '-3' is not a whole number of "
                                               "seconds";
    QTest::newRow("sqlite unknown") << "sqlite:///blog.db?check_same_thread=False"
                                    << "unsupported URL parameter 'check_same_thread' for sqlite";
    QTest::newRow("sqlite libpq key") << "sqlite:///blog.db?sslmode=require"
                                      << "unsupported URL parameter 'sslmode' for sqlite";
    QTest::newRow("sqlite mode rw") << "sqlite:///blog.db?mode=rw"
                                    << "unsupported mode 'rw' for sqlite: use mode=ro";
    QTest::newRow("sqlite bad timeout") << "sqlite:///blog.db?timeout=soon"
                                        << "timeout 'soon' is not a number of seconds";
    QTest::newRow("sqlite negative timeout") << "sqlite:///blog.db?timeout=-1"
                                             << "timeout '-1' is not a number of seconds";
    QTest::newRow("sqlite endless timeout") << "sqlite:///blog.db?timeout=inf"
                                            << "timeout 'inf' is not a number of seconds";
    QTest::newRow("sqlite bad uri") << "sqlite:///blog.db?uri=maybe"
                                    << "URL parameter 'uri' must be true or false, not 'maybe'";
}

void TestDatabaseUrlRoundTrip::refusedOptions()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    DatabaseUrl url;
    QString message;
    // The URL itself is fine; only its options are not.
    QVERIFY2(DatabaseUrl::parse(text, &url, &message), qPrintable(message));
    QString options = QStringLiteral("untouched");
    QVERIFY(!url.connectOptions(&options, &message));
    QCOMPARE(message, error);
    QCOMPARE(options, QStringLiteral("untouched"));
    QVERIFY(!message.contains(QLatin1Char('\n')));
}

void TestDatabaseUrlRoundTrip::equality_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("equal");

    QTest::newRow("same") << "postgresql://u:p@h:1/blog"
                          << "postgresql://u:p@h:1/blog" << true;
    QTest::newRow("empty query") << "postgresql://u:p%40@h/blog"
                                 << "postgresql://u:p%40@h/blog?" << true;
    QTest::newRow("query order") << "postgresql://h/b?sslmode=require&connect_timeout=3"
                                 << "postgresql://h/b?connect_timeout=3&sslmode=require" << true;
    QTest::newRow("repeated key order") << "postgresql://h/b?x=1&x=2"
                                        << "postgresql://h/b?x=2&x=1" << false;
    QTest::newRow("password") << "postgresql://u:p@h/blog"
                              << "postgresql://u:q@h/blog" << false;
    QTest::newRow("user") << "postgresql://u@h/blog"
                          << "postgresql://v@h/blog" << false;
    QTest::newRow("scheme") << "postgres://h/blog"
                            << "postgresql://h/blog" << false;
    QTest::newRow("host") << "postgresql://h/blog"
                          << "postgresql://g/blog" << false;
    QTest::newRow("port") << "postgresql://h:5432/blog"
                          << "postgresql://h/blog" << false;
    QTest::newRow("database") << "postgresql://h/blog"
                              << "postgresql://h/blog2" << false;
    QTest::newRow("query value") << "sqlite:///:memory:?timeout=1"
                                 << "sqlite:///:memory:?timeout=2" << false;
}

void TestDatabaseUrlRoundTrip::equality()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);
    QCOMPARE(parsed(a) == parsed(b), equal);
    QCOMPARE(parsed(b) == parsed(a), equal);
    QCOMPARE(parsed(a) != parsed(b), !equal);
}

void TestDatabaseUrlRoundTrip::forSqliteFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");

    QTest::newRow("unix") << "/home/me/.local/share/BlogDesk/blog.db"
                          << "sqlite:////home/me/.local/share/BlogDesk/blog.db";
    QTest::newRow("windows") << "C:/Users/me/AppData/BlogDesk/blog.db"
                             << "sqlite:///C:/Users/me/AppData/BlogDesk/blog.db";
    QTest::newRow("spaces and percent") << "/srv/my blogs/100%.db"
                                        << "sqlite:////srv/my blogs/100%.db";
    QTest::newRow("trailing space") << "/srv/blog.db "
                                    << "sqlite:////srv/blog.db ?";
}

void TestDatabaseUrlRoundTrip::forSqliteFile()
{
    QFETCH(QString, path);
    QFETCH(QString, text);
    const DatabaseUrl url = DatabaseUrl::forSqliteFile(path);
    QCOMPARE(url.dialect(), SqlDialect::SQLite);
    QCOMPARE(url.scheme(), QStringLiteral("sqlite"));
    QCOMPARE(url.database(), path);
    QCOMPARE(url.qtDriverName(), QStringLiteral("QSQLITE"));
    QVERIFY(!url.isSqliteMemory());
    QCOMPARE(url.toString(false), text);
    QCOMPARE(url.toString(), text);
    QVERIFY(parsed(text) == url);
    QString options;
    QString error;
    QVERIFY(url.connectOptions(&options, &error));
    QCOMPARE(options, QString());
}

void TestDatabaseUrlRoundTrip::defaultIsSqliteMemory()
{
    const DatabaseUrl url;
    QCOMPARE(url.dialect(), SqlDialect::SQLite);
    QVERIFY(url.isSqliteMemory());
    QCOMPARE(url.toString(false), QStringLiteral("sqlite:///:memory:"));
    QCOMPARE(url.displayName(), QStringLiteral("in-memory"));
    QCOMPARE(url.port(), -1);
    QVERIFY(url == parsed(QStringLiteral("sqlite:///:memory:")));
}

void TestDatabaseUrlRoundTrip::failureLeavesUrlAlone()
{
    DatabaseUrl url = parsed(QStringLiteral("mysql://u:p@h/blog"));
    const DatabaseUrl before = url;
    QString error = QStringLiteral("old");
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("mysql://u:p@h:x/blog"), &url, &error));
    QCOMPARE(error, QStringLiteral("port 'x' is not a number"));
    QVERIFY(url == before);
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("sqlite:///"), &url, &error));
    QVERIFY(url == before);
    QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite:///:memory:"), &url, &error));
    QVERIFY(url.isSqliteMemory());
}

void TestDatabaseUrlRoundTrip::nullOutputs()
{
    QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite:///blog.db"), nullptr, nullptr));
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("oracle://h/x"), nullptr, nullptr));
    QString options;
    QVERIFY(!parsed(QStringLiteral("mysql://h/b?x=1")).connectOptions(&options, nullptr));
}

QTEST_GUILESS_MAIN(TestDatabaseUrlRoundTrip)
#include "TestDatabaseUrlRoundTrip.moc"
