#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QWidget>

#include "models/records/TagService.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

// Chooses a post's tags: a checkable list with a filter line, and a "New tag…" line that
// creates the tag at once (its own short transaction) and checks it. Tags are few, so the
// list holds them all, up to maxListed(); beyond that a note says so, and a post's own tags
// are always listed (by id) so that saving never drops a link that was not shown.
class TagSelector : public QWidget
{
    Q_OBJECT

public:
    explicit TagSelector(const QSqlDatabase& db, QWidget* parent = nullptr);

    static int maxListed() { return 5000; }

    // The checked tag ids, ascending.
    QList<qint64> checkedIds() const;
    // Checks exactly these; ids not listed yet are looked up and added (a dangling id is
    // kept and shown as missing).
    void setCheckedIds(const QList<qint64>& ids);

    QString loadError() const { return m_loadError; }

signals:
    void checkedIdsChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildParts();
    void loadTags();
    QListWidgetItem* addItem(qint64 id, const QString& name);
    void addMissing(const QList<qint64>& ids);
    void applyFilter();
    void createTag();
    void updateCreateButton();

    TagService m_service;
    QHash<qint64, QListWidgetItem*> m_items;
    QString m_loadError;
    bool m_truncated = false;
    bool m_populating = false;

    QLineEdit* m_filterEdit = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_note = nullptr;
    QLineEdit* m_newTagEdit = nullptr;
    QPushButton* m_newTagButton = nullptr;
    QLabel* m_newTagError = nullptr;
};
