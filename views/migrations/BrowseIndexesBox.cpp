#include "BrowseIndexesBox.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "models/schema/BrowseIndexes.h"
#include "views/migrations/BrowseIndexesDialog.h"

BrowseIndexesBox::BrowseIndexesBox(QWidget* parent)
    : QGroupBox(tr("Indexes for browsing"), parent), m_text(new QLabel(this)),
      m_list(new QListWidget(this)), m_add(new QPushButton(tr("Add &indexes…"), this))
{
    setObjectName(QStringLiteral("browseIndexesBox"));
    m_text->setObjectName(QStringLiteral("browseIndexesText"));
    m_text->setWordWrap(true);
    m_text->setBuddy(m_list);
    m_list->setObjectName(QStringLiteral("missingIndexList"));
    m_list->setAccessibleName(tr("Missing indexes"));
    m_list->setMaximumHeight(110);
    m_add->setObjectName(QStringLiteral("addIndexesButton"));
    m_add->setAccessibleName(tr("Add the missing indexes"));
    m_add->setToolTip(tr("Show the statements, then add the indexes if you agree"));
    connect(m_add, &QPushButton::clicked, this, &BrowseIndexesBox::confirm);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_add);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    setVisible(false);
}

void BrowseIndexesBox::showMissing(const QList<BrowseIndex>& missing, const QString& error)
{
    m_missing = missing;
    m_list->clear();
    for (const BrowseIndex& index : missing) {
        auto* item = new QListWidgetItem(
            tr("%1 — %2").arg(index.text(), BrowseIndexes::explanation(index)), m_list);
        item->setData(Qt::UserRole, index.name);
    }
    m_text->setText(
        error.isEmpty()
            ? tr("This database lacks %n index(es) that BlogDesk's views use to stay fast on a "
                 "large blog. BlogDesk does not add them to a database another history "
                 "manages by itself:",
                 nullptr, int(missing.size()))
            : tr("Which indexes this database has cannot be read: %1").arg(error));
    m_list->setVisible(!missing.isEmpty());
    m_add->setVisible(!missing.isEmpty());
    setVisible(!missing.isEmpty() || !error.isEmpty());
}

void BrowseIndexesBox::confirm()
{
    BrowseIndexesDialog dialog(m_missing, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    QStringList names;
    for (const BrowseIndex& index : std::as_const(m_missing)) {
        names << index.name;
    }
    emit addRequested(names);
}
