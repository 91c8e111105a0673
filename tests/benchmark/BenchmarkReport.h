#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// One figure of the benchmark on one back end: an action's times over its repeats (or a single
// value, such as peak RSS), beside its floor and its target.
struct Figure
{
    enum class Status
    {
        Measured,
        Missing,      // the control it needs is not in the window (yet)
        NotAvailable, // the action cannot run here
        Failed,       // it ran and went wrong: `note` says how
    };

    explicit Figure(const QString& name, const QString& unit = QStringLiteral("ms"))
        : name(name), unit(unit)
    {}

    QString name;
    QString unit;
    Status status = Status::Measured;
    QList<double> samples;      // one per repeat
    QList<double> floorSamples; // the command-line client's time per repeat; empty: none
    double target = -1;         // -1: no target
    double floorFactor = -1;    // the target is floorFactor × the floor's median instead
    qint64 statements = -1;     // SQL statements of the last repeat; -1: not measured
    double longestStallMs = -1; // during this action; -1: not measured
    qint64 rows = -1;           // rows the action ended with (a filter's matches); -1: n/a
    QString note;

    double median() const;
    double max() const;
    double floorMedian() const;
    double effectiveTarget() const; // target, or floorFactor × floorMedian()
    bool met() const;               // the worst repeat within the target
};

// Everything measured on one back end, written as JSON and as a table.
struct BackendReport
{
    QString backend;  // "sqlite", "postgresql", "mysql"
    QString database; // the URL, password hidden
    QString scale;    // e.g. "users=1000 posts-per-user=10 comments-per-post=5"
    int repeats = 0;
    QList<Figure> figures;

    QJsonObject toJson() const;
    // The readable table (a missed target is printed as MISSED).
    QString table() const;
};

namespace BenchmarkReport {

// Appends `report` to the JSON array in `path` (a new file holds just it); false on failure.
bool appendTo(const QString& path, const BackendReport& report, QString* error);

} // namespace BenchmarkReport
