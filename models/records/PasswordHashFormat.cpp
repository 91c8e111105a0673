#include "models/records/PasswordHashFormat.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <climits>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

namespace {

constexpr qsizetype MaxHashLength = 8192;
constexpr qsizetype MaxSaltLength = 1024;
constexpr qsizetype MaxMethodLength = 64;

// Werkzeug's defaults for a PBKDF2 method without a count (see ParsedPasswordHash).
constexpr quint64 Werkzeug2Iterations = 260000;
constexpr quint64 Werkzeug23Iterations = 600000;
constexpr quint64 Werkzeug31Iterations = 1000000;

// scrypt bounds. n * r * p is the running time (Werkzeug 3's default is 2^18, so 2^24 is
// ~64x that); 128 * n * r bytes is the memory OpenSSL allocates (at most 1 GiB here).
constexpr quint64 MaxScryptN = quint64(1) << 20;
constexpr quint64 MaxScryptRP = 64;
constexpr quint64 MaxScryptWork = quint64(1) << 24;
constexpr quint64 MaxScryptNR = quint64(1) << 23;

// Weakness thresholds (see PasswordHashFormat::weakness).
constexpr quint64 MinIterations = Werkzeug2Iterations;
constexpr quint64 MinIterationsSha512 = 210000;
constexpr quint64 MinScryptWork = quint64(32768) * 8;

// Messages are translated in the "PasswordHash" context, as before this file was split out.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(PasswordHash)
};

bool fail(QString& error, const QString& message)
{
    error = message;
    return false;
}

QString unsupportedMethod(const QString& name)
{
    return Text::tr("unsupported hash method '%1'").arg(name);
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isLowerHex(QChar c)
{
    return isAsciiDigit(c) || (c >= u'a' && c <= u'f');
}

// A method name is short and plain ASCII (digest names may hold '-', '/' and '.', as in
// "sha-512/224" or an OID); anything else is probably not a hash and must not be echoed.
bool isMethodName(const QString& text)
{
    if (text.isEmpty() || text.size() > MaxMethodLength)
        return false;
    for (QChar c : text) {
        if (!(c.unicode() < 128 && (c.isLetterOrNumber() || QStringView(u":_-/.").contains(c))))
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

// Strict decimal (no sign, spaces or '_'); at most 10 digits so the value cannot overflow.
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

// Python's hashlib names that OpenSSL spells otherwise; hashlib hands any other name to
// OpenSSL as written.
QByteArray opensslDigestName(const QString& name)
{
    static const struct
    {
        const char16_t* python;
        const char* openssl;
    } renamed[] = {{u"sha3_224", "SHA3-224"},     {u"sha3_256", "SHA3-256"},
                   {u"sha3_384", "SHA3-384"},     {u"sha3_512", "SHA3-512"},
                   {u"sha512_224", "SHA512-224"}, {u"sha512_256", "SHA512-256"},
                   {u"blake2b", "BLAKE2B-512"},   {u"blake2s", "BLAKE2S-256"},
                   {u"shake_128", "SHAKE-128"},   {u"shake_256", "SHAKE-256"}};
    for (const auto& entry : renamed) {
        if (name == QStringView(entry.python))
            return entry.openssl;
    }
    return name.toLatin1(); // isMethodName() made sure it is ASCII
}

// Looks the digest `name` up as hashlib would; `method` is what an error message names.
bool resolveDigest(const QString& name, const QString& method, ParsedPasswordHash& out,
                   QString& error)
{
    const QByteArray opensslName = opensslDigestName(name);
    EVP_MD* md = name.isEmpty() ? nullptr : EVP_MD_fetch(nullptr, opensslName.constData(), nullptr);
    if (!md) {
        ERR_clear_error(); // don't leave our failure in this thread's queue for other users
        return fail(error, unsupportedMethod(method));
    }
    const int size = EVP_MD_get_size(md);
    const bool extendable = (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
    out.digestNid = EVP_MD_get_type(md);
    out.digestSize = size;
    EVP_MD_free(md);
    if (extendable) {
        return fail(error, Text::tr("hash method '%1' has no fixed-length digest (Werkzeug "
                                    "cannot check it)")
                               .arg(method));
    }
    if (size <= 0) {
        return fail(error,
                    Text::tr("hash method '%1' has an empty digest (every password would match)")
                        .arg(method));
    }
    out.digestName = opensslName;
    return true;
}

bool parsePbkdf2(const QStringList& parts, ParsedPasswordHash& out, QString& error)
{
    out.kind = ParsedPasswordHash::Kind::Pbkdf2;
    if (parts.size() > 3) {
        return fail(error, Text::tr("malformed PBKDF2 method (expected pbkdf2:hash:count)"));
    }
    // "pbkdf2" alone is sha256 (Werkzeug 2.3 and later; 2.2 refuses it).
    const QString digest = parts.size() > 1 ? parts[1] : QStringLiteral("sha256");
    if (!resolveDigest(digest, out.method, out, error))
        return false;
    if (parts.size() == 1) {
        out.iterations = {Werkzeug23Iterations, Werkzeug31Iterations};
        return true;
    }
    if (parts.size() == 2) {
        out.iterations = {Werkzeug2Iterations, Werkzeug23Iterations, Werkzeug31Iterations};
        return true;
    }
    quint64 count = 0;
    if (!parseCount(parts[2], count) || count < 1 ||
        count > quint64(PasswordHashFormat::MaxIterations)) {
        return fail(error, Text::tr("PBKDF2 iteration count must be 1 to %1")
                               .arg(PasswordHashFormat::MaxIterations));
    }
    out.iterations = {count};
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
    ERR_clear_error();
    return false;
}

// Werkzeug 3 calls hashlib.scrypt with maxmem = 132 * n * r * p, which Python caps at INT_MAX
// and OpenSSL refuses when below scryptMemory(): no password ever matches such a hash there.
bool werkzeugCanRunScrypt(quint64 n, quint64 r, quint64 p)
{
    const quint64 maxmem = 132 * n * r * p;
    return maxmem <= quint64(INT_MAX) && scryptMemory(n, r, p) <= maxmem;
}

bool parseScrypt(const QStringList& parts, ParsedPasswordHash& out, QString& error)
{
    out.kind = ParsedPasswordHash::Kind::Scrypt;
    if (parts.size() == 1) {
        out.n = 32768; // Werkzeug 3's default: "scrypt" means scrypt:32768:8:1
        out.r = 8;
        out.p = 1;
    } else if (parts.size() != 4 || !parseCount(parts[1], out.n) || !parseCount(parts[2], out.r) ||
               !parseCount(parts[3], out.p)) {
        return fail(error, Text::tr("malformed scrypt method (expected scrypt:n:r:p)"));
    }
    if (out.n < 2 || out.n > MaxScryptN || (out.n & (out.n - 1)) != 0) {
        return fail(error,
                    Text::tr("scrypt n must be a power of two from 2 to %1").arg(MaxScryptN));
    }
    if (!scryptInRange(out.n, out.r, out.p))
        return fail(error, Text::tr("scrypt parameters out of range"));
    if (!werkzeugCanRunScrypt(out.n, out.r, out.p)) {
        return fail(
            error,
            Text::tr("scrypt parameters outside Werkzeug's memory limit (it cannot check them)"));
    }
    return true;
}

bool parseMethod(const QString& method, ParsedPasswordHash& out, QString& error)
{
    out.method = method;
    const QStringList parts = method.split(u':');
    if (parts[0] == u"pbkdf2")
        return parsePbkdf2(parts, out, error);
    if (parts[0] == u"scrypt")
        return parseScrypt(parts, out, error);
    if (parts.size() > 1) // Werkzeug 2 would look "name:x" up as a digest: there is none
        return fail(error, unsupportedMethod(method));
    if (method == u"plain") {
        out.kind = ParsedPasswordHash::Kind::Plain;
        return true;
    }
    out.kind = ParsedPasswordHash::Kind::Digest;
    return resolveDigest(method, method, out, error);
}

// Werkzeug writes lowercase hex and compares strings, so anything else could never match there.
bool parseHex(const QString& hex, int length, QByteArray& out, QString& error)
{
    if (hex.size() != 2 * length) {
        return fail(
            error,
            Text::tr("digest must be %1 hex digits, not %2").arg(2 * length).arg(hex.size()));
    }
    for (QChar c : hex) {
        if (!isLowerHex(c))
            return fail(error, Text::tr("digest is not lowercase hex"));
    }
    out = QByteArray::fromHex(hex.toLatin1());
    return true;
}

// Werkzeug compares a plain password with hmac.compare_digest, which raises for non-ASCII text.
bool parsePlain(const QString& value, QByteArray& out, QString& error)
{
    for (QChar c : value) {
        if (c.unicode() >= 128) {
            return fail(error, Text::tr("plain password with non-ASCII characters (Werkzeug cannot "
                                        "compare it)"));
        }
    }
    out = value.toLatin1();
    return true;
}

bool parseInto(const QString& hash, ParsedPasswordHash& out, QString& error)
{
    if (hash.size() > MaxHashLength)
        return fail(error,
                    Text::tr("too long for a password hash (%1 characters)").arg(hash.size()));
    const qsizetype first = hash.indexOf(u'$');
    const qsizetype second = first < 0 ? -1 : hash.indexOf(u'$', first + 1);
    if (second < 0 || !isMethodName(hash.left(first))) {
        const QString crypt = modularCryptName(hash);
        if (!crypt.isEmpty())
            return fail(error, unsupportedMethod(crypt));
        return fail(error, Text::tr("not a Werkzeug password hash (method$salt$digest)"));
    }
    const QString salt = hash.mid(first + 1, second - first - 1);
    if (salt.size() > MaxSaltLength)
        return fail(error, Text::tr("salt must be at most %1 characters").arg(MaxSaltLength));
    out.salt = salt.toUtf8();
    if (!parseMethod(hash.left(first), out, error))
        return false;
    const QString value = hash.mid(second + 1);
    if (out.kind == ParsedPasswordHash::Kind::Plain)
        return parsePlain(value, out.expected, error);
    const int length = out.kind == ParsedPasswordHash::Kind::Scrypt
                           ? PasswordHashFormat::ScryptKeyLength
                           : out.digestSize;
    return parseHex(value, length, out.expected, error);
}

bool isBrokenDigest(int nid)
{
    return nid == NID_md5 || nid == NID_sha1 || nid == NID_md5_sha1;
}

bool isSha512Family(int nid)
{
    return nid == NID_sha384 || nid == NID_sha512 || nid == NID_sha512_224 || nid == NID_sha512_256;
}

QString pbkdf2Weakness(const ParsedPasswordHash& hash)
{
    if (hash.salt.isEmpty())
        return Text::tr("PBKDF2 without a salt");
    if (isBrokenDigest(hash.digestNid))
        return Text::tr("PBKDF2 over %1, a broken hash").arg(hash.method.section(u':', 1, 1));
    // Without a count, the smallest default a Werkzeug version would have used.
    const quint64 count = *std::min_element(hash.iterations.cbegin(), hash.iterations.cend());
    const quint64 minimum = isSha512Family(hash.digestNid) ? MinIterationsSha512 : MinIterations;
    if (count < minimum)
        return Text::tr("PBKDF2 with only %1 iterations (%2 or more today)")
            .arg(count)
            .arg(minimum);
    return {};
}

} // namespace

namespace PasswordHashFormat {

bool parse(const QString& hash, ParsedPasswordHash* out, QString* error)
{
    ParsedPasswordHash parsed;
    QString message;
    const bool ok = parseInto(hash, parsed, message);
    if (error)
        *error = message;
    if (ok && out)
        *out = std::move(parsed);
    return ok;
}

QString weakness(const ParsedPasswordHash& hash)
{
    switch (hash.kind) {
    case ParsedPasswordHash::Kind::Plain:
        return Text::tr("the password itself, not a hash");
    case ParsedPasswordHash::Kind::Digest:
        return hash.salt.isEmpty() ? Text::tr("a single unsalted %1 digest").arg(hash.method)
                                   : Text::tr("a single salted %1 digest").arg(hash.method);
    case ParsedPasswordHash::Kind::Pbkdf2:
        return pbkdf2Weakness(hash);
    case ParsedPasswordHash::Kind::Scrypt:
        if (hash.salt.isEmpty())
            return Text::tr("scrypt without a salt");
        if (hash.n * hash.r * hash.p < MinScryptWork)
            return Text::tr("scrypt below Werkzeug's default cost (32768:8:1)");
        return {};
    }
    return {};
}

QString displayMethod(const QString& hash)
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

} // namespace PasswordHashFormat
