#pragma once

#include "sql/SqlDialect.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

enum class MigrationDirection
{
    Upgrade,
    Downgrade,
};

// One revision of the schema history, read from a migration file:
//
//   -- revision: ae1027a6acf
//   -- down_revision: 5678abcd
//   -- message: Add user profile table
//   -- create_date: 2024-01-15 10:30:00
//   -- [upgrade]            SQL for every dialect, or per dialect:
//   -- [upgrade.sqlite]     ... [upgrade.postgresql], [upgrade.mysql]
//   -- [downgrade]          likewise
//
// A statement "@step NAME;" runs a built-in data step (see DataSteps).
class Migration
{
public:
    // Parses a file's bytes. On failure *error names the file, the line and what is wrong.
    static bool parse(const QByteArray& contents, const QString& fileName, Migration* migration,
                      QString* error);

    QString revision;
    QString downRevision; // empty for the first revision
    QString message;
    QString createDate;
    QString fileName;
    QString checksum; // SHA-256 of the file's bytes, hex

    bool hasScript(MigrationDirection direction, SqlDialect dialect) const;
    // The statements to run, in order; a data step appears as "@step NAME".
    QStringList statements(MigrationDirection direction, SqlDialect dialect) const;

private:
    QString script(MigrationDirection direction, SqlDialect dialect) const;

    QHash<QString, QString> m_sections; // "upgrade", "upgrade.sqlite", ...
};

// The directive that runs a built-in data step, and the step's name if `statement` is one.
bool isDataStep(const QString& statement, QString* stepName = nullptr);
