#pragma once

#include <QList>
#include <QString>
#include <QVariant>

// Password hashes from the real Werkzeug, through tests/flaskapp/werkzeug_hashes.py (see its
// docstring) run by the interpreter the Flask app tests use (Debian 12's /usr/bin/python3, so
// python3-werkzeug 2.2.2).
namespace WerkzeugHashes {

struct Vector
{
    QString name;
    QString password;
    QString hash;
    QString error; // why Werkzeug could not verify it ("refused" only)
};

struct Made
{
    QString version; // of the Werkzeug that made them
    QList<Vector> verified;
    QList<Vector> refused;
};

// Runs `werkzeug_hashes.py make`. False with *problem when Python or the script fail.
bool make(Made* out, QString* problem);
// Reads a file `make` wrote earlier (the Werkzeug 3 vectors kept next to the script).
bool readFile(const QString& name, Made* out, QString* problem);
// Asks Werkzeug's check_password_hash about each (hash, password): *answers gets true, false
// or a string "error: ..." for each, in order.
bool check(const QList<Vector>& vectors, QVariantList* answers, QString* problem);

} // namespace WerkzeugHashes
