#include "SchemaViewDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSet>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

const QColor DriftColour(255, 214, 170);

QString key(const QString& table, const QString& object = QString())
{
    return table.toLower() + QLatin1Char('\n') + object.toLower();
}

QString foreignKeyText(const SchemaForeignKey& foreignKey)
{
    return QStringLiteral("(%1) → %2(%3)")
        .arg(foreignKey.columns.join(QStringLiteral(", ")), foreignKey.referencedTable,
             foreignKey.referencedColumns.join(QStringLiteral(", ")));
}

QTreeWidget* makeTree(const QString& objectName, const QString& accessibleName, QWidget* parent)
{
    auto* tree = new QTreeWidget(parent);
    tree->setObjectName(objectName);
    tree->setAccessibleName(accessibleName);
    tree->setHeaderLabels({QObject::tr("Name"), QObject::tr("Type"), QObject::tr("Null")});
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return tree;
}

void mark(QTreeWidgetItem* item, const QSet<QString>& drift, const QString& itemKey)
{
    if (drift.contains(itemKey)) {
        for (int column = 0; column < item->columnCount(); ++column) {
            item->setBackground(column, DriftColour);
        }
        item->setToolTip(0, QObject::tr("Differs from the other side"));
    }
}

} // namespace

SchemaViewDialog::SchemaViewDialog(QWidget* parent)
    : QDialog(parent), m_summary(new QLabel(this)),
      m_expected(makeTree(QStringLiteral("expectedSchema"), tr("Expected schema"), this)),
      m_live(makeTree(QStringLiteral("liveSchema"), tr("Live schema"), this)),
      m_differences(new QListWidget(this))
{
    setObjectName(QStringLiteral("schemaView"));
    setWindowTitle(tr("Schema"));
    m_summary->setObjectName(QStringLiteral("schemaSummary"));
    m_summary->setWordWrap(true);
    m_differences->setObjectName(QStringLiteral("schemaDifferences"));
    m_differences->setAccessibleName(tr("Differences"));

    auto* splitter = new QSplitter(this);
    for (auto [tree, title] : {std::pair{m_expected, tr("What the revision says")},
                               std::pair{m_live, tr("What the database has")}}) {
        auto* side = new QWidget(splitter);
        auto* sideLayout = new QVBoxLayout(side);
        sideLayout->setContentsMargins(0, 0, 0, 0);
        auto* label = new QLabel(title, side);
        label->setBuddy(tree);
        sideLayout->addWidget(label);
        tree->setParent(side);
        sideLayout->addWidget(tree);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 3);
    auto* differencesLabel = new QLabel(tr("&Differences:"), this);
    differencesLabel->setBuddy(m_differences);
    layout->addWidget(differencesLabel);
    layout->addWidget(m_differences, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1000, 640);
}

void SchemaViewDialog::showComparison(const SchemaComparison& comparison,
                                      const QString& revisionName)
{
    m_differences->clear();
    if (!comparison.error.isEmpty()) {
        m_summary->setText(tr("The schema could not be compared: %1").arg(comparison.error));
    } else if (comparison.differences.isEmpty()) {
        m_summary->setText(
            tr("The live schema is exactly what revision %1 describes.").arg(revisionName));
    } else {
        m_summary->setText(tr("The live schema differs from revision %1 in %n place(s).", nullptr,
                              int(comparison.differences.size()))
                               .arg(revisionName));
    }
    for (const SchemaDifference& difference : comparison.differences) {
        new QListWidgetItem(difference.text(), m_differences);
    }
    fillTree(m_expected, comparison.expected, comparison.differences);
    fillTree(m_live, comparison.actual, comparison.differences);
}

void SchemaViewDialog::fillTree(QTreeWidget* tree, const SchemaSnapshot& schema,
                                const QList<SchemaDifference>& differences)
{
    QSet<QString> drift;
    for (const SchemaDifference& difference : differences) {
        drift.insert(key(difference.table, difference.object));
    }
    tree->clear();
    for (const SchemaTable& table : schema.tables) {
        auto* tableItem = new QTreeWidgetItem(tree, {table.name});
        mark(tableItem, drift, key(table.name));
        for (const SchemaColumn& column : table.columns) {
            auto* item =
                new QTreeWidgetItem(tableItem, {column.name, column.declaredType,
                                                column.nullable ? tr("NULL") : tr("NOT NULL")});
            mark(item, drift, key(table.name, column.name));
        }
        for (const SchemaIndex& index : table.indexes) {
            auto* item = new QTreeWidgetItem(
                tableItem, {index.name, index.unique ? tr("unique index") : tr("index"),
                            index.columns.join(QStringLiteral(", "))});
            mark(item, drift, key(table.name, index.name));
        }
        for (const SchemaForeignKey& foreignKey : table.foreignKeys) {
            const QString text = foreignKeyText(foreignKey);
            auto* item = new QTreeWidgetItem(tableItem, {text, tr("foreign key")});
            mark(item, drift, key(table.name, text));
        }
        tableItem->setExpanded(true);
    }
}
