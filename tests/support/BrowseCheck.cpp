#include "BrowseCheck.h"

#include "sql/SqlDialect.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <memory>

#include "models/browse/CommentsModel.h"
#include "models/browse/PostsModel.h"
#include "models/browse/TagsModel.h"
#include "models/browse/UsersModel.h"
#include "tests/support/TestServers.h"
#include "tests/support/TestSupport.h"

using TestSupport::scalar;

namespace BrowseCheck {

QString cellText(const QVariant& value)
{
    return value.isNull() ? QStringLiteral("NULL") : value.toString();
}

qint64 rowCount(const QSqlDatabase& db, const QString& table, const QString& where)
{
    const QString condition = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where;
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(table, condition))
        .toLongLong();
}

} // namespace BrowseCheck

using BrowseCheck::cellText;
using BrowseCheck::rowCount;

namespace {

// A foreign key the model shows as a column of the referenced table.
struct Relation
{
    QString column;
    QString table;
    QString displayColumn;
};

QList<Relation> relationsShownBy(const QString& table)
{
    const Relation author{QStringLiteral("user_id"), QStringLiteral("users"),
                          QStringLiteral("username")};
    if (table == QLatin1String("posts")) {
        return {author};
    }
    if (table == QLatin1String("comments")) {
        return {author,
                {QStringLiteral("post_id"), QStringLiteral("posts"), QStringLiteral("title")}};
    }
    return {};
}

using RowsByKey = QMap<QString, QStringList>;

QList<int> primaryKeyColumns(const QSqlDatabase& db, const QString& table)
{
    const QSqlRecord record = db.record(table);
    const QSqlIndex primaryKey = db.primaryIndex(table);
    QList<int> columns;
    for (int i = 0; i < primaryKey.count(); ++i) {
        columns << record.indexOf(primaryKey.fieldName(i));
    }
    return columns;
}

QString keyOf(const QStringList& values, const QList<int>& keyColumns)
{
    QStringList key;
    for (int column : keyColumns) {
        key << values.value(column);
    }
    return key.join(QLatin1Char('/'));
}

// Every row the model shows (fetched to the end), stored values as text. Each cell must also
// have a display text (NULL shows as "NULL"); the cells without one go to `undisplayable`.
RowsByKey rowsShownBy(BlogTableModel& model, const QList<int>& keyColumns,
                      QStringList* undisplayable)
{
    while (model.canFetchMore()) {
        model.fetchMore();
    }
    RowsByKey rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList values;
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            values << cellText(model.data(index, Qt::EditRole));
            if (!model.data(index, Qt::DisplayRole).isValid()) {
                *undisplayable << QStringLiteral("row %1 column %2").arg(row).arg(column);
            }
        }
        rows.insert(keyOf(values, keyColumns), values);
    }
    return rows;
}

// The same rows read with plain SQL, related ids replaced by what the model shows for them.
// On the servers, timestamps are read as their stored text, all six fraction digits, in the
// model's text form ("2024-01-15T10:30:00.123456"): see sameCell().
RowsByKey rowsReadBySql(const QSqlDatabase& db, const QString& table,
                        const QList<Relation>& relations, const QList<int>& keyColumns)
{
    SqlDialect dialect = SqlDialect::SQLite;
    sqlDialectOfDriver(db.driverName(), &dialect);
    const QSqlRecord record = db.record(table);
    QStringList selected;
    QStringList joins;
    QList<bool> timestamps(record.count(), false);
    for (int i = 0; i < record.count(); ++i) {
        const QString name = record.fieldName(i);
        const auto relation = std::find_if(relations.begin(), relations.end(),
                                           [&](const Relation& r) { return r.column == name; });
        if (relation == relations.end()) {
            timestamps[i] = dialect != SqlDialect::SQLite &&
                            record.field(i).metaType().id() == QMetaType::QDateTime;
            selected << (timestamps[i]
                             ? TestServers::columnAsText(dialect, QStringLiteral("t.") + name)
                             : QStringLiteral("t.") + name);
            continue;
        }
        const QString alias = QStringLiteral("r%1").arg(i);
        selected << alias + QLatin1Char('.') + relation->displayColumn;
        joins
            << QStringLiteral("LEFT JOIN %1 %2 ON %2.id = t.%3").arg(relation->table, alias, name);
    }
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT %1 FROM %2 t %3")
                   .arg(selected.join(QStringLiteral(", ")), table, joins.join(QLatin1Char(' '))));
    RowsByKey rows;
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < record.count(); ++i) {
            if (timestamps[i] && !query.value(i).isNull()) {
                const QString text = TestServers::portableText(query.value(i), record.fieldName(i));
                values << text.left(10) + QLatin1Char('T') + text.mid(11, 15);
            } else {
                values << cellText(query.value(i));
            }
        }
        rows.insert(keyOf(values, keyColumns), values);
    }
    return rows;
}

const QRegularExpression
    MicrosecondText(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}$"));

// Whether the model shows the value SQL read. A server's timestamp, read by SQL to the
// microsecond, is shown to the millisecond Qt keeps: cut by Qt's MariaDB driver, rounded by
// its PostgreSQL one, so either is the stored value.
bool sameCell(const QString& shown, const QString& stored)
{
    if (shown == stored) {
        return true;
    }
    if (!MicrosecondText.match(stored).hasMatch()) {
        return false;
    }
    const QString cut = stored.left(23);
    const QString rounded =
        QDateTime::fromString(cut, Qt::ISODateWithMs).addMSecs(1).toString(Qt::ISODateWithMs);
    return shown == cut || (stored.mid(23).toInt() >= 500 && shown == rounded);
}

bool sameRow(const QStringList& shown, const QStringList& stored)
{
    if (shown.size() != stored.size()) {
        return false;
    }
    for (int i = 0; i < shown.size(); ++i) {
        if (!sameCell(shown[i], stored[i])) {
            return false;
        }
    }
    return true;
}

} // namespace

namespace BrowseCheck {

const std::map<QString, QStringList>& pageColumns()
{
    static const std::map<QString, QStringList> columns{
        {"users",
         {"id", "username", "email", "password_hash", "is_active", "created_at", "updated_at",
          "last_login", "deleted_at"}},
        {"posts",
         {"id", "title", "content", "slug", "is_published", "published_at", "created_at",
          "updated_at", "user_id"}},
        {"comments", {"id", "content", "created_at", "parent_id", "user_id", "post_id"}},
        {"tags", {"id", "name", "slug"}},
    };
    return columns;
}

// The model BlogDesk shows a table with; profiles and post_tags have no model of their own
// yet, so the common base shows them.
std::unique_ptr<BlogTableModel> modelFor(const QString& table, const QSqlDatabase& db)
{
    if (table == QLatin1String("users")) {
        return std::make_unique<UsersModel>(db);
    }
    if (table == QLatin1String("posts")) {
        return std::make_unique<PostsModel>(db);
    }
    if (table == QLatin1String("tags")) {
        return std::make_unique<TagsModel>(db);
    }
    if (table == QLatin1String("comments")) {
        return std::make_unique<CommentsModel>(db);
    }
    return std::make_unique<BlogTableModel>(table, nullptr, db);
}

bool browsesCompletely(const QSqlDatabase& db, const QString& table, QString* failure)
{
    const std::unique_ptr<BlogTableModel> model = modelFor(table, db);
    TestSupport::testModel(model.get());
    if (!model->select()) {
        *failure = QStringLiteral("%1: select() failed: %2").arg(table, model->lastError().text());
        return false;
    }
    const QList<int> keyColumns = primaryKeyColumns(db, table);
    QStringList undisplayable;
    const RowsByKey shown = rowsShownBy(*model, keyColumns, &undisplayable);
    if (!undisplayable.isEmpty()) {
        *failure = QStringLiteral("%1: no display text for %2")
                       .arg(table, undisplayable.join(QStringLiteral(", ")));
        return false;
    }
    const RowsByKey expected = rowsReadBySql(db, table, relationsShownBy(table), keyColumns);
    const qint64 stored = rowCount(db, table);
    if (model->rowCount() != stored || shown.size() != stored || model->totalRowCount() != stored) {
        *failure = QStringLiteral("%1: the model shows %2 rows (%3 distinct keys, total %4), "
                                  "the table holds %5")
                       .arg(table)
                       .arg(model->rowCount())
                       .arg(shown.size())
                       .arg(model->totalRowCount())
                       .arg(stored);
        return false;
    }
    for (auto row = expected.cbegin(); row != expected.cend(); ++row) {
        if (!sameRow(shown.value(row.key()), row.value())) {
            *failure = QStringLiteral("%1 row %2: the model shows [%3], SQL reads [%4]")
                           .arg(table, row.key(), shown.value(row.key()).join(QLatin1Char('|')),
                                row.value().join(QLatin1Char('|')));
            return false;
        }
    }
    return true;
}

} // namespace BrowseCheck
