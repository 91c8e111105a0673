#include "TagDialog.h"

#include "sql/Slugify.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

TagDialog::TagDialog(QSqlDatabase db, qint64 tagId, QWidget* parent)
    : RecordDialog(parent), m_service(db)
{
    setObjectName(QStringLiteral("tagDialog"));
    if (tagId != 0 && !m_service.load(tagId, &m_record, &m_loadError, &m_original)) {
        m_record = TagRecord{};
        m_record.id = tagId;
    }
    // An existing tag whose slug is not its name's slugify() was set by hand: keep it.
    m_slugFollowsName = m_record.slug == slugify(m_record.name);
    buildForm();
    m_nameEdit->setText(m_record.name);
    m_slugEdit->setText(m_record.slug);
    showLoadError(m_loadError);
    connect(m_nameEdit, &QLineEdit::textEdited, this, &TagDialog::onNameEdited);
    connect(m_slugEdit, &QLineEdit::textEdited, this, &TagDialog::onSlugEdited);
    EditForm::setUpDebounce(&m_uniquenessTimer);
    connect(&m_uniquenessTimer, &QTimer::timeout, this, &TagDialog::checkUniqueness);
    refreshErrors();
}

TagDialog::~TagDialog() = default;

void TagDialog::buildForm()
{
    setWindowTitle(m_record.id == 0 ? tr("New Tag") : tr("Edit Tag"));
    setAccessibleName(windowTitle());
    makeForm(QStringLiteral("tagForm"));
    auto* rows = new QFormLayout(m_form);
    m_nameEdit = EditForm::makeEdit(m_form, QStringLiteral("nameEdit"));
    auto* nameError =
        EditForm::makeErrorLabel(m_form, QStringLiteral("nameError"), tr("Name error"));
    EditForm::addRow(rows, tr("&Name:"), QStringLiteral("nameLabel"), m_nameEdit,
                     EditForm::withError(m_nameEdit, nameError));
    m_slugEdit = EditForm::makeEdit(m_form, QStringLiteral("slugEdit"));
    m_slugEdit->setPlaceholderText(tr("Made from the name unless you type one"));
    auto* slugError =
        EditForm::makeErrorLabel(m_form, QStringLiteral("slugError"), tr("Slug error"));
    EditForm::addRow(rows, tr("&Slug:"), QStringLiteral("slugLabel"), m_slugEdit,
                     EditForm::withError(m_slugEdit, slugError));
    m_errors.bind(TagService::NameField, nameError);
    m_errors.bind(TagService::SlugField, slugError);
    layOut();
}

bool TagDialog::inputChanged() const
{
    return m_nameEdit->text() != m_record.name || m_slugEdit->text() != m_record.slug;
}

TagRecord TagDialog::currentInput() const
{
    TagRecord record = m_record;
    record.name = m_nameEdit->text();
    record.slug = m_slugEdit->text();
    return record;
}

void TagDialog::onNameEdited()
{
    if (m_slugFollowsName) {
        m_slugEdit->setText(slugify(m_nameEdit->text()));
        m_errors.fieldEdited(TagService::SlugField);
    }
    onFieldEdited(TagService::NameField);
}

void TagDialog::onSlugEdited()
{
    // Typed by hand from now on, unless emptied: then the next change of the name fills it.
    m_slugFollowsName = m_slugEdit->text().isEmpty();
    onFieldEdited(TagService::SlugField);
}

void TagDialog::onFieldEdited(const QString& field)
{
    m_errors.fieldEdited(field);
    m_uniquenessTimer.start(); // the database answer is stale until the pause is over
    refreshErrors();
}

void TagDialog::checkUniqueness()
{
    m_errors.conflicts.clear();
    const TagRecord input = currentInput();
    for (const QString& field : {TagService::NameField, TagService::SlugField}) {
        if (m_errors.local.contains(field)) {
            continue; // an incomplete value is not worth a query
        }
        const QString value = field == TagService::NameField ? input.name : input.slug;
        const QString message = m_service.conflictFor(field, value, input.id);
        if (!message.isEmpty()) {
            m_errors.conflicts[field] = message;
        }
    }
    refreshErrors();
}

void TagDialog::refreshErrors()
{
    m_errors.local = TagService::validate(currentInput());
    m_errors.show();
    updateButtons();
}

void TagDialog::updateButtons()
{
    // While the uniqueness check is pending the answer is unknown: wait for it.
    m_saveButton->setEnabled(m_loadError.isEmpty() && m_errors.isClean() &&
                             !m_uniquenessTimer.isActive());
}

bool TagDialog::writeRecord(qint64* id, QString* error, RowConflict* conflict)
{
    TagRecord record = currentInput();
    if (!m_service.save(&record, &m_errors.saveErrors, error, m_original, conflict)) {
        return false;
    }
    m_record = record;
    *id = record.id;
    return true;
}

// Someone else saved the tag since it was read: show the three values and let the user choose.
void TagDialog::resolveConflict()
{
    TagRecord theirs;
    ColumnValues theirValues;
    QString error;
    if (!m_service.load(m_record.id, &theirs, &error, &theirValues)) {
        m_saveError->setText(error);
        return;
    }
    const TagRecord mine = currentInput();
    QList<FieldConflict> changed;
    EditForm::addIfChanged(&changed, TagService::NameField, tr("Name"), m_record.name, mine.name,
                           theirs.name);
    EditForm::addIfChanged(&changed, TagService::SlugField, tr("Slug"), m_record.slug, mine.slug,
                           theirs.slug);
    EditForm::settleConflict(
        this, m_saveError, tr("the tag '%1'").arg(m_record.name), changed, theirs, theirValues,
        &m_record, &m_original, [this, &theirs, &changed] { takeTheirs(theirs, changed); },
        [this] { save(); });
}

// The changed fields take the database's values; the user's other edits stay.
void TagDialog::takeTheirs(const TagRecord& theirs, const QList<FieldConflict>& changed)
{
    m_record = theirs;
    if (EditForm::changedMeanwhile(changed, TagService::NameField)) {
        m_nameEdit->setText(theirs.name);
        m_errors.fieldEdited(TagService::NameField);
    }
    if (EditForm::changedMeanwhile(changed, TagService::SlugField)) {
        m_slugEdit->setText(theirs.slug);
        m_errors.fieldEdited(TagService::SlugField);
    }
    checkUniqueness();
    m_saveError->setText(EditForm::reloadedMessage());
}

QString TagDialog::discardText() const
{
    return tr("This tag has changes that are not saved. Discard them?");
}
