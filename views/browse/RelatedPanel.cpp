#include "RelatedPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QScrollBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "models/BlogTable.h"
#include "models/browse/RelatedRecords.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/BusyIndicator.h"

namespace {

constexpr int TargetRole = Qt::UserRole;      // index into m_targets, -1: none
constexpr int ProfileRole = Qt::UserRole + 1; // the user whose profile the item is

const QString RelatedSlot = QStringLiteral("related");

} // namespace

RelatedPanel::RelatedPanel(BackgroundReader* reader, QWidget* parent)
    : QWidget(parent), m_reader(reader), m_titleLabel(new QLabel(this)),
      m_busyIndicator(makeBusyIndicator(this, QStringLiteral("relatedBusyIndicator"),
                                        tr("Reading the related records"))),
      m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("relatedPanel"));
    m_titleLabel->setObjectName(QStringLiteral("relatedTitleLabel"));
    m_titleLabel->setAccessibleName(tr("Related records of"));
    m_titleLabel->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("relatedTree"));
    m_tree->setAccessibleName(tr("Related records"));
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setRootIsDecorated(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* titleBar = new QHBoxLayout;
    titleBar->addWidget(m_titleLabel, 1);
    titleBar->addWidget(m_busyIndicator);
    layout->addLayout(titleBar);
    layout->addWidget(m_tree);
    connect(m_tree, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { activate(item); });
    showRow(m_table, QString(), 0); // id 0: no row yet
}

QTreeWidgetItem* RelatedPanel::addTarget(QTreeWidgetItem* parent, const QString& text,
                                         const NavigationLocation& location)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(0, text);
    item->setData(0, TargetRole, int(m_targets.size()));
    m_targets << location;
    return item;
}

void RelatedPanel::showRow(BlogTable table, const QString& tableTitle, qint64 id)
{
    if (id <= 0) {
        // Nothing selected: nothing to read, and what was under way is not wanted any more.
        m_reader->cancel(RelatedSlot);
        RelatedRead none;
        none.table = table;
        show(none, tableTitle);
        return;
    }
    if (m_loading && id == m_loadingId && table == m_loadingTable) {
        return; // already on its way
    }
    request(table, tableTitle, id);
}

void RelatedPanel::reload()
{
    if (m_loading) {
        request(m_loadingTable, m_loadingTitle, m_loadingId);
    } else {
        showRow(m_table, m_tableTitle, m_id);
    }
}

void RelatedPanel::request(BlogTable table, const QString& tableTitle, qint64 id)
{
    m_loadingTable = table;
    m_loadingTitle = tableTitle;
    m_loadingId = id;
    if (id != m_id || table != m_table) {
        // Another row's records: not current any more. A refresh keeps the list as it is.
        m_titleLabel->setText(tr("%1 › #%2: reading…").arg(tableTitle).arg(id));
        m_tree->setEnabled(false);
    }
    setLoading(true);
    m_reader->read<RelatedRead>(
        RelatedSlot, this,
        [table, id](QSqlDatabase& db) { return RelatedRecords::read(db, table, id); },
        [this, tableTitle](const RelatedRead& read) { show(read, tableTitle); });
}

void RelatedPanel::show(const RelatedRead& read, const QString& tableTitle)
{
    const bool again = read.id > 0 && read.id == m_id && read.table == m_table;
    const Place kept = again ? place() : Place{};
    fill(read, tableTitle);
    if (again) {
        restore(kept);
    }
    setLoading(false);
    emit rowShown(m_table, m_id);
}

void RelatedPanel::setLoading(bool loading)
{
    m_busyIndicator->setVisible(loading);
    if (!loading) {
        m_tree->setEnabled(true);
    }
    const bool changed = loading != m_loading;
    m_loading = loading;
    if (changed) {
        emit loadingChanged(loading);
    }
}

RelatedPanel::Place RelatedPanel::place() const
{
    Place kept;
    kept.scroll = m_tree->verticalScrollBar()->value();
    for (int group = 0; group < m_tree->topLevelItemCount(); ++group) {
        const QTreeWidgetItem* item = m_tree->topLevelItem(group);
        if (item->childCount() > 0 && !item->isExpanded()) {
            kept.collapsedGroups << group;
        }
    }
    if (QTreeWidgetItem* current = m_tree->currentItem()) {
        QTreeWidgetItem* parent = current->parent();
        kept.currentGroup = m_tree->indexOfTopLevelItem(parent ? parent : current);
        kept.currentChild = parent ? parent->indexOfChild(current) : -1;
    }
    return kept;
}

void RelatedPanel::restore(const Place& kept)
{
    for (int group : kept.collapsedGroups) {
        if (QTreeWidgetItem* item = m_tree->topLevelItem(group)) {
            item->setExpanded(false);
        }
    }
    QTreeWidgetItem* current = m_tree->topLevelItem(kept.currentGroup);
    if (current && kept.currentChild >= 0) {
        current = current->child(kept.currentChild);
    }
    if (current) {
        m_tree->setCurrentItem(current);
    }
    m_tree->doItemsLayout(); // the scroll range follows the new items now, not at the next paint
    m_tree->verticalScrollBar()->setValue(kept.scroll);
}

void RelatedPanel::fill(const RelatedRead& read, const QString& tableTitle)
{
    m_table = read.table;
    m_tableTitle = tableTitle;
    m_id = read.id;
    m_name = read.name;
    m_queriesForLastLoad = read.statements;
    m_tree->clear();
    m_targets.clear();
    if (read.id <= 0) {
        m_titleLabel->setText(tr("Select a row to see its related records."));
        return;
    }
    const qint64 id = read.id;
    const QString& name = read.name;
    m_titleLabel->setText(
        read.ok()
            ? tr("%1 › %2").arg(tableTitle, name)
            : tr("%1 › %2 (not all read: %3)").arg(tableTitle, name, read.error.simplified()));
    const QLocale locale;
    for (const RelatedGroup& group : read.groups) {
        QTreeWidgetItem* groupItem = nullptr;
        if (group.table == BlogTable::Profiles) {
            groupItem = new QTreeWidgetItem(m_tree);
            const QString where =
                group.items.isEmpty() ? QString() : group.items.constFirst().label;
            groupItem->setText(0, group.items.isEmpty() ? tr("Profile: none (open to create)")
                                  : where.isEmpty()     ? tr("Profile")
                                                        : tr("Profile: %1").arg(where));
            groupItem->setData(0, TargetRole, -1);
            groupItem->setData(0, ProfileRole, id);
            continue;
        }
        if (group.count < 0) {
            // A single record: the group itself leads to it.
            if (group.items.isEmpty()) {
                groupItem = new QTreeWidgetItem(m_tree);
                groupItem->setText(0, tr("%1: none").arg(group.title));
                groupItem->setData(0, TargetRole, -1);
            } else {
                const RelatedItem& item = group.items.constFirst();
                addTarget(nullptr, tr("%1: %2").arg(group.title, item.label),
                          {item.table, {}, {}, {}, item.id});
            }
            continue;
        }
        const NavigationLocation whole{group.table, group.condition, group.description,
                                       QStringList{tableTitle, name, group.title}, 0};
        groupItem =
            addTarget(nullptr, tr("%1 (%2)").arg(group.title, locale.toString(group.count)), whole);
        for (const RelatedItem& item : group.items) {
            addTarget(groupItem, item.label, {item.table, {}, {}, {}, item.id});
        }
        const qint64 more = group.count - group.items.size();
        if (more > 0) {
            addTarget(groupItem, tr("%1 more…").arg(locale.toString(more)), whole);
        }
    }
    m_tree->expandAll();
}

void RelatedPanel::activate(QTreeWidgetItem* item)
{
    if (!item) {
        return;
    }
    const qint64 profileUser = item->data(0, ProfileRole).toLongLong();
    if (profileUser > 0) {
        emit profileRequested(profileUser);
        return;
    }
    const int target = item->data(0, TargetRole).toInt();
    if (target >= 0 && target < m_targets.size()) {
        // A copy: navigating shows another row here, which clears m_targets.
        const NavigationLocation location = m_targets.at(target);
        emit navigationRequested(location);
    }
}
