#pragma once

#include <QDialog>

#include "models/connection/ConnectionProbe.h"
#include "models/connection/DatabaseUrl.h"

class ConnectionForm;
class ConnectionProfiles;
class PasswordStore;
class QDialogButtonBox;
class QLabel;
class QPushButton;

// Chooses a database: by URL (as SQLALCHEMY_DATABASE_URI holds it) or by fields, kept in
// sync both ways (ConnectionForm); from saved profiles or recent databases (ConnectionList).
// "Test connection" and Open try the database on a worker thread, so an unreachable server
// never freezes the form; Open accepts only a database that answered, or a missing SQLite
// file the user agreed to create (CreateDatabaseQuestion). The URL field never
// shows the password: a password typed or pasted into it moves to the masked Password field
// when editing the URL finishes.
class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        None,
        Open,
        OpenInNewWindow
    };

    // `profiles` and `passwords` must outlive the dialog.
    ConnectionDialog(ConnectionProfiles* profiles, PasswordStore* passwords,
                     QWidget* parent = nullptr);
    ~ConnectionDialog() override;

    // Fills the URL and the fields; a URL without a password keeps the typed one only if it
    // names the same account, else asks the password store.
    void setUrl(const DatabaseUrl& url);
    // The URL the form describes, password included; false with *error when it is not valid.
    bool currentUrl(DatabaseUrl* url, QString* error) const;

    // After accept(): what was chosen, and the database (password included) that answered.
    Choice choice() const { return m_choice; }
    DatabaseUrl chosenUrl() const { return m_chosenUrl; }

    bool isTesting() const;
    // The last test's outcome and message as shown under the Test button.
    ProbeResult lastResult() const { return m_lastResult; }

public slots:
    void testConnection();

private:
    void createTestRow();
    QDialogButtonBox* createButtons();
    void urlChanged();

    void requestOpen(Choice choice);
    void startProbe(const DatabaseUrl& url);
    void onProbeFinished(const ProbeResult& result);
    void finishOpen();
    void rememberPassword(const DatabaseUrl& url);
    void setBusy(bool busy);
    void showResult(const QString& text, bool good);

    ConnectionProfiles* m_profiles;
    PasswordStore* m_passwords;
    ConnectionProbe* m_probe;

    ConnectionForm* m_form = nullptr;
    QPushButton* m_testButton = nullptr;
    QLabel* m_resultLabel = nullptr;        // what the last test or Open attempt found
    QPushButton* m_detailsButton = nullptr; // the driver's whole text of a failure
    QPushButton* m_openButton = nullptr;
    QPushButton* m_openNewWindowButton = nullptr;

    Choice m_pendingChoice = Choice::None;
    Choice m_choice = Choice::None;
    DatabaseUrl m_probedUrl;
    DatabaseUrl m_chosenUrl;
    ProbeResult m_lastResult;
};
