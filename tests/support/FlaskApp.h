#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// What a finished child process left behind.
struct ProcessResult
{
    QString command;
    bool exitedNormally = false;
    int exitCode = -1;
    QString problem;
    QString out;
    QString err;

    bool exited(int code) const { return exitedNormally && exitCode == code; }
    QString describe() const;
};

namespace FlaskApp {

// Runs a program to its end (two minutes at most) with stdin closed.
ProcessResult run(const QString& program, const QStringList& arguments,
                  const QProcessEnvironment& environment);

// The system environment without anything that would pick another database or break the
// system interpreter, and without .pyc files in the source tree.
QProcessEnvironment cleanEnvironment();

// Where the guide's Flask app (tests/flaskapp/blogapp.py) and its interpreter are; empty
// *problem when both exist (CTest sets BLOGDESK_SOURCE_DIR).
QString scriptPath();
QString python();
bool available(QString* problem);

// Runs the guide's Flask app with DATABASE_URL=databaseUrl: "create" (db.create_all() and
// sample rows) or "migrate-init DIR" (Flask-Migrate init, migrate, upgrade).
ProcessResult runBlogApp(const QStringList& arguments, const QString& databaseUrl);
// The same for another script of tests/flaskapp (such as autogenerate_diff.py).
ProcessResult runScript(const QString& fileName, const QStringList& arguments,
                        const QString& databaseUrl);

// A test server's URL as the app is given it: SQLAlchemy's plain mysql:// would load MySQLdb,
// which Debian's python3-flask-sqlalchemy does not pull in; PyMySQL is the driver.
QString sqlAlchemyUrl(const QString& url);

} // namespace FlaskApp
