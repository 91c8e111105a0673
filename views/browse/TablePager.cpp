#include "TablePager.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlError>

#include <utility>

#include "models/browse/BlogTableModel.h"
#include "views/browse/BusyIndicator.h"

TablePager::TablePager(const QString& name, const QString& title, QWidget* page, QWidget* rows)
    : QWidget(page), m_title(title), m_rows(rows), m_countLabel(new QLabel(this)),
      m_busyIndicator(makeBusyIndicator(this, name + QStringLiteral("BusyIndicator"),
                                        tr("Reading %1").arg(title))),
      m_goToField(new QLineEdit(this)), m_goToButton(new QPushButton(tr("Go"), this)),
      m_goToMessage(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_countLabel->setObjectName(name + QStringLiteral("CountLabel"));
    m_goToMessage->setObjectName(name + QStringLiteral("GoToMessage"));
    m_goToField->setObjectName(name + QStringLiteral("GoToField"));
    m_goToField->setAccessibleName(tr("Go to an id or a row number in %1").arg(title));
    m_goToField->setPlaceholderText(tr("Go to id or row…"));
    m_goToField->setToolTip(
        tr("An id (12345 or #12345) or a row number (row 500); Go ▸ Go to Id or Row (Ctrl+G)"));
    m_goToField->setMaximumWidth(140);
    m_goToButton->setObjectName(name + QStringLiteral("GoToButton"));
    m_goToButton->setAccessibleName(tr("Go to the id or row typed"));
    connect(m_goToField, &QLineEdit::returnPressed, this, &TablePager::goTo);
    connect(m_goToButton, &QPushButton::clicked, this, &TablePager::goTo);
    layout->addWidget(m_countLabel);
    layout->addWidget(m_goToMessage, 1);
    layout->addWidget(m_busyIndicator);
    layout->addWidget(m_goToField);
    layout->addWidget(m_goToButton);
    m_firstButton = addMoveButton(tr("« First"), name + QStringLiteral("FirstButton"),
                                  tr("First rows"), KeysetWindow::Move::First);
    m_previousButton = addMoveButton(tr("◀ &Previous"), name + QStringLiteral("PreviousButton"),
                                     tr("Previous rows"), KeysetWindow::Move::Previous);
    m_nextButton = addMoveButton(tr("&Next ▶"), name + QStringLiteral("NextButton"),
                                 tr("Next rows"), KeysetWindow::Move::Next);
    m_lastButton = addMoveButton(tr("Last »"), name + QStringLiteral("LastButton"), tr("Last rows"),
                                 KeysetWindow::Move::Last);
}

QPushButton* TablePager::addMoveButton(const QString& text, const QString& objectName,
                                       const QString& accessibleName, KeysetWindow::Move move)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    connect(button, &QPushButton::clicked, this, [this, move] { emit moveRequested(move); });
    layout()->addWidget(button);
    return button;
}

void TablePager::goTo()
{
    const GoToTarget target = GoToTarget::parse(m_goToField->text());
    if (!target.isValid()) {
        showGoToMessage(target.error);
        return;
    }
    showGoToMessage(QString());
    emit goToRequested(target);
}

void TablePager::focusGoTo()
{
    m_goToField->setFocus(Qt::ShortcutFocusReason);
    m_goToField->selectAll();
}

void TablePager::showGoToMessage(const QString& message)
{
    m_goToMessage->setText(message);
}

void TablePager::setBusy(bool busy)
{
    m_busyIndicator->setVisible(busy);
}

void TablePager::showPosition(const BlogTableModel& model)
{
    if (model.lastError().isValid()) {
        m_countLabel->setText(tr("Cannot read %1: %2").arg(m_title, model.lastError().text()));
        return;
    }
    const QLocale locale;
    const qint64 total = model.totalRowCount();
    const QString totalText = total < 0              ? tr("…")
                              : model.totalIsExact() ? locale.toString(total)
                                                     : tr("about %1").arg(locale.toString(total));
    const qint64 before = model.rowsBeforeWindow();
    const qint64 shown = model.rowsInWindow();
    if (shown == 0 && !model.hasPreviousWindow()) {
        m_countLabel->setText(model.condition().isEmpty() ? tr("No rows")
                                                          : tr("No rows match the filter"));
    } else if (before >= 0) {
        m_countLabel->setText(
            tr("Rows %1–%2 of %3")
                .arg(locale.toString(before + 1), locale.toString(before + shown), totalText));
    } else if (model.countsFromEnd()) {
        m_countLabel->setText(tr("The last %1 rows of %2").arg(locale.toString(shown), totalText));
    } else {
        m_countLabel->setText(
            tr("%1 rows of %2 (numbering…)").arg(locale.toString(shown), totalText));
    }
}

void TablePager::enableMoves(bool backward, bool forward)
{
    const std::pair<QPushButton*, bool> states[] = {
        {m_firstButton, backward},
        {m_previousButton, backward},
        {m_nextButton, forward},
        {m_lastButton, forward},
    };
    for (const auto& [button, enabled] : states) {
        // A button disabled under the keyboard focus (Next, clicked: reading) would send the
        // focus out of the page, into another dock; it stays on the rows instead.
        if (!enabled && button->hasFocus()) {
            m_rows->setFocus(Qt::OtherFocusReason);
        }
        button->setEnabled(enabled);
    }
}
