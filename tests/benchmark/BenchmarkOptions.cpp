#include "BenchmarkOptions.h"

#include <QCommandLineParser>

namespace {

constexpr int MaxRepeats = 1000;

} // namespace

QString BenchmarkOptions::usage()
{
    return QStringLiteral(
        "usage: blogdesk_benchmark --database URL [--repeats N] [--json FILE] [--scale LABEL]\n"
        "       [--common-text TEXT] [--rare-text TEXT] [--common-word WORD]\n"
        "       [--rare-word WORD] [--no-floor] [--only ACTION[,ACTION...]]\n");
}

QStringList BenchmarkOptions::actionNames()
{
    return {QStringLiteral("page_forward"),        QStringLiteral("page_back"),
            QStringLiteral("last_page"),           QStringLiteral("sort_by_author"),
            QStringLiteral("filter_rare_text"),    QStringLiteral("filter_common_text"),
            QStringLiteral("search_rare_word"),    QStringLiteral("search_common_word"),
            QStringLiteral("select_busiest_post"), QStringLiteral("arrow_down"),
            QStringLiteral("author_statistics")};
}

bool BenchmarkOptions::parse(const QStringList& arguments, BenchmarkOptions* options,
                             QString* error)
{
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QString(), QStringLiteral("URL"));
    const QCommandLineOption repeats(QStringLiteral("repeats"), QString(), QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption scale(QStringLiteral("scale"), QString(), QStringLiteral("LABEL"));
    const QCommandLineOption commonText(QStringLiteral("common-text"), QString(),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption rareText(QStringLiteral("rare-text"), QString(),
                                      QStringLiteral("TEXT"));
    const QCommandLineOption commonWord(QStringLiteral("common-word"), QString(),
                                        QStringLiteral("WORD"));
    const QCommandLineOption rareWord(QStringLiteral("rare-word"), QString(),
                                      QStringLiteral("WORD"));
    const QCommandLineOption noFloor(QStringLiteral("no-floor"));
    const QCommandLineOption only(QStringLiteral("only"), QString(), QStringLiteral("ACTIONS"));
    parser.addOptions({database, repeats, json, scale, commonText, rareText, commonWord, rareWord,
                       noFloor, only});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error =
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());
        return false;
    }
    if (!parser.isSet(database)) {
        *error = QStringLiteral("--database is required");
        return false;
    }
    options->database = parser.value(database);
    if (parser.isSet(repeats)) {
        bool ok = false;
        options->repeats = parser.value(repeats).toInt(&ok);
        if (!ok || options->repeats < 1 || options->repeats > MaxRepeats) {
            *error = QStringLiteral("--repeats must be a whole number from 1 to %1, not '%2'")
                         .arg(MaxRepeats)
                         .arg(parser.value(repeats));
            return false;
        }
    }
    options->jsonPath = parser.value(json);
    options->scale = parser.value(scale);
    for (const auto& [option, field] :
         {std::pair{&commonText, &options->commonText}, std::pair{&rareText, &options->rareText},
          std::pair{&commonWord, &options->commonWord}, std::pair{&rareWord, &options->rareWord}}) {
        if (parser.isSet(*option)) {
            *field = parser.value(*option);
            if (field->trimmed().isEmpty()) {
                *error = QStringLiteral("--%1 must not be empty").arg(option->names().first());
                return false;
            }
        }
    }
    options->floors = !parser.isSet(noFloor);
    options->only = parser.value(only).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& action : std::as_const(options->only)) {
        if (!actionNames().contains(action)) {
            *error = QStringLiteral("--only: no action '%1' (there are %2)")
                         .arg(action, actionNames().join(QStringLiteral(", ")));
            return false;
        }
    }
    return true;
}
