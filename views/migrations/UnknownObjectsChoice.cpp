#include "UnknownObjectsChoice.h"

#include <QButtonGroup>
#include <QLabel>
#include <QListWidget>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

UnknownObjectsChoice::UnknownObjectsChoice(const QList<UnknownObject>& objects, bool canKeep,
                                           QWidget* parent)
    : QGroupBox(tr("Not in BlogDesk's history"), parent)
{
    setObjectName(QStringLiteral("unknownObjects"));
    auto* layout = new QVBoxLayout(this);
    auto* explanation = new QLabel(
        canKeep ? tr("The migration rebuilds or drops the tables these belong to, and "
                     "BlogDesk's history does not know them. Keep them (carried through the "
                     "rebuild with every value) or drop them with the table.")
                : tr("The migration drops the tables these belong to, so they cannot all be "
                     "kept. Drop them knowingly, or cancel."),
        this);
    explanation->setObjectName(QStringLiteral("unknownObjectsExplanation"));
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    auto* list = new QListWidget(this);
    list->setObjectName(QStringLiteral("unknownObjectList"));
    list->setAccessibleName(tr("Objects not in BlogDesk's history"));
    for (const UnknownObject& object : objects) {
        auto* row = new QListWidgetItem(object.fullText(), list);
        if (object.rows > 0 || !object.keepable()) {
            row->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
    }
    list->setMaximumHeight(110);
    layout->addWidget(list);

    m_keep = new QRadioButton(tr("&Keep them: carry them through with their values"), this);
    m_keep->setObjectName(QStringLiteral("keepUnknownButton"));
    m_keep->setAccessibleName(tr("Keep the objects not in BlogDesk's history"));
    m_keep->setEnabled(canKeep);
    m_keep->setChecked(canKeep);
    m_drop = new QRadioButton(tr("D&rop them with their table"), this);
    m_drop->setObjectName(QStringLiteral("dropUnknownButton"));
    m_drop->setAccessibleName(tr("Drop the objects not in BlogDesk's history"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_keep);
    group->addButton(m_drop);
    layout->addWidget(m_keep);
    layout->addWidget(m_drop);
    connect(group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool checked) {
        if (checked) {
            emit policyChanged(policy());
        }
    });
}

UnknownObjectsPolicy UnknownObjectsChoice::policy() const
{
    if (m_keep->isChecked()) {
        return UnknownObjectsPolicy::Keep;
    }
    return m_drop->isChecked() ? UnknownObjectsPolicy::Drop : UnknownObjectsPolicy::Refuse;
}
