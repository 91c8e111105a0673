#include "ConflictDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    FieldColumn,
    OriginalColumn,
    MineColumn,
    TheirsColumn,
    ColumnCount
};

QTableWidgetItem* readOnlyItem(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(text); // long texts are cut in the cell
    return item;
}

} // namespace

ConflictDialog::ConflictDialog(const QString& what, const QList<FieldConflict>& fields,
                               QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Changed by Someone Else"));
    setAccessibleName(windowTitle());
    auto* intro = new QLabel(tr("While you edited %1, someone else saved other values. Nothing "
                                "has been written yet.")
                                 .arg(what),
                             this);
    intro->setObjectName(QStringLiteral("conflictIntro"));
    intro->setAccessibleName(tr("What happened"));
    intro->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("conflictButtons"));
    buttons->addButton(
        addButton(tr("&Reload Theirs"), QStringLiteral("reloadTheirsButton"), Choice::ReloadTheirs),
        QDialogButtonBox::ActionRole);
    buttons->addButton(addButton(tr("&Overwrite with Mine"), QStringLiteral("overwriteMineButton"),
                                 Choice::OverwriteMine),
                       QDialogButtonBox::ActionRole);
    QPushButton* cancel =
        addButton(tr("Cancel"), QStringLiteral("conflictCancelButton"), Choice::Cancel);
    buttons->addButton(cancel, QDialogButtonBox::RejectRole);
    cancel->setDefault(true); // nothing is decided by pressing Enter
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(buildTable(fields));
    layout->addWidget(buttons);
    resize(720, 320);
}

QTableWidget* ConflictDialog::buildTable(const QList<FieldConflict>& fields)
{
    auto* table = new QTableWidget(int(fields.size()), ColumnCount, this);
    table->setObjectName(QStringLiteral("conflictTable"));
    table->setAccessibleName(tr("Fields changed meanwhile"));
    table->setHorizontalHeaderLabels(
        {tr("Field"), tr("When you opened it"), tr("Yours"), tr("Now in the database")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(true);
    for (int row = 0; row < fields.size(); ++row) {
        const FieldConflict& field = fields.at(row);
        table->setItem(row, FieldColumn, readOnlyItem(field.label));
        table->setItem(row, OriginalColumn, readOnlyItem(field.original));
        table->setItem(row, MineColumn, readOnlyItem(field.mine));
        table->setItem(row, TheirsColumn, readOnlyItem(field.theirs));
    }
    table->resizeColumnsToContents();
    return table;
}

QPushButton* ConflictDialog::addButton(const QString& text, const QString& name, Choice choice)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setAccessibleName(QString(text).remove(QLatin1Char('&')));
    button->setAutoDefault(false);
    connect(button, &QPushButton::clicked, this, [this, choice] {
        m_choice = choice;
        if (choice == Choice::Cancel) {
            reject();
        } else {
            accept();
        }
    });
    return button;
}

ConflictDialog::Choice ConflictDialog::ask(QWidget* parent, const QString& what,
                                           const QList<FieldConflict>& fields)
{
    ConflictDialog dialog(what, fields, parent);
    dialog.exec();
    return dialog.choice();
}
