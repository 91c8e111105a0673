// GoToTarget: what a person types into a page's "Go to" field, read in one place. Hostile and
// odd inputs must come out refused with a reason, never as some other number.
#include <QTest>

#include "models/browse/GoToTarget.h"

Q_DECLARE_METATYPE(GoToTarget::Kind)

class TestGoToTarget : public QObject
{
    Q_OBJECT

private slots:
    void readsIdsAndRowNumbers_data();
    void readsIdsAndRowNumbers();
    void refusesAnythingElse_data();
    void refusesAnythingElse();
};

void TestGoToTarget::readsIdsAndRowNumbers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<GoToTarget::Kind>("kind");
    QTest::addColumn<qint64>("value");
    using Kind = GoToTarget::Kind;
    QTest::newRow("bare") << "12345" << Kind::Id << qint64(12345);
    QTest::newRow("hash") << "#12345" << Kind::Id << qint64(12345);
    QTest::newRow("id word") << "id 7" << Kind::Id << qint64(7);
    QTest::newRow("ID glued") << "ID7" << Kind::Id << qint64(7);
    QTest::newRow("spaces around") << "  \t42 \n" << Kind::Id << qint64(42);
    QTest::newRow("leading zeros") << "#0042" << Kind::Id << qint64(42);
    QTest::newRow("row") << "row 500000" << Kind::Row << qint64(500000);
    QTest::newRow("Row glued") << "Row500" << Kind::Row << qint64(500);
    QTest::newRow("ROW") << "ROW 1" << Kind::Row << qint64(1);
    QTest::newRow("largest") << "999999999999999999" << Kind::Id << qint64(999999999999999999);
}

void TestGoToTarget::readsIdsAndRowNumbers()
{
    QFETCH(QString, text);
    QFETCH(GoToTarget::Kind, kind);
    QFETCH(qint64, value);
    const GoToTarget target = GoToTarget::parse(text);
    QVERIFY2(target.isValid(), qPrintable(target.error));
    QCOMPARE(target.kind, kind);
    QCOMPARE(target.value, value);
    QVERIFY(target.error.isEmpty());
}

void TestGoToTarget::refusesAnythingElse_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("spaces") << "   ";
    QTest::newRow("zero") << "0";
    QTest::newRow("row zero") << "row 0";
    QTest::newRow("negative") << "-5";
    QTest::newRow("plus") << "+5";
    QTest::newRow("row negative") << "row -1";
    QTest::newRow("overflow") << "9223372036854775808";
    QTest::newRow("nineteen digits") << "1000000000000000000";
    QTest::newRow("very long") << QString(10000, QLatin1Char('9'));
    QTest::newRow("trailing text") << "12abc";
    QTest::newRow("sql") << "1; DROP TABLE posts";
    QTest::newRow("or") << "1 OR 1=1";
    QTest::newRow("quote") << "'1'";
    QTest::newRow("exponent") << "1e5";
    QTest::newRow("decimal") << "1.5";
    QTest::newRow("grouped") << "1,000";
    QTest::newRow("hex") << "0x10";
    QTest::newRow("two numbers") << "12 34";
    QTest::newRow("row alone") << "row";
    QTest::newRow("hash alone") << "#";
    QTest::newRow("double hash") << "##5";
    QTest::newRow("row and hash") << "row #5";
    QTest::newRow("arabic-indic digits") << QStringLiteral("١٢٣");
    QTest::newRow("fullwidth digits") << QStringLiteral("１２３");
    QTest::newRow("superscript") << QStringLiteral("²");
    QTest::newRow("nul inside") << QString::fromUtf16(u"1\u00002", 3);
    QTest::newRow("rtl mark") << QStringLiteral("\u200F123");
    QTest::newRow("emoji") << QStringLiteral("😀");
}

void TestGoToTarget::refusesAnythingElse()
{
    QFETCH(QString, text);
    const GoToTarget target = GoToTarget::parse(text);
    QVERIFY(!target.isValid());
    QCOMPARE(target.value, qint64(0));
    QVERIFY(!target.error.isEmpty());
    QVERIFY(!target.error.contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TestGoToTarget)
#include "TestGoToTarget.moc"
