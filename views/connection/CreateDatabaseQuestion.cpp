#include "CreateDatabaseQuestion.h"

#include <QAbstractButton>
#include <QFileInfo>

#include <utility>

#include "models/connection/Database.h"

namespace {

QMessageBox::StandardButton nextAnswer = QMessageBox::NoButton;

} // namespace

void CreateDatabaseQuestion::setNextAnswer(QMessageBox::StandardButton answer)
{
    nextAnswer = answer;
}

bool CreateDatabaseQuestion::confirm(QWidget* parent, const QString& path)
{
    QMessageBox::StandardButton answer = std::exchange(nextAnswer, QMessageBox::NoButton);
    if (answer == QMessageBox::NoButton) {
        QMessageBox box(QMessageBox::Question, tr("Create Database?"),
                        tr("There is no database at %1.\nCreate a new, empty database there?")
                            .arg(QFileInfo(path).absoluteFilePath()),
                        QMessageBox::Yes | QMessageBox::Cancel, parent);
        box.setObjectName(QStringLiteral("createDatabaseBox"));
        box.setAccessibleName(tr("Create database?"));
        QAbstractButton* create = box.button(QMessageBox::Yes);
        create->setText(tr("&Create"));
        create->setObjectName(QStringLiteral("createDatabaseButton"));
        create->setAccessibleName(tr("Create the database"));
        QAbstractButton* cancel = box.button(QMessageBox::Cancel);
        cancel->setObjectName(QStringLiteral("cancelCreateButton"));
        cancel->setAccessibleName(tr("Cancel"));
        box.setDefaultButton(QMessageBox::Cancel);
        answer = QMessageBox::StandardButton(box.exec());
    }
    return answer == QMessageBox::Yes;
}

bool CreateDatabaseQuestion::confirmIfMissing(QWidget* parent, const DatabaseUrl& url)
{
    return !Database::isMissingSqliteFile(url) || confirm(parent, url.database());
}
