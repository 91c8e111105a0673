#include "MigrationTemplate.h"

#include "sql/Dialect.h"
#include "sql/Slugify.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(MigrationTemplate)
};

// Which type to write for each kind of column on each back end, so that a new column holds
// the same data everywhere (Dialect::columnType).
QString typeGuide()
{
    using Type = Dialect::ColumnType;
    const struct
    {
        const char* kind;
        Type type;
    } kinds[] = {{"id", Type::Id},           {"integer", Type::Integer},
                 {"boolean", Type::Boolean}, {"timestamp", Type::Timestamp},
                 {"string", Type::String},   {"long text", Type::LongText}};
    QString text = QStringLiteral("-- Column types that keep the same data on every back end:\n");
    for (const auto& kind : kinds) {
        QStringList spellings;
        for (const SqlDialect dialect :
             {SqlDialect::SQLite, SqlDialect::PostgreSQL, SqlDialect::MySQL}) {
            const Dialect rules(dialect);
            spellings << rules.name() + QStringLiteral(" ") + rules.columnType(kind.type, 80);
        }
        text += QStringLiteral("--   %1: %2\n")
                    .arg(QLatin1String(kind.kind), spellings.join(QStringLiteral(" | ")));
    }
    return text + QStringLiteral("-- and a MySQL table ends with %1.\n")
                      .arg(Dialect(SqlDialect::MySQL).tableOptions());
}

QString contents(const QString& revision, const QString& parent, const QString& message)
{
    QString text;
    text += QStringLiteral("-- revision: %1\n").arg(revision);
    text += QStringLiteral("-- down_revision: %1\n").arg(parent);
    text += QStringLiteral("-- message: %1\n").arg(message);
    text += QStringLiteral("-- create_date: %1\n")
                .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    text += QStringLiteral(
        "--\n"
        "-- [upgrade] runs on every back end; a section such as [upgrade.sqlite],\n"
        "-- [upgrade.postgresql] or [upgrade.mysql] replaces it for that one. Statements end\n"
        "-- with ';'. Each revision runs in one transaction (MySQL commits DDL at once).\n");
    text += typeGuide();
    text += QStringLiteral("\n"
                           "-- [upgrade]\n"
                           "\n"
                           "-- [downgrade]\n");
    return text;
}

} // namespace

namespace MigrationTemplate {

QString newRevisionId()
{
    const quint64 bits = QRandomGenerator::global()->generate64() & Q_UINT64_C(0xffffffffffff);
    return QStringLiteral("%1").arg(bits, 12, 16, QLatin1Char('0'));
}

QString fileNameFor(int position, const QString& message)
{
    QString slug = slugify(message).replace(QLatin1Char('-'), QLatin1Char('_')).left(60);
    if (slug.isEmpty()) {
        slug = QStringLiteral("revision");
    }
    return QStringLiteral("%1_%2.sql").arg(position, 4, 10, QLatin1Char('0')).arg(slug);
}

bool copyBuiltIn(const QString& folder, QString* error)
{
    const QDir source(MigrationHistory::builtInDirectory());
    const QDir target(folder);
    for (const QString& name : source.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
        const QString destination = target.filePath(name);
        if (QFile::exists(destination)) {
            continue;
        }
        if (!QFile::copy(source.filePath(name), destination)) {
            *error = Text::tr("cannot copy %1 into %2").arg(name, QDir::toNativeSeparators(folder));
            return false;
        }
        // Files from Qt resources arrive read-only; these are the user's to edit now.
        QFile::setPermissions(destination, QFile::permissions(destination) |
                                               QFileDevice::WriteOwner | QFileDevice::ReadOwner);
    }
    return true;
}

bool create(const QString& folder, const MigrationHistory& history, const QString& message,
            QString* path, QString* error)
{
    const QString trimmed = message.simplified();
    if (trimmed.isEmpty()) {
        *error = Text::tr("a revision needs a message saying what it changes");
        return false;
    }
    const QDir dir(folder);
    if (!dir.exists()) {
        *error = Text::tr("the folder %1 does not exist").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    QString revision = newRevisionId();
    while (history.indexOf(revision) >= 0) {
        revision = newRevisionId();
    }
    *path = dir.filePath(fileNameFor(history.size() + 1, trimmed));
    QFile file(*path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *error = Text::tr("cannot create %1: %2")
                     .arg(QDir::toNativeSeparators(*path), file.errorString());
        return false;
    }
    const QByteArray bytes = contents(revision, history.head(), trimmed).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        *error = Text::tr("cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(*path), file.errorString());
        file.remove();
        return false;
    }
    return true;
}

} // namespace MigrationTemplate
