#include "FlaskApp.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace {

constexpr int ProcessTimeoutMs = 120000;

} // namespace

QString ProcessResult::describe() const
{
    const QString state = exitedNormally ? QStringLiteral("exit %1").arg(exitCode) : problem;
    return QStringLiteral("\n  %1\n  %2\n  stdout: [%3]\n  stderr: [%4]")
        .arg(command, state, out.left(3000), err.right(3000));
}

namespace FlaskApp {

ProcessResult run(const QString& program, const QStringList& arguments,
                  const QProcessEnvironment& environment)
{
    ProcessResult result;
    result.command = program + QLatin1Char(' ') + arguments.join(QLatin1Char(' '));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, arguments);
    if (!process.waitForStarted()) {
        result.problem = QStringLiteral("did not start: ") + process.errorString();
        return result;
    }
    if (!process.waitForFinished(ProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.problem = QStringLiteral("timed out");
    } else if (process.exitStatus() == QProcess::CrashExit) {
        result.problem = QStringLiteral("crashed");
    } else {
        result.exitedNormally = true;
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DATABASE_URL", "PYTHONPATH", "PYTHONHOME", "FLASK_APP"}) {
        environment.remove(QLatin1String(name));
    }
    environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    return environment;
}

QString scriptPath()
{
    return QDir(qEnvironmentVariable("BLOGDESK_SOURCE_DIR"))
        .filePath(QStringLiteral("tests/flaskapp/blogapp.py"));
}

QString python()
{
    return qEnvironmentVariable("BLOGDESK_PYTHON", QStringLiteral("/usr/bin/python3"));
}

bool available(QString* problem)
{
    if (!QFileInfo::exists(scriptPath())) {
        *problem = QStringLiteral("no Flask app at %1: BLOGDESK_SOURCE_DIR must name the source "
                                  "tree (CTest sets it)")
                       .arg(scriptPath());
        return false;
    }
    if (!QFileInfo(python()).isExecutable()) {
        *problem = python() + QStringLiteral(" not found");
        return false;
    }
    return true;
}

ProcessResult runBlogApp(const QStringList& arguments, const QString& databaseUrl)
{
    return runScript(QStringLiteral("blogapp.py"), arguments, databaseUrl);
}

ProcessResult runScript(const QString& fileName, const QStringList& arguments,
                        const QString& databaseUrl)
{
    QProcessEnvironment environment = cleanEnvironment();
    environment.insert(QStringLiteral("DATABASE_URL"), databaseUrl);
    const QString script = QFileInfo(scriptPath()).dir().filePath(fileName);
    return run(python(), QStringList{script} + arguments, environment);
}

QString sqlAlchemyUrl(const QString& url)
{
    const QString mysql = QStringLiteral("mysql://");
    return url.startsWith(mysql) ? QStringLiteral("mysql+pymysql://") + url.mid(mysql.size()) : url;
}

} // namespace FlaskApp
