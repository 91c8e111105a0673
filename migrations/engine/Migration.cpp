#include "Migration.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

#include "migrations/engine/DataSteps.h"
#include "migrations/engine/SqlScript.h"

namespace {

QString directionName(MigrationDirection direction)
{
    return direction == MigrationDirection::Upgrade ? QStringLiteral("upgrade")
                                                    : QStringLiteral("downgrade");
}

// Reads the file line by line: header lines first, then sections.
class MigrationParser
{
    Q_DECLARE_TR_FUNCTIONS(Migration)

public:
    MigrationParser(const QString& fileName, Migration* migration)
        : m_fileName(fileName), m_migration(migration)
    {}

    bool parse(const QString& text, QHash<QString, QString>* sections)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            m_line = i + 1;
            if (!parseLine(lines.at(i), sections)) {
                return false;
            }
        }
        return validate(*sections);
    }

    QString error() const { return m_error; }

private:
    bool parseLine(const QString& rawLine, QHash<QString, QString>* sections)
    {
        const QString line = rawLine.trimmed();
        static const QRegularExpression sectionPattern(
            QStringLiteral("^--\\s*\\[\\s*([A-Za-z_.]+)\\s*\\]\\s*$"));
        const QRegularExpressionMatch section = sectionPattern.match(line);
        if (section.hasMatch()) {
            return startSection(section.captured(1), sections);
        }
        if (m_section.isEmpty()) {
            return parseHeaderLine(line);
        }
        (*sections)[m_section] += rawLine + QLatin1Char('\n');
        return true;
    }

    bool startSection(const QString& name, QHash<QString, QString>* sections)
    {
        static const QRegularExpression valid(
            QStringLiteral("^(upgrade|downgrade)(\\.(sqlite|postgresql|mysql))?$"));
        if (!valid.match(name).hasMatch()) {
            return fail(tr("unknown section [%1]: use [upgrade], [downgrade] or "
                           "[upgrade.sqlite|postgresql|mysql]")
                            .arg(name));
        }
        if (sections->contains(name)) {
            return fail(tr("section [%1] appears twice").arg(name));
        }
        m_section = name;
        sections->insert(name, QString());
        return true;
    }

    bool parseHeaderLine(const QString& line)
    {
        static const QRegularExpression header(QStringLiteral("^--\\s*([A-Za-z_]+)\\s*:\\s*(.*)$"));
        if (line.isEmpty() || !line.startsWith(QLatin1String("--"))) {
            return line.isEmpty() || fail(tr("SQL before the first [upgrade] section"));
        }
        const QRegularExpressionMatch match = header.match(line);
        if (!match.hasMatch() || m_headerDone) {
            m_headerDone = true; // free comment lines end the header block
            return true;
        }
        return setHeader(match.captured(1), match.captured(2).trimmed());
    }

    bool setHeader(const QString& key, const QString& value)
    {
        if (key == QLatin1String("revision")) {
            m_migration->revision = value;
        } else if (key == QLatin1String("down_revision")) {
            m_migration->downRevision = value;
        } else if (key == QLatin1String("message")) {
            m_migration->message = value;
        } else if (key == QLatin1String("create_date")) {
            m_migration->createDate = value;
        } else {
            return fail(tr("unknown header '%1'").arg(key));
        }
        return true;
    }

    bool validate(const QHash<QString, QString>& sections)
    {
        m_line = 0;
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_]{1,32}$"));
        if (!idPattern.match(m_migration->revision).hasMatch()) {
            return fail(tr("missing or invalid 'revision:' header (1 to 32 letters, digits, _)"));
        }
        if (!m_migration->downRevision.isEmpty() &&
            !idPattern.match(m_migration->downRevision).hasMatch()) {
            return fail(tr("invalid 'down_revision:' header '%1'").arg(m_migration->downRevision));
        }
        if (m_migration->message.isEmpty()) {
            return fail(tr("missing 'message:' header"));
        }
        for (const char* direction : {"upgrade", "downgrade"}) {
            if (!hasAnySection(sections, QLatin1String(direction))) {
                return fail(tr("no [%1] section").arg(QLatin1String(direction)));
            }
        }
        return validateSteps(sections);
    }

    static bool hasAnySection(const QHash<QString, QString>& sections, const QString& direction)
    {
        for (auto it = sections.cbegin(); it != sections.cend(); ++it) {
            if (it.key().section(QLatin1Char('.'), 0, 0) == direction) {
                return true;
            }
        }
        return false;
    }

    bool validateSteps(const QHash<QString, QString>& sections)
    {
        for (auto it = sections.cbegin(); it != sections.cend(); ++it) {
            for (const QString& statement : SqlScript::split(it.value())) {
                QString step;
                if (statement.startsWith(QLatin1Char('@')) &&
                    !(isDataStep(statement, &step) && DataSteps::isKnown(step))) {
                    return fail(tr("unknown directive '%1' in [%2]").arg(statement, it.key()));
                }
            }
        }
        return true;
    }

    bool fail(const QString& message)
    {
        m_error = m_line > 0 ? QStringLiteral("%1:%2: %3").arg(m_fileName).arg(m_line).arg(message)
                             : QStringLiteral("%1: %2").arg(m_fileName, message);
        return false;
    }

    QString m_fileName;
    Migration* m_migration;
    QString m_section;
    QString m_error;
    int m_line = 0;
    bool m_headerDone = false;
};

} // namespace

bool Migration::parse(const QByteArray& contents, const QString& fileName, Migration* migration,
                      QString* error)
{
    Migration parsed;
    parsed.fileName = fileName;
    parsed.checksum =
        QString::fromLatin1(QCryptographicHash::hash(contents, QCryptographicHash::Sha256).toHex());
    MigrationParser parser(fileName, &parsed);
    if (!parser.parse(QString::fromUtf8(contents), &parsed.m_sections)) {
        *error = parser.error();
        return false;
    }
    *migration = parsed;
    return true;
}

QString Migration::script(MigrationDirection direction, SqlDialect dialect) const
{
    const QString base = directionName(direction);
    const QString specific = base + QLatin1Char('.') + sqlDialectName(dialect);
    return m_sections.value(specific, m_sections.value(base));
}

bool Migration::hasScript(MigrationDirection direction, SqlDialect dialect) const
{
    const QString base = directionName(direction);
    return m_sections.contains(base + QLatin1Char('.') + sqlDialectName(dialect)) ||
           m_sections.contains(base);
}

QStringList Migration::statements(MigrationDirection direction, SqlDialect dialect) const
{
    return SqlScript::split(script(direction, dialect));
}

bool isDataStep(const QString& statement, QString* stepName)
{
    static const QRegularExpression pattern(QStringLiteral("^@step\\s+([A-Za-z0-9_]+)$"));
    const QRegularExpressionMatch match = pattern.match(statement.trimmed());
    if (match.hasMatch() && stepName) {
        *stepName = match.captured(1);
    }
    return match.hasMatch();
}
