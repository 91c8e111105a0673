#include "CommentDialog.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

#include "models/BlogTable.h"
#include "views/browse/RecordPicker.h"

namespace {

qint64 pickedId(const RecordPicker* picker)
{
    return picker->hasCurrent() ? picker->currentId() : 0;
}

} // namespace

CommentDialog::CommentDialog(QSqlDatabase db, qint64 commentId, QWidget* parent)
    : RecordDialog(parent), m_service(db)
{
    setObjectName(QStringLiteral("commentDialog"));
    QString error;
    if (commentId != 0 && !m_service.load(commentId, &m_record, &error, &m_original)) {
        m_record = CommentRecord{};
        m_record.id = commentId;
    }
    buildForm();
    showRecord();
    showLoadError(error);
    connect(m_contentEdit, &QPlainTextEdit::textChanged, this,
            [this] { onFieldEdited(CommentService::ContentField); });
    connect(m_authorPicker, &RecordPicker::currentIdChanged, this,
            [this] { onFieldEdited(CommentService::AuthorField); });
    connect(m_postPicker, &RecordPicker::currentIdChanged, this,
            [this] { onFieldEdited(CommentService::PostField); });
    connect(m_clearParentButton, &QPushButton::clicked, this, &CommentDialog::clearParent);
    refreshErrors();
}

CommentDialog::~CommentDialog() = default;

void CommentDialog::buildForm()
{
    setWindowTitle(m_record.id == 0 ? tr("New Comment") : tr("Edit Comment"));
    setAccessibleName(windowTitle());
    makeForm(QStringLiteral("commentForm"));
    auto* rows = new QFormLayout(m_form);
    const auto addField = [this, rows](QWidget* input, QWidget* buddy, const QString& field,
                                       const QString& text, const QString& errorName) {
        auto* error = EditForm::makeErrorLabel(m_form, errorName, tr("%1 error").arg(field));
        EditForm::addRow(rows, text, input->objectName() + QStringLiteral("Label"), buddy,
                         EditForm::withError(input, error));
        m_errors.bind(field, error);
    };
    m_contentEdit = new QPlainTextEdit(m_form);
    m_contentEdit->setObjectName(QStringLiteral("contentEdit"));
    m_contentEdit->setTabChangesFocus(true);
    addField(m_contentEdit, m_contentEdit, CommentService::ContentField, tr("&Content:"),
             QStringLiteral("contentError"));
    m_authorPicker = new RecordPicker(m_service.database(), RecordPickerSource::users(), m_form);
    m_authorPicker->setNames(QStringLiteral("authorPicker"), tr("Author"));
    addField(m_authorPicker, m_authorPicker->lineEdit(), CommentService::AuthorField,
             tr("&Author:"), QStringLiteral("authorError"));
    m_postPicker = new RecordPicker(m_service.database(), RecordPickerSource::posts(), m_form);
    m_postPicker->setNames(QStringLiteral("postPicker"), tr("Post"));
    addField(m_postPicker, m_postPicker->lineEdit(), CommentService::PostField, tr("&Post:"),
             QStringLiteral("postError"));
    QWidget* parentLine = buildParentLine();
    addField(parentLine, m_parentEdit, CommentService::ParentField, tr("&In reply to:"),
             QStringLiteral("parentError"));
    layOut();
}

QWidget* CommentDialog::buildParentLine()
{
    auto* line = new QWidget(m_form);
    line->setObjectName(QStringLiteral("parentLine"));
    auto* layout = new QHBoxLayout(line);
    layout->setContentsMargins(0, 0, 0, 0);
    m_parentEdit = EditForm::makeEdit(line, QStringLiteral("parentEdit"));
    m_parentEdit->setReadOnly(true);
    m_parentEdit->setPlaceholderText(tr("Nothing: a top-level comment"));
    m_clearParentButton = new QPushButton(tr("C&lear"), line);
    m_clearParentButton->setObjectName(QStringLiteral("clearParentButton"));
    m_clearParentButton->setAccessibleName(tr("Clear the comment replied to"));
    m_clearParentButton->setAutoDefault(false); // Enter in the form means Save
    layout->addWidget(m_parentEdit);
    layout->addWidget(m_clearParentButton);
    return line;
}

void CommentDialog::showRecord()
{
    m_contentEdit->setPlainText(m_record.content);
    if (m_record.userId != 0) {
        m_authorPicker->setCurrent(m_record.userId);
    }
    if (m_record.postId != 0) {
        m_postPicker->setCurrent(m_record.postId);
    }
    showParent(m_record.parentId);
}

void CommentDialog::showParent(qint64 parentId)
{
    m_parent = CommentParent{};
    m_parent.id = parentId;
    QString error;
    if (parentId != 0 && !m_service.loadParent(parentId, &m_parent, &error)) {
        // A dangling parent_id is shown as it is, never dropped silently.
        m_parent.summary = tr("#%1 (missing)").arg(parentId);
    }
    m_parentEdit->setText(m_parent.summary);
    m_clearParentButton->setEnabled(parentId != 0 && !m_replyLocked);
}

void CommentDialog::clearParent()
{
    showParent(0);
    onFieldEdited(CommentService::ParentField);
}

bool CommentDialog::setReplyTo(qint64 parentCommentId)
{
    if (m_record.id != 0) {
        return false; // an existing comment is not turned into a reply of another one here
    }
    CommentParent parent;
    QString error;
    if (!m_service.loadParent(parentCommentId, &parent, &error)) {
        showLoadError(error);
        refreshErrors();
        return false;
    }
    m_replyLocked = true;
    // The reply starts from here: only what the user adds counts as unsaved input.
    m_record.postId = parent.postId;
    m_record.parentId = parent.id;
    m_postPicker->setCurrent(parent.postId);
    m_postPicker->setEnabled(false);
    showParent(parent.id);
    setWindowTitle(tr("Reply to Comment #%1").arg(parent.id));
    setAccessibleName(windowTitle());
    refreshErrors();
    return true;
}

bool CommentDialog::setPost(qint64 postId)
{
    if (m_record.id != 0) {
        return false;
    }
    // The comment starts from here: only what the user adds counts as unsaved input.
    m_record.postId = postId;
    m_postPicker->setCurrent(postId);
    refreshErrors();
    return true;
}

bool CommentDialog::inputChanged() const
{
    const CommentRecord input = currentInput();
    return input.content != m_record.content || input.userId != m_record.userId ||
           input.postId != m_record.postId || input.parentId != m_record.parentId;
}

CommentRecord CommentDialog::currentInput() const
{
    CommentRecord record = m_record;
    record.content = m_contentEdit->toPlainText();
    record.userId = pickedId(m_authorPicker);
    record.postId = pickedId(m_postPicker);
    record.parentId = m_parent.id;
    return record;
}

void CommentDialog::onFieldEdited(const QString& field)
{
    m_errors.fieldEdited(field);
    if (field == CommentService::PostField) {
        m_errors.fieldEdited(CommentService::ParentField); // judged against the new post
    }
    refreshErrors();
}

void CommentDialog::refreshErrors()
{
    m_errors.local = CommentService::validate(currentInput(), m_parent.postId);
    m_errors.show();
    m_saveButton->setEnabled(m_loadError.isEmpty() && m_errors.isClean());
}

bool CommentDialog::writeRecord(qint64* id, QString* error, RowConflict* conflict)
{
    CommentRecord record = currentInput();
    if (!m_service.save(&record, &m_errors.saveErrors, error, m_original, conflict)) {
        return false;
    }
    m_record = record;
    *id = record.id;
    return true;
}

// Someone else saved the comment since it was read: show the three values and let the user
// choose.
void CommentDialog::resolveConflict()
{
    CommentRecord theirs;
    ColumnValues theirValues;
    QString error;
    if (!m_service.load(m_record.id, &theirs, &error, &theirValues)) {
        m_saveError->setText(error);
        return;
    }
    const QList<FieldConflict> changed = changedFields(theirs);
    EditForm::settleConflict(
        this, m_saveError, tr("comment #%1").arg(m_record.id), changed, theirs, theirValues,
        &m_record, &m_original, [this, &theirs, &changed] { takeTheirs(theirs, changed); },
        [this] { save(); });
}

QList<FieldConflict> CommentDialog::changedFields(const CommentRecord& theirs) const
{
    const CommentRecord mine = currentInput();
    const QSqlDatabase db = m_service.database();
    const auto label = [&db](const QString& table, const QString& column, qint64 id) {
        return EditForm::rowLabel(db, table, column, id);
    };
    const QString users = BlogTables::name(BlogTable::Users);
    const QString posts = BlogTables::name(BlogTable::Posts);
    const auto parent = [](qint64 id) {
        return id == 0 ? tr("none (top level)") : QStringLiteral("#%1").arg(id);
    };
    QList<FieldConflict> changed;
    EditForm::addIfChanged(&changed, CommentService::ContentField, tr("Content"), m_record.content,
                           mine.content, theirs.content);
    if (m_record.userId != theirs.userId) {
        const QString column = QStringLiteral("username");
        changed.append({CommentService::AuthorField, tr("Author"),
                        label(users, column, m_record.userId), label(users, column, mine.userId),
                        label(users, column, theirs.userId)});
    }
    if (m_record.postId != theirs.postId) {
        const QString column = QStringLiteral("title");
        changed.append({CommentService::PostField, tr("Post"),
                        label(posts, column, m_record.postId), label(posts, column, mine.postId),
                        label(posts, column, theirs.postId)});
    }
    EditForm::addIfChanged(&changed, CommentService::ParentField, tr("In reply to"),
                           parent(m_record.parentId), parent(mine.parentId),
                           parent(theirs.parentId));
    return changed;
}

// The changed fields take the database's values; the user's other edits stay.
void CommentDialog::takeTheirs(const CommentRecord& theirs, const QList<FieldConflict>& changed)
{
    m_record = theirs;
    if (EditForm::changedMeanwhile(changed, CommentService::ContentField)) {
        m_contentEdit->setPlainText(theirs.content);
    }
    if (EditForm::changedMeanwhile(changed, CommentService::AuthorField)) {
        m_authorPicker->setCurrent(theirs.userId);
    }
    if (EditForm::changedMeanwhile(changed, CommentService::PostField)) {
        m_postPicker->setCurrent(theirs.postId);
    }
    if (EditForm::changedMeanwhile(changed, CommentService::ParentField)) {
        showParent(theirs.parentId);
    }
    m_errors.saveErrors.clear();
    refreshErrors();
    m_saveError->setText(EditForm::reloadedMessage());
}

QString CommentDialog::discardText() const
{
    return tr("This comment has changes that are not saved. Discard them?");
}
