#include "BrowseIndexesDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "models/schema/BrowseIndexes.h"
#include "views/migrations/FlaskMigrateNote.h"

BrowseIndexesDialog::BrowseIndexesDialog(const QList<BrowseIndex>& indexes, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("browseIndexesDialog"));
    setWindowTitle(tr("Add Indexes"));
    auto* intro = new QLabel(tr("These statements will run, one index each; the data and "
                                "alembic_version stay as they are:"),
                             this);
    intro->setWordWrap(true);
    auto* statements = new QPlainTextEdit(this);
    statements->setObjectName(QStringLiteral("indexStatements"));
    statements->setAccessibleName(tr("Statements to run"));
    statements->setReadOnly(true);
    statements->setLineWrapMode(QPlainTextEdit::NoWrap);
    statements->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    statements->setPlainText(BrowseIndexes::statements(indexes).join(QStringLiteral(";\n")) +
                             QLatin1Char(';'));
    intro->setBuddy(statements);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* add = buttons->addButton(tr("&Add indexes"), QDialogButtonBox::AcceptRole);
    add->setObjectName(QStringLiteral("confirmAddIndexesButton"));
    add->setAccessibleName(tr("Add the indexes"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelAddIndexes"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(statements, 1);
    layout->addWidget(new FlaskMigrateNote(this), 1);
    layout->addWidget(buttons);
    resize(720, 560);
}
