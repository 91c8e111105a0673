#include "DeleteDialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "views/browse/RecordPicker.h"

namespace {

QLabel* makeLabel(QWidget* parent, const QString& name, const QString& accessibleName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QRadioButton* makeRadio(QWidget* parent, const QString& name)
{
    auto* radio = new QRadioButton(parent);
    radio->setObjectName(name);
    return radio;
}

QString titleFor(DeletePlan::Kind kind)
{
    switch (kind) {
    case DeletePlan::Kind::Users:
        return DeleteDialog::tr("Delete Users");
    case DeletePlan::Kind::Posts:
        return DeleteDialog::tr("Delete Posts");
    case DeletePlan::Kind::Tags:
        return DeleteDialog::tr("Delete Tags");
    case DeletePlan::Kind::Comments:
        return DeleteDialog::tr("Delete Comments");
    }
    return DeleteDialog::tr("Delete");
}

} // namespace

DeleteDialog::DeleteDialog(QSqlDatabase db, const DeletePlan& plan, QWidget* parent)
    : QDialog(parent), m_db(db), m_plan(plan)
{
    setObjectName(QStringLiteral("deleteDialog"));
    setWindowTitle(titleFor(m_plan.kind()));
    setAccessibleName(windowTitle());
    buildForm();
    connectChoices();
    refresh();
}

DeleteDialog::~DeleteDialog() = default;

void DeleteDialog::buildForm()
{
    m_summary = makeLabel(this, QStringLiteral("summaryLabel"), tr("What will be deleted"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = makeLabel(this, QStringLiteral("deleteError"), tr("Delete error"));
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_error->setPalette(palette);
    buildButtons();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(buildOtherCommentsBox());
    layout->addWidget(buildRepliesBox());
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
}

QGroupBox* DeleteDialog::buildOtherCommentsBox()
{
    m_otherBox = new QGroupBox(tr("Comments on other users' posts"), this);
    m_otherBox->setObjectName(QStringLiteral("otherCommentsBox"));
    m_otherBox->setAccessibleName(m_otherBox->title());
    m_blocker = makeLabel(m_otherBox, QStringLiteral("blockerLabel"), tr("Why this is asked"));
    m_blocker->setText(m_plan.blocker());
    m_deleteOtherRadio = makeRadio(m_otherBox, QStringLiteral("deleteOtherCommentsRadio"));
    m_deleteOtherRadio->setText(
        tr("&Delete their %1 comments on other posts").arg(m_plan.otherCommentCount()));
    m_reassignRadio = makeRadio(m_otherBox, QStringLiteral("reassignRadio"));
    m_reassignRadio->setText(tr("&Reassign them to:"));
    m_reassignPicker = new RecordPicker(m_db, RecordPickerSource::users(), m_otherBox);
    m_reassignPicker->setNames(QStringLiteral("reassignPicker"), tr("User to reassign to"));
    m_reassignPicker->setEnabled(false);
    auto* layout = new QGridLayout(m_otherBox);
    layout->addWidget(m_blocker, 0, 0, 1, 2);
    layout->addWidget(m_deleteOtherRadio, 1, 0, 1, 2);
    layout->addWidget(m_reassignRadio, 2, 0);
    layout->addWidget(m_reassignPicker, 2, 1);
    m_otherBox->setVisible(m_plan.otherCommentCount() > 0);
    return m_otherBox;
}

QGroupBox* DeleteDialog::buildRepliesBox()
{
    m_repliesBox = new QGroupBox(tr("Replies to deleted comments"), this);
    m_repliesBox->setObjectName(QStringLiteral("repliesBox"));
    m_repliesBox->setAccessibleName(m_repliesBox->title());
    m_deleteRepliesRadio = makeRadio(m_repliesBox, QStringLiteral("deleteRepliesRadio"));
    m_keepRepliesRadio = makeRadio(m_repliesBox, QStringLiteral("keepRepliesRadio"));
    m_keepRepliesRadio->setText(tr("&Keep the replies as top-level comments"));
    auto* layout = new QVBoxLayout(m_repliesBox);
    layout->addWidget(m_deleteRepliesRadio);
    layout->addWidget(m_keepRepliesRadio);
    const std::optional<CommentReplies> preset = m_plan.commentReplies();
    if (preset) {
        (*preset == CommentReplies::DeleteSubtree ? m_deleteRepliesRadio : m_keepRepliesRadio)
            ->setChecked(true);
    }
    return m_repliesBox;
}

void DeleteDialog::buildButtons()
{
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_deleteButton = m_buttons->addButton(tr("&Delete"), QDialogButtonBox::DestructiveRole);
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_deleteButton->setAutoDefault(false); // Enter must not delete
    QPushButton* cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setDefault(true);
    connect(m_deleteButton, &QPushButton::clicked, this, &DeleteDialog::startDelete);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DeleteDialog::reject);
}

void DeleteDialog::connectChoices()
{
    for (QRadioButton* radio :
         {m_deleteOtherRadio, m_reassignRadio, m_deleteRepliesRadio, m_keepRepliesRadio}) {
        connect(radio, &QRadioButton::toggled, this, &DeleteDialog::onChoiceChanged);
    }
    connect(m_reassignPicker, &RecordPicker::currentIdChanged, this,
            &DeleteDialog::onChoiceChanged);
}

QString DeleteDialog::errorText() const
{
    return m_error->text();
}

void DeleteDialog::onChoiceChanged()
{
    m_error->clear();
    applyChoices();
    refresh();
}

// The radio buttons are the choices: nothing checked is an open choice.
void DeleteDialog::applyChoices()
{
    m_reassignPicker->setEnabled(m_reassignRadio->isChecked());
    std::optional<OtherComments> other;
    if (m_deleteOtherRadio->isChecked()) {
        other = OtherComments::Delete;
    } else if (m_reassignRadio->isChecked() && reassignProblem().isEmpty()) {
        other = OtherComments::ReassignTo(m_reassignPicker->currentId());
    }
    m_plan.setOtherComments(other);
    std::optional<CommentReplies> replies;
    if (m_deleteRepliesRadio->isChecked()) {
        replies = CommentReplies::DeleteSubtree;
    } else if (m_keepRepliesRadio->isChecked()) {
        replies = CommentReplies::KeepAsTopLevel;
    }
    m_plan.setCommentReplies(replies);
}

QString DeleteDialog::reassignProblem() const
{
    if (!m_reassignPicker->hasCurrent()) {
        return tr("Choose the user who gets the comments.");
    }
    if (m_plan.targets().contains(m_reassignPicker->currentId())) {
        return tr("That user is being deleted: choose another one.");
    }
    return {};
}

void DeleteDialog::refresh()
{
    m_summary->setText(m_plan.summary());
    const int subtree = m_plan.replyCount(CommentReplies::DeleteSubtree);
    m_deleteRepliesRadio->setText(tr("Delete the &replies too (%1)").arg(subtree));
    m_repliesBox->setVisible(subtree > 0);
    if (m_reassignRadio->isChecked() && m_reassignPicker->hasCurrent()) {
        m_error->setText(reassignProblem());
    }
    const bool usable = m_plan.isValid() && !m_plan.targets().isEmpty();
    m_deleteButton->setEnabled(usable && !m_plan.needsChoice());
}

void DeleteDialog::startDelete()
{
    if (!m_deleteButton->isEnabled()) {
        return;
    }
    QString error;
    if (!m_plan.execute(&error)) {
        m_error->setText(error);
        return;
    }
    emit deleted();
    accept();
}
