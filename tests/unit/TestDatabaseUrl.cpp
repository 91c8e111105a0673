#include <QTest>

#include "models/connection/DatabaseUrl.h"

// URL parsing, good and bad: the components of server and SQLite URLs, the query, what is
// refused. Round trips, connect options and equality are in TestDatabaseUrlRoundTrip.
//
// Expected components follow SQLAlchemy's make_url (checked against SQLAlchemy 1.4.46, whose
// URL grammar is the same as 2.0's), except where BlogDesk is documented to be stricter
// (refused rows) or to decode more (server database names).
class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void parseServer_data();
    void parseServer();
    void parseSqlite_data();
    void parseSqlite();
    void query_data();
    void query();
    void refused_data();
    void refused();
};

namespace {

// Query pairs flattened to key, value, key, value… so that QCOMPARE shows them readably.
QStringList flattened(const QList<QPair<QString, QString>>& query)
{
    QStringList list;
    for (const auto& [key, value] : query) {
        list << key << value;
    }
    return list;
}

} // namespace

void TestDatabaseUrl::parseServer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");

    const QString pg = QStringLiteral("postgresql");
    const QString my = QStringLiteral("mysql");
    QTest::newRow("full") << "postgresql://alice:secret@db.example.com:5432/blog" << pg << pg
                          << "alice"
                          << "secret"
                          << "db.example.com" << 5432 << "blog";
    QTest::newRow("heroku alias") << "postgres://u:p@h/blog"
                                  << "postgres" << pg << "u"
                                  << "p"
                                  << "h" << -1 << "blog";
    QTest::newRow("psycopg2") << "postgresql+psycopg2://u@h/blog"
                              << "postgresql+psycopg2" << pg << "u"
                              << ""
                              << "h" << -1 << "blog";
    QTest::newRow("psycopg") << "postgresql+psycopg://h/blog"
                             << "postgresql+psycopg" << pg << ""
                             << ""
                             << "h" << -1 << "blog";
    QTest::newRow("pg8000") << "postgresql+pg8000://h/blog"
                            << "postgresql+pg8000" << pg << ""
                            << ""
                            << "h" << -1 << "blog";
    QTest::newRow("asyncpg") << "postgresql+asyncpg://h/blog"
                             << "postgresql+asyncpg" << pg << ""
                             << ""
                             << "h" << -1 << "blog";
    QTest::newRow("mysql") << "mysql://root@localhost/blog"
                           << "mysql" << my << "root"
                           << ""
                           << "localhost" << -1 << "blog";
    QTest::newRow("mariadb") << "mariadb://u:p@db:3307/blog"
                             << "mariadb" << my << "u"
                             << "p"
                             << "db" << 3307 << "blog";
    QTest::newRow("pymysql") << "mysql+pymysql://h/blog"
                             << "mysql+pymysql" << my << ""
                             << ""
                             << "h" << -1 << "blog";
    QTest::newRow("mysqldb") << "mysql+mysqldb://h/blog"
                             << "mysql+mysqldb" << my << ""
                             << ""
                             << "h" << -1 << "blog";
    QTest::newRow("mysqlconnector") << "mysql+mysqlconnector://h/blog"
                                    << "mysql+mysqlconnector" << my << ""
                                    << ""
                                    << "h" << -1 << "blog";
    QTest::newRow("mariadbconnector") << "mariadb+mariadbconnector://h/blog"
                                      << "mariadb+mariadbconnector" << my << ""
                                      << ""
                                      << "h" << -1 << "blog";
    QTest::newRow("upper-case scheme") << "PostgreSQL+Psycopg2://h/blog"
                                       << "postgresql+psycopg2" << pg << ""
                                       << ""
                                       << "h" << -1 << "blog";
    QTest::newRow("no host: driver default") << "postgresql:///blog"
                                             << "postgresql" << pg << ""
                                             << ""
                                             << "" << -1 << "blog";
    QTest::newRow("port without host") << "mysql://:3307/blog"
                                       << "mysql" << my << ""
                                       << ""
                                       << "" << 3307 << "blog";
    QTest::newRow("user without host") << "postgresql://alice@/blog"
                                       << "postgresql" << pg << "alice"
                                       << ""
                                       << "" << -1 << "blog";
    QTest::newRow("leading zero port") << "postgresql://h:05432/blog"
                                       << "postgresql" << pg << ""
                                       << ""
                                       << "h" << 5432 << "blog";
    QTest::newRow("highest port") << "postgresql://h:65535/blog"
                                  << "postgresql" << pg << ""
                                  << ""
                                  << "h" << 65535 << "blog";
    QTest::newRow("encoded @ : / in password") << "postgresql://alice:p%40ss%3Aw%2Frd@h/blog"
                                               << "postgresql" << pg << "alice"
                                               << "p@ss:w/rd"
                                               << "h" << -1 << "blog";
    QTest::newRow("raw : and / in password") << "postgresql://alice:pa:ss/wd@h/blog"
                                             << "postgresql" << pg << "alice"
                                             << "pa:ss/wd"
                                             << "h" << -1 << "blog";
    QTest::newRow("raw ? in password") << "postgresql://alice:wh?t@h/blog"
                                       << "postgresql" << pg << "alice"
                                       << "wh?t"
                                       << "h" << -1 << "blog";
    QTest::newRow("encoded user") << "postgresql://al%3Aice%40corp:pw@h/blog"
                                  << "postgresql" << pg << "al:ice@corp"
                                  << "pw"
                                  << "h" << -1 << "blog";
    QTest::newRow("raw @ in user") << "postgresql://alice@corp@h/blog"
                                   << "postgresql" << pg << "alice@corp"
                                   << ""
                                   << "h" << -1 << "blog";
    QTest::newRow("encoded non-ASCII") << "postgresql://j%C3%BCrgen:gr%C3%BC%C3%9Fe%E2%82%AC@h/blog"
                                       << "postgresql" << pg << QString::fromUtf8("jürgen")
                                       << QString::fromUtf8("grüße€") << "h" << -1 << "blog";
    QTest::newRow("raw non-ASCII")
        << QString::fromUtf8("postgresql://jürgen:パス@h/blög") << "postgresql" << pg
        << QString::fromUtf8("jürgen") << QString::fromUtf8("パス") << "h" << -1
        << QString::fromUtf8("blög");
    QTest::newRow("plus stays plus in password") << "postgresql://u:a+b@h/blog"
                                                 << "postgresql" << pg << "u"
                                                 << "a+b"
                                                 << "h" << -1 << "blog";
    QTest::newRow("empty user, password") << "postgresql://:pw@h/blog"
                                          << "postgresql" << pg << ""
                                          << "pw"
                                          << "h" << -1 << "blog";
    QTest::newRow("empty password") << "postgresql://u:@h/blog"
                                    << "postgresql" << pg << "u"
                                    << ""
                                    << "h" << -1 << "blog";
    QTest::newRow("ipv6 loopback") << "postgresql://u@[::1]:5432/blog"
                                   << "postgresql" << pg << "u"
                                   << ""
                                   << "::1" << 5432 << "blog";
    QTest::newRow("ipv6 no port") << "mysql://[2001:db8::7]/blog"
                                  << "mysql" << my << ""
                                  << ""
                                  << "2001:db8::7" << -1 << "blog";
    QTest::newRow("ipv6 and password") << "postgresql://u:p@[fe80::1]:6432/blog"
                                       << "postgresql" << pg << "u"
                                       << "p"
                                       << "fe80::1" << 6432 << "blog";
    QTest::newRow("ipv6 zone kept") << "postgresql://u@[fe80::1%eth0]:5432/blog"
                                    << "postgresql" << pg << "u"
                                    << ""
                                    << "fe80::1%eth0" << 5432 << "blog";
    QTest::newRow("database decoded") << "postgresql://h/my%20blog%3F"
                                      << "postgresql" << pg << ""
                                      << ""
                                      << "h" << -1 << "my blog?";
    QTest::newRow("@ in database") << "postgresql://u:p@h/d@b"
                                   << "postgresql" << pg << "u"
                                   << "p"
                                   << "h" << -1 << "d@b";
    QTest::newRow("query after database") << "postgresql://h/blog?sslmode=require"
                                          << "postgresql" << pg << ""
                                          << ""
                                          << "h" << -1 << "blog";
    QTest::newRow("whitespace trimmed") << "\t postgresql://h/blog \n"
                                        << "postgresql" << pg << ""
                                        << ""
                                        << "h" << -1 << "blog";
    QTest::newRow("socket dir from query")
        << "postgresql://alice@/blog?host=%2Fvar%2Frun%2Fpostgresql"
        << "postgresql" << pg << "alice"
        << ""
        << "/var/run/postgresql" << -1 << "blog";
    QTest::newRow("mysql has no host parameter") << "mysql://u@/blog?unix_socket=%2Ftmp%2Fm.sock"
                                                 << "mysql" << my << "u"
                                                 << ""
                                                 << "" << -1 << "blog";
}

void TestDatabaseUrl::parseServer()
{
    QFETCH(QString, text);
    DatabaseUrl url;
    QString error;
    QVERIFY2(DatabaseUrl::parse(text, &url, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QTEST(url.scheme(), "scheme");
    QTEST(sqlDialectName(url.dialect()), "dialect");
    QTEST(url.userName(), "user");
    QTEST(url.password(), "password");
    QTEST(url.host(), "host");
    QTEST(url.port(), "port");
    QTEST(url.database(), "database");
    QVERIFY(!url.isSqliteMemory());
}

void TestDatabaseUrl::parseSqlite_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("database");
    QTest::addColumn<bool>("memory");

    QTest::newRow(":memory:") << "sqlite:///:memory:"
                              << "sqlite"
                              << ":memory:" << true;
    QTest::newRow("relative") << "sqlite:///blog.db"
                              << "sqlite"
                              << "blog.db" << false;
    QTest::newRow("relative dir") << "sqlite:///instance/blog.db"
                                  << "sqlite"
                                  << "instance/blog.db" << false;
    QTest::newRow("absolute") << "sqlite:////var/lib/blog/blog.db"
                              << "sqlite"
                              << "/var/lib/blog/blog.db" << false;
    QTest::newRow("windows drive") << "sqlite:///C:/blogs/blog.db"
                                   << "sqlite"
                                   << "C:/blogs/blog.db" << false;
    QTest::newRow("pysqlite") << "sqlite+pysqlite:///blog.db"
                              << "sqlite+pysqlite"
                              << "blog.db" << false;
    QTest::newRow("upper case") << "SQLite:///blog.db"
                                << "sqlite"
                                << "blog.db" << false;
    // SQLAlchemy hands the path to sqlite3 undecoded.
    QTest::newRow("percent kept") << "sqlite:///my%20blog.db"
                                  << "sqlite"
                                  << "my%20blog.db" << false;
    QTest::newRow("lone percent kept") << "sqlite:///100%.db"
                                       << "sqlite"
                                       << "100%.db" << false;
    QTest::newRow("spaces kept") << "sqlite:///my blog.db"
                                 << "sqlite"
                                 << "my blog.db" << false;
    QTest::newRow("@ in path") << "sqlite:////home/a@b/blog.db"
                               << "sqlite"
                               << "/home/a@b/blog.db" << false;
    QTest::newRow("query") << "sqlite:///blog.db?mode=ro"
                           << "sqlite"
                           << "blog.db" << false;
    QTest::newRow("memory with query") << "sqlite:///:memory:?timeout=3"
                                       << "sqlite"
                                       << ":memory:" << true;
}

void TestDatabaseUrl::parseSqlite()
{
    QFETCH(QString, text);
    DatabaseUrl url;
    QString error;
    QVERIFY2(DatabaseUrl::parse(text, &url, &error), qPrintable(error));
    QCOMPARE(url.dialect(), SqlDialect::SQLite);
    QTEST(url.scheme(), "scheme");
    QTEST(url.database(), "database");
    QTEST(url.isSqliteMemory(), "memory");
    QCOMPARE(url.userName(), QString());
    QCOMPARE(url.password(), QString());
    QCOMPARE(url.host(), QString());
    QCOMPARE(url.port(), -1);
}

void TestDatabaseUrl::query_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pairs");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("none") << "postgresql://h/blog" << QStringList() << "sslmode" << QString();
    QTest::newRow("empty") << "postgresql://h/blog?" << QStringList() << "sslmode" << QString();
    QTest::newRow("two") << "postgresql://h/blog?sslmode=require&connect_timeout=3"
                         << QStringList{"sslmode", "require", "connect_timeout", "3"}
                         << "connect_timeout"
                         << "3";
    QTest::newRow("plus is space")
        << "postgresql://h/blog?application_name=Blog+Desk"
        << QStringList{"application_name", "Blog Desk"} << "application_name"
        << "Blog Desk";
    QTest::newRow("encoded") << "postgresql://h/blog?options=-c%20search_path%3Dblog%2Bx"
                             << QStringList{"options", "-c search_path=blog+x"} << "options"
                             << "-c search_path=blog+x";
    QTest::newRow("= in value") << "postgresql://h/blog?options=-c+a=b"
                                << QStringList{"options", "-c a=b"} << "options"
                                << "-c a=b";
    QTest::newRow("? in value") << "mysql://h/blog?ssl_ca=a?b" << QStringList{"ssl_ca", "a?b"}
                                << "ssl_ca"
                                << "a?b";
    QTest::newRow("encoded key") << "mysql://h/blog?ssl%5Fca=x" << QStringList{"ssl_ca", "x"}
                                 << "ssl_ca"
                                 << "x";
    QTest::newRow("non-ASCII") << "postgresql://h/blog?application_name=Caf%C3%A9"
                               << QStringList{"application_name", QString::fromUtf8("Café")}
                               << "application_name" << QString::fromUtf8("Café");
    // parse_qsl drops fields without a value.
    QTest::newRow("blank dropped") << "postgresql://h/blog?a=&b=2&c&&d=4"
                                   << QStringList{"b", "2", "d", "4"} << "a" << QString();
    QTest::newRow("repeated kept in order")
        << "postgresql://h/blog?x=1&y=0&x=2" << QStringList{"x", "1", "y", "0", "x", "2"} << "x"
        << "1";
    QTest::newRow("sqlite") << "sqlite:///blog.db?mode=ro&uri=true"
                            << QStringList{"mode", "ro", "uri", "true"} << "mode"
                            << "ro";
    QTest::newRow("slash in a value") << "sqlite:///:memory:?timeout=1&x=1/blog"
                                      << QStringList{"timeout", "1", "x", "1/blog"} << "x"
                                      << "1/blog";
}

void TestDatabaseUrl::query()
{
    QFETCH(QString, text);
    DatabaseUrl url;
    QString error;
    QVERIFY2(DatabaseUrl::parse(text, &url, &error), qPrintable(error));
    QTEST(flattened(url.query()), "pairs");
    QFETCH(QString, key);
    QTEST(url.queryValue(key), "value");
}

void TestDatabaseUrl::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    const QString shape = QStringLiteral("URL must look like dialect://…, e.g. sqlite:///blog.db "
                                         "or postgresql://user@host/blog");
    const QString sqliteForms =
        QStringLiteral("write sqlite:///relative/path.db or sqlite:////absolute/path.db");
    const QString atHint = QStringLiteral("cannot read the host after the password: write '@' in "
                                          "a password as %40, ':' as %3A and '/' as %2F");

    QTest::newRow("empty") << ""
                           << "empty database URL";
    QTest::newRow("blank") << " \t "
                           << "empty database URL";
    QTest::newRow("plain file") << "blog.db" << shape;
    QTest::newRow("plain path") << "/var/lib/blog.db" << shape;
    QTest::newRow("one slash") << "postgresql:/h/blog" << shape;
    QTest::newRow("space in scheme") << "postgres ql://h/blog"
                                     << "invalid database scheme 'postgres ql': " + shape;
    QTest::newRow("space before ://") << "sqlite :///blog.db"
                                      << "invalid database scheme 'sqlite ': " + shape;
    QTest::newRow("dash in scheme") << "postgresql-psycopg2://h/blog"
                                    << "invalid database scheme 'postgresql-psycopg2': " + shape;
    QTest::newRow("no scheme") << "://h/blog"
                               << "missing dialect before '://': " + shape;
    QTest::newRow("oracle") << "oracle://u@h/xe"
                            << "unsupported database 'oracle' in URL: use sqlite, postgresql or "
                               "mysql";
    QTest::newRow("oracle with driver")
        << "oracle+cx_oracle://u@h/xe"
        << "unsupported database 'oracle' in URL: use sqlite, postgresql or mysql";
    QTest::newRow("mssql") << "MSSQL+pyodbc://u@dsn"
                           << "unsupported database 'mssql' in URL: use sqlite, postgresql or "
                              "mysql";
    QTest::newRow("http") << "http://example.com/blog"
                          << "unsupported database 'http' in URL: use sqlite, postgresql or mysql";
    QTest::newRow("unknown mysql driver")
        << "mysql+asyncmy://h/blog"
        << "unsupported driver 'asyncmy' in 'mysql+asyncmy://': use mysql:// or one of the "
           "drivers pymysql, mysqldb, mysqlconnector, mariadbconnector";
    QTest::newRow("unknown sqlite driver")
        << "sqlite+aiosqlite:///blog.db"
        << "unsupported driver 'aiosqlite' in 'sqlite+aiosqlite://': use sqlite:// or one of the "
           "drivers pysqlite";
    QTest::newRow("empty driver") << "postgresql+://h/blog"
                                  << "unsupported driver '' in 'postgresql+://': use "
                                     "postgresql:// or one of the drivers psycopg2, psycopg, "
                                     "pg8000, asyncpg";
    QTest::newRow("port not a number") << "postgresql://h:abc/blog"
                                       << "port 'abc' is not a number";
    QTest::newRow("negative port") << "postgresql://h:-1/blog"
                                   << "port '-1' is not a number";
    QTest::newRow("port with space") << "postgresql://h: 5432/blog"
                                     << "port ' 5432' is not a number";
    QTest::newRow("empty port") << "postgresql://h:/blog"
                                << "missing port number after 'h:'";
    QTest::newRow("port zero") << "postgresql://h:0/blog"
                               << "port '0' is out of range: use 1 to 65535";
    QTest::newRow("port too big") << "mysql://h:65536/blog"
                                  << "port '65536' is out of range: use 1 to 65535";
    QTest::newRow("port huge") << "mysql://h:99999999999999999999/blog"
                               << "port '99999999999999999999' is out of range: use 1 to 65535";
    QTest::newRow("ipv6 unclosed") << "postgresql://[::1/blog"
                                   << "missing ']' after IPv6 address '[::1'";
    QTest::newRow("ipv6 empty") << "postgresql://[]:5432/blog"
                                << "empty IPv6 address '[]'";
    QTest::newRow("ipv6 trailing") << "postgresql://[::1]5432/blog"
                                   << "unexpected '5432' after IPv6 address '[::1]'";
    QTest::newRow("ipv6 bad port") << "postgresql://[::1]:x/blog"
                                   << "port 'x' is not a number";
    QTest::newRow("ipv6 empty port") << "postgresql://[::1]:/blog"
                                     << "missing port number after '[::1]:'";
    QTest::newRow("ipv6 unbracketed") << "postgresql://::1/blog"
                                      << "IPv6 address '::1' must be written in brackets, e.g. "
                                         "[::1]:5432";
    QTest::newRow("ipv6 unbracketed port") << "postgresql://fe80::1:5432/blog"
                                           << "IPv6 address 'fe80::1:5432' must be written in "
                                              "brackets, e.g. [::1]:5432";
    QTest::newRow("space in host") << "postgresql://db server/blog"
                                   << "host 'db server' must not contain spaces";
    QTest::newRow("space in ipv6 host") << "postgresql://[ ::1]/blog"
                                        << "host ' ::1' must not contain spaces";
    QTest::newRow("bracket in host") << "postgresql://db]/blog"
                                     << "invalid host name 'db]'";
    QTest::newRow("raw @ in password") << "postgresql://alice:se@cret@h/blog" << atHint;
    QTest::newRow("raw @ and : in password") << "postgresql://alice:se@cr:et@h/blog" << atHint;
    QTest::newRow("missing database") << "postgresql://h/"
                                      << "missing database name in "
                                         "'postgresql://h/'";
    QTest::newRow("no database part") << "mysql://h:3306"
                                      << "missing database name in "
                                         "'mysql://h:3306'";
    QTest::newRow("nothing after scheme") << "postgresql://"
                                          << "missing database name in 'postgresql://'";
    QTest::newRow("password hidden")
        << "postgresql://alice:secret@h/?sslmode=require"
        << "missing database name in 'postgresql://alice:***@h/?sslmode=require'";
    QTest::newRow("sqlite host") << "sqlite://blog.db"
                                 << "sqlite URL must not name a host or port ('blog.db'): " +
                                        sqliteForms;
    QTest::newRow("sqlite host and port") << "sqlite://localhost:1234/blog.db"
                                          << "sqlite URL must not name a host or port "
                                             "('localhost:1234'): " +
                                                 sqliteForms;
    QTest::newRow("sqlite port") << "sqlite://:1/blog.db"
                                 << "sqlite URL must not name a host or port (':1'): " +
                                        sqliteForms;
    QTest::newRow("sqlite host with space") << "sqlite://my blog.db"
                                            << "sqlite URL must not name a host or port ('my "
                                               "blog.db'): " +
                                                   sqliteForms;
    QTest::newRow("sqlite user") << "sqlite://alice:secret@/blog.db"
                                 << "sqlite URL must not contain a user name or password: " +
                                        sqliteForms;
    // SQLAlchemy's in-memory database, which a user who typed it rarely means.
    const QString noFile = QStringLiteral("sqlite URL names no file: write sqlite:///relative/"
                                          "path.db or sqlite:////absolute/path.db (or "
                                          "sqlite:///:memory: for a database in memory)");
    QTest::newRow("sqlite empty path") << "sqlite:///" << noFile;
    QTest::newRow("sqlite no path") << "sqlite://" << noFile;
    QTest::newRow("sqlite empty path, query") << "sqlite:///?timeout=1" << noFile;
    QTest::newRow("sqlite no path, query") << "sqlite://?timeout=1" << noFile;
    QTest::newRow("pysqlite empty path") << "sqlite+pysqlite:///" << noFile;
    QTest::newRow("sqlite empty path, spaces") << "  sqlite:///  " << noFile;
    QTest::newRow("line break inside") << "postgresql://h/blog\nDROP"
                                       << "URL must not contain line breaks or other control "
                                          "characters";
    QTest::newRow("tab inside") << "postgresql://h/bl\tog"
                                << "URL must not contain line breaks or other control characters";

    // Every '%' that BlogDesk (or, for the host, nobody) decodes must start a %XX escape.
    const QString write = QStringLiteral(": write a '%' itself as %25");
    const QString badPassword =
        QStringLiteral("the password has a '%' that is not a %XX escape") + write;
    QTest::newRow("broken escape in password") << "postgresql://u:p%zz@host/db" << badPassword;
    QTest::newRow("lone % ending password") << "mysql://u:secret%@h/blog" << badPassword;
    QTest::newRow("half escape in password") << "postgresql://u:secret%4@h/blog" << badPassword;
    QTest::newRow("broken escape in user")
        << "postgresql://a%zzb:secret@h/blog"
        << "the user name 'a%zzb' has a '%' that is not a %XX escape ('%zz')" + write;
    QTest::newRow("broken escape in host")
        << "mysql+pymysql://u@db%g1.example:3306/blog"
        << "the host 'db%g1.example:3306' has a '%' that is not a %XX escape ('%g1')" + write;
    QTest::newRow("broken escape in database")
        << "postgresql://h/blog%2"
        << "the database name 'blog%2' has a '%' that is not a %XX escape ('%2')" + write;
    QTest::newRow("broken escape in query")
        << "postgresql://h/blog?application_name=50%off"
        << "the query 'application_name=50%off' has a '%' that is not a %XX escape ('%of')" + write;
    QTest::newRow("broken escape in sqlite query")
        << "sqlite:///blog.db?mode=r%"
        << "the query 'mode=r%' has a '%' that is not a %XX escape ('%')" + write;
}

void TestDatabaseUrl::refused()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    DatabaseUrl url;
    QString message;
    QVERIFY(!DatabaseUrl::parse(text, &url, &message));
    QCOMPARE(message, error);
    QVERIFY(!message.contains(QLatin1Char('\n')));
    QVERIFY(!message.contains(QLatin1String("secret")));
    QVERIFY(!message.contains(QLatin1String("cret")));
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "TestDatabaseUrl.moc"
