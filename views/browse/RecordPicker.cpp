#include "RecordPicker.h"

#include "sql/TextSearch.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTimer>

#include "models/BlogTable.h"

namespace {

constexpr int idRole = Qt::UserRole + 1;
constexpr int visibleRows = 10;

} // namespace

RecordPickerSource RecordPickerSource::users()
{
    return {BlogTables::name(BlogTable::Users),
            QStringLiteral("id"),
            BlogTables::labelColumn(BlogTable::Users),
            QStringLiteral("email"),
            {QStringLiteral("username"), QStringLiteral("email")}};
}

RecordPickerSource RecordPickerSource::posts()
{
    return {BlogTables::name(BlogTable::Posts),
            QStringLiteral("id"),
            BlogTables::labelColumn(BlogTable::Posts),
            QStringLiteral("slug"),
            {QStringLiteral("title"), QStringLiteral("slug")}};
}

RecordPickerSource RecordPickerSource::forTable(const QString& table, const QString& keyColumn,
                                                const QString& displayColumn)
{
    const std::optional<BlogTable> known = BlogTables::fromName(table);
    if (known == BlogTable::Users && keyColumn == QLatin1String("id")) {
        return users();
    }
    if (known == BlogTable::Posts && keyColumn == QLatin1String("id")) {
        return posts();
    }
    return {table, keyColumn, displayColumn, QString(), {displayColumn}};
}

RecordPicker::RecordPicker(const QSqlDatabase& db, const RecordPickerSource& source,
                           QWidget* parent)
    : QWidget(parent), m_db(db), m_source(source), m_edit(new QLineEdit(this)),
      m_list(new QListView(this)), m_matches(new QStandardItemModel(this)),
      m_debounce(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    setFocusProxy(m_edit);
    m_edit->setPlaceholderText(tr("Type to search"));
    m_edit->installEventFilter(this);

    // A tool-tip window never takes focus, so typing stays in the line edit and an item
    // view's editor does not see a focus change when the list opens.
    m_list->setWindowFlags(Qt::ToolTip | Qt::WindowDoesNotAcceptFocus);
    m_list->setAttribute(Qt::WA_ShowWithoutActivating);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setModel(m_matches);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMilliseconds());

    connect(m_edit, &QLineEdit::textEdited, this, &RecordPicker::onTextEdited);
    connect(m_debounce, &QTimer::timeout, this, &RecordPicker::search);
    connect(m_list, &QListView::clicked, this, &RecordPicker::pick);
    connect(this, &QObject::objectNameChanged, this, &RecordPicker::updatePartNames);
    setNames(QStringLiteral("recordPicker"), tr("Record"));
}

void RecordPicker::setNames(const QString& objectName, const QString& accessibleName)
{
    setObjectName(objectName);
    setAccessibleName(accessibleName);
    m_edit->setAccessibleName(accessibleName);
    m_list->setAccessibleName(tr("Matches for %1").arg(accessibleName));
    updatePartNames();
}

void RecordPicker::updatePartNames()
{
    m_edit->setObjectName(objectName() + QStringLiteral("Edit"));
    m_list->setObjectName(objectName() + QStringLiteral("List"));
}

void RecordPicker::setCurrent(qint64 id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + selectColumns() + QStringLiteral(" FROM ") +
                  m_db.driver()->escapeIdentifier(m_source.table, QSqlDriver::TableName) +
                  QStringLiteral(" WHERE ") +
                  m_db.driver()->escapeIdentifier(m_source.keyColumn, QSqlDriver::FieldName) +
                  QStringLiteral(" = ?"));
    query.addBindValue(id);
    QString label = tr("#%1 (missing)").arg(id);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        label = tr("#%1").arg(id);
    } else if (query.next()) {
        label = lineFor(query.value(1), query.value(2));
    }
    const bool changed = !m_hasCurrent || m_currentId != id;
    m_hasCurrent = true;
    m_currentId = id;
    m_currentLabel = label;
    restore();
    if (changed) {
        emit currentIdChanged(id);
    }
}

void RecordPicker::clearCurrent()
{
    const bool changed = m_hasCurrent;
    m_hasCurrent = false;
    m_currentId = 0;
    m_currentLabel.clear();
    restore();
    if (changed) {
        emit currentIdChanged(0);
    }
}

bool RecordPicker::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        return handleKey(static_cast<QKeyEvent*>(event)->key());
    }
    if (watched == m_edit && event->type() == QEvent::FocusOut) {
        onFocusOut(static_cast<QFocusEvent*>(event)->reason());
    }
    return QWidget::eventFilter(watched, event);
}

void RecordPicker::hideEvent(QHideEvent* event)
{
    hideList();
    QWidget::hideEvent(event);
}

// Keys the picker uses are consumed; the rest (Enter or Escape with nothing to pick or undo,
// Tab) go on to the parent, so an item view's editor or a dialog still sees them.
bool RecordPicker::handleKey(int key)
{
    switch (key) {
    case Qt::Key_Down:
        if (!m_list->isVisible()) {
            search();
        }
        moveSelection(1);
        return true;
    case Qt::Key_Up:
        if (m_list->isVisible()) {
            moveSelection(-1);
            return true;
        }
        return false;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return pickSelected();
    case Qt::Key_Escape:
        if (m_list->isVisible() || m_edit->text() != m_currentLabel) {
            restore();
            return true;
        }
        return false;
    default:
        return false;
    }
}

void RecordPicker::onFocusOut(Qt::FocusReason reason)
{
    if (reason == Qt::PopupFocusReason || m_list->isActiveWindow()) {
        return; // a context menu of the line edit, or our own list: still editing
    }
    const QWidget* focus = QApplication::focusWidget();
    if (focus != nullptr && (focus == this || isAncestorOf(focus))) {
        return;
    }
    restore();
    // The focus was on the line edit, so an item view's delegate, which filters this widget's
    // events, did not see it go. Tell it the way it listens; a view that is already closing
    // this editor has removed its filter, so nothing is finished twice.
    QFocusEvent focusOut(QEvent::FocusOut, reason);
    QCoreApplication::sendEvent(this, &focusOut);
    emit editingFinished();
}

void RecordPicker::onTextEdited()
{
    m_debounce->start();
}

// The line of the current record is not a search: Down on it lists the first matches of
// everything.
void RecordPicker::search()
{
    m_debounce->stop();
    const QString text = m_edit->text() == m_currentLabel ? QString() : m_edit->text();
    if (runSearch(text) && isVisible()) {
        openList();
    }
}

bool RecordPicker::runSearch(const QString& text)
{
    QStringList columns;
    for (const QString& column : m_source.searchColumns) {
        columns << m_db.driver()->escapeIdentifier(column, QSqlDriver::FieldName);
    }
    const TextSearchCondition where = TextSearch::contains(m_db, columns, text);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + selectColumns() + QStringLiteral(" FROM ") +
                  m_db.driver()->escapeIdentifier(m_source.table, QSqlDriver::TableName) +
                  QStringLiteral(" WHERE ") + where.sql + QStringLiteral(" ORDER BY 2, 1 LIMIT ?"));
    for (const QVariant& value : where.values) {
        query.addBindValue(value);
    }
    query.addBindValue(maxMatches());
    m_matches->clear();
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    while (query.next()) {
        addMatch(query.value(0).toLongLong(), lineFor(query.value(1), query.value(2)));
    }
    return true;
}

void RecordPicker::addMatch(qint64 id, const QString& label)
{
    auto* item = new QStandardItem(label);
    item->setData(id, idRole);
    item->setEditable(false);
    m_matches->appendRow(item);
}

QString RecordPicker::selectColumns() const
{
    const QSqlDriver* driver = m_db.driver();
    QStringList columns{driver->escapeIdentifier(m_source.keyColumn, QSqlDriver::FieldName),
                        driver->escapeIdentifier(m_source.labelColumn, QSqlDriver::FieldName)};
    if (!m_source.detailColumn.isEmpty()) {
        columns << driver->escapeIdentifier(m_source.detailColumn, QSqlDriver::FieldName);
    }
    return columns.join(QStringLiteral(", "));
}

QString RecordPicker::lineFor(const QVariant& label, const QVariant& detail) const
{
    const QString detailText = detail.toString();
    if (detailText.isEmpty()) {
        return label.toString();
    }
    return tr("%1 (%2)").arg(label.toString(), detailText);
}

void RecordPicker::openList()
{
    const int rows = m_matches->rowCount();
    if (rows == 0) {
        hideList();
        return;
    }
    const int rowHeight = qMax(m_list->sizeHintForRow(0), 1);
    const int frame = 2 * m_list->frameWidth();
    const QPoint below = m_edit->mapToGlobal(QPoint(0, m_edit->height()));
    m_list->setGeometry(below.x(), below.y(), qMax(m_edit->width(), 240),
                        rowHeight * qMin(rows, visibleRows) + frame);
    // Nothing selected yet, as in QCompleter: Down goes to the first match.
    m_list->setCurrentIndex(QModelIndex());
    m_list->show();
}

void RecordPicker::moveSelection(int step)
{
    const int rows = m_matches->rowCount();
    if (!m_list->isVisible() || rows == 0) {
        return;
    }
    const int row = qBound(0, m_list->currentIndex().row() + step, rows - 1);
    m_list->setCurrentIndex(m_matches->index(row, 0));
}

// Enter picks the selected match, or the only one; otherwise it is not the picker's key.
bool RecordPicker::pickSelected()
{
    if (!m_list->isVisible()) {
        return false;
    }
    QModelIndex index = m_list->currentIndex();
    if (!index.isValid() && m_matches->rowCount() == 1) {
        index = m_matches->index(0, 0);
    }
    if (!index.isValid()) {
        return false;
    }
    pick(index);
    return true;
}

void RecordPicker::pick(const QModelIndex& index)
{
    if (!index.isValid()) {
        return;
    }
    const qint64 id = index.data(idRole).toLongLong();
    const bool changed = !m_hasCurrent || m_currentId != id;
    m_hasCurrent = true;
    m_currentId = id;
    m_currentLabel = index.data(Qt::DisplayRole).toString();
    restore();
    if (changed) {
        emit currentIdChanged(id);
    }
    emit activated(id);
}

void RecordPicker::restore()
{
    m_debounce->stop();
    hideList();
    m_edit->setText(m_currentLabel);
}

void RecordPicker::hideList()
{
    m_list->hide();
}
