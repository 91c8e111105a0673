#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>

class QAbstractButton;
class QWidget;

// Answers the modal dialogs a step opens, in order: each is named, may be inspected, and
// is closed by clicking its named button (or by the inspection, when no button is named).
class DialogAnswerer : public QObject
{
public:
    struct Step
    {
        QString dialog;
        QString button;
        std::function<void(QWidget*)> inspect;
    };

    explicit DialogAnswerer(QList<Step> steps);
    bool allAnswered() const { return m_answered == m_steps.size(); }
    QStringList seen() const { return m_seen; }

    // Clicks `trigger`, answers the dialogs it opens with `steps`, then waits while `busy()`;
    // false (with a warning naming the dialogs seen) when that does not happen in `timeoutMs`.
    static bool clickThrough(QAbstractButton* trigger, const QList<Step>& steps,
                             const std::function<bool()>& busy, int timeoutMs);

private:
    void poll();

    QList<Step> m_steps;
    int m_answered = 0;
    QStringList m_seen;
    QTimer m_timer;
};
