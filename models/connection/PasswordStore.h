#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

// Where passwords live. Never the settings file: the system keychain when BlogDesk was built
// with QtKeychain and the keychain answers, else memory for this session only (asked for
// again after a restart). Calls are asynchronous because a keychain may need to ask the
// user to unlock it; `done` may be called before the call returns.
class PasswordStore : public QObject
{
    Q_OBJECT

public:
    using ReadDone = std::function<void(bool found, const QString& password)>;
    using WriteDone = std::function<void(bool ok, const QString& error)>;

    explicit PasswordStore(QObject* parent = nullptr) : QObject(parent) {}

    virtual void read(const QString& key, ReadDone done) = 0;
    virtual void write(const QString& key, const QString& password, WriteDone done) = 0;
    virtual void remove(const QString& key) = 0;
    // Whether a stored password outlives this session.
    virtual bool isPersistent() const = 0;
    // One line for the user on where passwords are kept.
    virtual QString description() const = 0;

    // The system keychain when built in, else a MemoryPasswordStore.
    static std::unique_ptr<PasswordStore> createDefault(QObject* parent = nullptr);
    static bool keychainBuiltIn();
};

// The "ask each time" store: passwords typed in this session are remembered until BlogDesk
// quits, and written nowhere.
class MemoryPasswordStore : public PasswordStore
{
    Q_OBJECT

public:
    using PasswordStore::PasswordStore;

    void read(const QString& key, ReadDone done) override;
    void write(const QString& key, const QString& password, WriteDone done) override;
    void remove(const QString& key) override;
    bool isPersistent() const override { return false; }
    QString description() const override;

private:
    QHash<QString, QString> m_passwords;
};
