#pragma once

#include <QSqlRelationalTableModel>

// Base of the per-table models: a QSqlRelationalTableModel that keeps rows whose foreign key
// is NULL (left join), shows values the way a person reads them (NULL as "NULL", timestamps
// to the second, booleans as yes/no, password hashes by method only) and leaves the stored
// values untouched under EditRole, where a view can tell a NULL from the text "NULL".
class BlogTableModel : public QSqlRelationalTableModel
{
    Q_OBJECT

public:
    enum class ColumnKind
    {
        Plain,
        LongText,
        DateTime,
        Boolean,
        Secret,
    };

    BlogTableModel(const QString& table, QObject* parent, const QSqlDatabase& db);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // Rows matching the current filter in the whole table, not just the rows fetched so far.
    qint64 totalRowCount() const;

protected:
    // Declares how a column is shown and its translated header; unknown columns (a database
    // from elsewhere may have more) are shown plainly under their own name.
    void describeColumn(const QString& name, ColumnKind kind, const QString& header);
    // Shows `displayColumn` of `table` instead of the id in `column`.
    void relate(const QString& column, const QString& table, const QString& displayColumn,
                const QString& header);

private:
    QVariant displayValue(int column, const QVariant& value) const;
    ColumnKind kindOf(int column) const;

    QHash<QString, ColumnKind> m_kinds;
};
