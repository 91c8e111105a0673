#pragma once

#include <QHash>

#include "views/browse/NullAwareDelegate.h"

class QSqlRelationalTableModel;
class RecordPicker;

// Edits a foreign-key column of a QSqlRelationalTableModel (e.g. posts.user_id, shown as the
// author's username) with a RecordPicker instead of QSqlRelationalDelegate's combo box, which
// holds only the first 256 related rows and, for a row whose related record is not among
// them, writes the first one back when closed untouched. The picker opens on the row's raw
// key, and the model is written only when the user picked a different record. The view must
// show the relational model itself (no proxy in between).
class RelationPickerDelegate : public NullAwareDelegate
{
    Q_OBJECT

public:
    using NullAwareDelegate::NullAwareDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;

    // The key the cell really holds: a pending edit's value, else the stored row's column
    // read by primary key (the cell's own data is the related display text). False when it
    // cannot be told; *id is then untouched. A NULL key gives true with *isNull set.
    static bool foreignKey(const QModelIndex& index, qint64* id, bool* isNull);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    void finishEditing(RecordPicker* picker);
    static void writePastDictionary(QAbstractItemModel* model, const QModelIndex& index, qint64 id);

    // Labels of records picked here, to show a pending edit: the relational model would look
    // the new key up in its own dictionary of the first 256 related rows only.
    mutable QHash<qint64, QString> m_pickedLabels;
};
