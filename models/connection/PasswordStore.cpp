#include "PasswordStore.h"

#include <QTimer>

#ifdef BLOGDESK_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

// --- MemoryPasswordStore ---------------------------------------------------------------------

void MemoryPasswordStore::read(const QString& key, ReadDone done)
{
    const auto found = m_passwords.constFind(key);
    done(found != m_passwords.constEnd(), found == m_passwords.constEnd() ? QString() : *found);
}

void MemoryPasswordStore::write(const QString& key, const QString& password, WriteDone done)
{
    m_passwords.insert(key, password);
    if (done) {
        done(true, QString());
    }
}

void MemoryPasswordStore::remove(const QString& key)
{
    m_passwords.remove(key);
}

QString MemoryPasswordStore::description() const
{
    return tr("No system keychain: passwords are kept until BlogDesk quits and asked for again "
              "after that.");
}

// --- KeychainPasswordStore -------------------------------------------------------------------

#ifdef BLOGDESK_HAVE_QTKEYCHAIN

namespace {

const QString KeychainService = QStringLiteral("BlogDesk");
// A keychain that wants to be unlocked waits for the user; a missing or stuck keychain
// service must not keep the form waiting longer than this.
constexpr int KeychainAnswerMs = 4000;

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager). Its insecure fallback, which would write the password into a plain
// settings file, stays off. It has no Q_OBJECT of its own: its strings are PasswordStore's.
class KeychainPasswordStore : public PasswordStore
{
public:
    using PasswordStore::PasswordStore;

    void read(const QString& key, ReadDone done) override
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

    void write(const QString& key, const QString& password, WriteDone done) override
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

    void remove(const QString& key) override
    {
        m_session.remove(key);
        auto* job = new QKeychain::DeletePasswordJob(KeychainService, this);
        job->setKey(key);
        job->start(); // auto-deleted when finished; nothing to report
    }

    bool isPersistent() const override { return true; }

    QString description() const override
    {
        return PasswordStore::tr(
            "Passwords are kept in the system keychain, never in the settings file; "
            "without a keychain they are asked for again after BlogDesk quits.");
    }

private:
    using Answer = std::function<void(bool, const QString&)>;

    // Without a working keychain (none installed, no D-Bus session) passwords are still kept
    // until BlogDesk quits, and asked for again after that.
    QHash<QString, QString> m_session;

    // Calls `answer` once: with the job's result, or with a failure when the keychain has
    // not answered in time (a late result is then dropped).
    std::shared_ptr<Answer> answerOnce(QKeychain::Job* job, Answer answer)
    {
        auto pending = std::make_shared<Answer>(std::move(answer));
        auto once = std::make_shared<Answer>([pending](bool ok, const QString& text) {
            if (*pending) {
                Answer call = std::move(*pending);
                *pending = nullptr;
                call(ok, text);
            }
        });
        QTimer::singleShot(KeychainAnswerMs, job, [once] {
            (*once)(false, PasswordStore::tr("the system keychain did not answer"));
        });
        return once;
    }
};

} // namespace

#endif // BLOGDESK_HAVE_QTKEYCHAIN

std::unique_ptr<PasswordStore> PasswordStore::createDefault(QObject* parent)
{
#ifdef BLOGDESK_HAVE_QTKEYCHAIN
    return std::make_unique<KeychainPasswordStore>(parent);
#else
    return std::make_unique<MemoryPasswordStore>(parent);
#endif
}

bool PasswordStore::keychainBuiltIn()
{
#ifdef BLOGDESK_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}
