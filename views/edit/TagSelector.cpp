#include "TagSelector.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

#include "views/edit/EditFormSupport.h"

namespace {

constexpr int idRole = Qt::UserRole + 1;

QLabel* makeBuddyLabel(const QString& text, const QString& name, QWidget* buddy)
{
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setObjectName(name);
    label->setBuddy(buddy);
    buddy->setAccessibleName(QString(text).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    return label;
}

} // namespace

TagSelector::TagSelector(const QSqlDatabase& db, QWidget* parent) : QWidget(parent), m_service(db)
{
    buildParts();
    loadTags();
    connect(m_filterEdit, &QLineEdit::textChanged, this, &TagSelector::applyFilter);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_populating) {
            emit checkedIdsChanged();
        }
    });
    connect(m_newTagEdit, &QLineEdit::textChanged, this, &TagSelector::updateCreateButton);
    connect(m_newTagButton, &QPushButton::clicked, this, &TagSelector::createTag);
    updateCreateButton();
}

void TagSelector::buildParts()
{
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("tagFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Type to filter the tags"));
    m_filterEdit->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("tagList"));
    m_list->setAccessibleName(tr("Tags"));
    m_list->setMinimumHeight(120);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("tagNote"));
    m_note->setAccessibleName(tr("Tag list note"));
    m_note->setWordWrap(true);
    m_newTagEdit = new QLineEdit(this);
    m_newTagEdit->setObjectName(QStringLiteral("newTagEdit"));
    m_newTagEdit->installEventFilter(this);
    m_newTagButton = new QPushButton(tr("C&reate Tag"), this);
    m_newTagButton->setObjectName(QStringLiteral("newTagButton"));
    m_newTagButton->setAccessibleName(tr("Create tag"));
    m_newTagButton->setAutoDefault(false); // Enter in the dialog means Save
    m_newTagError =
        EditForm::makeErrorLabel(this, QStringLiteral("newTagError"), tr("New tag error"));
    setFocusProxy(m_filterEdit); // the "Tags:" label's shortcut lands on the filter

    auto* newLine = new QHBoxLayout;
    newLine->addWidget(m_newTagEdit);
    newLine->addWidget(m_newTagButton);
    auto* rows = new QFormLayout;
    rows->setContentsMargins(0, 0, 0, 0);
    rows->addRow(makeBuddyLabel(tr("&Filter:"), QStringLiteral("tagFilterLabel"), m_filterEdit),
                 m_filterEdit);
    rows->addRow(QString(), m_list);
    rows->addRow(QString(), m_note);
    rows->addRow(makeBuddyLabel(tr("&New tag…"), QStringLiteral("newTagLabel"), m_newTagEdit),
                 newLine);
    rows->addRow(QString(), m_newTagError);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(rows);
}

void TagSelector::loadTags()
{
    QList<TagRecord> tags;
    if (!m_service.listByName(maxListed(), &tags, &m_truncated, &m_loadError)) {
        m_note->setText(m_loadError);
        return;
    }
    m_populating = true;
    for (const TagRecord& tag : tags) {
        addItem(tag.id, tag.name);
    }
    m_populating = false;
    if (m_truncated) {
        m_note->setText(tr("Only the first %L1 tags by name are listed.").arg(maxListed()));
    }
}

QListWidgetItem* TagSelector::addItem(qint64 id, const QString& name)
{
    auto* item = new QListWidgetItem(name, m_list);
    item->setData(idRole, id);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(Qt::Unchecked);
    m_items.insert(id, item);
    return item;
}

QList<qint64> TagSelector::checkedIds() const
{
    QList<qint64> ids;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        if (it.value()->checkState() == Qt::Checked) {
            ids << it.key();
        }
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TagSelector::setCheckedIds(const QList<qint64>& ids)
{
    QList<qint64> missing;
    for (const qint64 id : ids) {
        if (!m_items.contains(id)) {
            missing << id;
        }
    }
    m_populating = true;
    addMissing(missing);
    for (auto it = m_items.begin(); it != m_items.end(); ++it) {
        it.value()->setCheckState(ids.contains(it.key()) ? Qt::Checked : Qt::Unchecked);
    }
    m_populating = false;
    emit checkedIdsChanged();
}

void TagSelector::addMissing(const QList<qint64>& ids)
{
    QList<TagRecord> found;
    QString error;
    if (!m_service.loadByIds(ids, &found, &error)) {
        m_note->setText(error);
    }
    for (const TagRecord& tag : found) {
        addItem(tag.id, tag.name);
    }
    for (const qint64 id : ids) {
        if (!m_items.contains(id)) { // a link to a tag that is gone: shown, never dropped
            addItem(id, tr("(missing tag #%1)").arg(id));
        }
    }
}

void TagSelector::applyFilter()
{
    const QString text = m_filterEdit->text().trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

void TagSelector::updateCreateButton()
{
    m_newTagError->setText(m_newTagEdit->text().isEmpty()
                               ? QString()
                               : TagService::checkNewName(m_newTagEdit->text()));
    m_newTagButton->setEnabled(!m_newTagEdit->text().isEmpty() && m_newTagError->text().isEmpty());
}

void TagSelector::createTag()
{
    if (!m_newTagButton->isEnabled()) {
        return;
    }
    QString error;
    const QString name = m_newTagEdit->text().trimmed();
    const qint64 id = m_service.createNamed(name, &error);
    if (id == 0) {
        m_newTagError->setText(error); // the typed name stays for a retry
        return;
    }
    m_newTagEdit->clear();
    QListWidgetItem* item = addItem(id, name); // its checkState change emits checkedIdsChanged
    item->setCheckState(Qt::Checked);
    m_list->scrollToItem(item);
}

bool TagSelector::eventFilter(QObject* watched, QEvent* event)
{
    // Enter in the new-tag line creates the tag instead of saving the whole dialog.
    if (watched == m_newTagEdit && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            createTag();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
