#pragma once

#include <QString>
#include <QWidget>

#include <functional>

class PasswordHasher;
class QLabel;
class QLineEdit;
class QPushButton;

// The user dialog's "Check a password" row: verifies a typed password against the stored hash
// off the GUI thread (through the dialog's PasswordHasher, so the dialog's cancel() drops it too)
// and says whether it is right. The hash is asked for when needed, so it is always the one the
// dialog holds now (empty: nothing to check against).
class PasswordCheckRow : public QWidget
{
    Q_OBJECT

public:
    PasswordCheckRow(PasswordHasher* hasher, std::function<QString()> storedHash,
                     QWidget* parent = nullptr);

    // Enables Check while there is a stored hash, a password typed and no check running.
    void refresh();

private:
    void startCheck();
    void onChecked(bool matches);

    PasswordHasher* m_hasher;
    std::function<QString()> m_storedHash;
    QLineEdit* m_edit = nullptr;
    QPushButton* m_button = nullptr;
    QLabel* m_result = nullptr;
};
