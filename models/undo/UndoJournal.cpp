#include "UndoJournal.h"

#include "sql/Dialect.h"
#include "sql/WriteTransaction.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace {

const QString Comments = BlogTables::name(BlogTable::Comments);
const QString ParentId = QStringLiteral("parent_id");

bool execPlain(const QSqlDatabase& db, const QString& statement, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

QVariant nullId()
{
    return QVariant(QMetaType::fromType<qlonglong>());
}

QString name(const QSqlDatabase& db, const QString& column)
{
    return db.driver()->escapeIdentifier(column, QSqlDriver::FieldName);
}

// "post_id = ? AND tag_id = ?"
QString keyCondition(const QSqlDatabase& db, const QStringList& keyColumns)
{
    QStringList parts;
    for (const QString& column : keyColumns) {
        parts << name(db, column) + QStringLiteral(" = ?");
    }
    return parts.join(QStringLiteral(" AND "));
}

void bindKey(QSqlQuery* query, const RowSnapshot::Key& key)
{
    for (const qint64 value : key) {
        query->addBindValue(value);
    }
}

bool run(QSqlQuery* query, QString* error)
{
    if (!query->exec()) {
        *error = query->lastError().text();
        return false;
    }
    return true;
}

// The layout to write with: the target's when it has one, else the current one.
const RowSnapshot::Table& layoutOf(const RowSnapshot::Table& current,
                                   const RowSnapshot::Table& target)
{
    return target.columns.isEmpty() ? current : target;
}

} // namespace

UndoJournal::UndoJournal(QSqlDatabase db) : m_db(db) {}

bool UndoJournal::undo(const UndoEntry& entry, QString* error)
{
    return restore(entry.after, entry.before, tr("undo"), error);
}

bool UndoJournal::redo(const UndoEntry& entry, QString* error)
{
    return restore(entry.before, entry.after, tr("redo"), error);
}

bool UndoJournal::restore(const RowSnapshot& expected, const RowSnapshot& target,
                          const QString& action, QString* error)
{
    error->clear();
    if (!begin(error)) {
        return false;
    }
    // The union of both sides' keys: every row either side holds, and any row that took one
    // of their places since.
    QString why;
    const RowSnapshot current =
        RowSnapshot::capture(m_db, expected.keys().united(target.keys()), &why);
    if (!why.isEmpty()) {
        *error = tr("Nothing was changed: %1").arg(why);
        return finish(false, error);
    }
    if (!current.sameRows(expected)) {
        *error = conflict(current, expected, action);
        return finish(false, error);
    }
    if (!write(current, target, &why)) {
        *error = tr("Nothing was changed: %1").arg(why);
        return finish(false, error);
    }
    return finish(true, error);
}

bool UndoJournal::begin(QString* error)
{
    QString why;
    if (WriteTransaction::begin(m_db, &why)) {
        return true;
    }
    *error = tr("Nothing was changed: could not start a transaction (another program may be "
                "writing to the database; try again): %1")
                 .arg(why);
    return false;
}

bool UndoJournal::finish(bool ok, QString* error)
{
    QString why;
    if (ok && WriteTransaction::commit(m_db, &why)) {
        return true;
    }
    if (ok) {
        *error = tr("Nothing was changed: the commit failed: %1").arg(why);
    }
    WriteTransaction::rollback(m_db);
    return false;
}

QString UndoJournal::conflict(const RowSnapshot& current, const RowSnapshot& expected,
                              const QString& action) const
{
    QStringList changes;
    for (const QString& table : RowSnapshot::knownTables()) {
        const RowSnapshot::Table now = current.table(table);
        const RowSnapshot::Table was = expected.table(table);
        QList<RowSnapshot::Key> keys = now.rows.keys() + was.rows.keys();
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (const RowSnapshot::Key& key : keys) {
            if (!now.rows.contains(key)) {
                changes << tr("%1 was deleted since")
                               .arg(RowSnapshot::describe(table, was, was.rows.value(key)));
            } else if (!was.rows.contains(key)) {
                changes << tr("%1 was added since")
                               .arg(RowSnapshot::describe(table, now, now.rows.value(key)));
            } else if (!RowSnapshot::sameRow(now.rows.value(key), was.rows.value(key))) {
                changes << tr("%1 was changed since")
                               .arg(RowSnapshot::describe(table, was, was.rows.value(key)));
            }
        }
    }
    const QString first = changes.value(0);
    if (changes.size() > 1) {
        return tr("%1 (and %2 more rows); %3 would overwrite that change.")
            .arg(first)
            .arg(changes.size() - 1)
            .arg(action);
    }
    return tr("%1; %2 would overwrite that change.").arg(first, action);
}

// Inserts and updates parents first, then the comments' parents, then deletes children first.
bool UndoJournal::write(const RowSnapshot& current, const RowSnapshot& target, QString* error)
{
    const QStringList tables = RowSnapshot::knownTables();
    QStringList inserted;
    for (const QString& table : tables) {
        const RowSnapshot::Table now = current.table(table);
        const RowSnapshot::Table wanted = target.table(table);
        if (!writeTable(table, now, wanted, error)) {
            return false;
        }
        const QList<RowSnapshot::Key> keys = wanted.rows.keys();
        if (std::any_of(keys.cbegin(), keys.cend(),
                        [&now](const RowSnapshot::Key& key) { return !now.rows.contains(key); })) {
            inserted << table;
        }
    }
    if (!setParents(current.table(Comments), target.table(Comments), error)) {
        return false;
    }
    for (auto table = tables.crbegin(); table != tables.crend(); ++table) {
        if (!deleteRows(*table, current.table(*table), target.table(*table), error)) {
            return false;
        }
    }
    return advanceSequences(inserted, error);
}

// Rows of `target` that are missing are inserted, rows that differ updated. A comment's
// parent_id is left alone here (inserted as NULL): setParents() sets it once every comment
// exists.
bool UndoJournal::writeTable(const QString& table, const RowSnapshot::Table& current,
                             const RowSnapshot::Table& target, QString* error)
{
    if (target.rows.isEmpty()) {
        return true;
    }
    const RowSnapshot::Table& layout = layoutOf(current, target);
    const qsizetype parent = table == Comments ? layout.columns.indexOf(ParentId) : -1;
    QStringList names;
    QStringList marks;
    QStringList assignments;
    QList<qsizetype> updated; // column indexes an UPDATE sets
    for (qsizetype i = 0; i < layout.columns.size(); ++i) {
        names << name(m_db, layout.columns.at(i));
        marks << QStringLiteral("?");
        if (!layout.keyColumns.contains(layout.columns.at(i)) && i != parent) {
            assignments << name(m_db, layout.columns.at(i)) + QStringLiteral(" = ?");
            updated << i;
        }
    }
    QSqlQuery insert(m_db);
    QSqlQuery update(m_db);
    if (!insert.prepare(
            QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                .arg(table, names.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))))) {
        *error = insert.lastError().text();
        return false;
    }
    const bool updates = !assignments.isEmpty();
    if (updates && !update.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3")
                                       .arg(table, assignments.join(QStringLiteral(", ")),
                                            keyCondition(m_db, layout.keyColumns)))) {
        *error = update.lastError().text();
        return false;
    }
    for (auto it = target.rows.cbegin(); it != target.rows.cend(); ++it) {
        RowSnapshot::Row row = it.value();
        if (!current.rows.contains(it.key())) {
            if (parent >= 0) {
                row[parent] = nullId();
            }
            for (const QVariant& value : row) {
                insert.addBindValue(value);
            }
            if (!run(&insert, error)) {
                return false;
            }
            continue;
        }
        RowSnapshot::Row now = current.rows.value(it.key());
        if (parent >= 0) {
            now[parent] = row.at(parent); // compared by setParents()
        }
        if (!updates || RowSnapshot::sameRow(now, row)) {
            continue;
        }
        for (const qsizetype index : updated) {
            update.addBindValue(row.at(index));
        }
        bindKey(&update, it.key());
        if (!run(&update, error)) {
            return false;
        }
    }
    return true;
}

bool UndoJournal::setParents(const RowSnapshot::Table& current, const RowSnapshot::Table& target,
                             QString* error)
{
    if (target.rows.isEmpty()) {
        return true;
    }
    const qsizetype parent = target.columns.indexOf(ParentId);
    QSqlQuery update(m_db);
    if (!update.prepare(QStringLiteral("UPDATE comments SET parent_id = ? WHERE id = ?"))) {
        *error = update.lastError().text();
        return false;
    }
    for (auto it = target.rows.cbegin(); it != target.rows.cend(); ++it) {
        const QVariant wanted = it.value().at(parent);
        const QVariant now =
            current.rows.contains(it.key()) ? current.rows.value(it.key()).at(parent) : nullId();
        if (RowSnapshot::sameRow({now}, {wanted})) {
            continue;
        }
        update.addBindValue(wanted);
        bindKey(&update, it.key());
        if (!run(&update, error)) {
            return false;
        }
    }
    return true;
}

// Rows of `current` that `target` lacks. Comments are unlinked from their parents first, so
// any order of deletion among them is foreign-key safe (MySQL checks row by row).
bool UndoJournal::deleteRows(const QString& table, const RowSnapshot::Table& current,
                             const RowSnapshot::Table& target, QString* error)
{
    QList<RowSnapshot::Key> gone;
    for (auto it = current.rows.cbegin(); it != current.rows.cend(); ++it) {
        if (!target.rows.contains(it.key())) {
            gone << it.key();
        }
    }
    if (gone.isEmpty()) {
        return true;
    }
    const QString where = keyCondition(m_db, current.keyColumns);
    if (table == Comments) {
        QSqlQuery unlink(m_db);
        if (!unlink.prepare(QStringLiteral("UPDATE comments SET parent_id = NULL WHERE %1 AND "
                                           "parent_id IS NOT NULL")
                                .arg(where))) {
            *error = unlink.lastError().text();
            return false;
        }
        for (const RowSnapshot::Key& key : gone) {
            bindKey(&unlink, key);
            if (!run(&unlink, error)) {
                return false;
            }
        }
    }
    QSqlQuery remove(m_db);
    if (!remove.prepare(QStringLiteral("DELETE FROM %1 WHERE %2").arg(table, where))) {
        *error = remove.lastError().text();
        return false;
    }
    for (const RowSnapshot::Key& key : gone) {
        bindKey(&remove, key);
        if (!run(&remove, error)) {
            return false;
        }
    }
    return true;
}

// PostgreSQL: rows inserted with explicit ids leave the SERIAL sequence behind them; move it
// past the highest id, as SampleBlog does, or the next insert collides.
bool UndoJournal::advanceSequences(const QStringList& tables, QString* error)
{
    const Dialect dialect = Dialect::of(m_db);
    for (const QString& table : tables) {
        if (RowSnapshot::keyColumnsOf(table) != QStringList{QStringLiteral("id")}) {
            continue;
        }
        const QString statement = dialect.advanceIdSequence(table);
        if (!statement.isEmpty() && !execPlain(m_db, statement, error)) {
            return false;
        }
    }
    return true;
}
