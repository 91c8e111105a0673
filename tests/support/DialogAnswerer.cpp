#include "DialogAnswerer.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDeadlineTimer>
#include <QTest>
#include <QWidget>

DialogAnswerer::DialogAnswerer(QList<Step> steps) : m_steps(std::move(steps))
{
    connect(&m_timer, &QTimer::timeout, this, &DialogAnswerer::poll);
    m_timer.start(30);
}

bool DialogAnswerer::clickThrough(QAbstractButton* trigger, const QList<Step>& steps,
                                  const std::function<bool()>& busy, int timeoutMs)
{
    DialogAnswerer answers(steps);
    QTest::mouseClick(trigger, Qt::LeftButton);
    QDeadlineTimer deadline(timeoutMs);
    if (!QTest::qWaitFor([&answers] { return answers.allAnswered(); },
                         int(deadline.remainingTime()))) {
        qWarning("dialogs seen: %s", qPrintable(answers.seen().join(QLatin1Char(' '))));
        return false;
    }
    return QTest::qWaitFor([&busy] { return !busy(); }, int(deadline.remainingTime()));
}

void DialogAnswerer::poll()
{
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal || allAnswered() ||
        m_seen.contains(modal->objectName() + QLatin1Char('@') + QString::number(m_answered))) {
        return;
    }
    const Step& step = m_steps.at(m_answered);
    m_seen << modal->objectName() + QLatin1Char('@') + QString::number(m_answered);
    if (modal->objectName() != step.dialog) {
        return; // the test fails on allAnswered(); seen() says what came instead
    }
    if (step.inspect) {
        step.inspect(modal);
    }
    if (step.button.isEmpty()) {
        ++m_answered; // the inspection closed it
        return;
    }
    auto* button = modal->findChild<QAbstractButton*>(step.button);
    if (!button) {
        return;
    }
    ++m_answered;
    button->click();
}
