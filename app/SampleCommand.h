#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

#include "app/CliSession.h"

// `blogdesk sample`: fills a database with the deterministic sample blog.
namespace SampleCommand {

struct Options
{
    QCommandLineOption users;
    QCommandLineOption postsPerUser;
    QCommandLineOption commentsPerPost;
    QCommandLineOption seed;
};

Options addOptions(QCommandLineParser* parser);

int run(const CommonArguments& common, const Options& options, const QCommandLineParser& parser,
        QTextStream& out, QTextStream& err);

} // namespace SampleCommand
