#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// A stored Werkzeug password hash taken apart. The text comes from a database someone else
// wrote, so this is the one place that reads it: strictly, with every cost bounded before any
// work is done. What it accepts is the union of what Werkzeug 2.x and 3.x check_password_hash
// verify ("method$salt$value", split at the first two '$'):
//   plain$<anything>$<password>          2.x only (3.x refuses "plain")
//   <digest>$<salt>$<hex>               2.x only: HMAC(key=salt, msg=password), or the plain
//                                        digest of the password when the salt is empty
//   pbkdf2:<digest>:<count>$<salt>$<hex>  every version
//   pbkdf2:<digest>$…, pbkdf2$…           the count left out: see ParsedPasswordHash::iterations
//   scrypt:<n>:<r>:<p>$…, scrypt$…        2.3 and later (scrypt$ means 32768:8:1)
// <digest> is any name Python's hashlib takes (sha256, sha3_256, blake2b, SHA-256, …), looked
// up as hashlib does: its own names first, then OpenSSL's (case-insensitive). A digest with no
// fixed output (shake_*) or an empty one ("null", with which every password matches) is
// refused. Counts must be plain ASCII digits as Werkzeug writes them; Python's int() would
// also take signs, spaces, '_' and non-ASCII digits, which only a hand-made hash contains.
struct ParsedPasswordHash
{
    enum class Kind
    {
        Plain,
        Digest,
        Pbkdf2,
        Scrypt,
    };

    Kind kind = Kind::Plain;
    QString method;        // as stored: "sha256", "pbkdf2:sha1:1000", "scrypt"
    QByteArray digestName; // OpenSSL's name for the digest (Digest and Pbkdf2)
    int digestNid = 0;     // OpenSSL's NID of that digest
    int digestSize = 0;    // its output in bytes: the length of PBKDF2's key too
    // PBKDF2 counts to try, in order. One, unless the count was left out: then each default a
    // Werkzeug version would have read it as (2.0-2.2: 260000; 2.3-3.0: 600000; 3.1: 1000000).
    QList<quint64> iterations;
    quint64 n = 0, r = 0, p = 0;
    QByteArray salt;     // UTF-8, as Werkzeug encodes it; may be empty
    QByteArray expected; // the stored key or digest (decoded from hex), or a plain password
};

namespace PasswordHashFormat {

// Scrypt's output length in Werkzeug 3 (hashlib.scrypt's default dklen).
constexpr int ScryptKeyLength = 64;
// Upper bound for PBKDF2 counts, read or written: keeps a hostile hash from stalling us.
constexpr int MaxIterations = 10000000;

// Takes `hash` apart into *out. On failure *error (if given) says why in one line, e.g.
// "unsupported hash method 'bcrypt'", "scrypt parameters out of range".
bool parse(const QString& hash, ParsedPasswordHash* out, QString* error = nullptr);

// Why a parsed hash is weak, in a few words ("a single salted sha256 digest"); empty when it
// is strong enough. Weak: plain text, the legacy digests, PBKDF2 over MD5/SHA-1, PBKDF2 below
// 260000 iterations (Werkzeug 2.0-2.2's default, what Debian 12's Flask apps still write;
// 210000 for the SHA-512 family, OWASP's equivalent), scrypt below Werkzeug 3's default cost
// (n*r*p = 32768*8*1), and PBKDF2 or scrypt without a salt.
QString weakness(const ParsedPasswordHash& hash);

// The method part for display ("pbkdf2:sha256:600000", "bcrypt" for "$2b$…"); empty when the
// value does not look like a hash at all, so a plaintext password in the column is never shown.
QString displayMethod(const QString& hash);

} // namespace PasswordHashFormat
