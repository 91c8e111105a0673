#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include "models/records/RowConflict.h"
#include "models/records/ServiceSupport.h"

// One row of `profiles`: at most one per user (profiles.user_id is UNIQUE). Empty text is
// stored as NULL, as the Flask model leaves an unset column.
struct ProfileRecord
{
    qint64 id = 0; // 0 = the user has no profile yet; saving creates it
    qint64 userId = 0;
    QString bio;
    QString avatarUrl;
    QString website;
    QString location;
};

// Reads, checks and writes the profile of one user in short, bound statements; no
// transaction stays open between calls.
class ProfileService
{
    Q_DECLARE_TR_FUNCTIONS(ProfileService)

public:
    static constexpr int MaxAvatarUrl = 500; // VARCHAR(500)
    static constexpr int MaxWebsite = 200;   // VARCHAR(200)
    static constexpr int MaxLocation = 100;  // VARCHAR(100)
    static const QString BioField;           // a conflict's field: the bio has no checks
    static const QString AvatarUrlField;
    static const QString WebsiteField;
    static const QString LocationField;

    explicit ProfileService(QSqlDatabase db);

    // The profile of user `userId` (id 0 and empty fields when the user has none yet) and the
    // user's name. False when the user does not exist or cannot be read.
    // *asRead (when given) gets the guarded columns exactly as read (empty without a profile).
    bool loadForUser(qint64 userId, ProfileRecord* record, QString* username, QString* error,
                     ColumnValues* asRead = nullptr);

    // Lengths, and web addresses that are http(s) URLs with a host when given.
    static ValidationErrors validate(const ProfileRecord& record);
    static bool isWebAddress(const QString& text);

    // Creates the profile (id 0) or updates it in one short transaction. A profile that
    // another connection created for the same user meanwhile is reported in *error in plain
    // words and left as it is. True only when the row was written.
    // With `original` (loadForUser()'s *asRead) an update writes only while the row still holds
    // those values; otherwise nothing is written and *conflict says what changed (RowGuard).
    bool save(ProfileRecord* record, ValidationErrors* fieldErrors, QString* error,
              const ColumnValues& original = {}, RowConflict* conflict = nullptr);

private:
    bool checkCanInsert(const ProfileRecord& record, QString* error);
    bool existingProfile(qint64 userId, qint64* profileId);
    QString clashMessage(qint64 profileId) const;
    bool insert(ProfileRecord* record, QString* error);
    bool update(const ProfileRecord& record, const ColumnValues& original, RowConflict* conflict,
                QString* error);

    QSqlDatabase m_db;
};
