#pragma once

#include <QCoreApplication>
#include <QMessageBox>
#include <QString>

#include "models/connection/DatabaseUrl.h"

class QWidget;

// Asked before BlogDesk makes a new SQLite file at a path the user gave (File ▸ Open Database…,
// --database or DATABASE_URL): a typo must not leave an empty database behind. The embedded
// default is created without asking. The test seam works as DiscardQuestion's: the next
// question is answered with `answer` (Yes creates, anything else cancels) without being shown.
class CreateDatabaseQuestion
{
    Q_DECLARE_TR_FUNCTIONS(CreateDatabaseQuestion)

public:
    static void setNextAnswer(QMessageBox::StandardButton answer);

    // True when the user chose to create the file `path`. The box is "createDatabaseBox" with
    // the buttons "createDatabaseButton" and "cancelCreateButton" (the default).
    static bool confirm(QWidget* parent, const QString& path);
    // True when `url` names no missing SQLite file, or the user chose to create it.
    static bool confirmIfMissing(QWidget* parent, const DatabaseUrl& url);
};
