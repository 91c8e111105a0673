#pragma once

#include <QWidget>

#include "models/connection/DatabaseUrl.h"

class ConnectionForm;
class ConnectionProfiles;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

// The side panel of the connection dialog: saved connections (save the form under a name,
// rename, delete) and recently opened databases. Clicking an entry fills the form;
// double-clicking (or Enter) also asks to open it.
class ConnectionList : public QWidget
{
    Q_OBJECT

public:
    // `profiles` must outlive the panel; `form` is the one entries load into and save from.
    ConnectionList(ConnectionProfiles* profiles, ConnectionForm* form, QWidget* parent = nullptr);

signals:
    // An entry was activated: it is in the form now, to be opened.
    void openRequested();
    // `url` (password included) was saved as a connection.
    void profileSaved(const DatabaseUrl& url);
    // What the last action did or why it could not, for the dialog's message line.
    void message(const QString& text, bool good);

private:
    QWidget* createProfileControls();
    QWidget* createRecentControls();

    void refreshProfiles();
    void refreshRecent();
    void loadProfile(QListWidgetItem* item);
    void loadRecent(QListWidgetItem* item);
    void saveProfile();
    void renameProfile();
    void deleteProfile();

    ConnectionProfiles* m_profiles;
    ConnectionForm* m_form;

    QLineEdit* m_profileNameEdit = nullptr;
    QListWidget* m_profilesList = nullptr;
    QListWidget* m_recentList = nullptr;
};
