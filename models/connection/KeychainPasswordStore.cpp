#include "KeychainPasswordStore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace {

const QString KeychainService = QStringLiteral("BlogDesk");
// A keychain that wants to be unlocked waits for the user; a missing or stuck keychain
// service must not keep the form waiting longer than this.
constexpr int KeychainAnswerMs = 4000;

} // namespace

void KeychainPasswordStore::read(const QString& key, ReadDone done)
{
    // This session's passwords answer at once, also when the keychain refused them.
    if (m_session.contains(key)) {
        done(true, m_session.value(key));
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(KeychainService, this);
    job->setKey(key);
    job->setInsecureFallback(false);
    auto once = answerOnce(job, std::move(done));
    connect(job, &QKeychain::Job::finished, this, [job, once] {
        const bool found = job->error() == QKeychain::NoError;
        (*once)(found, found ? job->textData() : QString());
    });
    job->start();
}

void KeychainPasswordStore::write(const QString& key, const QString& password, WriteDone done)
{
    m_session.insert(key, password);
    auto* job = new QKeychain::WritePasswordJob(KeychainService, this);
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(password);
    auto once = answerOnce(job, [done](bool ok, const QString& error) {
        if (done) {
            done(ok, ok ? QString() : error);
        }
    });
    connect(job, &QKeychain::Job::finished, this,
            [job, once] { (*once)(job->error() == QKeychain::NoError, job->errorString()); });
    job->start();
}

void KeychainPasswordStore::remove(const QString& key)
{
    m_session.remove(key);
    auto* job = new QKeychain::DeletePasswordJob(KeychainService, this);
    job->setKey(key);
    job->start(); // auto-deleted when finished; nothing to report
}

QString KeychainPasswordStore::description() const
{
    return tr("Passwords are kept in the system keychain, never in the settings file; "
              "without a keychain they are asked for again after BlogDesk quits.");
}

// Calls `answer` once: with the job's result, or with a failure when the keychain has not
// answered in time (a late result is then dropped).
std::shared_ptr<KeychainPasswordStore::Answer>
KeychainPasswordStore::answerOnce(QKeychain::Job* job, Answer answer)
{
    auto pending = std::make_shared<Answer>(std::move(answer));
    auto once = std::make_shared<Answer>([pending](bool ok, const QString& text) {
        if (*pending) {
            Answer call = std::move(*pending);
            *pending = nullptr;
            call(ok, text);
        }
    });
    QTimer::singleShot(KeychainAnswerMs, job,
                       [once] { (*once)(false, tr("the system keychain did not answer")); });
    return once;
}
