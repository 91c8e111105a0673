// SearchQuery: what the user types in the search field, read once and said in each back
// end's full-text syntax; and SearchSnippet's marks made safe rich text. Pure functions: the
// hostile inputs here must come out as plain words, whatever they hold. The same inputs run
// against real databases in test_fulltextsearch.
#include <QRegularExpression>
#include <QTest>

#include "models/search/SearchQuery.h"
#include "models/search/SearchSnippet.h"

Q_DECLARE_METATYPE(QList<SearchTerm>)

namespace {

SearchTerm word(const QString& text, bool prefix = false)
{
    return SearchTerm{{text}, prefix};
}

SearchTerm phrase(const QStringList& words, bool prefix = false)
{
    return SearchTerm{words, prefix};
}

// Every word holds only letters, digits and marks: nothing any syntax reads as an operator.
bool onlyWordCharacters(const QList<SearchTerm>& terms)
{
    for (const SearchTerm& term : terms) {
        for (const QString& text : term.words) {
            if (text.isEmpty()) {
                return false;
            }
            for (const uint c : text.toUcs4()) {
                if (!QChar::isLetterOrNumber(c) && !QChar::isMark(c)) {
                    return false;
                }
            }
        }
    }
    return true;
}

QString hostile(int which)
{
    switch (which) {
    case 0:
        return QStringLiteral("\"unclosed phrase with a 'quote");
    case 1:
        return QStringLiteral("a OR b AND NOT c NEAR(d e, 2) - + * ^ ~ < > @3");
    case 2:
        return QStringLiteral("((title:foo) OR content : bar)) \\\" \\' \\\\");
    case 3:
        return QStringLiteral("x'); DROP TABLE posts; --");
    case 4:
        return QStringLiteral("nul") + QChar(0) + QStringLiteral("inside") + QChar(0) + QChar(0);
    case 5:
        return QStringLiteral("foo:* & !bar | baz <-> qux <2> 'quoted':A");
    case 6:
        return QStringLiteral("\"\"\"\"\" \" \"\"");
    default:
        return QString(10000, QLatin1Char('a')) + QLatin1Char(' ') +
               QString(5000, QLatin1Char('(')) + QStringLiteral("word ");
    }
}

} // namespace

class TestSearchQuery : public QObject
{
    Q_OBJECT

private slots:
    void parsesWordsPhrasesAndPrefix_data();
    void parsesWordsPhrasesAndPrefix();
    void hostileInputBecomesWords_data();
    void hostileInputBecomesWords();
    void tenThousandCharacters();
    void rendersEachSyntax();
    void innoDbDropsWordsItDoesNotIndex();
    void innoDbPatternsMatchWholeWords();
    void snippetEscapesBeforeMarking();
    void snippetMarksMatchedWords();
};

void TestSearchQuery::parsesWordsPhrasesAndPrefix_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QList<SearchTerm>>("expected");
    QTest::newRow("empty") << QString() << QList<SearchTerm>{};
    QTest::newRow("only separators") << QStringLiteral(" ,.;!? ") << QList<SearchTerm>{};
    QTest::newRow("one word being typed")
        << QStringLiteral("flas") << QList<SearchTerm>{word(QStringLiteral("flas"), true)};
    QTest::newRow("finished word")
        << QStringLiteral("flask ") << QList<SearchTerm>{word(QStringLiteral("flask"))};
    QTest::newRow("words, last typed")
        << QStringLiteral("hello  wor")
        << QList<SearchTerm>{word(QStringLiteral("hello")), word(QStringLiteral("wor"), true)};
    QTest::newRow("phrase closed")
        << QStringLiteral("\"deep dive\" sql")
        << QList<SearchTerm>{phrase({QStringLiteral("deep"), QStringLiteral("dive")}),
                             word(QStringLiteral("sql"), true)};
    QTest::newRow("phrase being typed")
        << QStringLiteral("\"deep di")
        << QList<SearchTerm>{phrase({QStringLiteral("deep"), QStringLiteral("di")}, true)};
    QTest::newRow("typographic quotes")
        << QString::fromUtf16(u"\u201Cdeep dive\u201D")
        << QList<SearchTerm>{phrase({QStringLiteral("deep"), QStringLiteral("dive")})};
    QTest::newRow("punctuation separates")
        << QStringLiteral("don't e-mail")
        << QList<SearchTerm>{word(QStringLiteral("don")), word(QStringLiteral("t")),
                             word(QStringLiteral("e")), word(QStringLiteral("mail"), true)};
    QTest::newRow("non-Latin and non-BMP letters")
        << QString::fromUtf16(u"Straße 東京 \U00020BB7x ")
        << QList<SearchTerm>{word(QString::fromUtf16(u"Straße")), word(QString::fromUtf16(u"東京")),
                             word(QString::fromUtf16(u"\U00020BB7x"))};
    QTest::newRow("emoji separate") << QString::fromUtf16(u"café☕latte")
                                    << QList<SearchTerm>{word(QString::fromUtf16(u"café")),
                                                         word(QStringLiteral("latte"), true)};
}

void TestSearchQuery::parsesWordsPhrasesAndPrefix()
{
    QFETCH(QString, typed);
    QFETCH(QList<SearchTerm>, expected);
    QCOMPARE(SearchQuery::parse(typed), expected);
}

void TestSearchQuery::hostileInputBecomesWords_data()
{
    QTest::addColumn<QString>("typed");
    for (int which = 0; which <= 7; ++which) {
        QTest::addRow("hostile %d", which) << hostile(which);
    }
}

void TestSearchQuery::hostileInputBecomesWords()
{
    QFETCH(QString, typed);
    const QList<SearchTerm> terms = SearchQuery::parse(typed);
    QVERIFY(onlyWordCharacters(terms));
    QVERIFY(SearchQuery::words(terms).size() <= SearchQuery::MaxWords);
    // FTS5: only "word" strings, a trailing * and spaces; to_tsquery: 'word' lexemes joined
    // by & and <->; InnoDB: +( ) groups of words.
    static const QRegularExpression fts5(QStringLiteral(R"(^("[^"]+"\*? ?)*$)"));
    static const QRegularExpression tsQuery(
        QStringLiteral(R"(^(\(?'[^'\\]+'(:\*)?( <-> '[^'\\]+'(:\*)?)*\)?( & )?)*$)"));
    static const QRegularExpression innoDb(
        QStringLiteral(R"(^(\+\(([^"\s()\\+\-<>~@*]+\*? ?)+\) ?)*$)"));
    const QString fts5Query = SearchQuery::toFts5(terms);
    const QString tsQueryText = SearchQuery::toTsQuery(terms);
    const QString innoDbQuery = SearchQuery::toInnoDbBoolean(terms, {});
    QVERIFY2(fts5.match(fts5Query).hasMatch(), qPrintable(fts5Query));
    QVERIFY2(tsQuery.match(tsQueryText).hasMatch(), qPrintable(tsQueryText));
    QVERIFY2(innoDb.match(innoDbQuery).hasMatch(), qPrintable(innoDbQuery));
    QVERIFY(!fts5Query.contains(QChar(0)) && !tsQueryText.contains(QChar(0)));
}

void TestSearchQuery::tenThousandCharacters()
{
    const QList<SearchTerm> terms = SearchQuery::parse(hostile(7));
    QCOMPARE(terms.size(), 2);
    QCOMPARE(terms.first().words.first().size(), SearchQuery::MaxWordLength);
    QCOMPARE(terms.last(), word(QStringLiteral("word")));

    QString many;
    for (int at = 0; at < 100; ++at) {
        many += QStringLiteral("w%1 ").arg(at);
    }
    QCOMPARE(SearchQuery::words(SearchQuery::parse(many)).size(), SearchQuery::MaxWords);
}

void TestSearchQuery::rendersEachSyntax()
{
    const QList<SearchTerm> terms = SearchQuery::parse(QStringLiteral("NEAR \"deep dive\" sq"));
    QCOMPARE(SearchQuery::toFts5(terms), QStringLiteral("\"NEAR\" \"deep dive\" \"sq\"*"));
    QCOMPARE(SearchQuery::toTsQuery(terms),
             QStringLiteral("'NEAR' & ('deep' <-> 'dive') & 'sq':*"));
    QCOMPARE(SearchQuery::toInnoDbBoolean(terms, {}),
             QStringLiteral("+(NEAR near Near) +(deep Deep DEEP) +(dive Dive DIVE) "
                            "+(sq* Sq* SQ*)"));
    QCOMPARE(SearchQuery::innoDbPhrases(terms), QStringList{QStringLiteral("deep dive")});
    const QList<SearchTerm> typing = SearchQuery::parse(QStringLiteral("\"deep di"));
    QCOMPARE(SearchQuery::toFts5(typing), QStringLiteral("\"deep di\"*"));
    QCOMPARE(SearchQuery::toTsQuery(typing), QStringLiteral("('deep' <-> 'di':*)"));
    QCOMPARE(SearchQuery::toInnoDbBoolean(typing, {}),
             QStringLiteral("+(deep Deep DEEP) +(di* Di* DI*)"));
    QVERIFY(SearchQuery::innoDbPhrases(typing).isEmpty());
}

void TestSearchQuery::innoDbDropsWordsItDoesNotIndex()
{
    const SearchQuery::InnoDbWords rules{3, {QStringLiteral("the")}};
    QCOMPARE(
        SearchQuery::toInnoDbBoolean(SearchQuery::parse(QStringLiteral("The ox rides ")), rules),
        QStringLiteral("+(rides Rides RIDES)"));
    // Still being typed: a short prefix is searched (InnoDB allows it), the stop word too.
    QCOMPARE(SearchQuery::toInnoDbBoolean(SearchQuery::parse(QStringLiteral("the")), rules),
             QStringLiteral("+(the* The* THE*)"));
    QVERIFY(
        SearchQuery::toInnoDbBoolean(SearchQuery::parse(QStringLiteral("a an ")), rules).isEmpty());
}

// MariaDB's REGEXP patterns leave out the same words, and keep phrases whole.
void TestSearchQuery::innoDbPatternsMatchWholeWords()
{
    const SearchQuery::InnoDbWords rules{3, {QStringLiteral("the")}};
    QCOMPARE(SearchQuery::innoDbPatterns(
                 SearchQuery::parse(QStringLiteral("The ox \"over the\" rid")), rules),
             (QStringList{QStringLiteral("\\bover\\W+the\\b"), QStringLiteral("\\brid")}));
    QCOMPARE(SearchQuery::innoDbPatternFlags(rules), QStringLiteral("(*UCP)(?i)"));
    QCOMPARE(SearchQuery::innoDbPatternFlags({3, {}, false}), QStringLiteral("(?i)"));
    QVERIFY(
        SearchQuery::innoDbPatterns(SearchQuery::parse(QStringLiteral("a an ")), rules).isEmpty());
}

void TestSearchQuery::snippetEscapesBeforeMarking()
{
    const QString marked = QStringLiteral("<script>x</script> & ") +
                           QChar(SearchSnippet::MarkStart) + QStringLiteral("<b>word</b>") +
                           QChar(SearchSnippet::MarkEnd);
    QCOMPARE(SearchSnippet::toHtml(marked), QStringLiteral("&lt;script&gt;x&lt;/script&gt; &amp; "
                                                           "<b>&lt;b&gt;word&lt;/b&gt;</b>"));
}

void TestSearchQuery::snippetMarksMatchedWords()
{
    const QList<SearchTerm> terms = SearchQuery::parse(QStringLiteral("cafe flas"));
    const QString text = QStringLiteral("one two three four five six seven eight nine ten "
                                        "<i>Café</i> and Flask, not flan; eleven twelve");
    const QString html = SearchSnippet::toHtml(SearchSnippet::makeMarked(text, terms, 8));
    QCOMPARE(html, QStringLiteral("… ten &lt;i&gt;<b>Café</b>&lt;/i&gt; and <b>Flask</b>, "
                                  "not flan …"));
    // Marks already in the text are not the search's: they are dropped, not turned into tags.
    const QString planted =
        QChar(SearchSnippet::MarkStart) + QStringLiteral("x") + QChar(SearchSnippet::MarkEnd);
    QVERIFY(!SearchSnippet::toHtml(SearchSnippet::makeMarked(planted, terms, 8))
                 .contains(QLatin1String("<b>")));
}

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "TestSearchQuery.moc"
