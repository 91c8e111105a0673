#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "models/records/PasswordHash.h"

namespace {

struct Vector
{
    const char* name;
    const char* password; // UTF-8
    const char* hash;
};

// Real hashes, not computed by the code under test:
// - pbkdf2 and legacy rows come from Debian's python3-werkzeug 2.2.2
//   generate_password_hash(password, method) (the unsalted one from its _hash_internal);
// - scrypt rows are Werkzeug 3's format computed with hashlib.scrypt(password.encode(),
//   salt=salt.encode(), n, r, p, maxmem=132*n*r*p, dklen=64).hex() as "scrypt:n:r:p$salt$hex".
const Vector werkzeugVectors[] = {
    {"sha256 600000", "s3cret",
     "pbkdf2:sha256:600000$7qD6Y9CTCJdpDwwp$"
     "b6b3cb03ec92f842ed023a11749a581fd7c0cb6c67dfdf12439efa62c37c3117"},
    {"sha256 600000 latin/euro", "pässwörd€",
     "pbkdf2:sha256:600000$5d31Zqjxwj21fcNi$"
     "adea07aabe94b7bbed75aca2e943222e9e06e96da531cba174182e25b906d47a"},
    {"sha256 260000 japanese", "パスワード",
     "pbkdf2:sha256:260000$v1tesPalDarie1eA$"
     "1f54db88e6a8fc14324ef4651b0b9b4df0bee9298e3ddda167fa0046fd716653"},
    {"sha256 600000 empty password", "",
     "pbkdf2:sha256:600000$O7d4ZPT0yVo9LEyA$"
     "5e780a60174f3232a9f1a8ca3b3ba3b731842abd15e6348e0ee1042b46b104b6"},
    {"sha256 260000 (2.x default)", "s3cret",
     "pbkdf2:sha256:260000$D4YFEtzGqU0J5IMA$"
     "80433825a1dd8740e3de39368b5cd22d75b2b5238f1bea495d7cdbcbdf05b528"},
    {"sha256 1 iteration", "s3cret",
     "pbkdf2:sha256:1$yA0DLvxQbm5AQWuP$"
     "e939cf69ef71c4db917fa4438996b5ee60991146a24562ec9acb0ee55a0e8b77"},
    {"sha256 1000 astral plane", "🔑 key",
     "pbkdf2:sha256:1000$5wk61D3YxEOmApkQ$"
     "16af119fe26f8111c9d43c942f7d2b3a4682d70c99614fe697b29bf4216a4010"},
    {"sha512 210000", "s3cret",
     "pbkdf2:sha512:210000$3potysHS3HIaDyui$"
     "dd776db8a7d625c4b9329d29ffc9a654a68bfe160af6f42026ea744aee01f247"
     "4eb3ead025cde1766e39b663c386b7571d031bb1bf4ddd8d80171c7cef697697"},
    {"sha512 1000 latin/euro", "pässwörd€",
     "pbkdf2:sha512:1000$hxxf4kj4NXhKRxvZ$"
     "a25c28bd4ff2f1a1f9681a4a2e674d59e59600aa7500dba3db320a336b25e015"
     "4487c6d4ebe6951193411840ddb651ea2d84fec951a359ca9fd13343c71828da"},
    {"sha512 600000 japanese", "パスワード",
     "pbkdf2:sha512:600000$Olt3Yt0kVE9nEd91$"
     "697f30b530685c85d635bc6a32b2bee6fa6ffa29334651b4eb998f56eac0bb43"
     "0f3a81d04f79f7d6ec342fe8c7355cdf566e86a18cfd99c31a72ee7cb52c2d69"},
    {"scrypt default", "s3cret",
     "scrypt:32768:8:1$k50qLRzMq3PpQSe4$"
     "cff33cc67162ffdb8fb4ea5b7b9aa27e7f083deb53de508d63175559b6ed56f5"
     "0ce2d5e1100a92d2dcad690faf091cdf65942c74cb2bce765a11e066254ca98f"},
    {"scrypt japanese", "パスワード",
     "scrypt:32768:8:1$bWt9jxkitxYVbynL$"
     "4d747cc06d83660475c661ab25fe9ca1e5dc406bee12486d9b029dca26bfe225"
     "def2608fa27f629e3b05892f1a63a923b544512141f51a8e46786033b9766627"},
    {"scrypt empty password", "",
     "scrypt:32768:8:1$C5M7JVEak07DWcvB$"
     "b1511e4e3b9ff2160ff077e09d693eef249f893d5401139707823143b7e19232"
     "27859cef8b627f0f2842444267939ddcd472ff3e44069a2434f81ec0f4498eaf"},
    {"scrypt latin/euro", "pässwörd€",
     "scrypt:32768:8:1$p4iv9zeVGdRB8dwq$"
     "1bd00005766cdfb9ec790ae0749f8b3753c99a15b5123f3b2de24e48cc48212f"
     "26c8ea4ee68c45ff57b6b42b8f970ffc87464d8b912a7dbb37f432859d4c016b"},
    {"scrypt p=2", "s3cret",
     "scrypt:16384:8:2$mN9eczyt6Igix5i0$"
     "2f6c179c2eda94380c0d26103b69294d6d93b82eece8333cff938065516a3cb9"
     "46bb3b17487e840d9c05b0da8e72be7fca6dd8d9c6ee9357a379347296c3b849"},
    // Werkzeug 2.2.2's legacy forms (test_werkzeughashes checks every one at each run).
    {"legacy md5 unsalted", "s3cret", "md5$$33e1b232a4e6fa0028a6670753749a17"},
    {"legacy sha1 japanese", "パスワード",
     "sha1$9sBlbTQ4B89u2pnY$c4eacce9af114de09d71addfbd03b98bc38202b4"},
    {"legacy sha256 latin/euro", "pässwörd€",
     "sha256$TdKoKwZmW88DxTpz$8f68409b688cd508284ae10d3c4b5c14f58df8244f2db4a461067d1d09a1aa83"},
    {"legacy sha512 astral plane", "🔑 key",
     "sha512$177ZEiLcWr5FC169$"
     "210d65e4f1cb2ffb910f6049f20794149e7060a0077f01ec5234deaf8fd48429"
     "dea4c2b90bc91f07ebf81d20c40479350ee3e28388f87966ce72e0f38cdd468d"},
    {"plain", "s3cret", "plain$$s3cret"},
    {"plain with dollars", "pa$$word$", "plain$$pa$$word$"},
    {"pbkdf2 sha1 1000", "s3cret",
     "pbkdf2:sha1:1000$ToL9hplrfBPCn8Th$c9ddec314d23a0b332cda1c4b888d635f1ae3313"},
    {"pbkdf2 md5 1000 latin/euro", "pässwörd€",
     "pbkdf2:md5:1000$f14uiOeTfGkE6Cwu$d71701ef490c44e0bedd0ab2ac1d2307"},
};

// Produced by PasswordHash::generateWithSalt and cross-checked when this test was written:
// werkzeug 2.2.2 check_password_hash(hash, password) returned True for each (and False for
// password + "x"), so Flask accepts what BlogDesk writes.
struct CrossChecked
{
    const char* password;
    const char* salt;
    int iterations;
    const char* hash;
};
const CrossChecked crossCheckedVectors[] = {
    {"s3cret", "BlogDeskSalt0001", 600000,
     "pbkdf2:sha256:600000$BlogDeskSalt0001$"
     "5be856afcdfc5984b73a9456ab5c92cbcb62f14192a345345a577926fd57695d"},
    {"pässwörd€", "BlogDeskSalt0002", 260000,
     "pbkdf2:sha256:260000$BlogDeskSalt0002$"
     "b6af2bcb54d88ee57d09eef26e18e546a7d858a97c045ab7fde5debdf3eca99a"},
    {"パスワード", "BlogDeskSalt0003", 1000,
     "pbkdf2:sha256:1000$BlogDeskSalt0003$"
     "240ccd930468bda552e20521e3d1126849c3dc9331f2ae57e60f1538a8560c02"},
    {"", "BlogDeskSalt0004", 600000,
     "pbkdf2:sha256:600000$BlogDeskSalt0004$"
     "2ad5665a36d9713b96db62df71d9d9081b5d677fed07d447e60911a389bfc338"},
};

const QRegularExpression
    generatedFormat(QStringLiteral("^pbkdf2:sha256:600000\\$([A-Za-z0-9]{16})\\$[0-9a-f]{64}$"));

QString hex(int digits, char c = 'a')
{
    return QString(digits, QLatin1Char(c));
}

// Same hash with the last digest digit changed, so only the final byte differs.
QString tampered(QString hash)
{
    QChar& last = hash[hash.size() - 1];
    last = last == u'0' ? u'1' : u'0';
    return hash;
}

} // namespace

class TestPasswordHash : public QObject
{
    Q_OBJECT

private slots:
    void checkWerkzeugVectors_data();
    void checkWerkzeugVectors();
    void checkIsExactAboutUnicode();
    void missingIterationCountMeans260000();
    void generateWithSaltReproducesWerkzeug_data();
    void generateWithSaltReproducesWerkzeug();
    void generateWithSaltIsCrossChecked_data();
    void generateWithSaltIsCrossChecked();
    void generateFormat();
    void generateUsesFreshAlphanumericSalts();
    void generateRejectsBadInput();
    void methodForDisplay_data();
    void methodForDisplay();
};

void TestPasswordHash::checkWerkzeugVectors_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("hash");
    for (const Vector& v : werkzeugVectors)
        QTest::newRow(v.name) << QString::fromUtf8(v.password) << QString::fromUtf8(v.hash);
}

void TestPasswordHash::checkWerkzeugVectors()
{
    QFETCH(QString, password);
    QFETCH(QString, hash);
    QString error = QStringLiteral("stale");
    QVERIFY(PasswordHash::isSupported(hash, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(PasswordHash::check(hash, password));
    QVERIFY(!PasswordHash::check(hash, password + u'x'));
    QVERIFY(!PasswordHash::check(tampered(hash), password));
}

// Werkzeug hashes the UTF-8 bytes as given, without normalisation; so must we.
void TestPasswordHash::checkIsExactAboutUnicode()
{
    const Vector& v = werkzeugVectors[8]; // sha512 1000, "pässwörd€"
    const QString password = QString::fromUtf8(v.password);
    const QString decomposed = password.normalized(QString::NormalizationForm_D);
    QVERIFY(decomposed != password);
    QVERIFY(PasswordHash::check(QString::fromUtf8(v.hash), password));
    QVERIFY(!PasswordHash::check(QString::fromUtf8(v.hash), decomposed));
    QVERIFY(!PasswordHash::check(QString::fromUtf8(v.hash), QStringLiteral("passwort€")));
}

// "pbkdf2:sha256" without a count is read as 260000, as Werkzeug 2.x does: werkzeug 2.2.2's
// check_password_hash accepts this hash (the 260000 vector with the count removed).
void TestPasswordHash::missingIterationCountMeans260000()
{
    const QString hash =
        QStringLiteral("pbkdf2:sha256$D4YFEtzGqU0J5IMA$"
                       "80433825a1dd8740e3de39368b5cd22d75b2b5238f1bea495d7cdbcbdf05b528");
    QVERIFY(PasswordHash::isSupported(hash));
    QVERIFY(PasswordHash::check(hash, QStringLiteral("s3cret")));
    QVERIFY(!PasswordHash::check(hash, QStringLiteral("s3cre")));
    QCOMPARE(PasswordHash::method(hash), QStringLiteral("pbkdf2:sha256"));
}

void TestPasswordHash::generateWithSaltReproducesWerkzeug_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("hash");
    for (const Vector& v : werkzeugVectors) {
        const QString hash = QString::fromUtf8(v.hash);
        if (hash.startsWith(QLatin1String("pbkdf2:sha256:")))
            QTest::newRow(v.name) << QString::fromUtf8(v.password) << hash;
    }
}

void TestPasswordHash::generateWithSaltReproducesWerkzeug()
{
    QFETCH(QString, password);
    QFETCH(QString, hash);
    const QString salt = hash.section(u'$', 1, 1);
    const int iterations = hash.section(u'$', 0, 0).section(u':', 2).toInt();
    QCOMPARE(PasswordHash::generateWithSalt(password, salt, iterations), hash);
}

void TestPasswordHash::generateWithSaltIsCrossChecked_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("salt");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QString>("hash");
    for (const CrossChecked& v : crossCheckedVectors) {
        QTest::newRow(v.salt) << QString::fromUtf8(v.password) << QString::fromLatin1(v.salt)
                              << v.iterations << QString::fromLatin1(v.hash);
    }
}

void TestPasswordHash::generateWithSaltIsCrossChecked()
{
    QFETCH(QString, password);
    QFETCH(QString, salt);
    QFETCH(int, iterations);
    QFETCH(QString, hash);
    QCOMPARE(PasswordHash::generateWithSalt(password, salt, iterations), hash);
}

void TestPasswordHash::generateFormat()
{
    const QString hash = PasswordHash::generate(QStringLiteral("pässwörd€"));
    QVERIFY2(generatedFormat.match(hash).hasMatch(), qPrintable(hash));
    QVERIFY(PasswordHash::check(hash, QStringLiteral("pässwörd€")));
    QVERIFY(!PasswordHash::check(hash, QStringLiteral("passwörd€")));
    QCOMPARE(PasswordHash::method(hash), QStringLiteral("pbkdf2:sha256:600000"));
}

void TestPasswordHash::generateUsesFreshAlphanumericSalts()
{
    const QRegularExpressionMatch first = generatedFormat.match(PasswordHash::generate({}));
    const QRegularExpressionMatch second = generatedFormat.match(PasswordHash::generate({}));
    QVERIFY(first.hasMatch() && second.hasMatch());
    QVERIFY(first.captured(1) != second.captured(1));

    // Many cheap hashes: every salt is new and uses only Werkzeug's alphabet.
    const QRegularExpression cheap(QStringLiteral("^pbkdf2:sha256:1\\$([A-Za-z0-9]{16})\\$"));
    QSet<QString> salts;
    for (int i = 0; i < 200; ++i) {
        const QRegularExpressionMatch match = cheap.match(PasswordHash::generate({}, 1));
        QVERIFY(match.hasMatch());
        salts.insert(match.captured(1));
    }
    QCOMPARE(salts.size(), 200);
}

void TestPasswordHash::generateRejectsBadInput()
{
    const QString pw = QStringLiteral("s3cret");
    QVERIFY(PasswordHash::generate(pw, 0).isEmpty());
    QVERIFY(PasswordHash::generate(pw, -5).isEmpty());
    QVERIFY(PasswordHash::generate(pw, PasswordHash::MaxIterations + 1).isEmpty());
    QVERIFY(PasswordHash::generateWithSalt(pw, QString(), 1000).isEmpty());
    QVERIFY(PasswordHash::generateWithSalt(pw, QStringLiteral("ab$cd"), 1000).isEmpty());
}

void TestPasswordHash::methodForDisplay_data()
{
    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("method");
    QTest::newRow("pbkdf2") << QString::fromUtf8(werkzeugVectors[0].hash)
                            << QStringLiteral("pbkdf2:sha256:600000");
    QTest::newRow("pbkdf2 sha512")
        << QString::fromUtf8(werkzeugVectors[7].hash) << QStringLiteral("pbkdf2:sha512:210000");
    QTest::newRow("scrypt") << QString::fromUtf8(werkzeugVectors[10].hash)
                            << QStringLiteral("scrypt:32768:8:1");
    QTest::newRow("legacy") << QStringLiteral("sha1$salt$") + hex(40) << QStringLiteral("sha1");
    QTest::newRow("plain") << QStringLiteral("plain$$hunter2") << QStringLiteral("plain");
    QTest::newRow("bcrypt") << QStringLiteral("$2y$10$abcdefghijklmnopqrstuv")
                            << QStringLiteral("bcrypt");
    QTest::newRow("argon2") << QStringLiteral("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
                            << QStringLiteral("argon2id");
    QTest::newRow("plaintext") << QStringLiteral("hunter2") << QString();
    QTest::newRow("one dollar") << QStringLiteral("hunter$2") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("dollars") << QStringLiteral("$$") << QString();
    QTest::newRow("garbage method") << QStringLiteral("my secret!$a$b") << QString();
}

void TestPasswordHash::methodForDisplay()
{
    QFETCH(QString, hash);
    QFETCH(QString, method);
    QCOMPARE(PasswordHash::method(hash), method);
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "TestPasswordHash.moc"
