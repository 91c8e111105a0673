#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include "migrations/MigrationEngine.h"
#include "models/DefaultDatabase.h"
#include "models/PasswordHash.h"
#include "models/SampleBlog.h"
#include "tests/support/TestSupport.h"

using TestSupport::column;
using TestSupport::scalar;

namespace {

bool upgradeToHead(const QSqlDatabase& db)
{
    MigrationHistory history;
    QString error;
    if (!history.loadBuiltIn(&error)) {
        return false;
    }
    MigrationEngine engine(db, history);
    MigrationError failure;
    return engine.refresh(&error) && engine.upgrade(history.headIndex(), &failure);
}

// Every row of every blog table as text, for comparing two databases.
QStringList dump(const QSqlDatabase& db)
{
    QStringList rows;
    for (const char* table : {"users", "profiles", "tags", "posts", "post_tags", "comments"}) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(QLatin1String(table)));
        while (query.next()) {
            QStringList values{QLatin1String(table)};
            for (int i = 0; i < query.record().count(); ++i) {
                values << (query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
            }
            rows << values.join(QLatin1Char('|'));
        }
    }
    return rows;
}

int count(const QSqlDatabase& db, const QString& where)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM ") + where).toInt();
}

} // namespace

class TestSampleBlog : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameBlog();
    void hasWhatANewcomerShouldSee();
    void valuesAreInSqlAlchemyFormat();
    void passwordsAreWerkzeugHashes();
    void failureLeavesNothingBehind();
    void addsToABlogThatHasRows();
    void defaultDatabaseGetsSampleOnlyOnce();
};

void TestSampleBlog::sameSeedSameBlog()
{
    TempDatabase first(QStringLiteral("first"));
    TempDatabase second(QStringLiteral("second"));
    TempDatabase other(QStringLiteral("other"));
    QVERIFY(upgradeToHead(first.db()) && upgradeToHead(second.db()) && upgradeToHead(other.db()));
    SampleBlogOptions options;
    options.seed = 7;
    QString error;
    QVERIFY(SampleBlog(first.db(), options).populate(&error));
    QVERIFY(SampleBlog(second.db(), options).populate(&error));
    options.seed = 8;
    QVERIFY(SampleBlog(other.db(), options).populate(&error));
    QCOMPARE(dump(first.db()), dump(second.db()));
    QVERIFY(dump(first.db()) != dump(other.db()));
}

void TestSampleBlog::hasWhatANewcomerShouldSee()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    SampleBlog sample(temp.db(), SampleBlogOptions());
    QString error;
    QVERIFY2(sample.populate(&error), qPrintable(error));
    const QSqlDatabase db = temp.db();
    QCOMPARE(count(db, QStringLiteral("users")), sample.counts().users);
    QVERIFY(sample.counts().users >= 5);
    QCOMPARE(count(db, QStringLiteral("users WHERE is_active = 0")), 1);
    QVERIFY(count(db, QStringLiteral("posts WHERE is_published = 0 AND published_at IS NULL")) > 0);
    QVERIFY(count(db, QStringLiteral("posts WHERE is_published = 1 AND published_at IS NOT NULL")) >
            0);
    QCOMPARE(count(db, QStringLiteral("posts p WHERE NOT EXISTS (SELECT 1 FROM post_tags t "
                                      "WHERE t.post_id = p.id)")),
             0);
    QVERIFY(count(db, QStringLiteral("comments WHERE parent_id IS NULL")) > 0);
    // A reply to a reply: threads are nested, not flat.
    QVERIFY(count(db, QStringLiteral("comments c JOIN comments p ON c.parent_id = p.id "
                                     "WHERE p.parent_id IS NOT NULL")) > 0);
    QCOMPARE(count(db, QStringLiteral("comments c JOIN comments p ON c.parent_id = p.id "
                                      "WHERE p.post_id <> c.post_id")),
             0);
    QVERIFY(count(db, QStringLiteral("profiles")) > 0);
    QCOMPARE(column(db, QStringLiteral("PRAGMA foreign_key_check")), QStringList());
}

void TestSampleBlog::valuesAreInSqlAlchemyFormat()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QString error;
    QVERIFY(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error));
    const QRegularExpression format(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));
    const QStringList timestamps = column(
        temp.db(), QStringLiteral("SELECT created_at FROM users UNION ALL SELECT updated_at FROM "
                                  "posts UNION ALL SELECT published_at FROM posts WHERE "
                                  "published_at IS NOT NULL UNION ALL SELECT created_at FROM "
                                  "comments UNION ALL SELECT created_at FROM post_tags"));
    QVERIFY(timestamps.size() > 50);
    for (const QString& value : timestamps) {
        QVERIFY2(format.match(value).hasMatch(), qPrintable(value));
    }
    QCOMPARE(column(temp.db(), QStringLiteral("SELECT DISTINCT typeof(is_active) || is_active "
                                              "FROM users ORDER BY 1")),
             (QStringList{"integer0", "integer1"}));
}

void TestSampleBlog::passwordsAreWerkzeugHashes()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QString error;
    QVERIFY(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error));
    const QStringList hashes =
        column(temp.db(), QStringLiteral("SELECT DISTINCT password_hash FROM users"));
    QCOMPARE(hashes.size(), 1);
    QVERIFY(hashes.constFirst().startsWith(QLatin1String("pbkdf2:sha256:600000$")));
    QVERIFY(PasswordHash::check(hashes.constFirst(),
                                QString::fromLatin1(SampleBlog::samplePassword())));
    QVERIFY(!PasswordHash::check(hashes.constFirst(), QStringLiteral("Password")));
}

void TestSampleBlog::failureLeavesNothingBehind()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QSqlQuery query(temp.db());
    // Without comments the sample fails at its last table: what came before must go too.
    QVERIFY(query.exec(QStringLiteral("DROP TABLE comments")));
    SampleBlog sample(temp.db(), SampleBlogOptions());
    QString error;
    QVERIFY(!sample.populate(&error));
    QVERIFY2(error.contains(QLatin1String("comments")), qPrintable(error));
    QCOMPARE(count(temp.db(), QStringLiteral("users")), 0);
    QCOMPARE(count(temp.db(), QStringLiteral("tags")), 0);
    QCOMPARE(count(temp.db(), QStringLiteral("posts")), 0);
}

void TestSampleBlog::addsToABlogThatHasRows()
{
    TempDatabase temp;
    QVERIFY(upgradeToHead(temp.db()));
    QString error;
    QVERIFY(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error));
    QVERIFY2(SampleBlog(temp.db(), SampleBlogOptions()).populate(&error), qPrintable(error));
    QCOMPARE(count(temp.db(), QStringLiteral("users")), 12);
    QCOMPARE(count(temp.db(), QStringLiteral("tags")), 8);
    QCOMPARE(scalar(temp.db(), QStringLiteral("SELECT COUNT(DISTINCT slug) FROM posts")).toInt(),
             count(temp.db(), QStringLiteral("posts")));
}

void TestSampleBlog::defaultDatabaseGetsSampleOnlyOnce()
{
    TempDatabase temp;
    MigrationHistory history;
    QString error;
    QVERIFY(history.loadBuiltIn(&error));
    QVERIFY(DefaultDatabase::isEmpty(temp.db()));
    QString summary;
    QVERIFY2(DefaultDatabase::prepare(temp.db(), history, &summary, &error), qPrintable(error));
    QVERIFY(!summary.isEmpty());
    const int users = count(temp.db(), QStringLiteral("users"));
    QVERIFY(users > 0);
    summary.clear();
    QVERIFY(DefaultDatabase::prepare(temp.db(), history, &summary, &error));
    QVERIFY(summary.isEmpty());
    QCOMPARE(count(temp.db(), QStringLiteral("users")), users);
}

QTEST_GUILESS_MAIN(TestSampleBlog)
#include "TestSampleBlog.moc"
