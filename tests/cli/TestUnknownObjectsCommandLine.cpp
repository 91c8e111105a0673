// `blogdesk db downgrade/upgrade` through the real binary on a SQLite file whose posts table
// holds columns, indexes and a trigger BlogDesk's history does not know: refused with the
// list, kept with --keep-unknown, dropped with --drop-unknown and only then; the backup it
// takes first, and a backup that cannot be taken.
#include <QFileInfo>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

#include "migrations/engine/MigrationEngine.h"
#include "migrations/engine/SqliteBackup.h"
#include "tests/support/CommandLineSupport.h"
#include "tests/support/TestSupport.h"
#include "tests/support/UnknownObjectsFixture.h"

using namespace CommandLineSupport;

namespace {

constexpr int UnknownObjectCount = 6; // three columns, two indexes and a trigger on posts

// Everything a refused or failed run must leave as it was.
struct Snapshot
{
    QStringList schema;
    QStringList values;
    QStringList applied;
    qint64 posts = 0;

    static Snapshot of(const QSqlDatabase& db)
    {
        return {TestSupport::sqliteSchema(db), UnknownObjectsFixture::postsValues(db),
                CommandLineSupport::applied(db), count(db, QStringLiteral("posts"))};
    }
    bool operator==(const Snapshot& other) const
    {
        return schema == other.schema && values == other.values && applied == other.applied &&
               posts == other.posts;
    }
};

QStringList withPrefix(const QStringList& lines, const QString& prefix)
{
    QStringList found;
    for (const QString& line : lines) {
        if (line.startsWith(prefix)) {
            found << line;
        }
    }
    return found;
}

} // namespace

class TestUnknownObjectsCommandLine : public CommandLineTest
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpSandbox(); }
    void init();
    void cleanup();

    void downgradeIsRefusedWithTheList();
    void keepCarriesThemThroughAndBacksUpFirst();
    void dropDropsThemOnlyWhenAsked();
    void sqlModeShowsWhatKeepRuns();
    void upgradeOverTheRebuildIsGuardedToo();
    void failingBackupStopsTheMigration();
    void flagMistakesAreUsageErrors();

private:
    Run db(const QStringList& arguments) const;
    QList<SqliteBackupFile> backups() const;

    std::unique_ptr<TempDatabase> m_temp;
};

void TestUnknownObjectsCommandLine::init()
{
    QVERIFY(TestSupport::openSampleDatabase(m_temp));
    QString error;
    QVERIFY2(UnknownObjectsFixture::addToPosts(m_temp->db(), &error), qPrintable(error));
}

void TestUnknownObjectsCommandLine::cleanup()
{
    m_temp.reset();
}

Run TestUnknownObjectsCommandLine::db(const QStringList& arguments) const
{
    return blogdesk(QStringList{QStringLiteral("db")} + arguments +
                    QStringList{QStringLiteral("--database"), m_temp->url()});
}

QList<SqliteBackupFile> TestUnknownObjectsCommandLine::backups() const
{
    return SqliteBackup::list(m_temp->path());
}

void TestUnknownObjectsCommandLine::downgradeIsRefusedWithTheList()
{
    const Snapshot before = Snapshot::of(m_temp->db());
    const qint64 subtitles = UnknownObjectsFixture::subtitleValues(m_temp->db());
    for (const QStringList& arguments :
         {QStringList{QStringLiteral("downgrade"), Profiles},
          QStringList{QStringLiteral("downgrade"), Profiles, QStringLiteral("--sql")}}) {
        const Run run = db(arguments);
        QVERIFY2(run.exited(1), qPrintable(run.describe()));
        const QStringList printed = lines(run.err);
        QCOMPARE(printed.size(), UnknownObjectCount + 1); // one per object, one summary
        QCOMPARE(printed.first(),
                 QStringLiteral("  posts.subtitle: a column BlogDesk's history does not know; "
                                "%1 rows hold a value (revision bf2038b7def rebuilds posts)")
                     .arg(subtitles));
        QCOMPARE(withPrefix(printed, QStringLiteral("  posts")).size(), UnknownObjectCount);
        QVERIFY2(printed.last().startsWith(QLatin1String("blogdesk: 6 objects listed above")) &&
                     printed.last().contains(QLatin1String("nothing was changed")) &&
                     printed.last().contains(QLatin1String("--keep-unknown")) &&
                     printed.last().contains(QLatin1String("--drop-unknown")),
                 qPrintable(run.describe()));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.describe()));
        QVERIFY(Snapshot::of(m_temp->db()) == before);
        QCOMPARE(backups().size(), 0);
    }
}

void TestUnknownObjectsCommandLine::keepCarriesThemThroughAndBacksUpFirst()
{
    const Snapshot before = Snapshot::of(m_temp->db());
    const QStringList declarations = UnknownObjectsFixture::postsDeclarations(m_temp->db());
    Run run = db({QStringLiteral("downgrade"), Profiles, QStringLiteral("--keep-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const QStringList printed = lines(run.out);
    QCOMPARE(withPrefix(printed, QStringLiteral("Keeping: posts")).size(), UnknownObjectCount);
    QCOMPARE(printed.size(), UnknownObjectCount + 2);
    QCOMPARE(printed.last(), QStringLiteral("Database is now at ae1027a6acf"));
    QCOMPARE(UnknownObjectsFixture::postsValues(m_temp->db()), before.values);
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(m_temp->db()), declarations);
    QCOMPARE(CommandLineSupport::applied(m_temp->db()), (QStringList{Initial, Profiles}));
    QCOMPARE(TestSupport::column(m_temp->db(), QStringLiteral("PRAGMA foreign_key_check")),
             QStringList());

    // The backup is the panel's kind: named, listed, and it brings back the database as it
    // was before the downgrade.
    const QList<SqliteBackupFile> taken = backups();
    QCOMPARE(taken.size(), 1);
    QCOMPARE(printed.at(UnknownObjectCount), QStringLiteral("Backup taken: ") + taken.first().path);
    QCOMPARE(taken.first().revision, FullText); // where the downgrade started
    QString error;
    QVERIFY2(SqliteBackup::restore(m_temp->db(), taken.first().path, &error), qPrintable(error));
    QVERIFY(Snapshot::of(m_temp->db()) == before);

    // And up over the rebuild again, from the restored head: nothing to do.
    run = db({QStringLiteral("upgrade"), QStringLiteral("--keep-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(run.out, QStringLiteral("Already at e83b4f6a1c2 (head)\n"));
}

void TestUnknownObjectsCommandLine::dropDropsThemOnlyWhenAsked()
{
    const Snapshot before = Snapshot::of(m_temp->db());
    const Run run = db({QStringLiteral("downgrade"), Profiles, QStringLiteral("--drop-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(withPrefix(lines(run.out), QStringLiteral("Dropping: posts")).size(),
             UnknownObjectCount);
    QCOMPARE(UnknownObjectsFixture::postsDeclarations(m_temp->db()), QStringList());
    QCOMPARE(count(m_temp->db(), QStringLiteral("posts")), before.posts);
    QCOMPARE(CommandLineSupport::applied(m_temp->db()), (QStringList{Initial, Profiles}));
    QCOMPARE(backups().size(), 1);
}

void TestUnknownObjectsCommandLine::sqlModeShowsWhatKeepRuns()
{
    const Snapshot before = Snapshot::of(m_temp->db());
    Run run = db({QStringLiteral("downgrade"), Profiles, QStringLiteral("--sql"),
                  QStringLiteral("--keep-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    for (const char* expected :
         {"INSERT INTO \"_blogdesk_carry_posts\" (\"id\", \"subtitle\", \"extra\", \"rank\")",
          "ALTER TABLE \"posts\" ADD COLUMN subtitle TEXT DEFAULT 'none';",
          "ALTER TABLE \"posts\" ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;",
          "CREATE UNIQUE INDEX ix_posts_rank ON posts (rank);",
          "CREATE TRIGGER posts_rank_touch"}) {
        QVERIFY2(run.out.contains(QLatin1String(expected)), expected);
    }
    run = db({QStringLiteral("downgrade"), Profiles, QStringLiteral("--sql"),
              QStringLiteral("--drop-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QVERIFY2(!run.out.contains(QLatin1String("_blogdesk_carry_posts")), qPrintable(run.out));
    QVERIFY(Snapshot::of(m_temp->db()) == before);
    QCOMPARE(backups().size(), 0);
}

// The slug revision's upgrade rebuilds posts too.
void TestUnknownObjectsCommandLine::upgradeOverTheRebuildIsGuardedToo()
{
    const QStringList values = UnknownObjectsFixture::postsValues(m_temp->db());
    Run run = db({QStringLiteral("downgrade"), Profiles, QStringLiteral("--keep-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    const Snapshot before = Snapshot::of(m_temp->db());

    run = db({QStringLiteral("upgrade")});
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QCOMPARE(lines(run.err).size(), UnknownObjectCount + 1);
    QVERIFY(Snapshot::of(m_temp->db()) == before);

    run = db({QStringLiteral("upgrade"), QStringLiteral("--keep-unknown")});
    QVERIFY2(run.exited(0), qPrintable(run.describe()));
    QCOMPARE(lines(run.out).last(), QStringLiteral("Database is now at e83b4f6a1c2 (head)"));
    QCOMPARE(UnknownObjectsFixture::postsValues(m_temp->db()), values);
    QCOMPARE(backups().size(), 2);
}

// The file may not grow past 64 KB in this run: VACUUM INTO cannot write the copy, and the
// migration must not run without one.
void TestUnknownObjectsCommandLine::failingBackupStopsTheMigration()
{
    const Snapshot before = Snapshot::of(m_temp->db());
    const Run run =
        runIn(m_binary,
              {QStringLiteral("db"), QStringLiteral("downgrade"), Profiles,
               QStringLiteral("--keep-unknown"), QStringLiteral("--database"), m_temp->url()},
              environment(), QString(), TimeoutMs, [] {
                  ::signal(SIGXFSZ, SIG_IGN);
                  const rlimit limit{64 * 1024, 64 * 1024};
                  ::setrlimit(RLIMIT_FSIZE, &limit);
              });
    QVERIFY2(run.exited(1), qPrintable(run.describe()));
    QVERIFY2(isOneFailureLine(run, QStringLiteral("no backup could be taken, so nothing was "
                                                  "changed")),
             qPrintable(run.describe()));
    QVERIFY(Snapshot::of(m_temp->db()) == before);
    QCOMPARE(backups().size(), 0);
}

void TestUnknownObjectsCommandLine::flagMistakesAreUsageErrors()
{
    const Snapshot before = Snapshot::of(m_temp->db());
    for (const QStringList& arguments :
         {QStringList{QStringLiteral("downgrade"), Profiles, QStringLiteral("--keep-unknown"),
                      QStringLiteral("--drop-unknown")},
          QStringList{QStringLiteral("stamp"), QStringLiteral("head"),
                      QStringLiteral("--drop-unknown")},
          QStringList{QStringLiteral("current"), QStringLiteral("--keep-unknown")}}) {
        const Run run = db(arguments);
        QVERIFY2(run.exited(2), qPrintable(run.describe()));
        QVERIFY2(isOneFailureLine(run, QStringLiteral("-unknown")), qPrintable(run.describe()));
    }
    QVERIFY(Snapshot::of(m_temp->db()) == before);
    const Run help = blogdesk({QStringLiteral("--help")});
    QVERIFY2(help.out.contains(QLatin1String("--keep-unknown")) &&
                 help.out.contains(QLatin1String("--drop-unknown")),
             qPrintable(help.describe()));
}

QTEST_GUILESS_MAIN(TestUnknownObjectsCommandLine)
#include "TestUnknownObjectsCommandLine.moc"
