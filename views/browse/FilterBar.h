#pragma once

#include "sql/SqlCondition.h"
#include "sql/SqlDialect.h"

#include <QList>
#include <QPair>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QSqlDatabase;
class QTimer;

// What a table's filter bar offers: a text search over some columns, choice boxes (e.g.
// active / inactive) and a date range on one column. Column names are qualified
// ("posts.title"): the relational model joins tables that share column names.
struct FilterSpec
{
    struct Choice
    {
        QString name;                                // object name stem, e.g. "active"
        QString label;                               // translated, e.g. "Active:"
        QList<QPair<QString, SqlCondition>> options; // the first means "no condition"
    };

    QStringList textColumns;
    QString textPlaceholder;
    QList<Choice> choices;
    QString dateColumn; // empty: no date range
};

// The filter bar over a table page. Emits the combined condition (values bound) a moment
// after the user stops typing, at once for the other controls.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    // `name` ("users") prefixes the object names: usersSearchEdit, usersActiveChoice, ...
    FilterBar(const QString& name, const FilterSpec& spec, const QSqlDatabase& db,
              QWidget* parent = nullptr);

    SqlCondition condition() const;

public slots:
    void clear();

signals:
    void conditionChanged(const SqlCondition& condition);

private:
    void addTextSearch(const QString& name);
    void addChoice(const QString& name, const FilterSpec::Choice& choice);
    void addDateRange(const QString& name);
    SqlCondition dateCondition() const;
    void emitCondition();

    FilterSpec m_spec;
    SqlDialect m_dialect;
    QLineEdit* m_search = nullptr;
    QList<QComboBox*> m_choices;
    QCheckBox* m_fromEnabled = nullptr;
    QDateEdit* m_from = nullptr;
    QCheckBox* m_toEnabled = nullptr;
    QDateEdit* m_to = nullptr;
    QTimer* m_typingPause;
};
