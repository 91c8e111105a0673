#include "sql/SqlTime.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <memory>

#include "models/browse/UsersModel.h"
#include "models/records/PasswordHash.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"
#include "tests/support/WerkzeugHashes.h"
#include "views/edit/UserDialog.h"

using TestServers::BackendDatabase;
using TestSupport::button;
using TestSupport::edit;
using TestSupport::isSqlTimestamp;
using TestSupport::labelText;
using TestSupport::retype;
using TestSupport::scalar;
using TestSupport::showsDriverUniqueError;

namespace {

constexpr int HashTimeoutMs = 30000; // 600000 PBKDF2 rounds on a busy 2-core builder

// One column of the user `username` ("<none>" when there is no such user, "NULL" for NULL,
// booleans as 0/1, timestamps as text with six fraction digits on every back end).
QString userValue(const QSqlDatabase& db, SqlDialect dialect, const QString& column,
                  const QString& username)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM users WHERE username = :u")
                      .arg(TestServers::columnAsText(dialect, column)));
    query.bindValue(QStringLiteral(":u"), username);
    return query.exec() && query.next() ? TestServers::portableText(query.value(0), column)
                                        : QStringLiteral("<none>");
}

// Ids read the same on every back end: no cast needed.
qint64 userId(const QSqlDatabase& db, const QString& username)
{
    return userValue(db, SqlDialect::SQLite, QStringLiteral("id"), username).toLongLong();
}

void fillNewUser(UserDialog& dialog, const QString& username, const QString& email,
                 const QString& password, const QString& confirmation)
{
    retype(edit(dialog, "usernameEdit"), username);
    retype(edit(dialog, "emailEdit"), email);
    retype(edit(dialog, "passwordEdit"), password);
    retype(edit(dialog, "passwordConfirmEdit"), confirmation);
}

// The Users view's password hash cell for `username`, under `role`.
QString hashCell(UsersModel& model, const QString& username, int role)
{
    if (!model.select()) {
        return QStringLiteral("<select failed>");
    }
    const int name = model.fieldIndex(QStringLiteral("username"));
    const int hash = model.fieldIndex(QStringLiteral("password_hash"));
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, name).data().toString() == username) {
            return model.index(row, hash).data(role).toString();
        }
    }
    return QStringLiteral("<none>");
}

} // namespace

class TestUserDialog : public QObject
{
    Q_OBJECT

private slots:
    // Every test runs on SQLite, PostgreSQL and MariaDB (global rows "sqlite", "postgresql",
    // "mysql").
    void initTestCase_data() { TestServers::addBackendRows(); }
    void init();
    void cleanup();
    void createsUser();
    void validationKeepsSaveDisabled_data();
    void validationKeepsSaveDisabled();
    void uniquenessAsYouType();
    void editWithEmptyPasswordKeepsHash();
    void resetPasswordChangesHash();
    void concurrentInsertKeepsInput();
    void deletedMeanwhileIsNotSuccess();
    void checkPassword();
    void weakHashIsMarkedUntilANewPasswordIsSet();
    void cancelWithChangesAsks();
    void discardQuestionIsShown();
    void otherConnectionWritesWhileOpen();

private:
    QSqlDatabase db() const { return m_temp->db(); }
    std::unique_ptr<UserDialog> openDialog(qint64 id);
    [[nodiscard]] bool save(UserDialog& dialog);

    std::unique_ptr<BackendDatabase> m_temp;
    SqlDialect m_dialect = SqlDialect::SQLite;
};

void TestUserDialog::init()
{
    FETCH_GLOBAL_BACKEND();
    m_dialect = dialect;
    QVERIFY(TestServers::openSampleDatabase(m_temp, dialect));
}

void TestUserDialog::cleanup()
{
    m_temp.reset();
    QSqlDatabase::removeDatabase(QStringLiteral("second"));
}

std::unique_ptr<UserDialog> TestUserDialog::openDialog(qint64 id)
{
    auto dialog = std::make_unique<UserDialog>(db(), id);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get())) {
        qWarning("dialog not exposed");
    }
    return dialog;
}

// Clicks Save once it is enabled and waits for the dialog to accept.
bool TestUserDialog::save(UserDialog& dialog)
{
    QSignalSpy saved(&dialog, &UserDialog::saved);
    HELPER_TRY_VERIFY(button(dialog, "saveButton")->isEnabled());
    QTest::mouseClick(button(dialog, "saveButton"), Qt::LeftButton);
    HELPER_TRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, HashTimeoutMs);
    HELPER_COMPARE(dialog.result(), int(QDialog::Accepted));
    HELPER_COMPARE(saved.at(0).at(0).toLongLong(), dialog.userId());
    return true;
}

void TestUserDialog::createsUser()
{
    auto dialog = openDialog(0);
    QCOMPARE(labelText(*dialog, "passwordError"), QStringLiteral("A new user needs a password."));
    fillNewUser(*dialog, QStringLiteral("newbie"), QStringLiteral("newbie@example.com"),
                QStringLiteral("s3cret pass"), QStringLiteral("s3cret pass"));
    QVERIFY(save(*dialog));
    const QString hash =
        userValue(db(), m_dialect, QStringLiteral("password_hash"), QStringLiteral("newbie"));
    QVERIFY2(hash.startsWith(QLatin1String("pbkdf2:sha256:600000$")), qPrintable(hash));
    QVERIFY(PasswordHash::check(hash, QStringLiteral("s3cret pass")));
    const QString created =
        userValue(db(), m_dialect, QStringLiteral("created_at"), QStringLiteral("newbie"));
    QVERIFY2(isSqlTimestamp(created), qPrintable(created));
    QCOMPARE(userValue(db(), m_dialect, QStringLiteral("updated_at"), QStringLiteral("newbie")),
             created);
    QCOMPARE(userValue(db(), m_dialect, QStringLiteral("is_active"), QStringLiteral("newbie")),
             QStringLiteral("1"));
    QCOMPARE(userValue(db(), m_dialect, QStringLiteral("email"), QStringLiteral("newbie")),
             QStringLiteral("newbie@example.com"));
    QCOMPARE(dialog->userId(), userId(db(), QStringLiteral("newbie")));
    QCOMPARE(TestSupport::column(db(), QStringLiteral("SELECT COALESCE(last_login, deleted_at) "
                                                      "FROM users WHERE username = 'newbie'")),
             QStringList{QStringLiteral("NULL")});
}

void TestUserDialog::validationKeepsSaveDisabled_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirmation");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("message");
    const QString ok = QStringLiteral("pw12345");
    const QString mail = QStringLiteral("x@example.com");
    QTest::newRow("empty username") << QString() << mail << ok << ok << "usernameError"
                                    << "Enter a username.";
    QTest::newRow("81 characters")
        << QString(81, QLatin1Char('u')) << mail << ok << ok << "usernameError"
        << "at most 80 characters (this one has 81)";
    QTest::newRow("no domain dot") << "u1"
                                   << "u1@localhost" << ok << ok << "emailError"
                                   << "like name@example.com";
    QTest::newRow("two @") << "u1"
                           << "u1@a@example.com" << ok << ok << "emailError"
                           << "like name@example.com";
    QTest::newRow("space") << "u1"
                           << "u 1@example.com" << ok << ok << "emailError"
                           << "like name@example.com";
    QTest::newRow("mismatch") << "u1" << mail << ok << "pw1234"
                              << "passwordError"
                              << "The two passwords do not match.";
    QTest::newRow("no password") << "u1" << mail << QString() << QString() << "passwordError"
                                 << "A new user needs a password.";
}

void TestUserDialog::validationKeepsSaveDisabled()
{
    QFETCH(QString, username);
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, confirmation);
    QFETCH(QString, errorLabel);
    QFETCH(QString, message);
    auto dialog = openDialog(0);
    // Type something first so "empty" really is an emptied field.
    QTest::keyClicks(edit(*dialog, "usernameEdit"), QStringLiteral("z"));
    fillNewUser(*dialog, username, email, password, confirmation);
    // Kept as a wait: it proves nothing changes once the pause (CheckDelayMs) is over, and no
    // signal marks that end.
    QTest::qWait(400);
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    const QString shown = labelText(*dialog, errorLabel.toLatin1().constData());
    QVERIFY2(shown.contains(message), qPrintable(shown));
}

void TestUserDialog::uniquenessAsYouType()
{
    auto dialog = openDialog(0);
    fillNewUser(*dialog, QStringLiteral("alice"), QStringLiteral("alice@example.com"),
                QStringLiteral("pw12345"), QStringLiteral("pw12345"));
    QTRY_COMPARE(labelText(*dialog, "usernameError"),
                 QStringLiteral("That username is already used by user 'alice'"));
    QTRY_COMPARE(labelText(*dialog, "emailError"),
                 QStringLiteral("That email is already used by user 'alice'"));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled());
    // The unique indexes compare bytes: "Alice" is another user.
    retype(edit(*dialog, "usernameEdit"), QStringLiteral("Alice"));
    retype(edit(*dialog, "emailEdit"), QStringLiteral("Alice@example.com"));
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    QCOMPARE(labelText(*dialog, "usernameError"), QString());
    QVERIFY(save(*dialog));
    QVERIFY(userId(db(), QStringLiteral("Alice")) != userId(db(), QStringLiteral("alice")));
}

void TestUserDialog::editWithEmptyPasswordKeepsHash()
{
    const QString alice = QStringLiteral("alice");
    const QStringList columns = {QStringLiteral("password_hash"), QStringLiteral("email"),
                                 QStringLiteral("is_active"), QStringLiteral("created_at"),
                                 QStringLiteral("last_login")};
    QStringList before;
    for (const QString& column : columns) {
        before << userValue(db(), m_dialect, column, alice);
    }
    const QString updatedBefore = userValue(db(), m_dialect, QStringLiteral("updated_at"), alice);
    auto dialog = openDialog(userId(db(), alice));
    QVERIFY(dialog->loadError().isEmpty());
    QCOMPARE(labelText(*dialog, "hashMethodLabel"), PasswordHash::method(before.first()));
    QVERIFY(!labelText(*dialog, "hashMethodLabel").contains(QLatin1Char('$')));
    QVERIFY(!dialog->hasUnsavedChanges());
    QVERIFY(save(*dialog));
    QStringList after;
    for (const QString& column : columns) {
        after << userValue(db(), m_dialect, column, alice);
    }
    QCOMPARE(after, before); // byte for byte, hash included
    const QString updatedAfter = userValue(db(), m_dialect, QStringLiteral("updated_at"), alice);
    QVERIFY2(isSqlTimestamp(updatedAfter), qPrintable(updatedAfter));
    QVERIFY2(updatedAfter > updatedBefore, qPrintable(updatedBefore + " / " + updatedAfter));
}

void TestUserDialog::resetPasswordChangesHash()
{
    const QString bob = QStringLiteral("bob");
    const QString before = userValue(db(), m_dialect, QStringLiteral("password_hash"), bob);
    auto dialog = openDialog(userId(db(), bob));
    retype(edit(*dialog, "passwordEdit"), QStringLiteral("brand new"));
    QVERIFY(!button(*dialog, "saveButton")->isEnabled()); // confirmation still empty
    QCOMPARE(labelText(*dialog, "passwordError"),
             QStringLiteral("The two passwords do not match."));
    retype(edit(*dialog, "passwordConfirmEdit"), QStringLiteral("brand new"));
    QVERIFY(save(*dialog));
    const QString after = userValue(db(), m_dialect, QStringLiteral("password_hash"), bob);
    QVERIFY(after != before);
    QVERIFY(after.startsWith(QLatin1String("pbkdf2:sha256:600000$")));
    QVERIFY(PasswordHash::check(after, QStringLiteral("brand new")));
    QVERIFY(!PasswordHash::check(after, QStringLiteral("password")));
}

void TestUserDialog::concurrentInsertKeepsInput()
{
    auto dialog = openDialog(0);
    fillNewUser(*dialog, QStringLiteral("carla"), QStringLiteral("race@example.com"),
                QStringLiteral("pw12345"), QStringLiteral("pw12345"));
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled()); // the email was free when checked

    QSqlDatabase second;
    QString error;
    QVERIFY2(m_temp->openAnother(QStringLiteral("second"), &second, &error), qPrintable(error));
    {
        QSqlQuery insert(second);
        insert.prepare(QStringLiteral(
            "INSERT INTO users (username, email, password_hash, is_active, created_at) "
            "VALUES ('racer', 'race@example.com', 'x', TRUE, :now)"));
        insert.bindValue(QStringLiteral(":now"), SqlTime::nowUtc());
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
    }
    second.close();

    QSignalSpy saved(dialog.get(), &UserDialog::saved);
    QTest::mouseClick(button(*dialog, "saveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(*dialog, "emailError"),
                              QStringLiteral("That email is already used by user 'racer'"),
                              HashTimeoutMs);
    QVERIFY(dialog->isVisible());
    QCOMPARE(saved.count(), 0);
    QVERIFY(!showsDriverUniqueError(labelText(*dialog, "saveError")));
    QCOMPARE(edit(*dialog, "usernameEdit")->text(), QStringLiteral("carla"));
    QCOMPARE(edit(*dialog, "emailEdit")->text(), QStringLiteral("race@example.com"));
    QCOMPARE(edit(*dialog, "passwordEdit")->text(), QStringLiteral("pw12345"));
    QCOMPARE(edit(*dialog, "passwordConfirmEdit")->text(), QStringLiteral("pw12345"));
    QCOMPARE(userValue(db(), m_dialect, QStringLiteral("id"), QStringLiteral("carla")),
             QStringLiteral("<none>"));
    QCOMPARE(dialog->userId(), qint64(0));
}

void TestUserDialog::deletedMeanwhileIsNotSuccess()
{
    QSqlQuery sql(db()); // a user without posts, so foreign keys allow the delete
    sql.prepare(
        QStringLiteral("INSERT INTO users (username, email, password_hash, is_active, "
                       "created_at) VALUES ('ghost', 'ghost@example.com', 'x', TRUE, :now)"));
    sql.bindValue(QStringLiteral(":now"), SqlTime::nowUtc());
    QVERIFY2(sql.exec(), qPrintable(sql.lastError().text()));
    auto dialog = openDialog(userId(db(), QStringLiteral("ghost")));
    QVERIFY(dialog->loadError().isEmpty());
    QVERIFY(sql.exec(QStringLiteral("DELETE FROM users WHERE username = 'ghost'")));
    QSignalSpy saved(dialog.get(), &UserDialog::saved);
    QTRY_VERIFY(button(*dialog, "saveButton")->isEnabled());
    QTest::mouseClick(button(*dialog, "saveButton"), Qt::LeftButton);
    QVERIFY2(labelText(*dialog, "saveError").contains(QLatin1String("no longer exists")),
             qPrintable(labelText(*dialog, "saveError")));
    QCOMPARE(saved.count(), 0);
    QVERIFY(dialog->isVisible());
}

void TestUserDialog::checkPassword()
{
    auto dialog = openDialog(userId(db(), QStringLiteral("carol")));
    QLineEdit* typed = edit(*dialog, "checkPasswordEdit");
    QPushButton* check = button(*dialog, "checkPasswordButton");
    QTest::keyClicks(typed, QStringLiteral("wrong"));
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(labelText(*dialog, "checkPasswordResult").startsWith("Wrong"),
                             HashTimeoutMs);
    retype(typed, QStringLiteral("password")); // every sample user's password
    QTRY_VERIFY(check->isEnabled());
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(labelText(*dialog, "checkPasswordResult").startsWith("Right"),
                             HashTimeoutMs);
    QVERIFY(!dialog->hasUnsavedChanges()); // checking is not editing
}

void TestUserDialog::weakHashIsMarkedUntilANewPasswordIsSet()
{
    // A legacy salted SHA-256 hash as Werkzeug 2.2.2 made it (test_werkzeughashes checks the
    // form against the real Werkzeug at every run).
    const QString legacy = QStringLiteral(
        "sha256$ElTaXohUAyY8NF3m$050c5cd7658e14f804ac601a5aad391e0a53f019b0a05f6cd2995fd2f26bbbdc");
    const QString bob = QStringLiteral("bob");
    QSqlQuery update(db());
    update.prepare(QStringLiteral("UPDATE users SET password_hash = :h WHERE username = :u"));
    update.bindValue(QStringLiteral(":h"), legacy);
    update.bindValue(QStringLiteral(":u"), bob);
    QVERIFY2(update.exec(), qPrintable(update.lastError().text()));

    UsersModel users(db());
    TestSupport::testModel(&users);
    QCOMPARE(hashCell(users, bob, Qt::DisplayRole), QStringLiteral("⚠ sha256$… (weak)"));
    const QString hint = QStringLiteral("Weak password hash: a single salted sha256 digest. Set a "
                                        "new password for this user.");
    QCOMPARE(hashCell(users, bob, Qt::ToolTipRole), hint);
    QCOMPARE(hashCell(users, bob, Qt::AccessibleDescriptionRole), hint);
    QCOMPARE(hashCell(users, QStringLiteral("alice"), Qt::DisplayRole),
             QStringLiteral("pbkdf2:sha256:600000$…"));

    auto dialog = openDialog(userId(db(), bob));
    auto* weakHint = dialog->findChild<QLabel*>(QStringLiteral("weakHashHint"));
    QVERIFY(weakHint && weakHint->isVisible());
    QCOMPARE(weakHint->text(), QStringLiteral("The stored hash uses an outdated method: a single "
                                              "salted sha256 digest. Set a new password to "
                                              "replace it."));
    QCOMPARE(edit(*dialog, "passwordEdit")->accessibleDescription(), weakHint->text());
    QCOMPARE(labelText(*dialog, "hashMethodLabel"), QStringLiteral("sha256 (weak)"));
    QTest::keyClicks(edit(*dialog, "checkPasswordEdit"), QStringLiteral("s3cret"));
    QTest::mouseClick(button(*dialog, "checkPasswordButton"), Qt::LeftButton);
    QTRY_VERIFY(labelText(*dialog, "checkPasswordResult").startsWith("Right"));

    retype(edit(*dialog, "passwordEdit"), QStringLiteral("brand new"));
    retype(edit(*dialog, "passwordConfirmEdit"), QStringLiteral("brand new"));
    QVERIFY(save(*dialog));
    const QString after = userValue(db(), m_dialect, QStringLiteral("password_hash"), bob);
    QVERIFY2(after.startsWith(QLatin1String("pbkdf2:sha256:600000$")), qPrintable(after));
    QVariantList answers;
    QString problem;
    QVERIFY2(WerkzeugHashes::check({{QString(), QStringLiteral("brand new"), after, QString()},
                                    {QString(), QStringLiteral("s3cret"), after, QString()}},
                                   &answers, &problem),
             qPrintable(problem));
    QCOMPARE(answers, QVariantList({true, false}));
    QCOMPARE(hashCell(users, bob, Qt::DisplayRole), QStringLiteral("pbkdf2:sha256:600000$…"));
    QCOMPARE(hashCell(users, bob, Qt::ToolTipRole), QString());

    auto again = openDialog(userId(db(), bob));
    QVERIFY(!again->findChild<QLabel*>(QStringLiteral("weakHashHint"))->isVisible());
    QCOMPARE(labelText(*again, "hashMethodLabel"), QStringLiteral("pbkdf2:sha256:600000"));
}

void TestUserDialog::cancelWithChangesAsks()
{
    auto dialog = openDialog(userId(db(), QStringLiteral("alice")));
    QTest::keyClicks(edit(*dialog, "usernameEdit"), QStringLiteral("x"));
    QVERIFY(dialog->hasUnsavedChanges());
    UserDialog::setNextDiscardAnswer(QMessageBox::No);
    QTest::mouseClick(button(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QCOMPARE(edit(*dialog, "usernameEdit")->text(), QStringLiteral("alicex"));
    UserDialog::setNextDiscardAnswer(QMessageBox::Yes);
    QTest::mouseClick(button(*dialog, "cancelButton"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Rejected));
    QCOMPARE(userValue(db(), m_dialect, QStringLiteral("id"), QStringLiteral("alicex")),
             QStringLiteral("<none>"));
}

void TestUserDialog::discardQuestionIsShown()
{
    auto dialog = openDialog(0);
    QTest::keyClicks(edit(*dialog, "emailEdit"), QStringLiteral("someone@"));
    bool asked = false;
    QTimer::singleShot(0, dialog.get(), [&asked] {
        asked = TestSupport::clickInModal(QStringLiteral("discardChangesBox"),
                                          QStringLiteral("keepEditingButton"));
    });
    dialog->close(); // the window's close button goes through the same question
    QVERIFY(asked);
    QVERIFY(dialog->isVisible());
}

void TestUserDialog::otherConnectionWritesWhileOpen()
{
    auto dialog = openDialog(userId(db(), QStringLiteral("alice")));
    retype(edit(*dialog, "emailEdit"), QStringLiteral("bob@example.com"));
    QTRY_VERIFY(labelText(*dialog, "emailError").contains(QLatin1String("'bob'")));
    QTest::keyClicks(edit(*dialog, "checkPasswordEdit"), QStringLiteral("password"));
    QTest::mouseClick(button(*dialog, "checkPasswordButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(labelText(*dialog, "checkPasswordResult").startsWith("Right"),
                             HashTimeoutMs);

    // The other connection waits for locks briefly only: an open dialog must hold none.
    QSqlDatabase second;
    if (m_dialect == SqlDialect::SQLite) {
        second = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("second"));
        second.setDatabaseName(db().databaseName());
        second.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=200"));
        QVERIFY(second.open());
    } else {
        QString error;
        QVERIFY2(m_temp->openAnother(QStringLiteral("second"), &second, &error), qPrintable(error));
        const QString lockTimeout =
            m_dialect == SqlDialect::PostgreSQL
                ? QStringLiteral("SET lock_timeout = 2000")
                : QStringLiteral("SET SESSION innodb_lock_wait_timeout = 2");
        QSqlQuery setting(second);
        QVERIFY2(setting.exec(lockTimeout), qPrintable(setting.lastError().text()));
    }
    QVERIFY(second.transaction());
    QSqlQuery update(second);
    QVERIFY2(
        update.exec(QStringLiteral("UPDATE users SET is_active = FALSE WHERE username = 'bob'")),
        qPrintable(update.lastError().text()));
    QVERIFY2(second.commit(), qPrintable(second.lastError().text()));
    update.finish();
    second.close();
    QCOMPARE(userValue(db(), m_dialect, QStringLiteral("is_active"), QStringLiteral("bob")),
             QStringLiteral("0"));
}

QTEST_MAIN(TestUserDialog)
#include "TestUserDialog.moc"
