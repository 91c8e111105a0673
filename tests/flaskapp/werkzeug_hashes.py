#!/usr/bin/env python3
"""Password hashes made and checked by the Werkzeug this interpreter imports, for BlogDesk's tests.

  werkzeug_hashes.py make        prints {"werkzeug": version, "verified": [...], "refused": [...]}
                                 as JSON. "verified" lists every hash form this Werkzeug makes
                                 and verifies, each entry {"name", "password", "hash"} confirmed
                                 with its own check_password_hash (True for the password, False
                                 for the password + "x"). "refused" lists hashes it makes or
                                 would read but cannot verify (check_password_hash raises or
                                 says False for the right password), with "error".
  werkzeug_hashes.py check FILE  reads [{"hash", "password"}] from the JSON file FILE and prints
                                 a JSON list with check_password_hash's answer for each: true,
                                 false or "error: <exception>".

The tests run it with Debian 12's /usr/bin/python3 (python3-werkzeug 2.2.2). The file
werkzeug-3.1.8-hashes.json next to it was made by `make` under Werkzeug 3.1.8 (pip), for the
forms only Werkzeug 2.3 and later verify (scrypt, "pbkdf2" alone, PBKDF2 without a salt).
"""

import hashlib
import importlib.metadata
import json
import sys

from werkzeug import security

PASSWORDS = ["s3cret", "pässwörd€", "パスワード", "", "🔑 key"]
# Slow forms (default PBKDF2 counts, scrypt) are made for these only.
FEW_PASSWORDS = PASSWORDS[:2]
# Spellings hashlib takes besides its own names (OpenSSL's, case-insensitive).
DIGEST_ALIASES = ["SHA256", "sha-256", "MD5", "blake2b512", "SHA2-512/224"]


def digest_names():
    """hashlib's names with a fixed-length output (shake_* has none), and a few aliases."""
    names = []
    for name in sorted(hashlib.algorithms_available):
        try:
            if hashlib.new(name).digest_size > 0:
                names.append(name)
        except ValueError:
            pass
    return names + DIGEST_ALIASES


def generated(method):
    return lambda password: security.generate_password_hash(password, method)


def unsalted(method):
    """The hash Werkzeug's own _hash_internal makes with an empty salt."""

    def make(password):
        value, actual_method = security._hash_internal(method, "", password)
        return f"{actual_method}$${value}"

    return make


def renamed(make, method):
    """A hash made by `make`, stored under another method name (e.g. without its count)."""

    def rename(password):
        _, salt, value = make(password).split("$", 2)
        return f"{method}${salt}${value}"

    return rename


def forms():
    """(name, how to make it, passwords): every form a Werkzeug 2.x or 3.x might verify."""
    result = []
    for name in digest_names():
        result.append((f"{name} salted", generated(name), PASSWORDS))
        result.append((f"{name} unsalted", unsalted(name), PASSWORDS))
        result.append((f"pbkdf2 {name} 1000", generated(f"pbkdf2:{name}:1000"), PASSWORDS))
    result += [
        ("null digest unsalted", unsalted("null"), FEW_PASSWORDS),
        ("plain", generated("plain"), PASSWORDS),
        ("plain with a salt", lambda password: f"plain$someSalt${password}", PASSWORDS),
        ("plain with dollars", generated("plain"), ["pa$$word$", "$"]),
        ("pbkdf2 default", generated("pbkdf2:sha256"), FEW_PASSWORDS),
        ("pbkdf2 sha256 without count",
         renamed(generated("pbkdf2:sha256"), "pbkdf2:sha256"), FEW_PASSWORDS),
        ("pbkdf2 sha512 without count",
         renamed(generated("pbkdf2:sha512"), "pbkdf2:sha512"), FEW_PASSWORDS),
        ("pbkdf2 alone", renamed(generated("pbkdf2"), "pbkdf2"), FEW_PASSWORDS),
        ("pbkdf2 sha1 1", generated("pbkdf2:sha1:1"), FEW_PASSWORDS),
        ("pbkdf2 without salt", unsalted("pbkdf2:sha256:1000"), FEW_PASSWORDS),
        ("scrypt default", generated("scrypt"), FEW_PASSWORDS),
        ("scrypt alone", renamed(generated("scrypt"), "scrypt"), FEW_PASSWORDS),
        ("scrypt 16384:8:2", generated("scrypt:16384:8:2"), FEW_PASSWORDS),
        ("scrypt 1024:8:1", generated("scrypt:1024:8:1"), FEW_PASSWORDS),
        ("scrypt without salt", unsalted("scrypt:1024:8:1"), FEW_PASSWORDS),
    ]
    return result


def verdict(pwhash, password):
    try:
        return security.check_password_hash(pwhash, password)
    except Exception as error:  # what a Flask login would run into
        return f"error: {type(error).__name__}: {error}"


def make():
    verified, refused = [], []
    for name, how, passwords in forms():
        for index, password in enumerate(passwords):
            try:
                pwhash = how(password)
            except Exception:
                continue  # this Werkzeug cannot make the form at all
            entry = {"name": f"{name} #{index}", "password": password, "hash": pwhash}
            right, wrong = verdict(pwhash, password), verdict(pwhash, password + "x")
            if right is True and wrong is False:
                verified.append(entry)
            else:
                refused.append(dict(entry, error=f"{right} / {wrong}"))
    version = importlib.metadata.version("werkzeug")
    json.dump({"werkzeug": version, "verified": verified, "refused": refused}, sys.stdout,
              indent=1)
    print()


def check(path):
    with open(path, encoding="utf-8") as file:
        pairs = json.load(file)
    json.dump([verdict(pair["hash"], pair["password"]) for pair in pairs], sys.stdout)
    print()


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"]:
        make()
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        check(sys.argv[2])
    else:
        sys.exit(__doc__)
