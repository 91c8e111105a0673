#pragma once

#include <QHash>
#include <QString>

#include <functional>
#include <memory>

#include "models/connection/PasswordStore.h"

namespace QKeychain {
class Job;
}

// The system keychain through QtKeychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager). Its insecure fallback, which would write the password into a plain
// settings file, stays off. Built only with QtKeychain (BLOGDESK_HAVE_QTKEYCHAIN).
class KeychainPasswordStore : public PasswordStore
{
    Q_OBJECT

public:
    using PasswordStore::PasswordStore;

    void read(const QString& key, ReadDone done) override;
    void write(const QString& key, const QString& password, WriteDone done) override;
    void remove(const QString& key) override;
    bool isPersistent() const override { return true; }
    QString description() const override;

private:
    using Answer = std::function<void(bool, const QString&)>;

    std::shared_ptr<Answer> answerOnce(QKeychain::Job* job, Answer answer);

    // Without a working keychain (none installed, no D-Bus session) passwords are still kept
    // until BlogDesk quits, and asked for again after that.
    QHash<QString, QString> m_session;
};
