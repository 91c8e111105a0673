#pragma once

#include <QDialog>

#include "models/ConnectionProbe.h"
#include "models/ConnectionProfiles.h"
#include "models/DatabaseUrl.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSpinBox;

// Chooses a database: by URL (as SQLALCHEMY_DATABASE_URI holds it) or by fields, kept in
// sync both ways; from saved profiles or recent databases. "Test connection" and Open try the
// database on a worker thread, so an unreachable server never freezes the form; Open accepts
// only a database that answered. The URL field never shows the password: a password typed
// or pasted into it moves to the masked Password field when editing the URL finishes.
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

signals:
    void testFinished(const ProbeResult& result);

private:
    void createUrlRow();
    void createFieldRows();
    void createServerRows();
    void createTestRow();
    void createSidePanel();
    void createButtons();
    QWidget* createProfileControls();
    QWidget* createRecentControls();
    void connectFieldEdits();
    void addRow(const QString& labelText, QWidget* field, const char* labelName);

    void onUrlEdited(const QString& text);
    void onUrlEditingFinished();
    void onFieldsEdited();
    void onDriverChanged();
    void chooseFile();
    void showFields(const ConnectionFields& fields);
    ConnectionFields readFields() const;
    void updateRowVisibility();
    void setUrlMessage(const QString& message);
    void urlChanged();
    void lookUpPassword(const DatabaseUrl& url);

    void refreshProfiles();
    void refreshRecent();
    void loadProfile(QListWidgetItem* item);
    void loadRecent(QListWidgetItem* item);
    void saveProfile();
    void renameProfile();
    void deleteProfile();

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

    QFormLayout* m_form = nullptr;
    QLineEdit* m_urlEdit = nullptr;
    QLabel* m_urlMessage = nullptr;
    QComboBox* m_driverCombo = nullptr;
    QLineEdit* m_fileEdit = nullptr;
    QPushButton* m_browseButton = nullptr;
    QWidget* m_fileRow = nullptr;
    QLineEdit* m_hostEdit = nullptr;
    QSpinBox* m_portSpin = nullptr;
    QLineEdit* m_databaseEdit = nullptr;
    QLineEdit* m_userEdit = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QCheckBox* m_rememberCheck = nullptr;
    QComboBox* m_sslModeCombo = nullptr;
    QLineEdit* m_optionsEdit = nullptr;
    QPushButton* m_testButton = nullptr;
    QLabel* m_resultLabel = nullptr;
    QLineEdit* m_profileNameEdit = nullptr;
    QListWidget* m_profilesList = nullptr;
    QPushButton* m_saveProfileButton = nullptr;
    QPushButton* m_renameProfileButton = nullptr;
    QPushButton* m_deleteProfileButton = nullptr;
    QListWidget* m_recentList = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_openButton = nullptr;
    QPushButton* m_openNewWindowButton = nullptr;

    // The scheme as written ("postgresql+psycopg2"), kept while the driver stays the same.
    QString m_scheme = QStringLiteral("sqlite");
    bool m_hostAsParameter = false;
    bool m_syncing = false;
    Choice m_pendingChoice = Choice::None;
    Choice m_choice = Choice::None;
    DatabaseUrl m_probedUrl;
    DatabaseUrl m_chosenUrl;
    ProbeResult m_lastResult;
    // A missing SQLite file is created only when Open is pressed a second time for it.
    QString m_createConfirmedFor;
};
