#include "FilterBar.h"

#include "sql/Dialect.h"
#include "sql/SqlTime.h"
#include "sql/TextSearch.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlDatabase>
#include <QTimer>

namespace {

constexpr int TypingPauseMs = 250;

QString capitalised(const QString& text)
{
    return text.left(1).toUpper() + text.mid(1);
}

} // namespace

FilterBar::FilterBar(const QString& name, const FilterSpec& spec, const QSqlDatabase& db,
                     QWidget* parent)
    : QWidget(parent), m_spec(spec), m_dialect(Dialect::of(db).kind()),
      m_typingPause(new QTimer(this))
{
    setObjectName(name + QStringLiteral("FilterBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_typingPause->setSingleShot(true);
    m_typingPause->setInterval(TypingPauseMs);
    connect(m_typingPause, &QTimer::timeout, this, &FilterBar::emitCondition);
    if (!spec.textColumns.isEmpty()) {
        addTextSearch(name);
    }
    for (const FilterSpec::Choice& choice : spec.choices) {
        addChoice(name, choice);
    }
    if (!spec.dateColumn.isEmpty()) {
        addDateRange(name);
    }
    auto* clearButton = new QPushButton(tr("C&lear filter"), this);
    clearButton->setObjectName(name + QStringLiteral("ClearFilterButton"));
    connect(clearButton, &QPushButton::clicked, this, &FilterBar::clear);
    layout->addWidget(clearButton);
    layout->addStretch(1);
}

void FilterBar::addTextSearch(const QString& name)
{
    auto* label = new QLabel(tr("&Search:"), this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(name + QStringLiteral("SearchEdit"));
    m_search->setPlaceholderText(m_spec.textPlaceholder);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(160);
    label->setBuddy(m_search);
    m_search->setAccessibleName(tr("Search"));
    connect(m_search, &QLineEdit::textChanged, m_typingPause, qOverload<>(&QTimer::start));
    layout()->addWidget(label);
    layout()->addWidget(m_search);
}

void FilterBar::addChoice(const QString& name, const FilterSpec::Choice& choice)
{
    auto* label = new QLabel(choice.label, this);
    auto* box = new QComboBox(this);
    box->setObjectName(name + capitalised(choice.name) + QStringLiteral("Choice"));
    box->setAccessibleName(QString(choice.label).remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    for (const auto& option : choice.options) {
        box->addItem(option.first);
    }
    label->setBuddy(box);
    connect(box, &QComboBox::currentIndexChanged, this, &FilterBar::emitCondition);
    m_choices << box;
    layout()->addWidget(label);
    layout()->addWidget(box);
}

void FilterBar::addDateRange(const QString& name)
{
    const QDate today = QDate::currentDate();
    m_fromEnabled = new QCheckBox(tr("Created &from"), this);
    m_fromEnabled->setObjectName(name + QStringLiteral("FromCheck"));
    m_from = new QDateEdit(today.addMonths(-1), this);
    m_from->setObjectName(name + QStringLiteral("FromDate"));
    m_from->setAccessibleName(tr("Created from"));
    m_toEnabled = new QCheckBox(tr("&to"), this);
    m_toEnabled->setObjectName(name + QStringLiteral("ToCheck"));
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(name + QStringLiteral("ToDate"));
    m_to->setAccessibleName(tr("Created to"));
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
        connect(edit, &QDateEdit::dateChanged, this, &FilterBar::emitCondition);
    }
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromEnabled, &QCheckBox::toggled, this, &FilterBar::emitCondition);
    connect(m_toEnabled, &QCheckBox::toggled, this, &FilterBar::emitCondition);
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_fromEnabled, m_from, m_toEnabled, m_to}) {
        layout()->addWidget(widget);
    }
}

// Dates are whole UTC days, compared as the stored values are written (SQLAlchemy's text on
// SQLite sorts like the time it names).
SqlCondition FilterBar::dateCondition() const
{
    SqlCondition condition;
    if (m_fromEnabled && m_fromEnabled->isChecked()) {
        condition =
            condition && SqlCondition{m_spec.dateColumn + QStringLiteral(" >= ?"),
                                      {SqlTime::format(m_from->date().startOfDay(Qt::UTC))}};
    }
    if (m_toEnabled && m_toEnabled->isChecked()) {
        const QDateTime nextDay = m_to->date().addDays(1).startOfDay(Qt::UTC);
        condition = condition && SqlCondition{m_spec.dateColumn + QStringLiteral(" < ?"),
                                              {SqlTime::format(nextDay)}};
    }
    return condition;
}

SqlCondition FilterBar::condition() const
{
    SqlCondition condition;
    if (m_search && !m_search->text().trimmed().isEmpty()) {
        const TextSearchCondition text =
            TextSearch::contains(m_dialect, m_spec.textColumns, m_search->text().trimmed());
        condition = SqlCondition{text.sql, text.values, true};
    }
    for (int i = 0; i < m_choices.size(); ++i) {
        condition =
            condition && m_spec.choices.at(i).options.at(m_choices.at(i)->currentIndex()).second;
    }
    return condition && dateCondition();
}

// Resets every control quietly, then says once what the condition is now.
void FilterBar::clear()
{
    if (m_search) {
        const QSignalBlocker quiet(m_search);
        m_search->clear();
    }
    for (QComboBox* box : std::as_const(m_choices)) {
        const QSignalBlocker quiet(box);
        box->setCurrentIndex(0);
    }
    for (QCheckBox* check : {m_fromEnabled, m_toEnabled}) {
        if (check) {
            const QSignalBlocker quiet(check);
            check->setChecked(false);
        }
    }
    for (QDateEdit* edit : {m_from, m_to}) {
        if (edit) {
            edit->setEnabled(false);
        }
    }
    emitCondition();
}

void FilterBar::emitCondition()
{
    m_typingPause->stop();
    emit conditionChanged(condition());
}
