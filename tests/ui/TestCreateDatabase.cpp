#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "models/connection/DatabaseUrl.h"
#include "tests/support/TestSupport.h"
#include "views/connection/CreateDatabaseQuestion.h"

using TestSupport::ModalAnswer;

namespace {

DatabaseUrl parsed(const QString& text)
{
    DatabaseUrl url;
    QString error;
    if (!DatabaseUrl::parse(text, &url, &error)) {
        qWarning("bad URL in test: %s", qPrintable(error));
    }
    return url;
}

} // namespace

// The question before BlogDesk creates a SQLite file at a path the user gave (File ▸ Open
// Database…, --database): asked only for a missing file, Cancel by default, never creating
// anything itself. The connection dialog's use of it is in test_connectiondialog.
class TestCreateDatabase : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void noQuestionWithoutAMissingFile_data();
    void noQuestionWithoutAMissingFile();
    void cancelCreatesNothing();
    void createIsTheUsersChoice();
    void boxNamesThePathAndDefaultsToCancel();
    void presetAnswerSkipsTheBox();

private:
    QTemporaryDir m_dir;
};

void TestCreateDatabase::init()
{
    QVERIFY(m_dir.isValid());
    CreateDatabaseQuestion::setNextAnswer(QMessageBox::NoButton);
}

void TestCreateDatabase::noQuestionWithoutAMissingFile_data()
{
    QTest::addColumn<QString>("url");
    const QString existing = m_dir.filePath(QStringLiteral("there.db"));
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QTest::newRow("existing file") << QStringLiteral("sqlite:///") + existing;
    QTest::newRow("in memory") << QStringLiteral("sqlite:///:memory:");
    QTest::newRow("postgresql") << QStringLiteral("postgresql://u@localhost/missing_db");
    QTest::newRow("mysql") << QStringLiteral("mysql://u@localhost/missing_db");
}

void TestCreateDatabase::noQuestionWithoutAMissingFile()
{
    QFETCH(QString, url);
    // Should a box come after all, it is cancelled, and the test fails below.
    const ModalAnswer safetyNet(QStringLiteral("createDatabaseBox"),
                                QStringLiteral("cancelCreateButton"));
    QVERIFY(CreateDatabaseQuestion::confirmIfMissing(nullptr, parsed(url)));
    QVERIFY(!safetyNet.answered());
}

void TestCreateDatabase::cancelCreatesNothing()
{
    const QString path = m_dir.filePath(QStringLiteral("new/blog.db"));
    const ModalAnswer cancel(QStringLiteral("createDatabaseBox"),
                             QStringLiteral("cancelCreateButton"));
    QVERIFY(!CreateDatabaseQuestion::confirmIfMissing(nullptr,
                                                      parsed(QStringLiteral("sqlite:///") + path)));
    QVERIFY(cancel.answered());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("new"))));
}

void TestCreateDatabase::createIsTheUsersChoice()
{
    const QString path = m_dir.filePath(QStringLiteral("new/blog.db"));
    const ModalAnswer create(QStringLiteral("createDatabaseBox"),
                             QStringLiteral("createDatabaseButton"));
    QVERIFY(CreateDatabaseQuestion::confirmIfMissing(nullptr,
                                                     parsed(QStringLiteral("sqlite:///") + path)));
    QVERIFY(create.answered());
    // Asking creates nothing: opening the database does, afterwards.
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("new"))));
}

void TestCreateDatabase::boxNamesThePathAndDefaultsToCancel()
{
    const QString path = m_dir.filePath(QStringLiteral("typo.db"));
    QString text;
    QString defaultButton;
    QString accessibleName;
    bool pressedEnter = false;
    QTimer inspect;
    connect(&inspect, &QTimer::timeout, this, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || pressedEnter) {
            return;
        }
        text = box->text();
        accessibleName = box->accessibleName();
        defaultButton = box->defaultButton() ? box->defaultButton()->objectName() : QString();
        pressedEnter = true;
        QTest::keyClick(box, Qt::Key_Return);
    });
    inspect.start(20);
    // Enter, as someone who did not read the question, cancels.
    QVERIFY(!CreateDatabaseQuestion::confirm(nullptr, path));
    QVERIFY(pressedEnter);
    QCOMPARE(text,
             QStringLiteral("There is no database at %1.\nCreate a new, empty database there?")
                 .arg(path));
    QCOMPARE(defaultButton, QStringLiteral("cancelCreateButton"));
    QVERIFY(!accessibleName.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
}

void TestCreateDatabase::presetAnswerSkipsTheBox()
{
    const DatabaseUrl url =
        parsed(QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("preset.db")));
    const ModalAnswer safetyNet(QStringLiteral("createDatabaseBox"),
                                QStringLiteral("cancelCreateButton"));
    CreateDatabaseQuestion::setNextAnswer(QMessageBox::Yes);
    QVERIFY(CreateDatabaseQuestion::confirmIfMissing(nullptr, url));
    CreateDatabaseQuestion::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!CreateDatabaseQuestion::confirmIfMissing(nullptr, url));
    QVERIFY(!safetyNet.answered());
}

QTEST_MAIN(TestCreateDatabase)
#include "TestCreateDatabase.moc"
