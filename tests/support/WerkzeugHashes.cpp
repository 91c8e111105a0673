#include "WerkzeugHashes.h"

#include "FlaskApp.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace {

QString flaskAppFolder()
{
    return QDir(qEnvironmentVariable("BLOGDESK_SOURCE_DIR"))
        .filePath(QStringLiteral("tests/flaskapp"));
}

ProcessResult runScript(const QStringList& arguments)
{
    const QString script = QDir(flaskAppFolder()).filePath(QStringLiteral("werkzeug_hashes.py"));
    return FlaskApp::run(FlaskApp::python(), QStringList{script} + arguments,
                         FlaskApp::cleanEnvironment());
}

QList<WerkzeugHashes::Vector> vectorsIn(const QJsonArray& array)
{
    QList<WerkzeugHashes::Vector> vectors;
    for (const QJsonValue& value : array) {
        vectors.append(
            {value[QLatin1String("name")].toString(), value[QLatin1String("password")].toString(),
             value[QLatin1String("hash")].toString(), value[QLatin1String("error")].toString()});
    }
    return vectors;
}

bool parseMade(const QByteArray& json, WerkzeugHashes::Made* out, QString* problem)
{
    QJsonParseError error;
    const QJsonObject made = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError || !made.contains(QLatin1String("verified"))) {
        *problem = QStringLiteral("not the script's JSON: ") + error.errorString();
        return false;
    }
    out->version = made[QLatin1String("werkzeug")].toString();
    out->verified = vectorsIn(made[QLatin1String("verified")].toArray());
    out->refused = vectorsIn(made[QLatin1String("refused")].toArray());
    return true;
}

} // namespace

namespace WerkzeugHashes {

bool make(Made* out, QString* problem)
{
    const ProcessResult result = runScript({QStringLiteral("make")});
    if (!result.exited(0)) {
        *problem = result.describe();
        return false;
    }
    return parseMade(result.out.toUtf8(), out, problem);
}

bool readFile(const QString& name, Made* out, QString* problem)
{
    QFile file(QDir(flaskAppFolder()).filePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.fileName() + QStringLiteral(": ") + file.errorString();
        return false;
    }
    return parseMade(file.readAll(), out, problem);
}

bool check(const QList<Vector>& vectors, QVariantList* answers, QString* problem)
{
    QJsonArray pairs;
    for (const Vector& vector : vectors) {
        pairs.append(QJsonObject{{QStringLiteral("hash"), vector.hash},
                                 {QStringLiteral("password"), vector.password}});
    }
    QTemporaryDir folder;
    QFile input(folder.filePath(QStringLiteral("pairs.json")));
    if (!folder.isValid() || !input.open(QIODevice::WriteOnly) ||
        input.write(QJsonDocument(pairs).toJson()) < 0) {
        *problem = QStringLiteral("cannot write ") + input.fileName();
        return false;
    }
    input.close();
    const ProcessResult result = runScript({QStringLiteral("check"), input.fileName()});
    const QJsonArray verdicts = QJsonDocument::fromJson(result.out.toUtf8()).array();
    if (!result.exited(0) || verdicts.size() != vectors.size()) {
        *problem = result.describe();
        return false;
    }
    *answers = verdicts.toVariantList();
    return true;
}

} // namespace WerkzeugHashes
