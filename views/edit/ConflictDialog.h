#pragma once

#include <QDialog>
#include <QList>

#include "models/records/RowConflict.h"

class QLabel;
class QPushButton;
class QTableWidget;

// Someone else changed the row being saved: shows each field that differs — as it was when the
// dialog opened, as typed here, and as it is now in the database — and asks what to do.
// Nothing has been written when this shows.
class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice
    {
        Cancel,       // back to the form, input kept
        ReloadTheirs, // take the database's values in the fields changed meanwhile
        OverwriteMine // save the form's values over the current ones, knowingly
    };

    // `what` names the row ("post 12").
    ConflictDialog(const QString& what, const QList<FieldConflict>& fields,
                   QWidget* parent = nullptr);

    Choice choice() const { return m_choice; }

    // Shows the dialog modally and returns the choice.
    static Choice ask(QWidget* parent, const QString& what, const QList<FieldConflict>& fields);

private:
    QTableWidget* buildTable(const QList<FieldConflict>& fields);
    QPushButton* addButton(const QString& text, const QString& name, Choice choice);

    Choice m_choice = Choice::Cancel;
};
