#include "PostDialog.h"

#include "sql/Slugify.h"
#include "sql/SqlTime.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "views/browse/RecordPicker.h"
#include "views/edit/ConflictDialog.h"
#include "views/edit/EditFormSupport.h"
#include "views/edit/TagSelector.h"

namespace {

using EditForm::addRow;
using EditForm::makeErrorLabel;
using EditForm::withError;

const QString TitleField = QStringLiteral("title");
const QString SlugField = QStringLiteral("slug");
const QString ContentField = QStringLiteral("content");
const QString AuthorField = QStringLiteral("author");

} // namespace

PostDialog::PostDialog(QSqlDatabase db, qint64 postId, QWidget* parent)
    : QDialog(parent), m_service(db)
{
    setObjectName(QStringLiteral("postDialog"));
    if (postId != 0 && !m_service.load(postId, &m_record, &m_loadError, &m_original)) {
        m_record = PostRecord{};
        m_record.id = postId;
    }
    m_slugByHand = postId != 0; // an existing post keeps its address unless edited by hand
    buildForm();
    showRecord();
    connectEdits();
    m_slugTimer.setSingleShot(true);
    m_slugTimer.setInterval(EditForm::CheckDelayMs);
    connect(&m_slugTimer, &QTimer::timeout, this, &PostDialog::checkSlug);
    refreshErrors();
}

PostDialog::~PostDialog() = default;

void PostDialog::setNextDiscardAnswer(QMessageBox::StandardButton answer)
{
    DiscardQuestion::setNextAnswer(answer);
}

void PostDialog::buildForm()
{
    setWindowTitle(m_record.id == 0 ? tr("New Post") : tr("Edit Post"));
    setAccessibleName(windowTitle());
    m_form = new QWidget(this);
    m_form->setObjectName(QStringLiteral("postForm"));
    auto* formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(buildTextRows());
    formLayout->addWidget(buildStateRows());
    m_saveError = makeErrorLabel(this, QStringLiteral("saveError"), tr("Save error"));
    buildButtons();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_saveError);
    layout->addWidget(m_buttons);
}

QWidget* PostDialog::buildTextRows()
{
    auto* rows = new QWidget(m_form);
    rows->setObjectName(QStringLiteral("textRows"));
    auto* layout = new QFormLayout(rows);
    m_titleEdit = new QLineEdit(rows);
    m_titleEdit->setObjectName(QStringLiteral("titleEdit"));
    m_titleError = makeErrorLabel(rows, QStringLiteral("titleError"), tr("Title error"));
    addRow(layout, tr("&Title:"), QStringLiteral("titleLabel"), m_titleEdit,
           withError(m_titleEdit, m_titleError));
    m_slugEdit = new QLineEdit(rows);
    m_slugEdit->setObjectName(QStringLiteral("slugEdit"));
    m_slugEdit->setPlaceholderText(tr("Made from the title"));
    m_slugError = makeErrorLabel(rows, QStringLiteral("slugError"), tr("Slug error"));
    addRow(layout, tr("S&lug:"), QStringLiteral("slugLabel"), m_slugEdit,
           withError(m_slugEdit, m_slugError));
    m_authorPicker = new RecordPicker(m_service.database(), RecordPickerSource::users(), rows);
    m_authorPicker->setNames(QStringLiteral("authorPicker"), tr("Author"));
    m_authorError = makeErrorLabel(rows, QStringLiteral("authorError"), tr("Author error"));
    addRow(layout, tr("&Author:"), QStringLiteral("authorLabel"), m_authorPicker,
           withError(m_authorPicker, m_authorError));
    m_contentEdit = new QPlainTextEdit(rows);
    m_contentEdit->setObjectName(QStringLiteral("contentEdit"));
    m_contentEdit->setTabChangesFocus(true);
    m_contentError = makeErrorLabel(rows, QStringLiteral("contentError"), tr("Content error"));
    addRow(layout, tr("&Content:"), QStringLiteral("contentLabel"), m_contentEdit,
           withError(m_contentEdit, m_contentError));
    return rows;
}

QWidget* PostDialog::buildStateRows()
{
    auto* rows = new QWidget(m_form);
    rows->setObjectName(QStringLiteral("stateRows"));
    auto* layout = new QFormLayout(rows);
    m_publishedCheck = new QCheckBox(tr("&Published"), rows);
    m_publishedCheck->setObjectName(QStringLiteral("publishedCheck"));
    m_publishedAtLabel = new QLabel(rows);
    m_publishedAtLabel->setObjectName(QStringLiteral("publishedAtLabel"));
    m_publishedAtLabel->setAccessibleName(tr("Publication time"));
    layout->addRow(m_publishedCheck, m_publishedAtLabel);
    m_tagSelector = new TagSelector(m_service.database(), rows);
    m_tagSelector->setObjectName(QStringLiteral("tagSelector"));
    m_tagSelector->setAccessibleName(tr("Tags"));
    auto* tagsLabel = new QLabel(tr("Ta&gs:"), rows);
    tagsLabel->setObjectName(QStringLiteral("tagsLabel"));
    tagsLabel->setBuddy(m_tagSelector);
    layout->addRow(tagsLabel, m_tagSelector);
    return rows;
}

void PostDialog::buildButtons()
{
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_saveButton, &QPushButton::clicked, this, &PostDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PostDialog::reject);
}

void PostDialog::connectEdits()
{
    connect(m_titleEdit, &QLineEdit::textEdited, this, &PostDialog::onTitleEdited);
    connect(m_slugEdit, &QLineEdit::textEdited, this, &PostDialog::onSlugEdited);
    connect(m_contentEdit, &QPlainTextEdit::textChanged, this,
            [this] { onFieldEdited(ContentField); });
    connect(m_authorPicker, &RecordPicker::currentIdChanged, this,
            [this] { onFieldEdited(AuthorField); });
    connect(m_publishedCheck, &QCheckBox::toggled, this, [this] {
        showPublishedAt();
        updateButtons();
    });
    connect(m_tagSelector, &TagSelector::checkedIdsChanged, this, &PostDialog::updateButtons);
}

void PostDialog::showRecord()
{
    m_titleEdit->setText(m_record.title);
    m_slugEdit->setText(m_record.slug);
    m_contentEdit->setPlainText(m_record.content);
    if (m_record.userId != 0) {
        m_authorPicker->setCurrent(m_record.userId); // one query by key, whatever the user count
    }
    m_publishedCheck->setChecked(m_record.isPublished);
    m_tagSelector->setCheckedIds(m_record.tagIds);
    showPublishedAt();
    if (!m_loadError.isEmpty()) {
        m_form->setEnabled(false);
        m_saveError->setText(m_loadError);
    }
}

void PostDialog::showPublishedAt()
{
    if (m_publishedCheck->isChecked() && !m_record.isPublished) {
        m_publishedAtLabel->setText(tr("Publication time: now, when saved"));
    } else if (!m_record.publishedAt.isNull()) {
        m_publishedAtLabel->setText(
            tr("Published at %1 (UTC)").arg(SqlTime::display(m_record.publishedAt)));
    } else {
        m_publishedAtLabel->setText(tr("Not published yet"));
    }
}

bool PostDialog::hasUnsavedChanges() const
{
    if (!m_loadError.isEmpty()) {
        return false;
    }
    const PostRecord input = currentInput();
    return input.title != m_record.title || input.slug != m_record.slug ||
           input.content != m_record.content || input.isPublished != m_record.isPublished ||
           input.userId != m_record.userId || m_tagSelector->checkedIds() != m_record.tagIds;
}

PostRecord PostDialog::currentInput() const
{
    PostRecord record = m_record; // id, publishedAt and the loaded tag ids stay
    record.title = m_titleEdit->text();
    record.slug = m_slugEdit->text();
    record.content = m_contentEdit->toPlainText();
    record.isPublished = m_publishedCheck->isChecked();
    record.userId = m_authorPicker->hasCurrent() ? m_authorPicker->currentId() : 0;
    return record;
}

void PostDialog::onTitleEdited()
{
    if (!m_slugByHand) {
        // At once from the title; made unique after the pause.
        m_slugEdit->setText(slugify(m_titleEdit->text()).left(PostService::MaxSlug));
        m_saveErrors.remove(SlugField);
        m_conflicts.remove(SlugField);
        m_slugTimer.start();
    }
    onFieldEdited(TitleField);
}

void PostDialog::onSlugEdited()
{
    m_slugByHand = true; // from now on the slug is the user's
    m_conflicts.remove(SlugField);
    m_slugTimer.start();
    onFieldEdited(SlugField);
}

void PostDialog::onFieldEdited(const QString& field)
{
    m_saveErrors.remove(field);
    refreshErrors();
}

void PostDialog::checkSlug()
{
    m_conflicts.remove(SlugField);
    if (!m_slugByHand) {
        const QString suggested = m_service.suggestSlug(m_titleEdit->text(), m_record.id);
        if (!suggested.isEmpty()) {
            m_slugEdit->setText(suggested); // free when asked
            refreshErrors();
            return;
        }
    }
    refreshErrors(); // the local checks first: an incomplete value is not worth a query
    if (!m_localErrors.contains(SlugField)) {
        const QString message = m_service.slugConflict(m_slugEdit->text(), m_record.id);
        if (!message.isEmpty()) {
            m_conflicts[SlugField] = message;
        }
    }
    refreshErrors();
}

void PostDialog::refreshErrors()
{
    m_localErrors = PostService::validate(currentInput());
    const auto messageFor = [this](const QString& field) {
        for (const ValidationErrors* errors : {&m_localErrors, &m_conflicts, &m_saveErrors}) {
            if (errors->contains(field)) {
                return errors->value(field);
            }
        }
        return QString();
    };
    m_titleError->setText(messageFor(TitleField));
    m_slugError->setText(messageFor(SlugField));
    m_contentError->setText(messageFor(ContentField));
    m_authorError->setText(messageFor(AuthorField));
    updateButtons();
}

void PostDialog::updateButtons()
{
    const bool valid = m_loadError.isEmpty() && m_localErrors.isEmpty() && m_conflicts.isEmpty() &&
                       m_saveErrors.isEmpty();
    // While the slug check is pending the answer is unknown: wait for it.
    m_saveButton->setEnabled(valid && !m_slugTimer.isActive());
}

void PostDialog::save()
{
    if (m_slugTimer.isActive() || !m_saveButton->isEnabled()) {
        return;
    }
    PostRecord record = currentInput();
    ValidationErrors fieldErrors;
    QString error;
    RowConflict conflict;
    if (!m_service.save(&record, m_tagSelector->checkedIds(), &fieldErrors, &error, m_original,
                        &conflict)) {
        m_saveErrors = fieldErrors;
        m_saveError->setText(error.isEmpty() ? tr("Not saved: see the message above.") : error);
        refreshErrors();
        if (BusyQuestion::retry(this, error)) {
            save();
            return;
        }
        if (conflict.isConflict() && !conflict.deleted) {
            resolveConflict();
        }
        return;
    }
    m_saveError->clear();
    m_record = record;
    m_original.clear();
    emit saved(record.id);
    accept();
}

// Someone else saved the post since it was read: show the three values and let the user
// choose. The tag links are merged by save() and never conflict.
void PostDialog::resolveConflict()
{
    PostRecord theirs;
    ColumnValues theirValues;
    QString error;
    if (!m_service.load(m_record.id, &theirs, &error, &theirValues)) {
        m_saveError->setText(error);
        return;
    }
    const QList<FieldConflict> changed = changedFields(theirs);
    if (changed.isEmpty()) {
        adoptBaseline(theirs, theirValues);
        m_saveError->setText(EditForm::changedElsewhereMessage());
        return;
    }
    switch (ConflictDialog::ask(this, tr("the post \"%1\"").arg(m_record.title), changed)) {
    case ConflictDialog::Choice::ReloadTheirs:
        adoptBaseline(theirs, theirValues);
        takeTheirs(theirs, changed);
        break;
    case ConflictDialog::Choice::OverwriteMine:
        adoptBaseline(theirs, theirValues); // saved knowingly over what is there now
        save();
        break;
    case ConflictDialog::Choice::Cancel:
        break; // the input and the message stay
    }
}

QList<FieldConflict> PostDialog::changedFields(const PostRecord& theirs) const
{
    const PostRecord mine = currentInput();
    const QSqlDatabase db = m_service.database();
    const auto author = [&db](qint64 id) {
        return EditForm::rowLabel(db, QStringLiteral("users"), QStringLiteral("username"), id);
    };
    const auto state = [](bool published) {
        return published ? tr("published") : tr("draft");
    };
    QList<FieldConflict> changed;
    EditForm::addIfChanged(&changed, TitleField, tr("Title"), m_record.title, mine.title,
                           theirs.title);
    EditForm::addIfChanged(&changed, SlugField, tr("Slug"), m_record.slug, mine.slug, theirs.slug);
    EditForm::addIfChanged(&changed, ContentField, tr("Content"), m_record.content, mine.content,
                           theirs.content);
    if (m_record.userId != theirs.userId) {
        changed.append({AuthorField, tr("Author"), author(m_record.userId), author(mine.userId),
                        author(theirs.userId)});
    }
    EditForm::addIfChanged(&changed, QStringLiteral("published"), tr("Published"),
                           state(m_record.isPublished), state(mine.isPublished),
                           state(theirs.isPublished));
    return changed;
}

// The database's row becomes the base a save checks against. The tag links keep their base
// as loaded: save() merges them with whatever was linked meanwhile.
void PostDialog::adoptBaseline(const PostRecord& theirs, const ColumnValues& theirValues)
{
    const QList<qint64> tagBase = m_record.tagIds;
    m_record = theirs;
    m_record.tagIds = tagBase;
    m_original = theirValues;
}

// The changed fields take the database's values; the user's other edits stay.
void PostDialog::takeTheirs(const PostRecord& theirs, const QList<FieldConflict>& changed)
{
    if (EditForm::changedMeanwhile(changed, TitleField)) {
        m_titleEdit->setText(theirs.title);
    }
    if (EditForm::changedMeanwhile(changed, SlugField)) {
        m_slugEdit->setText(theirs.slug);
    }
    if (EditForm::changedMeanwhile(changed, ContentField)) {
        m_contentEdit->setPlainText(theirs.content);
    }
    if (EditForm::changedMeanwhile(changed, AuthorField)) {
        m_authorPicker->setCurrent(theirs.userId);
    }
    if (EditForm::changedMeanwhile(changed, QStringLiteral("published"))) {
        m_publishedCheck->setChecked(theirs.isPublished);
    }
    showPublishedAt();
    m_saveErrors.clear();
    m_conflicts.clear();
    refreshErrors();
    m_saveError->setText(EditForm::reloadedMessage());
}

bool PostDialog::confirmDiscard()
{
    return DiscardQuestion::confirm(this,
                                    tr("This post has changes that are not saved. Discard them?"));
}

void PostDialog::reject()
{
    if (hasUnsavedChanges() && !confirmDiscard()) {
        return;
    }
    QDialog::reject();
}
