#include "models/records/PasswordHash.h"

#include <climits>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace {

constexpr int SaltLength = 16; // Werkzeug's gen_salt(16)
constexpr int MaxSaltLength = 1024;

// A digest fetched from OpenSSL for one derivation, released with it.
class FetchedDigest
{
public:
    explicit FetchedDigest(const QByteArray& name)
        : m_md(EVP_MD_fetch(nullptr, name.constData(), nullptr))
    {}
    ~FetchedDigest() { EVP_MD_free(m_md); }
    FetchedDigest(const FetchedDigest&) = delete;
    FetchedDigest& operator=(const FetchedDigest&) = delete;

    const EVP_MD* get() const { return m_md; }

private:
    EVP_MD* m_md;
};

const unsigned char* bytes(const QByteArray& data)
{
    return reinterpret_cast<const unsigned char*>(data.constData());
}

// Constant time for equal lengths, so timing reveals nothing about how much matched.
bool sameBytes(const QByteArray& a, const QByteArray& b)
{
    return a.size() == b.size() &&
           CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

// The legacy methods: HMAC(key=salt, msg=password), or the bare digest without a salt.
QByteArray digestKey(const ParsedPasswordHash& hash, const QByteArray& secret)
{
    const FetchedDigest md(hash.digestName);
    QByteArray key(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(key.data());
    unsigned int length = 0;
    bool ok = false;
    if (md.get() && hash.salt.isEmpty()) {
        ok = EVP_Digest(secret.constData(), size_t(secret.size()), out, &length, md.get(),
                        nullptr) == 1;
    } else if (md.get()) {
        ok = HMAC(md.get(), hash.salt.constData(), int(hash.salt.size()), bytes(secret),
                  size_t(secret.size()), out, &length) != nullptr;
    }
    key.resize(ok ? qsizetype(length) : 0);
    return key;
}

QByteArray pbkdf2Key(const ParsedPasswordHash& hash, const QByteArray& secret, quint64 iterations)
{
    const FetchedDigest md(hash.digestName);
    QByteArray key(hash.digestSize, Qt::Uninitialized);
    const bool ok = md.get() && PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()),
                                                  bytes(hash.salt), int(hash.salt.size()),
                                                  int(iterations), md.get(), int(key.size()),
                                                  reinterpret_cast<unsigned char*>(key.data()));
    return ok ? key : QByteArray();
}

QByteArray scryptKey(const ParsedPasswordHash& hash, const QByteArray& secret)
{
    QByteArray key(PasswordHashFormat::ScryptKeyLength, Qt::Uninitialized);
    // What OpenSSL allocates (see PasswordHashFormat), plus slack; the parser bounded it.
    const quint64 maxMemory = 128 * hash.r * (hash.n + hash.p + 2) + (1 << 20);
    const bool ok =
        EVP_PBE_scrypt(secret.constData(), size_t(secret.size()), bytes(hash.salt),
                       size_t(hash.salt.size()), hash.n, hash.r, hash.p, maxMemory,
                       reinterpret_cast<unsigned char*>(key.data()), size_t(key.size())) == 1;
    return ok ? key : QByteArray();
}

bool isAscii(const QByteArray& text)
{
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 128)
            return false;
    }
    return true;
}

bool matchesSecret(const ParsedPasswordHash& hash, const QByteArray& secret)
{
    using Kind = ParsedPasswordHash::Kind;
    switch (hash.kind) {
    case Kind::Plain:
        // Werkzeug's compare_digest raises for non-ASCII text, so such a login never succeeds.
        return isAscii(secret) && sameBytes(secret, hash.expected);
    case Kind::Digest:
        return sameBytes(digestKey(hash, secret), hash.expected);
    case Kind::Pbkdf2:
        for (quint64 iterations : hash.iterations) {
            if (sameBytes(pbkdf2Key(hash, secret, iterations), hash.expected))
                return true;
        }
        return false;
    case Kind::Scrypt:
        return sameBytes(scryptKey(hash, secret), hash.expected);
    }
    return false;
}

// Werkzeug's gen_salt alphabet. Bytes >= 248 (4 * 62) are rejected so that every character is
// equally likely.
QString randomSalt(int length)
{
    static constexpr char alphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    constexpr int alphabetSize = sizeof(alphabet) - 1;
    constexpr int limit = 256 - 256 % alphabetSize;
    QString salt;
    unsigned char bytes[32];
    while (salt.size() < length) {
        if (RAND_bytes(bytes, sizeof bytes) != 1)
            return {};
        for (unsigned char byte : bytes) {
            if (byte < limit && salt.size() < length)
                salt += QLatin1Char(alphabet[byte % alphabetSize]);
        }
    }
    return salt;
}

} // namespace

QString PasswordHash::generate(const QString& password, int iterations)
{
    const QString salt = randomSalt(SaltLength);
    return salt.isEmpty() ? QString() : generateWithSalt(password, salt, iterations);
}

QString PasswordHash::generateWithSalt(const QString& password, const QString& salt, int iterations)
{
    if (salt.isEmpty() || salt.size() > MaxSaltLength || salt.contains(u'$') || iterations < 1 ||
        iterations > MaxIterations)
        return {};
    ParsedPasswordHash hash;
    hash.kind = ParsedPasswordHash::Kind::Pbkdf2;
    hash.digestName = "SHA256";
    hash.digestSize = 32;
    hash.salt = salt.toUtf8();
    QByteArray secret = password.toUtf8();
    const QByteArray key =
        secret.size() > INT_MAX ? QByteArray() : pbkdf2Key(hash, secret, quint64(iterations));
    OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    if (key.isEmpty()) {
        ERR_clear_error(); // don't leave our failure in this thread's queue for other users
        return {};
    }
    return QLatin1String("pbkdf2:sha256:") + QString::number(iterations) + u'$' + salt + u'$' +
           QString::fromLatin1(key.toHex());
}

bool PasswordHash::check(const QString& hash, const QString& password)
{
    ParsedPasswordHash parsed;
    if (!PasswordHashFormat::parse(hash, &parsed))
        return false;
    QByteArray secret = password.toUtf8(); // wiped once used
    const bool matches = secret.size() <= INT_MAX && matchesSecret(parsed, secret);
    OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    ERR_clear_error();
    return matches;
}

bool PasswordHash::isSupported(const QString& hash, QString* error)
{
    return PasswordHashFormat::parse(hash, nullptr, error);
}

QString PasswordHash::weakness(const QString& hash)
{
    ParsedPasswordHash parsed;
    return PasswordHashFormat::parse(hash, &parsed) ? PasswordHashFormat::weakness(parsed)
                                                    : QString();
}

QString PasswordHash::method(const QString& hash)
{
    return PasswordHashFormat::displayMethod(hash);
}
