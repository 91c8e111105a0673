#include <QTest>

#include "models/records/PasswordHash.h"
#include "models/records/PasswordHashFormat.h"

// The parser of stored hashes on its own: what each form means, what is refused and why, and
// which hashes are weak. That BlogDesk verifies what the real Werkzeug made is
// test_werkzeughashes.

namespace {

QString hex(int digits, char c = 'a')
{
    return QString(digits, QLatin1Char(c));
}

ParsedPasswordHash parsed(const QString& hash)
{
    ParsedPasswordHash out;
    QString error;
    if (!PasswordHashFormat::parse(hash, &out, &error))
        qWarning("%s: %s", qPrintable(hash.left(60)), qPrintable(error));
    return out;
}

} // namespace

class TestPasswordHashFormat : public QObject
{
    Q_OBJECT

private slots:
    void readsEachForm();
    void leftOutCountsAreEachWerkzeugDefault();
    void digestNamesAreHashlibs_data();
    void digestNamesAreHashlibs();
    void rejectsMalformedHashes_data();
    void rejectsMalformedHashes();
    void explainsUnsupportedHashes();
    void weakness_data();
    void weakness();
};

void TestPasswordHashFormat::readsEachForm()
{
    using Kind = ParsedPasswordHash::Kind;
    ParsedPasswordHash plain = parsed(QStringLiteral("plain$salt$pa$$word$"));
    QCOMPARE(plain.kind, Kind::Plain);
    QCOMPARE(plain.expected, QByteArray("pa$$word$")); // split at the first two '$' only
    QCOMPARE(plain.salt, QByteArray("salt"));
    QCOMPARE(parsed(QStringLiteral("plain$$")).expected, QByteArray());

    const ParsedPasswordHash salted = parsed(QStringLiteral("sha256$sält$") + hex(64));
    QCOMPARE(salted.kind, Kind::Digest);
    QCOMPARE(salted.salt, QStringLiteral("sält").toUtf8());
    QCOMPARE(salted.expected, QByteArray(32, char(0xaa)));
    QCOMPARE(parsed(QStringLiteral("md5$$") + hex(32)).salt, QByteArray());

    const ParsedPasswordHash pbkdf2 = parsed(QStringLiteral("pbkdf2:sha1:1000$s$") + hex(40));
    QCOMPARE(pbkdf2.kind, Kind::Pbkdf2);
    QCOMPARE(pbkdf2.iterations, QList<quint64>{1000});
    QCOMPARE(pbkdf2.digestSize, 20);
    QCOMPARE(parsed(QStringLiteral("pbkdf2:sha256:1000$$") + hex(64)).salt, QByteArray());

    const ParsedPasswordHash scrypt = parsed(QStringLiteral("scrypt$s$") + hex(128));
    QCOMPARE(scrypt.kind, Kind::Scrypt);
    QCOMPARE(QList<quint64>({scrypt.n, scrypt.r, scrypt.p}), QList<quint64>({32768, 8, 1}));
    const ParsedPasswordHash custom = parsed(QStringLiteral("scrypt:16384:8:2$s$") + hex(128));
    QCOMPARE(QList<quint64>({custom.n, custom.r, custom.p}), QList<quint64>({16384, 8, 2}));
}

// Werkzeug 2.0-2.2 read "pbkdf2:<digest>" as 260000 rounds, 2.3-3.0 as 600000, 3.1 as
// 1000000; "pbkdf2" alone (sha256) exists from 2.3 on.
void TestPasswordHashFormat::leftOutCountsAreEachWerkzeugDefault()
{
    QCOMPARE(parsed(QStringLiteral("pbkdf2:sha512$s$") + hex(128)).iterations,
             QList<quint64>({260000, 600000, 1000000}));
    const ParsedPasswordHash alone = parsed(QStringLiteral("pbkdf2$s$") + hex(64));
    QCOMPARE(alone.iterations, QList<quint64>({600000, 1000000}));
    QCOMPARE(alone.digestSize, 32);
}

void TestPasswordHashFormat::digestNamesAreHashlibs_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("size");
    const auto row = [](const char* name, int size) {
        QTest::newRow(name) << QString::fromLatin1(name) << size;
    };
    row("md5", 16);
    row("sha1", 20);
    row("sha224", 28);
    row("sha256", 32);
    row("sha384", 48);
    row("sha512", 64);
    row("sha512_224", 28);
    row("sha512_256", 32);
    row("sha3_224", 28);
    row("sha3_256", 32);
    row("sha3_512", 64);
    row("blake2b", 64);
    row("blake2s", 32);
    row("SHA256", 32);       // OpenSSL's names ignore case, as hashlib passes them on
    row("sha-256", 32);      // an OpenSSL alias
    row("SHA2-512/224", 28); // '/' is part of some aliases
    row("blake2b512", 64);
}

void TestPasswordHashFormat::digestNamesAreHashlibs()
{
    QFETCH(QString, name);
    QFETCH(int, size);
    const QString digest = hex(2 * size);
    QCOMPARE(parsed(name + QStringLiteral("$s$") + digest).digestSize, size);
    QCOMPARE(parsed(name + QStringLiteral("$$") + digest).digestSize, size);
    QCOMPARE(parsed(QStringLiteral("pbkdf2:%1:1$s$").arg(name) + digest).digestSize, size);
}

void TestPasswordHashFormat::rejectsMalformedHashes_data()
{
    QTest::addColumn<QString>("hash");
    const auto row = [](const char* name, const QString& hash) {
        QTest::newRow(name) << hash;
    };
    const QString pbkdf2 = QStringLiteral("pbkdf2:sha256:");
    row("empty", QString());
    row("dollars only", QStringLiteral("$$"));
    row("one dollar", QStringLiteral("$"));
    row("many dollars", QString(100000, u'$'));
    row("too long", QStringLiteral("plain$$") + hex(9000));
    row("plaintext password", QStringLiteral("s3cret"));
    row("method only", QStringLiteral("pbkdf2:sha256:600000"));
    row("plain non-ASCII", QStringLiteral("plain$$pässwörd"));
    row("plain with a colon", QStringLiteral("plain:1$$s3cret"));
    row("bcrypt werkzeug-shaped", QStringLiteral("bcrypt$salt$") + hex(64));
    row("bcrypt two sections", QStringLiteral("bcrypt$abc"));
    row("bcrypt modular crypt",
        QStringLiteral("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"));
    row("argon2", QStringLiteral("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA"));
    row("unknown digest", QStringLiteral("nosuch$salt$") + hex(64));
    row("digest with a colon", QStringLiteral("sha256:1$salt$") + hex(64));
    row("hashlib name in capitals", QStringLiteral("SHA3_256$salt$") + hex(64));
    row("shake: no fixed length", QStringLiteral("shake_128$salt$"));
    row("null digest: any password", QStringLiteral("null$$"));
    row("legacy short digest", QStringLiteral("sha1$salt$") + hex(39));
    row("legacy uppercase digest", QStringLiteral("md5$salt$") + hex(32, 'A'));
    row("legacy non-ASCII digest", QStringLiteral("md5$salt$") + hex(31) + u'é');
    row("pbkdf2 md5 long digest", QStringLiteral("pbkdf2:md5:1000$salt$") + hex(64));
    row("pbkdf2 empty digest", QStringLiteral("pbkdf2:$salt$") + hex(64));
    row("pbkdf2 empty digest and count", QStringLiteral("pbkdf2::1000$salt$") + hex(64));
    row("pbkdf2 shake", QStringLiteral("pbkdf2:shake_256:1000$salt$") + hex(64));
    row("pbkdf2 unknown digest", QStringLiteral("pbkdf2:nosuch:1000$salt$") + hex(64));
    row("huge count short digest", QStringLiteral("pbkdf2:sha256:2000000000$x$00"));
    row("huge count", pbkdf2 + QStringLiteral("2000000000$x$") + hex(64));
    row("count just over max", pbkdf2 + QStringLiteral("10000001$x$") + hex(64));
    row("overflowing count", pbkdf2 + QStringLiteral("99999999999999999999$x$") + hex(64));
    row("zero count", pbkdf2 + QStringLiteral("0$x$") + hex(64));
    row("negative count", pbkdf2 + QStringLiteral("-1$x$") + hex(64));
    row("signed count", pbkdf2 + QStringLiteral("+1000$x$") + hex(64));
    row("spaced count", pbkdf2 + QStringLiteral(" 1000$x$") + hex(64));
    row("fullwidth digits", pbkdf2 + QStringLiteral("１０００$x$") + hex(64));
    row("text count", pbkdf2 + QStringLiteral("abc$x$") + hex(64));
    row("empty count", pbkdf2 + QStringLiteral("$x$") + hex(64));
    row("extra method field", pbkdf2 + QStringLiteral("1000:1$x$") + hex(64));
    row("huge salt", pbkdf2 + QStringLiteral("1000$") + hex(5000, 's') + u'$' + hex(64));
    row("short digest", pbkdf2 + QStringLiteral("1000$x$") + hex(63));
    row("long digest", pbkdf2 + QStringLiteral("1000$x$") + hex(65));
    row("empty digest", pbkdf2 + QStringLiteral("1000$x$"));
    row("uppercase digest", pbkdf2 + QStringLiteral("1000$x$") + hex(64, 'A'));
    row("non-hex digest", pbkdf2 + QStringLiteral("1000$x$") + hex(63) + u'g');
    row("dollar in digest", pbkdf2 + QStringLiteral("1000$x$") + hex(32) + u'$' + hex(31));
    row("sha512 short digest", QStringLiteral("pbkdf2:sha512:1000$x$") + hex(64));
    row("scrypt n=3 short digest", QStringLiteral("scrypt:3:8:1$a$00"));
    row("scrypt n=3", QStringLiteral("scrypt:3:8:1$a$") + hex(128));
    row("scrypt n=1", QStringLiteral("scrypt:1:8:1$a$") + hex(128));
    row("scrypt n=0", QStringLiteral("scrypt:0:8:1$a$") + hex(128));
    row("scrypt n=2^21", QStringLiteral("scrypt:2097152:8:1$a$") + hex(128));
    row("scrypt n=2^30", QStringLiteral("scrypt:1073741824:8:1$a$") + hex(128));
    row("scrypt r=0", QStringLiteral("scrypt:32768:0:1$a$") + hex(128));
    row("scrypt p=0", QStringLiteral("scrypt:32768:8:0$a$") + hex(128));
    row("scrypt r*p huge", QStringLiteral("scrypt:32768:1000000:1000000$a$") + hex(128));
    row("scrypt r*p 128", QStringLiteral("scrypt:16384:16:8$a$") + hex(128));
    row("scrypt 2 GiB", QStringLiteral("scrypt:1048576:16:1$a$") + hex(128));
    row("scrypt too much work", QStringLiteral("scrypt:1048576:8:4$a$") + hex(128));
    row("scrypt n too big for r=1", QStringLiteral("scrypt:65536:1:1$a$") + hex(128));
    row("scrypt over Python's maxmem", QStringLiteral("scrypt:1048576:8:2$a$") + hex(128));
    row("scrypt under Werkzeug's maxmem", QStringLiteral("scrypt:64:8:1$a$") + hex(128));
    row("scrypt missing p", QStringLiteral("scrypt:32768:8$a$") + hex(128));
    row("scrypt short digest", QStringLiteral("scrypt:32768:8:1$a$") + hex(64));
}

// PasswordHash::check() derives nothing for a hash parse() refuses, so none of these costs a
// key derivation, however large the numbers in it.
void TestPasswordHashFormat::rejectsMalformedHashes()
{
    QFETCH(QString, hash);
    QString error;
    ParsedPasswordHash out;
    QVERIFY(!PasswordHashFormat::parse(hash, &out, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    QVERIFY(!PasswordHash::isSupported(hash));
    QVERIFY(!PasswordHash::check(hash, QStringLiteral("s3cret")));
    QVERIFY(!PasswordHash::check(hash, QString()));
    QVERIFY(PasswordHash::weakness(hash).isEmpty());     // refused, not "weak"
    QVERIFY(!PasswordHash::method(hash).contains(u'$')); // never echoes salt or digest
}

void TestPasswordHashFormat::explainsUnsupportedHashes()
{
    const auto why = [](const QString& hash) {
        QString error;
        PasswordHashFormat::parse(hash, nullptr, &error);
        return error;
    };
    QCOMPARE(why(QStringLiteral("bcrypt$salt$") + hex(64)),
             QStringLiteral("unsupported hash method 'bcrypt'"));
    QCOMPARE(why(QStringLiteral("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")),
             QStringLiteral("unsupported hash method 'bcrypt'"));
    QCOMPARE(why(QStringLiteral("pbkdf2:nosuch:1$s$")),
             QStringLiteral("unsupported hash method 'pbkdf2:nosuch:1'"));
    QCOMPARE(why(QStringLiteral("scrypt:16384:16:8$a$") + hex(128)),
             QStringLiteral("scrypt parameters out of range"));
    QVERIFY(why(QStringLiteral("scrypt:64:8:1$a$")).contains(QLatin1String("memory limit")));
    QVERIFY(why(QStringLiteral("scrypt:3:8:1$a$00")).contains(QLatin1String("power of two")));
    QVERIFY(why(QStringLiteral("pbkdf2:sha256:0$x$")).contains(QLatin1String("iteration count")));
    QVERIFY(why(QStringLiteral("pbkdf2:sha256:1$x$") + hex(60))
                .contains(QLatin1String("64 hex digits")));
    QVERIFY(why(QStringLiteral("null$$")).contains(QLatin1String("every password would match")));
    QVERIFY(why(QStringLiteral("shake_256$s$")).contains(QLatin1String("no fixed-length digest")));
    QVERIFY(why(QStringLiteral("plain$$é")).contains(QLatin1String("non-ASCII")));
    QVERIFY(why(QStringLiteral("sha1$s$") + hex(39)).contains(QLatin1String("40 hex digits")));
    QVERIFY(!PasswordHash::isSupported(QStringLiteral("s3cret"), nullptr)); // null error is fine
}

void TestPasswordHashFormat::weakness_data()
{
    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("weakness"); // empty: strong enough
    const auto row = [](const char* name, const QString& hash, const char* weakness) {
        QTest::newRow(name) << hash << QString::fromUtf8(weakness);
    };
    const QString h64 = hex(64), h128 = hex(128);
    row("plain", QStringLiteral("plain$$s3cret"), "the password itself, not a hash");
    row("salted sha256", QStringLiteral("sha256$s$") + h64, "a single salted sha256 digest");
    row("unsalted md5", QStringLiteral("md5$$") + hex(32), "a single unsalted md5 digest");
    row("pbkdf2 sha1", QStringLiteral("pbkdf2:sha1:2000000$s$") + hex(40),
        "PBKDF2 over sha1, a broken hash");
    row("pbkdf2 md5", QStringLiteral("pbkdf2:MD5:2000000$s$") + hex(32),
        "PBKDF2 over MD5, a broken hash");
    row("pbkdf2 without salt", QStringLiteral("pbkdf2:sha256:600000$$") + h64,
        "PBKDF2 without a salt");
    row("pbkdf2 1000", QStringLiteral("pbkdf2:sha256:1000$s$") + h64,
        "PBKDF2 with only 1000 iterations (260000 or more today)");
    row("pbkdf2 259999", QStringLiteral("pbkdf2:sha256:259999$s$") + h64,
        "PBKDF2 with only 259999 iterations (260000 or more today)");
    row("pbkdf2 260000", QStringLiteral("pbkdf2:sha256:260000$s$") + h64, "");
    row("pbkdf2 600000", QStringLiteral("pbkdf2:sha256:600000$s$") + h64, "");
    row("pbkdf2 sha3_256 260000", QStringLiteral("pbkdf2:sha3_256:260000$s$") + h64, "");
    row("pbkdf2 sha512 209999", QStringLiteral("pbkdf2:sha512:209999$s$") + h128,
        "PBKDF2 with only 209999 iterations (210000 or more today)");
    row("pbkdf2 sha512 210000", QStringLiteral("pbkdf2:sha512:210000$s$") + h128, "");
    row("pbkdf2 without count", QStringLiteral("pbkdf2:sha256$s$") + h64, "");
    row("pbkdf2 alone", QStringLiteral("pbkdf2$s$") + h64, "");
    row("scrypt default", QStringLiteral("scrypt:32768:8:1$s$") + h128, "");
    row("scrypt alone", QStringLiteral("scrypt$s$") + h128, "");
    row("scrypt same cost", QStringLiteral("scrypt:16384:8:2$s$") + h128, "");
    row("scrypt cheaper", QStringLiteral("scrypt:16384:8:1$s$") + h128,
        "scrypt below Werkzeug's default cost (32768:8:1)");
    row("scrypt without salt", QStringLiteral("scrypt$$") + h128, "scrypt without a salt");
    row("unsupported", QStringLiteral("bcrypt$s$") + h64, "");
    row("not a hash", QStringLiteral("s3cret"), "");
}

void TestPasswordHashFormat::weakness()
{
    QFETCH(QString, hash);
    QFETCH(QString, weakness);
    QCOMPARE(PasswordHash::weakness(hash), weakness);
}

QTEST_GUILESS_MAIN(TestPasswordHashFormat)
#include "TestPasswordHashFormat.moc"
