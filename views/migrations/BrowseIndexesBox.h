#pragma once

#include <QGroupBox>
#include <QList>

#include "migrations/schema/BrowseIndexList.h"

class QLabel;
class QListWidget;
class QPushButton;

// In the migrations panel of a database that BlogDesk's history does not manage (a Flask
// app's): the indexes BlogDesk's views use that it lacks, each with what it would speed up,
// and "Add indexes…", which shows the statements and the Flask-Migrate filter first and adds
// them only when the person agrees. Hidden when nothing is missing.
class BrowseIndexesBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit BrowseIndexesBox(QWidget* parent = nullptr);

    // `error`: why the indexes could not be read (shown instead of the list).
    void showMissing(const QList<BrowseIndex>& missing, const QString& error);
    // Whether it is shown with something to add.
    bool offers() const { return !m_missing.isEmpty(); }

signals:
    // The person saw the statements and agreed.
    void addRequested(const QStringList& names);

private:
    void confirm();

    QList<BrowseIndex> m_missing;
    QLabel* m_text;
    QListWidget* m_list;
    QPushButton* m_add;
};
