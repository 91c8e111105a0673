#pragma once

#include <QWidget>

class QPlainTextEdit;
class QPushButton;

// What the Flask app must add so that its `flask db migrate` leaves BlogDesk's history table
// alone: a sentence, the Python to add (read-only, selectable) and a Copy button. Shown in the
// Adopt dialog and in the migrations panel of an adopted database.
class FlaskMigrateNote : public QWidget
{
    Q_OBJECT

public:
    explicit FlaskMigrateNote(QWidget* parent = nullptr);

    QString snippet() const;

private:
    void copySnippet();

    QPlainTextEdit* m_snippet;
    QPushButton* m_copy;
};
