#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "migrations/engine/MigrationHistory.h"
#include "migrations/engine/MigrationStep.h"
#include "migrations/engine/SqliteBackup.h"
#include "migrations/impact/DataImpactPlan.h"
#include "migrations/schema/ExpectedSchema.h"
#include "migrations/schema/SchemaDiff.h"
#include "models/connection/ConnectionFields.h"
#include "models/connection/UrlEscapes.h"

namespace {

using Lookup = QPair<QString, QString>; // (context, source text)

// Answers nothing, so every text stays as written, but notes each lookup made through it.
class RecordingTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        const QString name = QString::fromUtf8(context);
        // Qt's own strings (QIODevice, QSqlDatabase, ...) are not BlogDesk's to extract.
        if (!(name.size() > 1 && name[0] == QLatin1Char('Q') && name[1].isUpper())) {
            m_lookups.insert({name, QString::fromUtf8(sourceText)});
        }
        return QString();
    }
    bool isEmpty() const override { return false; }

    QSet<Lookup> lookups() const { return m_lookups; }

private:
    mutable QSet<Lookup> m_lookups;
};

// Every (context, source) of the .ts that the lupdate_clean test writes.
QSet<Lookup> extracted(const QString& tsPath)
{
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QSet<Lookup> result;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            result.insert({context, xml.readElementText()});
        }
    }
    return result;
}

} // namespace

// What the code looks up at run time is what lupdate extracted, under the same context; else
// a translation of that string would never be found. Walks the strings whose contexts were
// once out of step (MigrationError, free functions, namespaces).
class TestTranslationContexts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { QCoreApplication::removeTranslator(&m_translator); }

    void lookupsAreExtractedUnderTheirContext();

private:
    RecordingTranslator m_translator;
    QSet<Lookup> m_extracted;
};

void TestTranslationContexts::initTestCase()
{
    m_extracted = extracted(QStringLiteral(BLOGDESK_LUPDATE_TS));
    QVERIFY2(m_extracted.size() > 100, "run the lupdate_clean test first (a CTest fixture)");
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestTranslationContexts::lookupsAreExtractedUnderTheirContext()
{
    MigrationError error{QStringLiteral("abc"),
                         QStringLiteral("DROP TABLE x"),
                         QStringLiteral("failed"),
                         0,
                         {QStringLiteral("CREATE TABLE y")},
                         1};
    error.text();
    error.committedStatements.clear();
    error.text();
    SchemaDifference difference;
    for (int kind = 0; kind <= int(SchemaDifference::Kind::ExtraForeignKey); ++kind) {
        difference.kind = SchemaDifference::Kind(kind);
        difference.text();
    }
    DataImpactPlan::rowsText(1);
    DataImpactPlan::rowsText(2);
    QString message;
    UrlEscapes::check(UrlEscapes::Part::Host, QStringLiteral("a%zz"), &message);
    ConnectionFields().setOptionsText(QStringLiteral("novalue"), &message);
    MigrationHistory history;
    history.load(QStringLiteral("/nonexistent-blogdesk-folder"), &message);
    QVERIFY(history.loadBuiltIn(&message));
    SchemaSnapshot snapshot;
    ExpectedSchema::build(history, history.size() + 1, &snapshot, &message);
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("contexts"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        QString path;
        SqliteBackup::take(db, QStringLiteral("abc"), &path, &message);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("contexts"));

    const QSet<Lookup> lookups = m_translator.lookups();
    QVERIFY(lookups.contains({QStringLiteral("MigrationError"), QStringLiteral("1 statement")}));
    QStringList missing;
    for (const Lookup& lookup : lookups) {
        if (!m_extracted.contains(lookup)) {
            missing << lookup.first + QStringLiteral(": ") + lookup.second;
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslationContexts)
#include "TestTranslationContexts.moc"
