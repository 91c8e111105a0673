#pragma once

#include <QString>

// Werkzeug password hashes ("method$salt$hexdigest"), the format Flask apps store through
// werkzeug.security.generate_password_hash. Supported methods:
//   pbkdf2:sha256[:<iterations>], pbkdf2:sha512[:<iterations>]  (Werkzeug 0.x - 3.x)
//   scrypt:<n>:<r>:<p>                                         (Werkzeug 3 default)
// A pbkdf2 method without an iteration count means the writer's default; we use 260000, the
// Werkzeug 2.x value (2.2.2 reads it that way), since 3.x always writes the count explicitly.
//
// Stored hashes come from a database someone else wrote, so parsing is strict and bounded:
// iteration counts, scrypt cost and digest lengths are checked before any work is done.
// All functions are reentrant and may run on any thread.
class PasswordHash
{
public:
    static constexpr int DefaultIterations = 600000;
    // Upper bound for PBKDF2 counts, read or written: keeps a hostile hash from stalling us.
    static constexpr int MaxIterations = 10000000;

    // Hash in the format every Werkzeug version reads: pbkdf2:sha256:<iterations>$<16-char
    // salt>$<64 hex>. Slow on purpose (~140 ms): callers run it off the GUI thread.
    // Returns an empty string if iterations is outside 1..MaxIterations or the RNG fails.
    static QString generate(const QString& password, int iterations = DefaultIterations);
    // Deterministic variant for test vectors and reproducible sample data. Returns an empty
    // string for an empty salt, a salt containing '$', or iterations outside 1..MaxIterations.
    static QString generateWithSalt(const QString& password, const QString& salt,
                                    int iterations = DefaultIterations);
    // True when `password` matches `hash` (pbkdf2:sha256/sha512 with any count, scrypt:n:r:p).
    // False for a wrong password AND for a malformed or unsupported hash (never crashes, never
    // throws).
    static bool check(const QString& hash, const QString& password);
    // Whether a stored hash is one BlogDesk can verify; if not, *error says why in one line
    // (e.g. "unsupported hash method 'bcrypt'", "scrypt parameters out of range").
    static bool isSupported(const QString& hash, QString* error = nullptr);
    // The method part only ("pbkdf2:sha256:600000"), for display: the hash is never shown whole.
    // "bcrypt"/"argon2id" etc. for modular-crypt hashes; empty when the value does not look like
    // a hash at all (so a plaintext password in the column is never echoed).
    static QString method(const QString& hash);
};
