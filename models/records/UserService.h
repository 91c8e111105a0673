#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

#include "models/records/RowConflict.h"
#include "models/records/ServiceSupport.h" // ValidationErrors
#include "models/records/UserRecord.h"

// Reads, checks and writes one user. Every statement is short and bound; nothing here keeps
// a query or a transaction open between calls, so an open dialog never blocks other writers.
class UserService
{
    Q_DECLARE_TR_FUNCTIONS(UserService)

public:
    static constexpr int MaxUsername = 80; // VARCHAR(80) in every dialect
    static constexpr int MaxEmail = 120;   // VARCHAR(120)
    // The fields of ValidationErrors (ServiceSupport.h) and of a conflict (ActiveField).
    static const QString UsernameField;
    static const QString EmailField;
    static const QString PasswordField;
    static const QString ActiveField;

    explicit UserService(QSqlDatabase db);

    // *asRead (when given) gets the guarded columns exactly as read: the originals of save().
    bool load(qint64 id, UserRecord* record, QString* error, ColumnValues* asRead = nullptr);

    // The message for a value another user already holds in the unique column `field`
    // (UsernameField or EmailField), e.g. "That email is already used by user 'author42'"; empty
    // when it is free. Compared exactly, as the unique indexes do ("Alice" != "alice").
    QString conflictFor(const QString& field, const QString& value, qint64 exceptId);

    // Checks that need no database: required fields, column lengths, email form, password
    // confirmation, and that a new user gets a password.
    static ValidationErrors validate(const UserRecord& record, const QString& newPassword,
                                     const QString& confirmation);

    // Inserts (id 0) or updates the user in one short transaction. `newPasswordHash` replaces
    // the stored hash; empty keeps it exactly as it is. On a constraint violation *fieldErrors
    // names the field; any other failure is in *error. True only when the row was written.
    // With `original` (load()'s *asRead) an update writes only while the row still holds those
    // values; otherwise nothing is written and *conflict says what changed (see RowGuard).
    bool save(UserRecord* record, const QString& newPasswordHash, ValidationErrors* fieldErrors,
              QString* error, const ColumnValues& original = {}, RowConflict* conflict = nullptr);

private:
    ValidationErrors conflicts(const UserRecord& record);
    bool write(UserRecord* record, const QString& newPasswordHash, const ColumnValues& original,
               RowConflict* conflict, QString* error);
    bool insert(UserRecord* record, const QString& hash, const QString& now, QString* error);
    bool update(const UserRecord& record, const QString& hash, const QString& now,
                const ColumnValues& original, RowConflict* conflict, QString* error);

    QSqlDatabase m_db;
};
