#pragma once

#include <QStringList>
#include <QTextStream>

// The display-free part of BlogDesk: `db` (the verbs of `flask db`), `sample`, `--help` and
// `--version`. Exit codes: 0 success, 1 the work failed, 2 the command line was wrong, 3 another
// migration held the database's migration lock (nothing was changed).
namespace CommandLine {

enum ExitCode
{
    Success = 0,
    Failure = 1,
    UsageError = 2,
    LockHeld = 3,
};

// Whether these arguments (argv, program name first) ask for a verb rather than the window;
// decided before any QCoreApplication exists, so no display is ever needed for them.
bool wantsCommandLine(int argc, char** argv);

int run(const QStringList& arguments, QTextStream& out, QTextStream& err);

// The usage text shared by --help and the window's own command line.
QString usage();

} // namespace CommandLine
