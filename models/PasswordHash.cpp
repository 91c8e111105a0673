#include "models/PasswordHash.h"

#include <QCoreApplication>
#include <QStringList>

#include <limits>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace {

// Werkzeug 2.x default for "pbkdf2:<hash>" without a count; 3.x always writes the count.
constexpr int LegacyDefaultIterations = 260000;
constexpr int SaltLength = 16; // Werkzeug's gen_salt(16)
constexpr int MaxSaltLength = 1024;
constexpr int ScryptKeyLength = 64; // Werkzeug 3 uses dklen=64
constexpr int MaxMethodLength = 64;

// scrypt bounds. n * r * p is the running time (Werkzeug 3's default is 2^18, so 2^24 is
// ~64x that); 128 * n * r bytes is the memory OpenSSL allocates (at most 1 GiB here).
constexpr quint64 MaxScryptN = quint64(1) << 20;
constexpr quint64 MaxScryptRP = 64;
constexpr quint64 MaxScryptWork = quint64(1) << 24;
constexpr quint64 MaxScryptNR = quint64(1) << 23;

struct ParsedHash
{
    const EVP_MD* pbkdf2Digest = nullptr; // null means scrypt
    quint64 iterations = 0;
    quint64 n = 0, r = 0, p = 0;
    QByteArray salt;   // UTF-8, as Werkzeug encodes it
    QByteArray digest; // the stored key, decoded from hex
};

bool fail(QString& error, const QString& message)
{
    error = message;
    return false;
}

QString unsupportedMethod(const QString& name)
{
    return QCoreApplication::translate("PasswordHash", "unsupported hash method '%1'").arg(name);
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isLowerHex(QChar c)
{
    return isAsciiDigit(c) || (c >= u'a' && c <= u'f');
}

// A method name is short and plain; anything else is probably not a hash and must not be echoed.
bool isMethodName(const QString& text)
{
    if (text.isEmpty() || text.size() > MaxMethodLength)
        return false;
    for (QChar c : text) {
        if (!(c.unicode() < 128 && (c.isLetterOrNumber() || c == u':' || c == u'_' || c == u'-')))
            return false;
    }
    return true;
}

// Name of a modular-crypt hash ("$2b$12$..." is bcrypt, as Flask-Bcrypt stores it), else empty.
QString modularCryptName(const QString& hash)
{
    if (!hash.startsWith(u'$'))
        return {};
    const qsizetype end = hash.indexOf(u'$', 1);
    if (end < 0)
        return {};
    const QString id = hash.mid(1, end - 1);
    if (id.size() > 16 || !isMethodName(id))
        return {};
    static const struct
    {
        const char16_t* id;
        const char* name;
    } known[] = {{u"2", "bcrypt"},       {u"2a", "bcrypt"},      {u"2b", "bcrypt"},
                 {u"2x", "bcrypt"},      {u"2y", "bcrypt"},      {u"1", "md5-crypt"},
                 {u"5", "sha256-crypt"}, {u"6", "sha512-crypt"}, {u"y", "yescrypt"}};
    for (const auto& entry : known) {
        if (id == QStringView(entry.id))
            return QString::fromLatin1(entry.name);
    }
    return id;
}

// Strict decimal (no sign, spaces or '_', which Python's int() would take); at most 10 digits
// so the value cannot overflow.
bool parseCount(const QString& text, quint64& value)
{
    if (text.isEmpty() || text.size() > 10)
        return false;
    value = 0;
    for (QChar c : text) {
        if (!isAsciiDigit(c))
            return false;
        value = value * 10 + (c.unicode() - u'0');
    }
    return true;
}

bool parsePbkdf2(const QStringList& parts, ParsedHash& out, QString& error)
{
    if (parts.size() != 2 && parts.size() != 3) {
        return fail(error,
                    QCoreApplication::translate(
                        "PasswordHash", "malformed PBKDF2 method (expected pbkdf2:hash:count)"));
    }
    if (parts[1] == u"sha256")
        out.pbkdf2Digest = EVP_sha256();
    else if (parts[1] == u"sha512")
        out.pbkdf2Digest = EVP_sha512();
    else
        return fail(error, unsupportedMethod(QLatin1String("pbkdf2:") + parts[1]));

    out.iterations = LegacyDefaultIterations;
    if (parts.size() == 3 && (!parseCount(parts[2], out.iterations) || out.iterations < 1 ||
                              out.iterations > quint64(PasswordHash::MaxIterations))) {
        return fail(error, QCoreApplication::translate("PasswordHash",
                                                       "PBKDF2 iteration count must be 1 to %1")
                               .arg(PasswordHash::MaxIterations));
    }
    return true;
}

// Bytes OpenSSL allocates for scrypt: the B array (128 * r * p) plus V (128 * r * (n + 2)).
quint64 scryptMemory(quint64 n, quint64 r, quint64 p)
{
    return 128 * r * (n + p + 2);
}

bool scryptInRange(quint64 n, quint64 r, quint64 p)
{
    // Each factor is bounded before multiplying so the products cannot overflow.
    if (r < 1 || p < 1 || r > MaxScryptRP || p > MaxScryptRP || r * p > MaxScryptRP)
        return false;
    if (n * r > MaxScryptNR || n * r * p > MaxScryptWork)
        return false;
    // With a null key OpenSSL only validates the parameters (e.g. n < 2^(16r) for small r).
    if (EVP_PBE_scrypt(nullptr, 0, nullptr, 0, n, r, p, scryptMemory(n, r, p) + (1 << 20), nullptr,
                       0) == 1)
        return true;
    ERR_clear_error(); // don't leave our failure in this thread's queue for other OpenSSL users
    return false;
}

bool parseScrypt(const QStringList& parts, ParsedHash& out, QString& error)
{
    if (parts.size() != 4 || !parseCount(parts[1], out.n) || !parseCount(parts[2], out.r) ||
        !parseCount(parts[3], out.p)) {
        return fail(error, QCoreApplication::translate(
                               "PasswordHash", "malformed scrypt method (expected scrypt:n:r:p)"));
    }
    if (out.n < 2 || out.n > MaxScryptN || (out.n & (out.n - 1)) != 0) {
        return fail(error, QCoreApplication::translate(
                               "PasswordHash", "scrypt n must be a power of two from 2 to %1")
                               .arg(MaxScryptN));
    }
    if (!scryptInRange(out.n, out.r, out.p))
        return fail(error,
                    QCoreApplication::translate("PasswordHash", "scrypt parameters out of range"));
    return true;
}

int keyLength(const ParsedHash& hash)
{
    return hash.pbkdf2Digest ? EVP_MD_get_size(hash.pbkdf2Digest) : ScryptKeyLength;
}

// Werkzeug writes lowercase hex and compares strings, so anything else could never match there.
bool parseDigest(const QString& hex, int length, QByteArray& out, QString& error)
{
    if (hex.size() != 2 * length) {
        return fail(error, QCoreApplication::translate("PasswordHash",
                                                       "digest must be %1 hex digits, not %2")
                               .arg(2 * length)
                               .arg(hex.size()));
    }
    for (QChar c : hex) {
        if (!isLowerHex(c))
            return fail(error,
                        QCoreApplication::translate("PasswordHash", "digest is not lowercase hex"));
    }
    out = QByteArray::fromHex(hex.toLatin1());
    return true;
}

bool parseMethod(const QString& method, ParsedHash& out, QString& error)
{
    const QStringList parts = method.split(u':');
    if (parts[0] == u"pbkdf2")
        return parsePbkdf2(parts, out, error);
    if (parts[0] == u"scrypt")
        return parseScrypt(parts, out, error);
    return fail(error, unsupportedMethod(parts[0]));
}

bool parseHash(const QString& hash, ParsedHash& out, QString& error)
{
    const QStringList sections = hash.split(u'$');
    if (sections.size() != 3 || !isMethodName(sections[0])) {
        const QString crypt = modularCryptName(hash);
        if (!crypt.isEmpty())
            return fail(error, unsupportedMethod(crypt));
        return fail(error,
                    QCoreApplication::translate(
                        "PasswordHash", "not a Werkzeug password hash (method$salt$digest)"));
    }
    if (!parseMethod(sections[0], out, error))
        return false;
    if (sections[1].isEmpty() || sections[1].size() > MaxSaltLength) {
        return fail(error,
                    QCoreApplication::translate("PasswordHash", "salt must be 1 to %1 characters")
                        .arg(MaxSaltLength));
    }
    out.salt = sections[1].toUtf8();
    return parseDigest(sections[2], keyLength(out), out.digest, error);
}

// Empty on failure. The UTF-8 copy of the password is wiped once used.
QByteArray deriveKey(const ParsedHash& hash, const QString& password)
{
    QByteArray secret = password.toUtf8();
    QByteArray key(keyLength(hash), Qt::Uninitialized);
    const auto* salt = reinterpret_cast<const unsigned char*>(hash.salt.constData());
    auto* out = reinterpret_cast<unsigned char*>(key.data());
    int ok = 0;
    if (secret.size() > std::numeric_limits<int>::max()) {
        ok = 0;
    } else if (hash.pbkdf2Digest) {
        ok = PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()), salt, int(hash.salt.size()),
                               int(hash.iterations), hash.pbkdf2Digest, int(key.size()), out);
    } else {
        const quint64 maxMemory = scryptMemory(hash.n, hash.r, hash.p) + (1 << 20);
        ok = EVP_PBE_scrypt(secret.constData(), size_t(secret.size()), salt,
                            size_t(hash.salt.size()), hash.n, hash.r, hash.p, maxMemory, out,
                            size_t(key.size()));
    }
    OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    if (ok == 1)
        return key;
    ERR_clear_error();
    return {};
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
    ParsedHash hash;
    hash.pbkdf2Digest = EVP_sha256();
    hash.iterations = quint64(iterations);
    hash.salt = salt.toUtf8();
    const QByteArray key = deriveKey(hash, password);
    if (key.isEmpty())
        return {};
    return QLatin1String("pbkdf2:sha256:") + QString::number(iterations) + u'$' + salt + u'$' +
           QString::fromLatin1(key.toHex());
}

bool PasswordHash::check(const QString& hash, const QString& password)
{
    ParsedHash parsed;
    QString error;
    if (!parseHash(hash, parsed, error))
        return false;
    const QByteArray key = deriveKey(parsed, password);
    // Constant time, so timing reveals nothing about how much of the digest matched.
    return !key.isEmpty() && key.size() == parsed.digest.size() &&
           CRYPTO_memcmp(key.constData(), parsed.digest.constData(), size_t(key.size())) == 0;
}

bool PasswordHash::isSupported(const QString& hash, QString* error)
{
    ParsedHash parsed;
    QString message;
    const bool ok = parseHash(hash, parsed, message);
    if (error)
        *error = message;
    return ok;
}

QString PasswordHash::method(const QString& hash)
{
    const QString crypt = modularCryptName(hash);
    if (!crypt.isEmpty())
        return crypt;
    // Werkzeug needs at least two '$'; without them the value is not a hash (maybe plaintext).
    const qsizetype end = hash.indexOf(u'$');
    if (end < 0 || hash.indexOf(u'$', end + 1) < 0)
        return {};
    const QString name = hash.left(end);
    return isMethodName(name) ? name : QString();
}
