#include <QTest>

#include "models/connection/DatabaseUrl.h"

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

void TestDatabaseUrl::roundTrip_data()
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

void TestDatabaseUrl::roundTrip()
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

void TestDatabaseUrl::displayName_data()
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

void TestDatabaseUrl::displayName()
{
    QFETCH(QString, text);
    const DatabaseUrl url = parsed(text);
    QTEST(url.displayName(), "name");
    QVERIFY(!url.displayName().contains(QLatin1String("secret")));
}

void TestDatabaseUrl::qtDriverName_data()
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

void TestDatabaseUrl::qtDriverName()
{
    QFETCH(QString, text);
    QFETCH(QString, driver);
    const DatabaseUrl url = parsed(text);
    QCOMPARE(url.qtDriverName(), driver);
    SqlDialect dialect = SqlDialect::SQLite;
    QVERIFY(sqlDialectOfDriver(driver, &dialect));
    QCOMPARE(dialect, url.dialect());
}

void TestDatabaseUrl::connectOptions_data()
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

void TestDatabaseUrl::connectOptions()
{
    QFETCH(QString, text);
    const DatabaseUrl url = parsed(text);
    QString options = QStringLiteral("stale");
    QString error;
    QVERIFY2(url.connectOptions(&options, &error), qPrintable(error));
    QTEST(options, "options");
    QVERIFY(error.isEmpty());
}

void TestDatabaseUrl::refusedOptions_data()
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

void TestDatabaseUrl::refusedOptions()
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

void TestDatabaseUrl::equality_data()
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

void TestDatabaseUrl::equality()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);
    QCOMPARE(parsed(a) == parsed(b), equal);
    QCOMPARE(parsed(b) == parsed(a), equal);
    QCOMPARE(parsed(a) != parsed(b), !equal);
}

void TestDatabaseUrl::forSqliteFile_data()
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

void TestDatabaseUrl::forSqliteFile()
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

void TestDatabaseUrl::defaultIsSqliteMemory()
{
    const DatabaseUrl url;
    QCOMPARE(url.dialect(), SqlDialect::SQLite);
    QVERIFY(url.isSqliteMemory());
    QCOMPARE(url.toString(false), QStringLiteral("sqlite:///:memory:"));
    QCOMPARE(url.displayName(), QStringLiteral("in-memory"));
    QCOMPARE(url.port(), -1);
    QVERIFY(url == parsed(QStringLiteral("sqlite:///:memory:")));
}

void TestDatabaseUrl::failureLeavesUrlAlone()
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

void TestDatabaseUrl::nullOutputs()
{
    QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite:///blog.db"), nullptr, nullptr));
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("oracle://h/x"), nullptr, nullptr));
    QString options;
    QVERIFY(!parsed(QStringLiteral("mysql://h/b?x=1")).connectOptions(&options, nullptr));
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "TestDatabaseUrl.moc"
