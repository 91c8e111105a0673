#include "resources/Resources.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>

#include <cstdio>

#include "app/CommandLine.h"
#include "app/GuiStartup.h"

int main(int argc, char* argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("BlogDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BLOGDESK_VERSION));
    // The verbs run without a QApplication: a server reached over SSH has no display.
    if (CommandLine::wantsCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return CommandLine::run(QCoreApplication::arguments(), out, err);
    }
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(Resources::applicationIcon()));
    return GuiStartup::run(QCoreApplication::arguments());
}
