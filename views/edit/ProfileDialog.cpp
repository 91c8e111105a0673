#include "ProfileDialog.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

ProfileDialog::ProfileDialog(QSqlDatabase db, qint64 userId, QWidget* parent)
    : RecordDialog(parent), m_service(db)
{
    setObjectName(QStringLiteral("profileDialog"));
    m_record.userId = userId;
    if (!m_service.loadForUser(userId, &m_record, &m_username, &m_loadError, &m_original)) {
        m_record = ProfileRecord{};
        m_record.userId = userId;
    }
    buildForm();
    showRecord();
    connect(m_bioEdit, &QPlainTextEdit::textChanged, this, [this] { refreshErrors(); });
    connect(m_avatarUrlEdit, &QLineEdit::textEdited, this,
            [this] { onFieldEdited(ProfileService::AvatarUrlField); });
    connect(m_websiteEdit, &QLineEdit::textEdited, this,
            [this] { onFieldEdited(ProfileService::WebsiteField); });
    connect(m_locationEdit, &QLineEdit::textEdited, this,
            [this] { onFieldEdited(ProfileService::LocationField); });
    refreshErrors();
}

ProfileDialog::~ProfileDialog() = default;

void ProfileDialog::buildForm()
{
    if (!m_loadError.isEmpty()) {
        setWindowTitle(tr("Profile"));
    } else if (m_record.id == 0) {
        setWindowTitle(tr("New Profile for %1").arg(m_username));
    } else {
        setWindowTitle(tr("Profile of %1").arg(m_username));
    }
    setAccessibleName(windowTitle());
    makeForm(QStringLiteral("profileForm"));
    m_rows = new QFormLayout(m_form);
    m_bioEdit = new QPlainTextEdit(m_form);
    m_bioEdit->setObjectName(QStringLiteral("bioEdit"));
    m_bioEdit->setTabChangesFocus(true);
    EditForm::addRow(m_rows, tr("&Bio:"), QStringLiteral("bioLabel"), m_bioEdit);
    m_avatarUrlEdit =
        addLine(ProfileService::AvatarUrlField, tr("&Avatar URL:"), QStringLiteral("avatarUrl"));
    m_avatarUrlEdit->setPlaceholderText(QStringLiteral("https://example.com/me.png"));
    m_websiteEdit =
        addLine(ProfileService::WebsiteField, tr("&Website:"), QStringLiteral("website"));
    m_websiteEdit->setPlaceholderText(QStringLiteral("https://example.com"));
    m_locationEdit =
        addLine(ProfileService::LocationField, tr("&Location:"), QStringLiteral("location"));
    layOut();
}

// A line edit "<name>Edit" with its label "<name>Label" and error "<name>Error".
QLineEdit* ProfileDialog::addLine(const QString& field, const QString& text, const QString& name)
{
    QLineEdit* edit = EditForm::makeEdit(m_form, name + QStringLiteral("Edit"));
    QLabel* error =
        EditForm::makeErrorLabel(m_form, name + QStringLiteral("Error"),
                                 tr("%1 error").arg(QString(text).remove(QLatin1Char('&'))));
    EditForm::addRow(m_rows, text, name + QStringLiteral("Label"), edit,
                     EditForm::withError(edit, error));
    m_errors.bind(field, error);
    return edit;
}

void ProfileDialog::showRecord()
{
    m_bioEdit->setPlainText(m_record.bio);
    m_avatarUrlEdit->setText(m_record.avatarUrl);
    m_websiteEdit->setText(m_record.website);
    m_locationEdit->setText(m_record.location);
    showLoadError(m_loadError);
    if (m_loadError.isEmpty() && m_record.id == 0) {
        m_saveError->setText(tr("%1 has no profile yet: Save creates it.").arg(m_username));
    }
}

bool ProfileDialog::inputChanged() const
{
    const ProfileRecord input = currentInput();
    return input.bio != m_record.bio || input.avatarUrl != m_record.avatarUrl ||
           input.website != m_record.website || input.location != m_record.location;
}

ProfileRecord ProfileDialog::currentInput() const
{
    ProfileRecord record = m_record;
    record.bio = m_bioEdit->toPlainText();
    record.avatarUrl = m_avatarUrlEdit->text();
    record.website = m_websiteEdit->text();
    record.location = m_locationEdit->text();
    return record;
}

void ProfileDialog::onFieldEdited(const QString& field)
{
    m_errors.fieldEdited(field);
    refreshErrors();
}

void ProfileDialog::refreshErrors()
{
    m_errors.local = ProfileService::validate(currentInput());
    m_errors.show();
    m_saveButton->setEnabled(m_loadError.isEmpty() && m_errors.isClean());
}

bool ProfileDialog::writeRecord(qint64* id, QString* error, RowConflict* conflict)
{
    ProfileRecord record = currentInput();
    if (!m_service.save(&record, &m_errors.saveErrors, error, m_original, conflict)) {
        return false;
    }
    m_record = record;
    *id = record.id;
    return true;
}

// Someone else saved the profile since it was read: show the three values and let the user
// choose.
void ProfileDialog::resolveConflict()
{
    ProfileRecord theirs;
    ColumnValues theirValues;
    QString username;
    QString error;
    if (!m_service.loadForUser(m_record.userId, &theirs, &username, &error, &theirValues)) {
        m_saveError->setText(error);
        return;
    }
    if (theirs.id != m_record.id) {
        m_saveError->setText(
            tr("Not saved: this profile no longer exists (deleted by someone else?)."));
        return;
    }
    const QList<FieldConflict> changed = changedFields(theirs);
    EditForm::settleConflict(
        this, m_saveError, tr("the profile of %1").arg(m_username), changed, theirs, theirValues,
        &m_record, &m_original, [this, &theirs, &changed] { takeTheirs(theirs, changed); },
        [this] { save(); });
}

QList<FieldConflict> ProfileDialog::changedFields(const ProfileRecord& theirs) const
{
    const ProfileRecord mine = currentInput();
    QList<FieldConflict> changed;
    EditForm::addIfChanged(&changed, ProfileService::BioField, tr("Bio"), m_record.bio, mine.bio,
                           theirs.bio);
    EditForm::addIfChanged(&changed, ProfileService::AvatarUrlField, tr("Avatar URL"),
                           m_record.avatarUrl, mine.avatarUrl, theirs.avatarUrl);
    EditForm::addIfChanged(&changed, ProfileService::WebsiteField, tr("Website"), m_record.website,
                           mine.website, theirs.website);
    EditForm::addIfChanged(&changed, ProfileService::LocationField, tr("Location"),
                           m_record.location, mine.location, theirs.location);
    return changed;
}

// The changed fields take the database's values; the user's other edits stay.
void ProfileDialog::takeTheirs(const ProfileRecord& theirs, const QList<FieldConflict>& changed)
{
    m_record = theirs;
    if (EditForm::changedMeanwhile(changed, ProfileService::BioField)) {
        m_bioEdit->setPlainText(theirs.bio);
    }
    if (EditForm::changedMeanwhile(changed, ProfileService::AvatarUrlField)) {
        m_avatarUrlEdit->setText(theirs.avatarUrl);
    }
    if (EditForm::changedMeanwhile(changed, ProfileService::WebsiteField)) {
        m_websiteEdit->setText(theirs.website);
    }
    if (EditForm::changedMeanwhile(changed, ProfileService::LocationField)) {
        m_locationEdit->setText(theirs.location);
    }
    m_errors.saveErrors.clear();
    refreshErrors();
    m_saveError->setText(EditForm::reloadedMessage());
}

QString ProfileDialog::discardText() const
{
    return tr("This profile has changes that are not saved. Discard them?");
}
