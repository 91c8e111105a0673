#include "BrowseIndexes.h"

#include "sql/Dialect.h"
#include "sql/WriteTransaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

// The translation context of this file's strings, declared so that lupdate finds it.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(BrowseIndexes)
};

bool sameColumns(const QStringList& a, const QStringList& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).compare(b.at(i), Qt::CaseInsensitive) != 0) {
            return false;
        }
    }
    return true;
}

bool present(const BrowseIndex& wanted, const SchemaTable& table)
{
    for (const SchemaIndex& index : table.indexes) {
        if (sameColumns(index.columns, wanted.columns) ||
            index.name.compare(wanted.name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool runEach(QSqlDatabase& db, const QList<BrowseIndex>& indexes, QStringList* made, QString* error)
{
    for (const BrowseIndex& index : indexes) {
        QSqlQuery query(db);
        if (!query.exec(index.createStatement())) {
            *error = Text::tr("cannot add %1: %2").arg(index.name, query.lastError().text());
            return false;
        }
        *made << index.name;
    }
    return true;
}

} // namespace

namespace BrowseIndexes {

QList<BrowseIndex> missingFrom(const SchemaSnapshot& live)
{
    QList<BrowseIndex> result;
    for (const BrowseIndex& index : BrowseIndexList::all()) {
        const SchemaTable* table = live.table(index.table);
        if (table && !present(index, *table)) {
            result << index;
        }
    }
    return result;
}

bool missing(QSqlDatabase db, QList<BrowseIndex>* indexes, QString* error)
{
    SchemaSnapshot live;
    if (!SchemaSnapshot::read(db, &live, error)) {
        return false;
    }
    *indexes = missingFrom(live);
    return true;
}

QString explanation(const BrowseIndex& index)
{
    return Text::tr("%1: without it, reads %2").arg(index.speedsUp, index.without);
}

QStringList statements(const QList<BrowseIndex>& indexes)
{
    QStringList result;
    for (const BrowseIndex& index : indexes) {
        result << index.createStatement();
    }
    return result;
}

bool add(QSqlDatabase db, const QList<BrowseIndex>& indexes, QStringList* made, QString* error)
{
    made->clear();
    QList<BrowseIndex> stillMissing;
    if (!missing(db, &stillMissing, error)) {
        return false;
    }
    QList<BrowseIndex> todo;
    for (const BrowseIndex& index : indexes) {
        const auto isThis = [&](const BrowseIndex& other) {
            return other.name == index.name;
        };
        if (std::any_of(stillMissing.cbegin(), stillMissing.cend(), isThis)) {
            todo << index;
        }
    }
    if (!Dialect::of(db).hasTransactionalDdl()) {
        return runEach(db, todo, made, error); // MySQL commits each CREATE INDEX by itself
    }
    QString why;
    if (!WriteTransaction::begin(db, &why)) {
        *error = Text::tr("cannot begin a transaction: %1").arg(why);
        return false;
    }
    if (!runEach(db, todo, made, error)) {
        WriteTransaction::rollback(db);
        made->clear();
        return false;
    }
    if (!WriteTransaction::commit(db, &why)) {
        WriteTransaction::rollback(db);
        made->clear();
        *error = Text::tr("cannot commit the new indexes: %1").arg(why);
        return false;
    }
    return true;
}

} // namespace BrowseIndexes
