#include <QTest>

#include <algorithm>

#include "models/records/PasswordHash.h"
#include "tests/support/WerkzeugHashes.h"

// Both directions with the real Werkzeug: BlogDesk verifies every hash Debian 12's
// python3-werkzeug (2.2.2) makes, made fresh by it at each run, and the Werkzeug 3.1.8 hashes
// kept in tests/flaskapp (scrypt and the other forms 2.2 cannot make); Werkzeug verifies what
// BlogDesk writes. Each right password is paired with a wrong one.

using WerkzeugHashes::Vector;

namespace {

// The hashes made with Werkzeug's defaults (or the same cost) are strong; every other form the
// script makes is weak: legacy digests, plain, PBKDF2 at 1000 rounds or none at all, small or
// unsalted scrypt.
bool isStrongForm(const QString& name)
{
    for (const char* strong :
         {"pbkdf2 default", "pbkdf2 sha256 without count", "pbkdf2 sha512 without count",
          "pbkdf2 alone", "scrypt default", "scrypt alone", "scrypt 16384:8:2"}) {
        if (name.startsWith(QLatin1String(strong) + QLatin1String(" #")))
            return true;
    }
    return false;
}

void addRows(const QList<Vector>& vectors)
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("hash");
    QTest::addColumn<bool>("strong");
    for (const Vector& vector : vectors) {
        QTest::newRow(qPrintable(vector.name))
            << vector.password << vector.hash << isStrongForm(vector.name);
    }
}

bool isAscii(const QString& text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 128; });
}

QStringList namesOf(const QList<Vector>& vectors)
{
    QStringList names;
    for (const Vector& vector : vectors)
        names << vector.name.section(QLatin1String(" #"), 0, 0);
    names.removeDuplicates();
    return names;
}

} // namespace

class TestWerkzeugHashes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void debianWerkzeugMakesEveryLegacyForm();
    void verifiesWhatWerkzeug2Made_data() { addRows(m_debian.verified); }
    void verifiesWhatWerkzeug2Made();
    void refusesWhatWerkzeug2CannotVerify();
    void verifiesWhatWerkzeug3Made_data() { addRows(m_werkzeug3.verified); }
    void verifiesWhatWerkzeug3Made() { verifiesWhatWerkzeug2Made(); }
    void werkzeug3RefusesOnlyPlain();
    void werkzeugVerifiesWhatBlogDeskMade();

private:
    WerkzeugHashes::Made m_debian;
    WerkzeugHashes::Made m_werkzeug3;
};

void TestWerkzeugHashes::initTestCase()
{
    QString problem;
    QVERIFY2(WerkzeugHashes::make(&m_debian, &problem), qPrintable(problem));
    QVERIFY2(WerkzeugHashes::readFile(QStringLiteral("werkzeug-3.1.8-hashes.json"), &m_werkzeug3,
                                      &problem),
             qPrintable(problem));
    QCOMPARE(m_werkzeug3.version, QStringLiteral("3.1.8"));
}

// The Werkzeug 2 run must really have made the forms this is about (a Werkzeug 3 interpreter
// would make none of them and the rows below would prove nothing).
void TestWerkzeugHashes::debianWerkzeugMakesEveryLegacyForm()
{
    QVERIFY2(m_debian.version.startsWith(QLatin1String("2.")), qPrintable(m_debian.version));
    const QStringList made = namesOf(m_debian.verified);
    for (const char* name : {"md5 salted",
                             "md5 unsalted",
                             "sha1 salted",
                             "sha1 unsalted",
                             "sha224 salted",
                             "sha256 salted",
                             "sha256 unsalted",
                             "sha384 salted",
                             "sha512 salted",
                             "sha512 unsalted",
                             "sha3_256 salted",
                             "blake2b salted",
                             "SHA256 salted",
                             "sha-256 unsalted",
                             "plain",
                             "plain with a salt",
                             "plain with dollars",
                             "pbkdf2 sha1 1000",
                             "pbkdf2 md5 1000",
                             "pbkdf2 sha512 1000",
                             "pbkdf2 blake2s 1000",
                             "pbkdf2 default",
                             "pbkdf2 sha256 without count",
                             "pbkdf2 sha1 1"}) {
        QVERIFY2(made.contains(QLatin1String(name)), name);
    }
}

void TestWerkzeugHashes::verifiesWhatWerkzeug2Made()
{
    QFETCH(QString, password);
    QFETCH(QString, hash);
    QFETCH(bool, strong);
    QString error;
    QVERIFY2(PasswordHash::isSupported(hash, &error), qPrintable(error));
    QVERIFY(PasswordHash::check(hash, password));
    QVERIFY(!PasswordHash::check(hash, password + u'x'));
    QCOMPARE(PasswordHash::weakness(hash).isEmpty(), strong);
    QVERIFY(!PasswordHash::method(hash).isEmpty());
}

// Plain passwords with non-ASCII characters (check_password_hash raises) and the "null"
// digest (every password matches): BlogDesk says no to the right password too.
void TestWerkzeugHashes::refusesWhatWerkzeug2CannotVerify()
{
    QVERIFY(!m_debian.refused.isEmpty());
    for (const Vector& vector : std::as_const(m_debian.refused)) {
        QVERIFY2(!PasswordHash::isSupported(vector.hash), qPrintable(vector.name));
        QVERIFY2(!PasswordHash::check(vector.hash, vector.password), qPrintable(vector.name));
    }
}

// Werkzeug 3 refuses "plain" (and the legacy digests, which it cannot even make). 2.2 verifies
// them, so BlogDesk does.
void TestWerkzeugHashes::werkzeug3RefusesOnlyPlain()
{
    QVERIFY(!m_werkzeug3.refused.isEmpty());
    for (const Vector& vector : std::as_const(m_werkzeug3.refused)) {
        QVERIFY2(vector.hash.startsWith(QLatin1String("plain$")), qPrintable(vector.name));
        QVERIFY2(vector.error.contains(QLatin1String("Invalid hash method")),
                 qPrintable(vector.error));
        QCOMPARE(PasswordHash::check(vector.hash, vector.password), isAscii(vector.password));
    }
}

void TestWerkzeugHashes::werkzeugVerifiesWhatBlogDeskMade()
{
    QList<Vector> made;
    const auto add = [&made](const QString& password, const QString& hash) {
        QVERIFY(!hash.isEmpty());
        made.append({QString(), password, hash, QString()});
        made.append({QString(), password + u'x', hash, QString()});
    };
    add(QStringLiteral("s3cret"), PasswordHash::generate(QStringLiteral("s3cret")));
    add(QStringLiteral("pässwörd€"), PasswordHash::generate(QStringLiteral("pässwörd€")));
    const QStringList passwords = {QString(), QStringLiteral("パスワード"), QStringLiteral("🔑 key"),
                                   QStringLiteral("pa$$word")};
    for (const QString& password : passwords) {
        add(password, PasswordHash::generateWithSalt(password, QStringLiteral("BlogDeskSalt"),
                                                     int(1000 + password.size())));
    }
    QVariantList answers;
    QString problem;
    QVERIFY2(WerkzeugHashes::check(made, &answers, &problem), qPrintable(problem));
    for (int i = 0; i < made.size(); ++i) {
        const bool right = i % 2 == 0;
        QVERIFY2(answers[i].typeId() == QMetaType::Bool && answers[i].toBool() == right,
                 qPrintable(made[i].hash + QStringLiteral(": ") + answers[i].toString()));
    }
}

QTEST_GUILESS_MAIN(TestWerkzeugHashes)
#include "TestWerkzeugHashes.moc"
