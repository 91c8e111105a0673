#include "UserService.h"

#include "sql/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "models/BlogTable.h"
#include "models/records/PasswordHash.h"
#include "models/records/ServiceSupport.h"

const QString UserService::UsernameField = QStringLiteral("username");
const QString UserService::EmailField = QStringLiteral("email");
const QString UserService::PasswordField = QStringLiteral("password");
const QString UserService::ActiveField = QStringLiteral("active");

namespace {

// The simple form the issue asks for: one '@', a non-empty local part, a domain with a dot
// that neither starts nor ends it, no whitespace anywhere.
bool looksLikeEmail(const QString& email)
{
    for (const QChar c : email) {
        if (c.isSpace()) {
            return false;
        }
    }
    if (email.count(QLatin1Char('@')) != 1) {
        return false;
    }
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    const QString domain = email.mid(at + 1);
    return at > 0 && domain.contains(QLatin1Char('.')) && !domain.startsWith(QLatin1Char('.')) &&
           !domain.endsWith(QLatin1Char('.'));
}

} // namespace

UserService::UserService(QSqlDatabase db) : m_db(db) {}

bool UserService::load(qint64 id, UserRecord* record, QString* error, ColumnValues* asRead)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT username, email, is_active, password_hash FROM users WHERE id = :id"));
    if (!ServiceSupport::readById(query, id, tr("Could not read user %1: %2"),
                                  tr("There is no user with id %1 (deleted meanwhile?)."), error)) {
        return false;
    }
    record->id = id;
    record->username = query.value(0).toString();
    record->email = query.value(1).toString();
    record->isActive = query.value(2).toBool();
    record->passwordHash = query.value(3).toString();
    if (asRead) {
        // The password hash is guarded too: a new password set meanwhile is not overwritten.
        *asRead = {{QStringLiteral("username"), query.value(0)},
                   {QStringLiteral("email"), query.value(1)},
                   {QStringLiteral("is_active"), query.value(2)},
                   {QStringLiteral("password_hash"), query.value(3)}};
    }
    return true;
}

QString UserService::conflictFor(const QString& field, const QString& value, qint64 exceptId)
{
    // The column name comes from this fixed pair only; the value is bound.
    if ((field != UsernameField && field != EmailField) || value.isEmpty()) {
        return {};
    }
    const QString owner = ServiceSupport::ownerOf(m_db, BlogTables::name(BlogTable::Users), field,
                                                  QStringLiteral("username"), value, exceptId);
    if (owner.isEmpty()) {
        return {};
    }
    return field == EmailField ? tr("That email is already used by user '%1'").arg(owner)
                               : tr("That username is already used by user '%1'").arg(owner);
}

ValidationErrors UserService::validate(const UserRecord& record, const QString& newPassword,
                                       const QString& confirmation)
{
    ValidationErrors errors;
    const int usernameLength = ServiceSupport::characterCount(record.username);
    if (record.username.trimmed().isEmpty()) {
        errors[UsernameField] = tr("Enter a username.");
    } else if (usernameLength > MaxUsername) {
        errors[UsernameField] = tr("A username has at most %1 characters (this one has %2).")
                                    .arg(MaxUsername)
                                    .arg(usernameLength);
    }
    const int emailLength = ServiceSupport::characterCount(record.email);
    if (record.email.isEmpty()) {
        errors[EmailField] = tr("Enter an email address.");
    } else if (emailLength > MaxEmail) {
        errors[EmailField] = tr("An email address has at most %1 characters (this one has %2).")
                                 .arg(MaxEmail)
                                 .arg(emailLength);
    } else if (!looksLikeEmail(record.email)) {
        errors[EmailField] = tr("Enter an email address like name@example.com.");
    }
    if (newPassword != confirmation) {
        errors[PasswordField] = tr("The two passwords do not match.");
    } else if (record.id == 0 && newPassword.isEmpty()) {
        errors[PasswordField] = tr("A new user needs a password.");
    }
    return errors;
}

bool UserService::save(UserRecord* record, const QString& newPasswordHash,
                       ValidationErrors* fieldErrors, QString* error, const ColumnValues& original,
                       RowConflict* conflict)
{
    error->clear();
    *fieldErrors = validate(*record, QString(), QString());
    fieldErrors->remove(PasswordField); // the password was checked before it was hashed
    if (record->id == 0 && newPasswordHash.isEmpty()) {
        (*fieldErrors)[PasswordField] = tr("A new user needs a password.");
    }
    QString why;
    if (!newPasswordHash.isEmpty() && !PasswordHash::isSupported(newPasswordHash, &why)) {
        *error = tr("Not saved: the new password hash is unusable (%1).").arg(why);
        return false;
    }
    if (!fieldErrors->isEmpty()) {
        return false;
    }
    // No look-up first: the unique indexes are the only check that cannot race.
    RowConflict found;
    const bool written = write(record, newPasswordHash, original, &found, error);
    if (conflict) {
        *conflict = found;
    }
    if (written || found.isConflict()) {
        return written;
    }
    // Another writer may have taken the name or email since the dialog checked it: say so on
    // the field, not with the driver's text.
    *fieldErrors = conflicts(*record);
    if (!fieldErrors->isEmpty()) {
        error->clear();
    }
    return false;
}

ValidationErrors UserService::conflicts(const UserRecord& record)
{
    ValidationErrors errors;
    for (const QString& field : {UsernameField, EmailField}) {
        const QString message =
            conflictFor(field, field == EmailField ? record.email : record.username, record.id);
        if (!message.isEmpty()) {
            errors[field] = message;
        }
    }
    return errors;
}

bool UserService::write(UserRecord* record, const QString& newPasswordHash,
                        const ColumnValues& original, RowConflict* conflict, QString* error)
{
    const QString now = SqlTime::nowUtc();
    UserRecord written = *record;
    const bool ok = ServiceSupport::inTransaction(
        m_db,
        [&](QString* workError) {
            return written.id == 0
                       ? insert(&written, newPasswordHash, now, workError)
                       : update(written, newPasswordHash, now, original, conflict, workError);
        },
        error);
    if (!ok) {
        return false;
    }
    if (!newPasswordHash.isEmpty()) {
        written.passwordHash = newPasswordHash;
    }
    *record = written; // only now: a rolled-back insert must not leave an id behind
    return true;
}

bool UserService::insert(UserRecord* record, const QString& hash, const QString& now,
                         QString* error)
{
    // created_at = updated_at on insert, as the model's two utcnow defaults give.
    QSqlQuery query(m_db);
    query.prepare(ServiceSupport::withReturningId(
        m_db, QStringLiteral("INSERT INTO users (username, email, password_hash, is_active, "
                             "created_at, updated_at, last_login, deleted_at) VALUES (:username, "
                             ":email, :hash, :active, :now, :now2, NULL, NULL)")));
    query.bindValue(QStringLiteral(":username"), record->username);
    query.bindValue(QStringLiteral(":email"), record->email);
    query.bindValue(QStringLiteral(":hash"), hash);
    query.bindValue(QStringLiteral(":active"), record->isActive);
    query.bindValue(QStringLiteral(":now"), now);
    query.bindValue(QStringLiteral(":now2"), now);
    return ServiceSupport::runInsert(
        m_db, query, &record->id, tr("Not saved: the database did not report the new user's id."),
        error);
}

bool UserService::update(const UserRecord& record, const QString& hash, const QString& now,
                         const ColumnValues& original, RowConflict* conflict, QString* error)
{
    // An empty hash leaves password_hash out of the statement: the stored value stays
    // byte-for-byte what it was (never re-hash a hash).
    QString statement = QStringLiteral("UPDATE users SET username = :username, email = :email, "
                                       "is_active = :active, updated_at = :now");
    if (!hash.isEmpty()) {
        statement += QStringLiteral(", password_hash = :hash");
    }
    statement += QStringLiteral(" WHERE id = :id AND ") + RowGuard::condition(m_db, original);
    QSqlQuery query(m_db);
    query.prepare(statement);
    query.bindValue(QStringLiteral(":username"), record.username);
    query.bindValue(QStringLiteral(":email"), record.email);
    query.bindValue(QStringLiteral(":active"), record.isActive);
    query.bindValue(QStringLiteral(":now"), now);
    if (!hash.isEmpty()) {
        query.bindValue(QStringLiteral(":hash"), hash);
    }
    query.bindValue(QStringLiteral(":id"), record.id);
    RowGuard::bind(query, original);
    if (!RowGuard::runUpdate(m_db, query, BlogTables::name(BlogTable::Users), record.id, original,
                             conflict, error)) {
        return false;
    }
    if (conflict->isConflict()) {
        *error = RowGuard::message(*conflict, tr("user %1").arg(record.id));
        return false;
    }
    return true;
}
