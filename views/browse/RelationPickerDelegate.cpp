#include "RelationPickerDelegate.h"

#include <QSqlDriver>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlRelationalTableModel>

#include "models/browse/BlogTableModel.h"
#include "views/browse/RecordPicker.h"

namespace {

const char* const OriginalKeyProperty = "blogdeskOriginalKey";

const QSqlRelationalTableModel* relationalModel(const QModelIndex& index)
{
    const auto* model = qobject_cast<const QSqlRelationalTableModel*>(index.model());
    if (model == nullptr || !model->relation(index.column()).isValid()) {
        return nullptr;
    }
    return model;
}

// SELECT <key column> FROM <table> WHERE <primary key> = ? [AND ...], bound to the row's key.
bool storedForeignKey(const QSqlRelationalTableModel* model, int row, int column, QVariant* value)
{
    const QSqlIndex primaryKey = model->primaryKey();
    const QSqlDatabase db = model->database();
    const QString keyColumn = db.record(model->tableName()).fieldName(column);
    if (primaryKey.isEmpty() || keyColumn.isEmpty()) {
        return false;
    }
    const QSqlDriver* driver = db.driver();
    QStringList tests;
    for (int i = 0; i < primaryKey.count(); ++i) {
        tests << driver->escapeIdentifier(primaryKey.fieldName(i), QSqlDriver::FieldName) +
                     QStringLiteral(" = ?");
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") +
                  driver->escapeIdentifier(keyColumn, QSqlDriver::FieldName) +
                  QStringLiteral(" FROM ") +
                  driver->escapeIdentifier(model->tableName(), QSqlDriver::TableName) +
                  QStringLiteral(" WHERE ") + tests.join(QStringLiteral(" AND ")));
    const QSqlRecord record = model->record(row);
    for (int i = 0; i < primaryKey.count(); ++i) {
        query.addBindValue(record.value(primaryKey.fieldName(i)));
    }
    if (!query.exec() || !query.next()) {
        return false;
    }
    *value = query.value(0);
    return true;
}

} // namespace

bool RelationPickerDelegate::foreignKey(const QModelIndex& index, qint64* id, bool* isNull)
{
    const QSqlRelationalTableModel* model = relationalModel(index);
    if (model == nullptr) {
        return false;
    }
    QVariant value;
    if (model->isDirty(index)) {
        value = model->data(index, Qt::EditRole); // an edit holds the key itself
    } else if (!storedForeignKey(model, index.row(), index.column(), &value)) {
        return false;
    }
    *isNull = value.isNull();
    if (!*isNull) {
        *id = value.toLongLong();
    }
    return true;
}

QWidget* RelationPickerDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                              const QModelIndex& index) const
{
    const QSqlRelationalTableModel* model = relationalModel(index);
    if (model == nullptr) {
        return NullAwareDelegate::createEditor(parent, option, index);
    }
    const QSqlRelation relation = model->relation(index.column());
    auto* picker =
        new RecordPicker(model->database(),
                         RecordPickerSource::forTable(relation.tableName(), relation.indexColumn(),
                                                      relation.displayColumn()),
                         parent);
    picker->setNames(QStringLiteral("relationPicker"),
                     model->headerData(index.column(), Qt::Horizontal).toString());
    // Emitting the view's signals is not const; the editor is ours to finish all the same.
    auto* self = const_cast<RelationPickerDelegate*>(this);
    connect(picker, &RecordPicker::activated, self,
            [self, picker] { self->finishEditing(picker); });
    return picker;
}

// Picking a record ends the edit, like leaving the picker (a FocusOut the base class filters);
// setModelData decides whether anything is written.
void RelationPickerDelegate::finishEditing(RecordPicker* picker)
{
    emit commitData(picker);
    emit closeEditor(picker, QAbstractItemDelegate::NoHint);
}

void RelationPickerDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* picker = qobject_cast<RecordPicker*>(editor);
    if (picker == nullptr) {
        NullAwareDelegate::setEditorData(editor, index);
        return;
    }
    qint64 id = 0;
    bool isNull = true;
    const bool known = foreignKey(index, &id, &isNull);
    if (known && !isNull) {
        picker->setCurrent(id);
    } else {
        picker->clearCurrent();
    }
    // What the cell held when the editor opened: the write is guarded against it.
    picker->setProperty(OriginalKeyProperty, known && !isNull ? QVariant(id) : QVariant());
}

void RelationPickerDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                          const QModelIndex& index) const
{
    auto* picker = qobject_cast<RecordPicker*>(editor);
    if (picker == nullptr) {
        NullAwareDelegate::setModelData(editor, model, index);
        return;
    }
    qint64 id = 0;
    bool isNull = true;
    const bool known = foreignKey(index, &id, &isNull);
    if (!picker->hasCurrent() || (known && !isNull && id == picker->currentId())) {
        return; // nothing picked, or the same record: an untouched editor writes nothing
    }
    m_pickedLabels.insert(picker->currentId(), picker->currentLabel());
    model->setData(index, picker->property(OriginalKeyProperty), BlogTableModel::OriginalValueRole);
    if (!model->setData(index, picker->currentId(), Qt::EditRole)) {
        writePastDictionary(model, index, picker->currentId());
    }
}

// QSqlRelationalTableModel::setData() refuses a key missing from its dictionary of the related
// table, and that dictionary holds only the rows its relation model fetched (256 on SQLite):
// the author #300 could never be set. QSqlTableModel's setData() stores the key as it is; the
// picker only offers keys it read from the related table.
void RelationPickerDelegate::writePastDictionary(QAbstractItemModel* model,
                                                 const QModelIndex& index, qint64 id)
{
    auto* relational = qobject_cast<QSqlRelationalTableModel*>(model);
    if (relational != nullptr) {
        relational->QSqlTableModel::setData(index, id, Qt::EditRole);
    }
}

void RelationPickerDelegate::initStyleOption(QStyleOptionViewItem* option,
                                             const QModelIndex& index) const
{
    NullAwareDelegate::initStyleOption(option, index);
    const QSqlRelationalTableModel* model = relationalModel(index);
    if (model == nullptr || !model->isDirty(index)) {
        return;
    }
    const auto label = m_pickedLabels.constFind(index.data(Qt::EditRole).toLongLong());
    if (label != m_pickedLabels.constEnd()) {
        option->text = *label;
    }
}
