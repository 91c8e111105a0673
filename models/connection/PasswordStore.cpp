#include "PasswordStore.h"

#ifdef BLOGDESK_HAVE_QTKEYCHAIN
#include "models/connection/KeychainPasswordStore.h"
#endif

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
