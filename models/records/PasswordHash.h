#pragma once

#include <QString>

#include "models/records/PasswordHashFormat.h"

// Werkzeug password hashes ("method$salt$value"), the format Flask apps store through
// werkzeug.security.generate_password_hash. Every form Werkzeug 2.x or 3.x verifies is verified
// here (see PasswordHashFormat.h, which parses them); new hashes are always
// pbkdf2:sha256:600000, which every Werkzeug version reads.
// All functions are reentrant and may run on any thread.
class PasswordHash
{
public:
    static constexpr int DefaultIterations = 600000;
    static constexpr int MaxIterations = PasswordHashFormat::MaxIterations;

    // Hash in the format every Werkzeug version reads: pbkdf2:sha256:<iterations>$<16-char
    // salt>$<64 hex>. Slow on purpose (~140 ms): callers run it off the GUI thread.
    // Returns an empty string if iterations is outside 1..MaxIterations or the RNG fails.
    static QString generate(const QString& password, int iterations = DefaultIterations);
    // Deterministic variant for test vectors and reproducible sample data. Returns an empty
    // string for an empty salt, a salt containing '$', or iterations outside 1..MaxIterations.
    static QString generateWithSalt(const QString& password, const QString& salt,
                                    int iterations = DefaultIterations);
    // True when `password` matches `hash` as Werkzeug's check_password_hash would say. False
    // for a wrong password AND for a malformed or unsupported hash (never crashes, never
    // throws). The comparison takes the same time however much of the digest matched. A
    // PBKDF2 hash without a count tries each Werkzeug default, so it may take up to ~3 runs.
    static bool check(const QString& hash, const QString& password);
    // Whether a stored hash is one BlogDesk can verify; if not, *error says why in one line
    // (e.g. "unsupported hash method 'bcrypt'", "scrypt parameters out of range").
    static bool isSupported(const QString& hash, QString* error = nullptr);
    // Why a hash BlogDesk can verify is weak ("a single salted sha256 digest"), for a hint to
    // set a new password; empty when it is strong enough, or not a supported hash at all.
    static QString weakness(const QString& hash);
    // The method part only ("pbkdf2:sha256:600000"), for display: the hash is never shown whole.
    // "bcrypt"/"argon2id" etc. for modular-crypt hashes; empty when the value does not look like
    // a hash at all (so a plaintext password in the column is never echoed).
    static QString method(const QString& hash);
};
