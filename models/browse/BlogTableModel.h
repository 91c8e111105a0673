#pragma once

#include "sql/SqlCondition.h"

#include <QSqlRecord>
#include <QSqlRelationalTableModel>

#include "models/browse/KeysetWindow.h"

struct WindowAround;

// Base of the per-table models: a QSqlRelationalTableModel that keeps rows whose foreign key
// is NULL (left join), shows values the way a person reads them (NULL as "NULL", timestamps
// to the second, booleans as yes/no, password hashes by method only) and leaves the stored
// values untouched under EditRole, where a view can tell a NULL from the text "NULL".
//
// It never selects a whole table: rows come in windows of windowSize(), paged by key on the
// sort column (see KeysetWindow), filtered by a condition whose values are bound. Finding a
// window's rows (filter, sort, seek) is the slow part and runs where the owner says — on a
// worker (WindowReader, BackgroundReader) in the window; the model then reads just those
// rows by primary key. Each read is finished before it returns, so no statement stays open:
// the Flask app can write to the same SQLite file at any time.
class BlogTableModel : public QSqlRelationalTableModel
{
    Q_OBJECT

public:
    // An editor sets the value it opened with under this role just before its EditRole value.
    static constexpr int OriginalValueRole = Qt::UserRole + 40;

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
    // Only the columns named by setEditableColumns() can be edited in place, and an edit
    // is not stored here: it is handed on by cellEditRequested() to be written (with its
    // side effects, such as updated_at) in one transaction elsewhere.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    void setEditableColumns(const QStringList& columns) { m_editableColumns = columns; }
    // The table's own name of a column ("user_id" for the Author column).
    QString columnName(int column) const { return m_baseColumns.value(column); }
    // The table's own column names in order, as read once by setTable().
    const QStringList& baseColumns() const { return m_baseColumns; }
    // The column a table opens sorted by: its primary key (the first one of a composite key),
    // wherever the key sits; a table made elsewhere may list other columns first.
    int primaryKeyColumn() const;
    // Reads the shown window again. With loads handed out (setLoadsHandedOut), it only asks
    // for that by windowWanted(Reload): the reading happens elsewhere, off the GUI thread.
    bool select() override;
    void setSort(int column, Qt::SortOrder order) override;
    // A header click: sorts and goes back to the first window (through windowWanted(First)
    // when loads are handed out).
    void sort(int column, Qt::SortOrder order) override;

    // Rows must match `condition` (on this table's own columns, qualified with the table name:
    // the relations join tables with columns of the same names); back to the first window.
    void setCondition(const SqlCondition& condition);
    SqlCondition condition() const { return m_condition; }

    // When set, select() and sort() do not read; the owner reads each window with
    // windowRequest() on a worker and hands the rows found to showWindow().
    void setLoadsHandedOut(bool handedOut) { m_loadsHandedOut = handedOut; }
    // What the worker reads for `move` (plain values: safe to pass to another thread).
    WindowRequest windowRequest(KeysetWindow::Move move) const;
    // Shows the rows `keys` found for `move`: reads them whole by primary key, here.
    bool showWindow(KeysetWindow::Move move, const WindowKeys& keys);
    // Reads the window of `move` on this model's own connection, here (no worker).
    bool moveWindow(KeysetWindow::Move move);
    // Shows a window read around one row (WindowJump, "Go to"): reads its rows by key, here.
    bool showAround(const WindowAround& around);
    // The rows before row `index` of the shown window were counted: the pager can number it.
    void placeRow(int index, qint64 rowsBefore) { m_window.placeRow(index, rowsBefore); }
    // The shown row `row`'s place in the order.
    RowKey keyAt(int row) const { return m_shownKeys.value(row); }
    // Whether the window's place is known only from the end (the last rows, not yet counted).
    bool countsFromEnd() const { return m_window.countsFromEnd(); }

    void setWindowSize(int rows)
    {
        m_windowSize = rows;
        m_window.setWindowSize(rows);
    }
    int windowSize() const { return m_windowSize; }
    // How many rows of the order a window read under a text filter probes first (0: none; see
    // WindowRequest::probeRows).
    void setProbeRows(int rows) { m_probeRows = rows; }
    bool hasNextWindow() const { return m_window.hasNext(); }
    bool hasPreviousWindow() const { return m_window.hasPrevious(); }
    qint64 rowsInWindow() const { return m_window.rows(); }
    bool nextWindow() { return hasNextWindow() && moveWindow(KeysetWindow::Move::Next); }
    bool previousWindow()
    {
        return hasPreviousWindow() && moveWindow(KeysetWindow::Move::Previous);
    }
    // How many matching rows come before this window; -1 when that is not known yet (the
    // last window before the total is counted).
    qint64 rowsBeforeWindow() const { return m_window.rowsBefore(m_totalRows); }

    // Rows matching the condition: exact once counted, an estimate before (-1: unknown).
    qint64 totalRowCount() const { return m_totalRows; }
    bool totalIsExact() const { return m_totalExact; }
    void setTotalRowCount(qint64 rows, bool exact);

signals:
    // `original` is what the cell held when its editor opened (see OriginalValueRole): the
    // write is refused when the row no longer holds it.
    void cellEditRequested(qint64 rowId, const QString& column, const QVariant& original,
                           const QVariant& value);
    // Loads are handed out and the window of `move` should be read (see setLoadsHandedOut).
    void windowWanted(KeysetWindow::Move move);

protected:
    QString selectStatement() const override;
    QString orderByClause() const override;

    // Declares how a column is shown and its translated header; unknown columns (a database
    // from elsewhere may have more) are shown plainly under their own name.
    void describeColumn(const QString& name, ColumnKind kind, const QString& header);
    // Shows `displayColumn` of `table` instead of the id in `column`.
    void relate(const QString& column, const QString& table, const QString& displayColumn,
                const QString& header);

private:
    QVariant displayValue(int column, const QVariant& value) const;
    ColumnKind kindOf(int column) const;
    void updateWindowOrder();
    QStringList primaryKeyColumns() const;
    QString qualified(const QString& column) const;
    QString sortFrom() const;
    bool isNullable(const QString& table, const QString& column) const;
    bool isUnique(const QString& table, const QString& column);
    void describeOrder(WindowRequest* request) const;
    bool selectRows();
    void showFailure(const QSqlError& error);

    QVariant m_editOriginal; // from OriginalValueRole, for the next edit
    QHash<QString, ColumnKind> m_kinds;
    QStringList m_baseColumns; // the table's own column names, in order
    QSqlRecord m_tableRecord;  // the table's columns as setTable() read them
    QStringList m_editableColumns;
    SqlCondition m_condition;
    KeysetWindow m_window;
    QList<RowKey> m_shownKeys; // the window's rows, in the shown order
    QString m_displaySort;     // the sort expression in Qt's own SELECT (its join aliases)
    QHash<QString, bool> m_uniqueColumns; // "table.column": whether its values are unique
    // Qt's relational SELECT reads each related table's columns every time it is built (on
    // SQLite a PRAGMA that waits for another program's commit): built once per ORDER BY.
    mutable QString m_qtSelect;
    mutable QString m_qtSelectOrder;
    bool m_sortUnique = false;  // the sort column's values are unique
    bool m_walksGroups = false; // by a related unique column, one group per row
    int m_windowSize = 500;
    int m_probeRows = 5000;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_totalRows = -1;
    bool m_totalExact = false;
    bool m_loadsHandedOut = false;
};
