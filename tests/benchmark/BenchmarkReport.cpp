#include "BenchmarkReport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSysInfo>
#include <QThread>

#include <algorithm>

namespace {

double medianOf(QList<double> values)
{
    if (values.isEmpty()) {
        return -1;
    }
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
}

QString statusName(Figure::Status status)
{
    switch (status) {
    case Figure::Status::Measured:
        return QStringLiteral("measured");
    case Figure::Status::Missing:
        return QStringLiteral("missing");
    case Figure::Status::NotAvailable:
        return QStringLiteral("not available");
    case Figure::Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

// -1 stands for "none": JSON null.
QJsonValue number(double value)
{
    return value < 0 ? QJsonValue() : QJsonValue(qRound64(value * 10) / 10.0);
}

QString cell(double value)
{
    return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', 1);
}

QString cpuModel()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (!cpuinfo.open(QIODevice::ReadOnly)) {
        return QSysInfo::currentCpuArchitecture();
    }
    static const QRegularExpression model(QStringLiteral("^model name\\s*:\\s*(.+)$"),
                                          QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = model.match(QString::fromLatin1(cpuinfo.readAll()));
    return match.hasMatch() ? match.captured(1).trimmed() : QSysInfo::currentCpuArchitecture();
}

QJsonObject machine()
{
    return {{QStringLiteral("cpu"), cpuModel()},
            {QStringLiteral("cores"), QThread::idealThreadCount()},
            {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
            {QStringLiteral("os"), QSysInfo::prettyProductName()}};
}

} // namespace

double Figure::median() const
{
    return medianOf(samples);
}

double Figure::max() const
{
    return samples.isEmpty() ? -1 : *std::max_element(samples.begin(), samples.end());
}

double Figure::floorMedian() const
{
    return medianOf(floorSamples);
}

double Figure::effectiveTarget() const
{
    if (floorFactor > 0) {
        return floorMedian() < 0 ? -1 : floorFactor * floorMedian();
    }
    return target;
}

bool Figure::met() const
{
    return status == Status::Measured && !samples.isEmpty() && effectiveTarget() >= 0 &&
           max() <= effectiveTarget();
}

QJsonObject BackendReport::toJson() const
{
    QJsonArray actions;
    for (const Figure& figure : figures) {
        QJsonObject object{{QStringLiteral("action"), figure.name},
                           {QStringLiteral("unit"), figure.unit},
                           {QStringLiteral("status"), statusName(figure.status)},
                           {QStringLiteral("median"), number(figure.median())},
                           {QStringLiteral("max"), number(figure.max())},
                           {QStringLiteral("floor"), number(figure.floorMedian())},
                           {QStringLiteral("target"), number(figure.effectiveTarget())},
                           {QStringLiteral("met"), figure.met()},
                           {QStringLiteral("repeats"), int(figure.samples.size())}};
        if (figure.statements >= 0) {
            object.insert(QStringLiteral("statements"), figure.statements);
        }
        if (figure.longestStallMs >= 0) {
            object.insert(QStringLiteral("longest_stall_ms"), number(figure.longestStallMs));
        }
        if (figure.rows >= 0) {
            object.insert(QStringLiteral("rows"), figure.rows);
        }
        if (!figure.note.isEmpty()) {
            object.insert(QStringLiteral("note"), figure.note);
        }
        actions.append(object);
    }
    return {{QStringLiteral("backend"), backend},
            {QStringLiteral("database"), database},
            {QStringLiteral("scale"), scale},
            {QStringLiteral("repeats"), repeats},
            {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("machine"), machine()},
            {QStringLiteral("actions"), actions}};
}

QString BackendReport::table() const
{
    QString text =
        QStringLiteral("%1 — %2 (%3%4 repeats)\n")
            .arg(backend, database, scale.isEmpty() ? QString() : scale + QStringLiteral(", "))
            .arg(repeats);
    text += QStringLiteral("%1 %2 %3 %4 %5 %6  %7\n")
                .arg(QStringLiteral("action"), -28)
                .arg(QStringLiteral("median"), 9)
                .arg(QStringLiteral("max"), 9)
                .arg(QStringLiteral("floor"), 9)
                .arg(QStringLiteral("target"), 9)
                .arg(QStringLiteral("stmts"), 6)
                .arg(QStringLiteral("result"));
    for (const Figure& figure : figures) {
        const QString result = figure.status != Figure::Status::Measured ? statusName(figure.status)
                               : figure.effectiveTarget() < 0            ? QStringLiteral("-")
                               : figure.met()                            ? QStringLiteral("met")
                                                                         : QStringLiteral("MISSED");
        text += QStringLiteral("%1 %2 %3 %4 %5 %6  %7%8\n")
                    .arg(figure.name + QStringLiteral(" (") + figure.unit + QLatin1Char(')'), -28)
                    .arg(cell(figure.median()), 9)
                    .arg(cell(figure.max()), 9)
                    .arg(cell(figure.floorMedian()), 9)
                    .arg(cell(figure.effectiveTarget()), 9)
                    .arg(figure.statements < 0 ? QStringLiteral("-")
                                               : QString::number(figure.statements),
                         6)
                    .arg(result,
                         figure.note.isEmpty() ? QString() : QStringLiteral(": ") + figure.note);
    }
    return text;
}

namespace BenchmarkReport {

bool appendTo(const QString& path, const BackendReport& report, QString* error)
{
    QFile file(path);
    QJsonArray reports;
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return false;
        }
        const QJsonDocument existing = QJsonDocument::fromJson(file.readAll());
        file.close();
        if (!existing.isArray()) {
            *error = QStringLiteral("%1 holds no JSON array").arg(path);
            return false;
        }
        reports = existing.array();
    }
    reports.append(report.toJson());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(reports).toJson()) < 0) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace BenchmarkReport
