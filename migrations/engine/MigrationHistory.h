#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "migrations/engine/Migration.h"

// The ordered chain of revisions from the first (base's child) to head. BlogDesk's history
// is linear: every revision has one parent and at most one child.
class MigrationHistory
{
    Q_DECLARE_TR_FUNCTIONS(MigrationHistory)

public:
    // The history compiled into the binary.
    static QString builtInDirectory();

    // Reads every *.sql file of `directory` (a folder or a Qt resource path).
    bool load(const QString& directory, QString* error);
    bool loadBuiltIn(QString* error) { return load(builtInDirectory(), error); }

    const QList<Migration>& revisions() const { return m_revisions; }
    int size() const { return m_revisions.size(); }
    const Migration& at(int index) const { return m_revisions.at(index); }
    int indexOf(const QString& revision) const; // -1 when not in this history
    int headIndex() const { return m_revisions.size() - 1; }
    QString head() const;

    // Resolves a target as `flask db` takes it: "head", "base", a revision id or a unique
    // prefix of one, "+N"/"-N" relative to `currentIndex`, or "REV+N"/"REV-N". The result is
    // an index into revisions(), -1 meaning base.
    bool resolve(const QString& spec, int currentIndex, int* index, QString* error) const;

private:
    bool order(QList<Migration> unordered, QString* error);
    bool resolveAbsolute(const QString& spec, int* index, QString* error) const;

    QList<Migration> m_revisions;
};
