#pragma once

#include <QString>
#include <QStringList>

// The benchmark's command line, parsed in one place.
struct BenchmarkOptions
{
    QString database; // the URL, as blogdesk --database takes it
    int repeats = 5;  // each action
    QString jsonPath; // append the back end's report to this JSON array
    QString scale;    // a label for the report, e.g. "users=1000 ..."
    QString commonText = QStringLiteral("database"); // substring filter, many matches
    QString rareText; // substring filter, few matches; empty: a post's slug
    QString commonWord = QStringLiteral("database"); // full-text search
    QString rareWord = QStringLiteral("afternoon");  // full-text search
    bool floors = true;                              // run the command-line client for each action
    QStringList only; // run just these actions (start-up, stall and memory are always measured)

    // The actions BenchmarkRun knows, in the order it runs them.
    static QStringList actionNames();

    // False, with *error saying why, when `arguments` (argv, program first) are wrong.
    static bool parse(const QStringList& arguments, BenchmarkOptions* options, QString* error);
    static QString usage();
};
