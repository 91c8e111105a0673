#include <QSet>
#include <QSqlRecord>
#include <QTest>

#include <memory>

#include "models/BlogTable.h"
#include "models/browse/BlogTableModel.h"
#include "tests/support/TestSupport.h"
#include "views/browse/TablePages.h"
#include "views/edit/RecordEditors.h"

// The registry of the blog's tables: every BlogTable has a name, a title and keys, names map
// back to the same table, and every name is a table of the migrated schema (SQLite, the
// embedded default) with the columns the registry says it has.
class TestBlogTable : public QObject
{
    Q_OBJECT

private slots:
    void everyTableHasItsFacts();
    void namesRoundTrip();
    void otherNamesAreNoBlogTable();
    void tablesComeParentsFirst();
    void namesAreTablesOfTheSchema();
    void pagesShowTheirOwnTable();
};

void TestBlogTable::everyTableHasItsFacts()
{
    const QList<BlogTable> tables = BlogTables::all();
    QCOMPARE(tables.size(), 6);
    for (const BlogTable table : tables) {
        const QString name = BlogTables::name(table);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(int(table))));
        QVERIFY2(!BlogTables::title(table).isEmpty(), qPrintable(name));
        QVERIFY2(!BlogTables::entity(table).isEmpty(), qPrintable(name));
        QVERIFY2(!BlogTables::keyColumns(table).isEmpty(), qPrintable(name));
    }
    QCOMPARE(BlogTables::name(BlogTable::PostTags), QStringLiteral("post_tags"));
    QCOMPARE(BlogTables::keyColumns(BlogTable::PostTags),
             QStringList({QStringLiteral("post_id"), QStringLiteral("tag_id")}));
    QCOMPARE(BlogTables::labelColumn(BlogTable::Users), QStringLiteral("username"));
    QVERIFY(BlogTables::labelColumn(BlogTable::Profiles).isEmpty());
}

void TestBlogTable::namesRoundTrip()
{
    QSet<QString> names;
    QSet<QString> titles;
    for (const BlogTable table : BlogTables::all()) {
        const std::optional<BlogTable> back = BlogTables::fromName(BlogTables::name(table));
        QVERIFY2(back.has_value(), qPrintable(BlogTables::name(table)));
        QCOMPARE(int(*back), int(table));
        names.insert(BlogTables::name(table));
        titles.insert(BlogTables::title(table));
    }
    QCOMPARE(names.size(), BlogTables::all().size()); // no two tables share a name
    QCOMPARE(titles.size(), BlogTables::all().size());
}

void TestBlogTable::otherNamesAreNoBlogTable()
{
    for (const char* name : {"", "user", "Users", "USERS", " users", "blogdesk_migrations",
                             "alembic_version", "post-tags"}) {
        QVERIFY2(!BlogTables::fromName(QLatin1String(name)).has_value(), name);
    }
}

// Undo restores in this order: a parent row must come back before the rows that point to it.
void TestBlogTable::tablesComeParentsFirst()
{
    const QList<BlogTable> tables = BlogTables::all();
    const auto before = [&tables](BlogTable parent, BlogTable child) {
        return tables.indexOf(parent) < tables.indexOf(child);
    };
    QVERIFY(before(BlogTable::Users, BlogTable::Profiles));
    QVERIFY(before(BlogTable::Users, BlogTable::Posts));
    QVERIFY(before(BlogTable::Posts, BlogTable::PostTags));
    QVERIFY(before(BlogTable::Tags, BlogTable::PostTags));
    QVERIFY(before(BlogTable::Posts, BlogTable::Comments));
    QVERIFY(before(BlogTable::Users, BlogTable::Comments));
}

void TestBlogTable::namesAreTablesOfTheSchema()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
    const QSqlDatabase db = temp->db();
    for (const BlogTable table : BlogTables::all()) {
        const QString name = BlogTables::name(table);
        QVERIFY2(db.tables().contains(name), qPrintable(name));
        const QSqlRecord record = db.record(name);
        QStringList columns = BlogTables::keyColumns(table);
        if (!BlogTables::labelColumn(table).isEmpty()) {
            columns << BlogTables::labelColumn(table);
        }
        for (const QString& column : columns) {
            QVERIFY2(record.indexOf(column) >= 0, qPrintable(name + QLatin1Char('.') + column));
        }
    }
}

// The views' side: each page's model reads its own table, and the tables with an editor are
// the ones with a page.
void TestBlogTable::pagesShowTheirOwnTable()
{
    std::unique_ptr<TempDatabase> temp;
    QVERIFY(TestSupport::openSampleDatabase(temp));
    QCOMPARE(TablePages::tables(), QList<BlogTable>({BlogTable::Users, BlogTable::Posts,
                                                     BlogTable::Tags, BlogTable::Comments}));
    for (const BlogTable table : BlogTables::all()) {
        const std::optional<TablePages::Page> page = TablePages::of(table);
        QCOMPARE(RecordEditors::canEdit(table), page.has_value());
        if (!page) {
            continue;
        }
        QVERIFY2(!page->tabText.isEmpty(), qPrintable(BlogTables::name(table)));
        const std::unique_ptr<BlogTableModel> model(page->createModel(temp->db()));
        QCOMPARE(model->tableName(), BlogTables::name(table));
    }
}

QTEST_GUILESS_MAIN(TestBlogTable)
#include "TestBlogTable.moc"
