// The layering rule of docs/architecture.md, checked on the sources: each top folder includes only
// itself and the folders below it, sql <- migrations <- models <- views <- app, with resources/
// beside models (it includes nothing of ours). An include that runs upwards or sideways fails here,
// naming the file and line, before it can grow into a cycle between the CMake targets.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Lower rank = lower layer. Folders of equal rank may not include each other.
const QMap<QString, int>& layerRanks()
{
    static const QMap<QString, int> ranks{{"sql", 0},       {"migrations", 1}, {"models", 2},
                                          {"resources", 2}, {"views", 3},      {"app", 4}};
    return ranks;
}

bool mayInclude(const QString& fromFolder, const QString& toFolder)
{
    if (fromFolder == toFolder)
        return true;
    return layerRanks().value(toFolder) < layerRanks().value(fromFolder);
}

QStringList violationsInFile(const QString& root, const QString& folder, const QString& path)
{
    static const QRegularExpression includeLine(R"re(^\s*#\s*include\s+"([^"]+)")re");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("%1: cannot be read").arg(path)};
    QStringList violations;
    const QString shownPath = QDir(root).relativeFilePath(path);
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine());
        const QRegularExpressionMatch match = includeLine.match(line);
        if (!match.hasMatch())
            continue;
        const QString included = match.captured(1);
        const QString target = included.section('/', 0, 0);
        const bool climbs = included.startsWith(QLatin1String("../"));
        const bool ours = included.contains('/') && layerRanks().contains(target);
        if (climbs || (ours && !mayInclude(folder, target)))
            violations << QStringLiteral("%1:%2: %3/ includes \"%4\"")
                              .arg(shownPath)
                              .arg(lineNumber)
                              .arg(folder, included);
    }
    return violations;
}

QStringList layeringViolations(const QString& root)
{
    QStringList violations;
    for (const QString& folder : layerRanks().keys()) {
        QDirIterator files(root + '/' + folder, {"*.h", "*.cpp"}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext())
            violations << violationsInFile(root, folder, files.next());
    }
    return violations;
}

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
}

} // namespace

class TestLayering : public QObject
{
    Q_OBJECT

private slots:
    void sourcesIncludeOnlyDownwards()
    {
        const QString root = qEnvironmentVariable("BLOGDESK_SOURCE_DIR");
        QVERIFY2(QFileInfo::exists(root + "/sql/Dialect.h"), qPrintable(root));
        const QStringList violations = layeringViolations(root);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join('\n')));
    }

    // The check itself must catch each kind of wrong include, or a clean result means nothing.
    void wrongIncludesAreFound()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        writeFile(root.filePath("sql/A.h"), "#include \"models/B.h\"\n#include <QString>\n");
        writeFile(root.filePath("migrations/engine/C.cpp"),
                  "#include \"sql/A.h\"\n  #  include \"views/D.h\"\n");
        writeFile(root.filePath("models/E.cpp"),
                  "#include \"migrations/C.h\"\n#include \"sql/A.h\"\n"
                  "#include \"resources/R.h\"\n");
        writeFile(root.filePath("views/F.cpp"), "#include \"app/G.h\"\n#include \"../x.h\"\n");
        writeFile(root.filePath("app/H.cpp"),
                  "#include \"views/F.h\"\n#include \"resources/R.h\"\n");

        const QStringList violations = layeringViolations(root.path());
        QCOMPARE(violations.size(), 5);
        QVERIFY(violations.contains("sql/A.h:1: sql/ includes \"models/B.h\""));
        QVERIFY(
            violations.contains("migrations/engine/C.cpp:2: migrations/ includes \"views/D.h\""));
        QVERIFY(violations.contains("models/E.cpp:3: models/ includes \"resources/R.h\""));
        QVERIFY(violations.contains("views/F.cpp:1: views/ includes \"app/G.h\""));
        QVERIFY(violations.contains("views/F.cpp:2: views/ includes \"../x.h\""));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "TestLayering.moc"
