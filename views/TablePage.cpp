#include "TablePage.h"

#include <QHeaderView>
#include <QLabel>
#include <QSqlError>
#include <QTableView>
#include <QVBoxLayout>

#include "models/BlogTableModel.h"
#include "views/NullAwareDelegate.h"

namespace {

// Long texts are previewed, not shown whole: a column never pushes the others off screen.
constexpr int MaxColumnWidth = 360;

} // namespace

TablePage::TablePage(const QString& name, const QString& title, BlogTableModel* model,
                     QWidget* parent)
    : QWidget(parent), m_title(title), m_model(model), m_view(new QTableView(this)),
      m_countLabel(new QLabel(this))
{
    setObjectName(name + QStringLiteral("Page"));
    m_model->setParent(this);
    m_countLabel->setObjectName(name + QStringLiteral("CountLabel"));
    m_view->setObjectName(name + QStringLiteral("View"));
    m_view->setAccessibleName(title);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new NullAwareDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSortingEnabled(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_view);

    // The header's sort indicator drives the model, which sorts in SQL and selects again.
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::updateCount);
    m_view->sortByColumn(0, Qt::AscendingOrder);
}

bool TablePage::reload()
{
    const bool ok = m_model->select();
    updateCount();
    return ok;
}

void TablePage::updateCount()
{
    if (m_model->lastError().isValid()) {
        m_countLabel->setText(tr("Cannot read %1: %2").arg(m_title, m_model->lastError().text()));
        return;
    }
    const qint64 rows = m_model->totalRowCount();
    m_countLabel->setText(rows == 1 ? tr("1 row") : tr("%1 rows").arg(rows));
    m_view->resizeColumnsToContents();
    for (int column = 0; column < m_model->columnCount(); ++column) {
        m_view->setColumnWidth(column, qMin(m_view->columnWidth(column), MaxColumnWidth));
    }
}
