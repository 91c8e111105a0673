#include "PasswordHasher.h"

#include "models/records/PasswordHash.h"

PasswordHasher::PasswordHasher(QObject* parent) : QObject(parent)
{
    m_pool.setObjectName(QStringLiteral("passwordHasherPool"));
}

PasswordHasher::~PasswordHasher()
{
    cancel();
    m_pool.waitForDone();
}

void PasswordHasher::generate(const QString& password)
{
    const quint64 token = ++m_generateToken;
    m_pool.start([this, token, password] {
        const QString hash = PasswordHash::generate(password);
        QMetaObject::invokeMethod(
            this, [this, token, hash] { deliverHash(token, hash); }, Qt::QueuedConnection);
    });
}

void PasswordHasher::check(const QString& hash, const QString& password)
{
    const quint64 token = ++m_checkToken;
    m_checking = true;
    m_pool.start([this, token, hash, password] {
        const bool matches = PasswordHash::check(hash, password);
        QMetaObject::invokeMethod(
            this, [this, token, matches] { deliverCheck(token, matches); }, Qt::QueuedConnection);
    });
}

void PasswordHasher::cancel()
{
    ++m_generateToken;
    ++m_checkToken;
    m_checking = false;
}

void PasswordHasher::deliverHash(quint64 token, const QString& hash)
{
    if (token != m_generateToken) {
        return; // stale: a newer request or cancel() came after this one
    }
    emit generated(hash);
}

void PasswordHasher::deliverCheck(quint64 token, bool matches)
{
    if (token != m_checkToken) {
        return;
    }
    m_checking = false;
    emit checked(matches);
}
