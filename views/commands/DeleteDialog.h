#pragma once

#include <QDialog>
#include <QSqlDatabase>

#include "models/delete/DeletePlan.h"

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QRadioButton;
class RecordPicker;

// Asks before deleting: shows the plan's summary with counts, asks what happens to a user's
// comments on other users' posts (delete them, or reassign them to a user picked with a
// RecordPicker) and to replies of deleted comments (delete them too, or keep them as top-level
// comments). Delete stays disabled until every choice the plan needs is made; it runs the plan
// in one transaction and stays open with the reason when that fails.
class DeleteDialog : public QDialog
{
    Q_OBJECT

public:
    DeleteDialog(QSqlDatabase db, const DeletePlan& plan, QWidget* parent = nullptr);
    ~DeleteDialog() override;

    const DeletePlan& plan() const { return m_plan; }
    QString errorText() const;

signals:
    // After the plan was carried out and committed.
    void deleted();

private:
    void buildForm();
    QGroupBox* buildOtherCommentsBox();
    QGroupBox* buildRepliesBox();
    void buildButtons();
    void connectChoices();

    void onChoiceChanged();
    void applyChoices();
    void refresh();
    QString reassignProblem() const;
    void startDelete();

    QSqlDatabase m_db;
    DeletePlan m_plan;

    QLabel* m_summary = nullptr;
    QGroupBox* m_otherBox = nullptr;
    QLabel* m_blocker = nullptr;
    QRadioButton* m_deleteOtherRadio = nullptr;
    QRadioButton* m_reassignRadio = nullptr;
    RecordPicker* m_reassignPicker = nullptr;
    QGroupBox* m_repliesBox = nullptr;
    QRadioButton* m_deleteRepliesRadio = nullptr;
    QRadioButton* m_keepRepliesRadio = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_deleteButton = nullptr;
};
