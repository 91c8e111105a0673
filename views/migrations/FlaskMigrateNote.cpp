#include "FlaskMigrateNote.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "migrations/schema/FlaskMigrateFilter.h"

FlaskMigrateNote::FlaskMigrateNote(QWidget* parent)
    : QWidget(parent), m_snippet(new QPlainTextEdit(this)),
      m_copy(new QPushButton(tr("&Copy"), this))
{
    setObjectName(QStringLiteral("flaskMigrateNote"));
    auto* text = new QLabel(
        tr("If the Flask app runs \"flask db migrate\" on this database, Alembic will propose "
           "to drop what BlogDesk added (its history table blogdesk_migrations and its "
           "indexes) unless the app says to leave them alone. Add this where the app sets up "
           "Flask-Migrate (or pass both "
           "functions to context.configure() in its migrations/env.py):"),
        this);
    text->setObjectName(QStringLiteral("flaskMigrateNoteText"));
    text->setWordWrap(true);
    text->setBuddy(m_snippet);

    m_snippet->setObjectName(QStringLiteral("flaskMigrateSnippet"));
    m_snippet->setAccessibleName(tr("Python for the Flask app"));
    m_snippet->setReadOnly(true);
    m_snippet->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_snippet->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_snippet->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_snippet->setPlainText(FlaskMigrateFilter::snippet());
    m_snippet->setMinimumHeight(QFontMetrics(m_snippet->font()).lineSpacing() * 6);

    m_copy->setObjectName(QStringLiteral("copyFlaskMigrateSnippetButton"));
    m_copy->setAccessibleName(tr("Copy the Python for the Flask app"));
    m_copy->setToolTip(tr("Copy the Python above to the clipboard"));
    connect(m_copy, &QPushButton::clicked, this, &FlaskMigrateNote::copySnippet);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(text);
    layout->addWidget(m_snippet, 1);
    layout->addLayout(buttons);
}

QString FlaskMigrateNote::snippet() const
{
    return m_snippet->toPlainText();
}

void FlaskMigrateNote::copySnippet()
{
    QApplication::clipboard()->setText(FlaskMigrateFilter::snippet());
    m_copy->setText(tr("&Copied"));
}
