#include "CommentThreadView.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "models/browse/CommentThreadModel.h"

namespace {

// Deep threads must not push the text off screen: a narrow indent still shows the nesting.
constexpr int Indentation = 14;

bool isPlainInsert(const QEvent* event)
{
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride) {
        return false;
    }
    const auto* key = static_cast<const QKeyEvent*>(event);
    return key->key() == Qt::Key_Insert && key->modifiers() == Qt::NoModifier;
}

int textWidth(const QWidget* widget, const QString& sample)
{
    // Room for the cell's margins on top of the text itself.
    return widget->fontMetrics().horizontalAdvance(sample) + 24;
}

} // namespace

CommentThreadView::CommentThreadView(QSqlDatabase db, QWidget* parent)
    : QWidget(parent), m_model(new CommentThreadModel(std::move(db), this)),
      m_tree(new QTreeView(this)), m_errorLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("commentThreadView"));
    setAccessibleName(tr("Comments"));
    m_errorLabel->setObjectName(QStringLiteral("commentThreadError"));
    m_errorLabel->setAccessibleName(tr("Comment thread error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();
    setUpTree();
    setUpActions();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tree);
    updateActions();
}

void CommentThreadView::setUpTree()
{
    m_tree->setObjectName(QStringLiteral("commentThreadTree"));
    m_tree->setAccessibleName(tr("Comment thread"));
    m_tree->setModel(m_model);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setIndentation(Indentation);
    m_tree->setAlternatingRowColors(true);
    m_tree->setWordWrap(false);
    // Rows are one line each: a uniform height spares the view measuring thousands of rows.
    m_tree->setUniformRowHeights(true);
    // The actions added to the tree are its context menu.
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->installEventFilter(this);
    sizeColumns();

    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CommentThreadView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CommentThreadView::updateActions);
    // A double click is the mouse's way of saying "edit this".
    connect(m_tree, &QAbstractItemView::doubleClicked, this, [this] {
        if (m_editAction->isEnabled()) {
            m_editAction->trigger();
        }
    });
}

// Fixed widths from the font rather than from the contents: measuring every row of a large
// thread would stall the window, and these columns have a known shape.
void CommentThreadView::sizeColumns()
{
    QHeaderView* header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(CommentThreadModel::CommentColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(CommentThreadModel::AuthorColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(CommentThreadModel::CreatedColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(CommentThreadModel::IdColumn, QHeaderView::Interactive);
    header->resizeSection(CommentThreadModel::AuthorColumn,
                          textWidth(this, QStringLiteral("mmmmmmmmm")));
    header->resizeSection(CommentThreadModel::CreatedColumn,
                          textWidth(this, QStringLiteral("0000-00-00 00:00:00")));
    header->resizeSection(CommentThreadModel::IdColumn, textWidth(this, QStringLiteral("0000000")));
    // The comment text needs the room; the id is in each row's tooltip and the Comments page.
    header->hideSection(CommentThreadModel::IdColumn);
}

QAction* CommentThreadView::makeAction(const char* name, const QString& text,
                                       const QList<QKeySequence>& keys)
{
    auto* action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    // QAction has no accessible name of its own: menus announce its text, and its default
    // tooltip is that text without the mnemonic.
    action->setShortcuts(keys);
    // Only while the tree (or a child of it) has focus: Delete elsewhere must not delete comments.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(action);
    return action;
}

void CommentThreadView::setUpActions()
{
    // Insert shows in the menu; the key itself is taken in eventFilter(), which also starts a
    // comment on the post when no comment is selected.
    m_replyAction =
        makeAction("actionReplyToComment", tr("&Reply…"), {QKeySequence(Qt::Key_Insert)});
    m_editAction = makeAction(
        "actionEditComment", tr("&Edit…"),
        {QKeySequence(Qt::Key_F2), QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_deleteAction = makeAction("actionDeleteComment", tr("&Delete…"), {QKeySequence::Delete});

    connect(m_replyAction, &QAction::triggered, this,
            [this] { emit replyRequested(m_model->postId(), selectedCommentId()); });
    connect(m_editAction, &QAction::triggered, this,
            [this] { emit editRequested(selectedCommentId()); });
    connect(m_deleteAction, &QAction::triggered, this,
            [this] { emit deleteRequested(selectedCommentId()); });
}

// Insert belongs to the thread only while the tree has the focus and shows a post: the
// shortcut override keeps the window's New (Insert everywhere else) from taking the key.
bool CommentThreadView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_tree || !isPlainInsert(event) || m_model->postId() <= 0) {
        return QWidget::eventFilter(watched, event);
    }
    event->accept();
    if (event->type() == QEvent::KeyPress) {
        if (selectedCommentId() != 0) {
            m_replyAction->trigger();
        } else {
            emit commentRequested(m_model->postId());
        }
    }
    return true;
}

qint64 CommentThreadView::selectedCommentId() const
{
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->commentId(rows.first());
}

void CommentThreadView::updateActions()
{
    const bool selected = selectedCommentId() != 0;
    m_replyAction->setEnabled(selected);
    m_editAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
}

void CommentThreadView::showPost(qint64 postId)
{
    QString error;
    const bool ok = m_model->loadPost(postId, &error);
    m_errorLabel->setText(ok ? QString() : error);
    m_errorLabel->setVisible(!ok);
    m_tree->expandAll();
}

void CommentThreadView::reload()
{
    const qint64 selected = selectedCommentId();
    const int scroll = m_tree->verticalScrollBar()->value();
    showPost(m_model->postId());
    selectComment(selected);
    // Where the reader was, not where the selected comment is: a refresh moves nothing.
    m_tree->doItemsLayout();
    m_tree->verticalScrollBar()->setValue(scroll);
}

void CommentThreadView::showComment(qint64 commentId)
{
    const qint64 postId = m_model->postOfComment(commentId);
    if (postId == 0) {
        return;
    }
    if (postId != m_model->postId()) {
        showPost(postId);
    }
    selectComment(commentId);
}

void CommentThreadView::selectComment(qint64 id)
{
    const QModelIndex index = m_model->indexOfComment(id);
    if (!index.isValid()) {
        return;
    }
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
}
