#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListView;
class QModelIndex;
class QStandardItemModel;
class QTimer;

// What a RecordPicker searches: one table, matched on some text columns, each match shown as
// "label (detail)".
struct RecordPickerSource
{
    QString table;
    QString keyColumn = QStringLiteral("id");
    QString labelColumn;
    QString detailColumn; // may be empty; a NULL detail is left out of the line
    QStringList searchColumns;

    static RecordPickerSource users(); // username (email), searched by username and email
    static RecordPickerSource posts(); // title (slug), searched by title and slug
    // users() or posts() for those tables; any other table is searched and shown by
    // `displayColumn` alone.
    static RecordPickerSource forTable(const QString& table, const QString& keyColumn,
                                       const QString& displayColumn);
};

// Chooses one record of a possibly huge table: the user types, and after a short pause the
// picker shows at most maxMatches() matching records (LIMIT, TextSearch's folding). Down
// opens the list and moves in it, Enter or a click picks, Escape puts the current choice back.
// It never reads a whole table: the current record's line is one query by key.
class RecordPicker : public QWidget
{
    Q_OBJECT

public:
    RecordPicker(const QSqlDatabase& db, const RecordPickerSource& source,
                 QWidget* parent = nullptr);

    static int maxMatches() { return 50; }
    static int debounceMilliseconds() { return 150; }

    // Names this widget and its parts ("<name>Edit", "<name>List") for tests and screen
    // readers. setObjectName() alone also renames the parts.
    void setNames(const QString& objectName, const QString& accessibleName);

    bool hasCurrent() const { return m_hasCurrent; }
    qint64 currentId() const { return m_currentId; }
    QString currentLabel() const { return m_currentLabel; }
    // Shows record `id` (one query by key). A key without a record is kept and shown as
    // missing: a dangling reference stays what it was.
    void setCurrent(qint64 id);
    void clearCurrent();

    QLineEdit* lineEdit() const { return m_edit; }
    QString lastError() const { return m_lastError; }

signals:
    void currentIdChanged(qint64 id);
    // The user picked a record from the list (Enter or click), even the current one again.
    void activated(qint64 id);
    // Keyboard focus left the picker; typed text that was not picked has been discarded.
    void editingFinished();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    bool handleKey(int key);
    void onFocusOut(Qt::FocusReason reason);
    void onTextEdited();
    void search();
    bool runSearch(const QString& text);
    void addMatch(qint64 id, const QString& label);
    void openList();
    void moveSelection(int step);
    bool pickSelected();
    void pick(const QModelIndex& index);
    void restore();
    void hideList();
    void updatePartNames();
    QString lineFor(const QVariant& label, const QVariant& detail) const;
    QString selectColumns() const;

    QSqlDatabase m_db;
    RecordPickerSource m_source;
    QLineEdit* m_edit = nullptr;
    QListView* m_list = nullptr;
    QStandardItemModel* m_matches = nullptr;
    QTimer* m_debounce = nullptr;
    bool m_hasCurrent = false;
    qint64 m_currentId = 0;
    QString m_currentLabel;
    QString m_lastError;
};
