#pragma once

#include <QWidget>

#include "models/connection/ConnectionFields.h"
#include "models/connection/DatabaseUrl.h"

class PasswordStore;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// The rows that describe one database: its URL (as SQLALCHEMY_DATABASE_URI holds it) and the
// same URL taken apart into fields, kept in sync both ways. The URL field never shows the
// password: a password typed or pasted into it moves to the masked Password field when
// editing the URL finishes. Rows that do not apply to the chosen driver are hidden.
class ConnectionForm : public QWidget
{
    Q_OBJECT

public:
    // `passwords` must outlive the form.
    explicit ConnectionForm(PasswordStore* passwords, QWidget* parent = nullptr);
    ~ConnectionForm() override;

    // Fills the URL and the fields; a URL without a password keeps the typed one only if it
    // names the same account, else asks the password store.
    void setUrl(const DatabaseUrl& url);
    // The URL the form describes, password included; false with *error when it is not valid.
    bool currentUrl(DatabaseUrl* url, QString* error) const;

    // Whether the user wants the password kept in the password store.
    bool keepsPassword() const;
    // Appends a row below the fields, aligned with them (e.g. a Test button and its result).
    void addRow(QWidget* label, QWidget* field);
    void focusUrl();
    // Selects the password for retyping, e.g. after the server refused it.
    void focusPassword();

signals:
    // The form now describes another database (or an invalid one), by the user or setUrl().
    void urlChanged();

private:
    void createUrlRow();
    void createFieldRows();
    void createServerRows();
    void connectFieldEdits();
    void addLabelledRow(const QString& labelText, QWidget* field, const char* labelName);

    void onUrlEdited(const QString& text);
    void onUrlEditingFinished();
    void onFieldsEdited();
    void onDriverChanged();
    void chooseFile();
    void showFields(const ConnectionFields& fields);
    ConnectionFields readFields() const;
    void updateRowVisibility();
    void setUrlMessage(const QString& message);
    void lookUpPassword(const DatabaseUrl& url);

    PasswordStore* m_passwords;

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

    // The scheme as written ("postgresql+psycopg2"), kept while the driver stays the same.
    QString m_scheme = QStringLiteral("sqlite");
    bool m_hostAsParameter = false;
    bool m_syncing = false;
};
