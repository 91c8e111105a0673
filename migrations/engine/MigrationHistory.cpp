#include "MigrationHistory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

QString MigrationHistory::builtInDirectory()
{
    return QStringLiteral(":/migrations/versions");
}

bool MigrationHistory::load(const QString& directory, QString* error)
{
    const QDir dir(directory);
    if (!dir.exists()) {
        *error = tr("migrations folder '%1' does not exist").arg(directory);
        return false;
    }
    if (!QFileInfo(directory).isReadable()) {
        *error = tr("migrations folder '%1' cannot be read (permission denied)").arg(directory);
        return false;
    }
    QList<Migration> unordered;
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            *error =
                tr("cannot read migration file '%1': %2").arg(file.fileName(), file.errorString());
            return false;
        }
        Migration migration;
        if (!Migration::parse(file.readAll(), name, &migration, error)) {
            return false;
        }
        unordered.append(migration);
    }
    if (unordered.isEmpty()) {
        *error = tr("no migration files (*.sql) in '%1'").arg(directory);
        return false;
    }
    return order(unordered, error);
}

// Links each revision to its child; refuses duplicates, unknown parents, branches and cycles.
bool MigrationHistory::order(QList<Migration> unordered, QString* error)
{
    QHash<QString, int> byRevision;
    QHash<QString, int> childOf; // parent revision ("" = base) -> index of its child
    for (int i = 0; i < unordered.size(); ++i) {
        const Migration& m = unordered.at(i);
        if (byRevision.contains(m.revision)) {
            *error = tr("revision %1 is defined twice (%2 and %3)")
                         .arg(m.revision, unordered.at(byRevision.value(m.revision)).fileName,
                              m.fileName);
            return false;
        }
        byRevision.insert(m.revision, i);
        if (childOf.contains(m.downRevision)) {
            const QString parent = m.downRevision.isEmpty() ? tr("base") : m.downRevision;
            *error =
                tr("%1 has two children (%2 and %3): branches are not supported")
                    .arg(parent, unordered.at(childOf.value(m.downRevision)).revision, m.revision);
            return false;
        }
        childOf.insert(m.downRevision, i);
    }
    for (const Migration& m : unordered) {
        if (!m.downRevision.isEmpty() && !byRevision.contains(m.downRevision)) {
            *error = tr("%1 (%2) revises %3, which is not in the history")
                         .arg(m.revision, m.fileName, m.downRevision);
            return false;
        }
    }
    m_revisions.clear();
    for (QString parent; childOf.contains(parent);) {
        const Migration& child = unordered.at(childOf.value(parent));
        m_revisions.append(child);
        parent = child.revision;
    }
    if (m_revisions.size() != unordered.size()) {
        *error = tr("the history has a cycle or no first revision (one with an empty "
                    "down_revision)");
        m_revisions.clear();
        return false;
    }
    return true;
}

int MigrationHistory::indexOf(const QString& revision) const
{
    for (int i = 0; i < m_revisions.size(); ++i) {
        if (m_revisions.at(i).revision == revision) {
            return i;
        }
    }
    return -1;
}

QString MigrationHistory::head() const
{
    return m_revisions.isEmpty() ? QString() : m_revisions.constLast().revision;
}

bool MigrationHistory::resolve(const QString& spec, int currentIndex, int* index,
                               QString* error) const
{
    static const QRegularExpression relative(QStringLiteral("^(.*?)([+-])(\\d+)$"));
    const QRegularExpressionMatch match = relative.match(spec.trimmed());
    int base = currentIndex;
    QString absolute = spec.trimmed();
    if (match.hasMatch()) {
        absolute = match.captured(1);
        if (!absolute.isEmpty() && !resolveAbsolute(absolute, &base, error)) {
            return false;
        }
        const int steps = match.captured(3).toInt();
        const int target = base + (match.captured(2) == QLatin1String("+") ? steps : -steps);
        if (target < -1 || target > headIndex()) {
            *error = tr("relative revision '%1' is outside the history (%2 revisions)")
                         .arg(spec)
                         .arg(size());
            return false;
        }
        *index = target;
        return true;
    }
    return resolveAbsolute(absolute, index, error);
}

bool MigrationHistory::resolveAbsolute(const QString& spec, int* index, QString* error) const
{
    if (spec == QLatin1String("head") || spec == QLatin1String("heads")) {
        *index = headIndex();
        return true;
    }
    if (spec == QLatin1String("base")) {
        *index = -1;
        return true;
    }
    QList<int> matches;
    for (int i = 0; i < m_revisions.size(); ++i) {
        if (m_revisions.at(i).revision == spec) {
            *index = i;
            return true;
        }
        if (!spec.isEmpty() && m_revisions.at(i).revision.startsWith(spec)) {
            matches.append(i);
        }
    }
    if (matches.size() == 1) {
        *index = matches.constFirst();
        return true;
    }
    *error = matches.isEmpty() ? tr("no revision '%1' in the history").arg(spec)
                               : tr("revision prefix '%1' is ambiguous").arg(spec);
    return false;
}
