#include "EditCommands.h"

#include <QMessageBox>
#include <QWidget>

#include "models/delete/DeletePlan.h"
#include "models/records/RelationEdit.h"
#include "models/records/RowConflict.h"
#include "models/undo/UndoScope.h"
#include "views/commands/DeleteDialog.h"
#include "views/commands/UndoController.h"
#include "views/commands/UndoableChange.h"
#include "views/edit/ConflictDialog.h"
#include "views/edit/EditFormSupport.h"
#include "views/edit/RecordEditors.h"

namespace {

DeletePlan planFor(QSqlDatabase db, BlogTable table, const QList<qint64>& ids)
{
    switch (table) {
    case BlogTable::Users:
        return DeletePlan::forUsers(db, ids);
    case BlogTable::Posts:
        return DeletePlan::forPosts(db, ids);
    case BlogTable::Tags:
        return DeletePlan::forTags(db, ids);
    case BlogTable::Comments:
        return DeletePlan::forComments(db, ids);
    case BlogTable::Profiles: // no page shows them, so no delete reaches here
    case BlogTable::PostTags:
        break;
    }
    return DeletePlan::forComments(db, ids); // as before the registry: comments otherwise
}

} // namespace

EditCommands::EditCommands(QSqlDatabase db, QWidget* window)
    : QObject(window), m_db(db), m_window(window), m_undo(new UndoController(db, this))
{
    connect(m_undo, &UndoController::databaseChanged, this, &EditCommands::changed);
    connect(m_undo, &UndoController::failed, this, [this](const QString& message) {
        QMessageBox::warning(m_window, tr("Undo"), message);
    });
}

QAction* EditCommands::undoAction() const
{
    return m_undo->undoAction();
}

QAction* EditCommands::redoAction() const
{
    return m_undo->redoAction();
}

QString EditCommands::describe(BlogTable table, qint64 id) const
{
    return id > 0 ? tr("edit of %1 #%2").arg(BlogTables::entity(table)).arg(id)
                  : tr("new %1").arg(BlogTables::entity(table));
}

void EditCommands::runUndoably(BlogTable table, qint64 id, const QString& description,
                               const std::function<qint64()>& open)
{
    UndoableChange change(m_undo, m_db, UndoableChange::keysFor(m_db, table, {id}));
    const qint64 saved = open();
    if (saved <= 0) {
        return;
    }
    change.record(description, UndoableChange::keysFor(m_db, table, {id > 0 ? id : saved}));
    emit changed();
}

void EditCommands::edit(BlogTable table, qint64 id)
{
    if (!RecordEditors::canEdit(table)) {
        return;
    }
    runUndoably(table, id, describe(table, id),
                [&] { return RecordEditors::open(table, m_db, id, m_window); });
}

void EditCommands::reply(qint64 parentCommentId)
{
    runUndoably(BlogTable::Comments, 0, tr("reply to comment #%1").arg(parentCommentId),
                [&] { return RecordEditors::reply(m_db, parentCommentId, m_window); });
}

void EditCommands::commentOn(qint64 postId)
{
    runUndoably(BlogTable::Comments, 0, tr("new comment on post #%1").arg(postId),
                [&] { return RecordEditors::commentOn(m_db, postId, m_window); });
}

void EditCommands::editProfile(qint64 userId)
{
    if (userId <= 0) {
        return;
    }
    runUndoably(BlogTable::Profiles, userId, tr("profile of user #%1").arg(userId),
                [&] { return RecordEditors::profile(m_db, userId, m_window); });
}

void EditCommands::remove(BlogTable table, const QList<qint64>& ids)
{
    if (ids.isEmpty()) {
        return;
    }
    const DeletePlan plan = planFor(m_db, table, ids);
    if (!plan.isValid()) {
        QMessageBox::warning(m_window, tr("Cannot delete"), plan.readError());
        return;
    }
    UndoableChange change(m_undo, m_db, UndoableChange::keysFor(m_db, table, ids));
    DeleteDialog dialog(m_db, plan, m_window);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString description =
        ids.size() == 1
            ? tr("delete of %1 #%2").arg(BlogTables::entity(table)).arg(ids.constFirst())
            : tr("delete of %1 rows").arg(ids.size());
    // What the delete reached in the end (e.g. comments reassigned to another user) is in
    // the executed plan's effect.
    change.record(description, UndoScope::keysFor(dialog.plan().effect()));
    emit changed();
}

void EditCommands::changeRelation(BlogTable table, qint64 rowId, const QString& column,
                                  const QVariant& value)
{
    UndoableChange change(m_undo, m_db, UndoableChange::keysFor(m_db, table, {rowId}));
    QString error;
    if (!RelationEdit::apply(m_db, table, rowId, column, value.toLongLong(), &error)) {
        QMessageBox::warning(m_window, tr("Not saved"), error);
        emit changed(); // the cell shows what the database holds
        return;
    }
    change.record(tr("author of %1 #%2").arg(BlogTables::entity(table)).arg(rowId));
    emit changed();
}

void EditCommands::changeRelation(BlogTable table, qint64 rowId, const QString& column,
                                  const QVariant& original, const QVariant& value)
{
    if (!original.isNull() && !mayOverwrite(table, rowId, column, original, value)) {
        emit changed(); // the cell shows what the database holds
        return;
    }
    changeRelation(table, rowId, column, value);
}

bool EditCommands::mayOverwrite(BlogTable table, qint64 rowId, const QString& column,
                                const QVariant& original, const QVariant& value)
{
    if (!RelationEdit::isEditable(table, column)) {
        return true; // refused with its reason by the write itself
    }
    ColumnValues now;
    bool exists = false;
    QString error;
    if (!RowGuard::read(m_db, BlogTables::name(table), rowId, {column}, &now, &exists, &error) ||
        !exists) {
        return true; // the write says why it cannot be done
    }
    if (RowGuard::sameValue(now.value(column), original)) {
        return true;
    }
    const auto user = [this](const QVariant& id) {
        return EditForm::rowLabel(m_db, BlogTables::name(BlogTable::Users),
                                  QStringLiteral("username"), id.toLongLong());
    };
    const QList<FieldConflict> changed = {
        {column, tr("Author"), user(original), user(value), user(now.value(column))}};
    const QString what = tr("the author of %1 #%2").arg(BlogTables::entity(table)).arg(rowId);
    return ConflictDialog::ask(m_window, what, changed) == ConflictDialog::Choice::OverwriteMine;
}
