#include "PostDialog.h"

#include "sql/Slugify.h"
#include "sql/SqlTime.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "views/browse/RecordPicker.h"
#include "views/edit/TagSelector.h"

namespace {

using EditForm::addRow;
using EditForm::makeErrorLabel;
using EditForm::withError;

const QString& TitleField = PostService::TitleField;
const QString& SlugField = PostService::SlugField;
const QString& ContentField = PostService::ContentField;
const QString& AuthorField = PostService::AuthorField;

} // namespace

PostDialog::PostDialog(QSqlDatabase db, qint64 postId, QWidget* parent)
    : RecordDialog(parent), m_service(db)
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
    EditForm::setUpDebounce(&m_slugTimer);
    connect(&m_slugTimer, &QTimer::timeout, this, &PostDialog::checkSlug);
    refreshErrors();
}

PostDialog::~PostDialog() = default;

void PostDialog::buildForm()
{
    setWindowTitle(m_record.id == 0 ? tr("New Post") : tr("Edit Post"));
    setAccessibleName(windowTitle());
    makeForm(QStringLiteral("postForm"));
    auto* formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(buildTextRows());
    formLayout->addWidget(buildStateRows());
    layOut();
}

QWidget* PostDialog::buildTextRows()
{
    auto* rows = new QWidget(m_form);
    rows->setObjectName(QStringLiteral("textRows"));
    auto* layout = new QFormLayout(rows);
    // A row "<name>Label" with the input and its error label "<name>Error" under it.
    const auto addField = [this, rows, layout](QWidget* input, const QString& field,
                                               const QString& name, const QString& text,
                                               const QString& errorName) {
        QLabel* error = makeErrorLabel(rows, name + QStringLiteral("Error"), errorName);
        addRow(layout, text, name + QStringLiteral("Label"), input, withError(input, error));
        m_errors.bind(field, error);
    };
    m_titleEdit = EditForm::makeEdit(rows, QStringLiteral("titleEdit"));
    addField(m_titleEdit, TitleField, QStringLiteral("title"), tr("&Title:"), tr("Title error"));
    m_slugEdit = EditForm::makeEdit(rows, QStringLiteral("slugEdit"));
    m_slugEdit->setPlaceholderText(tr("Made from the title"));
    addField(m_slugEdit, SlugField, QStringLiteral("slug"), tr("S&lug:"), tr("Slug error"));
    m_authorPicker = new RecordPicker(m_service.database(), RecordPickerSource::users(), rows);
    m_authorPicker->setNames(QStringLiteral("authorPicker"), tr("Author"));
    addField(m_authorPicker, AuthorField, QStringLiteral("author"), tr("&Author:"),
             tr("Author error"));
    m_contentEdit = new QPlainTextEdit(rows);
    m_contentEdit->setObjectName(QStringLiteral("contentEdit"));
    m_contentEdit->setTabChangesFocus(true);
    addField(m_contentEdit, ContentField, QStringLiteral("content"), tr("&Content:"),
             tr("Content error"));
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
    showLoadError(m_loadError);
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

bool PostDialog::inputChanged() const
{
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
        m_errors.fieldEdited(SlugField);
        m_slugTimer.start();
    }
    onFieldEdited(TitleField);
}

void PostDialog::onSlugEdited()
{
    m_slugByHand = true; // from now on the slug is the user's
    m_errors.conflicts.remove(SlugField);
    m_slugTimer.start();
    onFieldEdited(SlugField);
}

void PostDialog::onFieldEdited(const QString& field)
{
    m_errors.saveErrors.remove(field);
    refreshErrors();
}

void PostDialog::checkSlug()
{
    m_errors.conflicts.remove(SlugField);
    if (!m_slugByHand) {
        const QString suggested = m_service.suggestSlug(m_titleEdit->text(), m_record.id);
        if (!suggested.isEmpty()) {
            m_slugEdit->setText(suggested); // free when asked
            refreshErrors();
            return;
        }
    }
    refreshErrors(); // the local checks first: an incomplete value is not worth a query
    if (!m_errors.local.contains(SlugField)) {
        const QString message = m_service.slugConflict(m_slugEdit->text(), m_record.id);
        if (!message.isEmpty()) {
            m_errors.conflicts[SlugField] = message;
        }
    }
    refreshErrors();
}

void PostDialog::refreshErrors()
{
    m_errors.local = PostService::validate(currentInput());
    m_errors.show();
    updateButtons();
}

void PostDialog::updateButtons()
{
    // While the slug check is pending the answer is unknown: wait for it.
    m_saveButton->setEnabled(m_loadError.isEmpty() && m_errors.isClean() &&
                             !m_slugTimer.isActive());
}

bool PostDialog::writeRecord(qint64* id, QString* error, RowConflict* conflict)
{
    PostRecord record = currentInput();
    if (!m_service.save(&record, m_tagSelector->checkedIds(), &m_errors.saveErrors, error,
                        m_original, conflict)) {
        return false;
    }
    m_record = record;
    *id = record.id;
    return true;
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
    // The tag links keep their base as loaded: save() merges them with whatever was linked
    // meanwhile.
    theirs.tagIds = m_record.tagIds;
    const QList<FieldConflict> changed = changedFields(theirs);
    EditForm::settleConflict(
        this, m_saveError, tr("the post \"%1\"").arg(m_record.title), changed, theirs, theirValues,
        &m_record, &m_original, [this, &theirs, &changed] { takeTheirs(theirs, changed); },
        [this] { save(); });
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
    EditForm::addIfChanged(&changed, PostService::PublishedField, tr("Published"),
                           state(m_record.isPublished), state(mine.isPublished),
                           state(theirs.isPublished));
    return changed;
}

// The changed fields take the database's values; the user's other edits stay.
void PostDialog::takeTheirs(const PostRecord& theirs, const QList<FieldConflict>& changed)
{
    m_record = theirs;
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
    if (EditForm::changedMeanwhile(changed, PostService::PublishedField)) {
        m_publishedCheck->setChecked(theirs.isPublished);
    }
    showPublishedAt();
    m_errors.saveErrors.clear();
    m_errors.conflicts.clear();
    refreshErrors();
    m_saveError->setText(EditForm::reloadedMessage());
}

QString PostDialog::discardText() const
{
    return tr("This post has changes that are not saved. Discard them?");
}
