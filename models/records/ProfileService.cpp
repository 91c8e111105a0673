#include "ProfileService.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

#include "models/BlogTable.h"

const QString ProfileService::BioField = QStringLiteral("bio");
const QString ProfileService::AvatarUrlField = QStringLiteral("avatarUrl");
const QString ProfileService::WebsiteField = QStringLiteral("website");
const QString ProfileService::LocationField = QStringLiteral("location");

namespace {

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

void bindFields(QSqlQuery& query, const ProfileRecord& record)
{
    query.bindValue(QStringLiteral(":bio"), textOrNull(record.bio));
    query.bindValue(QStringLiteral(":avatar"), textOrNull(record.avatarUrl));
    query.bindValue(QStringLiteral(":website"), textOrNull(record.website));
    query.bindValue(QStringLiteral(":location"), textOrNull(record.location));
    query.bindValue(QStringLiteral(":user"), record.userId);
}

} // namespace

ProfileService::ProfileService(QSqlDatabase db) : m_db(db) {}

bool ProfileService::loadForUser(qint64 userId, ProfileRecord* record, QString* username,
                                 QString* error, ColumnValues* asRead)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT u.username, p.id, p.bio, p.avatar_url, p.website, p.location FROM users u "
        "LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = :user"));
    query.bindValue(QStringLiteral(":user"), userId);
    if (!query.exec()) {
        *error = tr("Could not read the profile of user %1: %2")
                     .arg(userId)
                     .arg(query.lastError().text());
        return false;
    }
    if (!query.next()) {
        *error = tr("There is no user with id %1 (deleted meanwhile?).").arg(userId);
        return false;
    }
    *username = query.value(0).toString();
    record->userId = userId;
    record->id = query.value(1).toLongLong(); // NULL (no profile yet) reads as 0
    record->bio = query.value(2).toString();
    record->avatarUrl = query.value(3).toString();
    record->website = query.value(4).toString();
    record->location = query.value(5).toString();
    if (asRead) {
        asRead->clear();
        if (record->id != 0) {
            *asRead = {{QStringLiteral("bio"), query.value(2)},
                       {QStringLiteral("avatar_url"), query.value(3)},
                       {QStringLiteral("website"), query.value(4)},
                       {QStringLiteral("location"), query.value(5)}};
        }
    }
    return true;
}

bool ProfileService::isWebAddress(const QString& text)
{
    for (const QChar c : text) {
        if (c.isSpace()) {
            return false;
        }
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https")) &&
           !url.host().isEmpty();
}

ValidationErrors ProfileService::validate(const ProfileRecord& record)
{
    ValidationErrors errors;
    if (!record.avatarUrl.isEmpty() && !isWebAddress(record.avatarUrl)) {
        errors[AvatarUrlField] = tr("The avatar URL is not a web address: it must start with "
                                    "http:// or https://, like https://example.com/me.png.");
    }
    if (!record.website.isEmpty() && !isWebAddress(record.website)) {
        errors[WebsiteField] = tr("The website is not a web address: it must start with "
                                  "http:// or https://, like https://example.com.");
    }
    // A length problem is the more useful message: check it last so it wins.
    ServiceSupport::checkLength(&errors, AvatarUrlField, record.avatarUrl, MaxAvatarUrl,
                                tr("An avatar URL"));
    ServiceSupport::checkLength(&errors, WebsiteField, record.website, MaxWebsite,
                                tr("A website address"));
    ServiceSupport::checkLength(&errors, LocationField, record.location, MaxLocation,
                                tr("A location"));
    return errors;
}

bool ProfileService::save(ProfileRecord* record, ValidationErrors* fieldErrors, QString* error,
                          const ColumnValues& original, RowConflict* conflict)
{
    error->clear();
    RowConflict found;
    *fieldErrors = validate(*record);
    if (!fieldErrors->isEmpty()) {
        return false;
    }
    ProfileRecord written = *record;
    const bool ok = ServiceSupport::inTransaction(
        m_db,
        [this, &written, &original, &found](QString* why) {
            if (written.id != 0) {
                return update(written, original, &found, why);
            }
            return checkCanInsert(written, why) && insert(&written, why);
        },
        error);
    if (conflict) {
        *conflict = found;
    }
    if (ok) {
        *record = written; // only now: a rolled-back insert must not leave an id behind
        return true;
    }
    // The unique index caught a profile that appeared between the check and the insert.
    qint64 otherId = 0;
    if (record->id == 0 && existingProfile(record->userId, &otherId)) {
        *error = clashMessage(otherId);
    }
    return false;
}

bool ProfileService::existingProfile(qint64 userId, qint64* profileId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM profiles WHERE user_id = :user"));
    query.bindValue(QStringLiteral(":user"), userId);
    if (!query.exec() || !query.next()) {
        return false;
    }
    *profileId = query.value(0).toLongLong();
    return true;
}

QString ProfileService::clashMessage(qint64 profileId) const
{
    return tr("Not saved: this user got a profile (#%1) from someone else while this dialog was "
              "open, and a user has only one. Your input is still here; close the dialog and "
              "open the profile again to edit that one.")
        .arg(profileId);
}

// Inside the transaction: the user still exists (also where foreign keys are not enforced)
// and has no profile yet.
bool ProfileService::checkCanInsert(const ProfileRecord& record, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users WHERE id = :user"));
    query.bindValue(QStringLiteral(":user"), record.userId);
    if (!query.exec() || !query.next()) {
        *error = ServiceSupport::writeFailure(m_db, query.lastError());
        return false;
    }
    if (query.value(0).toLongLong() == 0) {
        *error = tr("Not saved: user %1 no longer exists (deleted by someone else?).")
                     .arg(record.userId);
        return false;
    }
    qint64 otherId = 0;
    if (existingProfile(record.userId, &otherId)) {
        *error = clashMessage(otherId);
        return false;
    }
    return true;
}

bool ProfileService::insert(ProfileRecord* record, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(ServiceSupport::withReturningId(
        m_db, QStringLiteral("INSERT INTO profiles (bio, avatar_url, website, location, user_id) "
                             "VALUES (:bio, :avatar, :website, :location, :user)")));
    bindFields(query, *record);
    return ServiceSupport::runInsert(
        m_db, query, &record->id,
        tr("Not saved: the database did not report the new profile's id."), error);
}

bool ProfileService::update(const ProfileRecord& record, const ColumnValues& original,
                            RowConflict* conflict, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE profiles SET bio = :bio, avatar_url = :avatar, "
                                 "website = :website, location = :location "
                                 "WHERE id = :id AND user_id = :user AND ") +
                  RowGuard::condition(m_db, original));
    bindFields(query, record);
    query.bindValue(QStringLiteral(":id"), record.id);
    RowGuard::bind(query, original);
    if (!RowGuard::runUpdate(m_db, query, BlogTables::name(BlogTable::Profiles), record.id,
                             original, conflict, error)) {
        return false;
    }
    if (conflict->isConflict()) {
        *error = conflict->deleted
                     ? tr("Not saved: this profile no longer exists (deleted by someone else?).")
                     : RowGuard::message(*conflict, tr("this profile"));
        return false;
    }
    return true;
}
