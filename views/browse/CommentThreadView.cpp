#include "CommentThreadView.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QScrollBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "models/browse/CommentThreadModel.h"
#include "models/read/BackgroundReader.h"
#include "views/browse/BusyIndicator.h"

namespace {

const QString ThreadSlot = QStringLiteral("thread");

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

CommentThreadView::CommentThreadView(BackgroundReader* reader, QWidget* parent)
    : QWidget(parent), m_reader(reader), m_model(new CommentThreadModel(this)),
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
    layout->addWidget(createStatusBar());
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tree);
    updateActions();
    showCaption();
}

// Which post the tree shows or is being read, and a busy indicator while it is.
QWidget* CommentThreadView::createStatusBar()
{
    auto* bar = new QWidget(this);
    m_caption = new QLabel(bar);
    m_caption->setObjectName(QStringLiteral("commentThreadCaption"));
    m_caption->setAccessibleName(tr("Comment thread status"));
    m_caption->setTextFormat(Qt::PlainText);
    m_busyIndicator = makeBusyIndicator(bar, QStringLiteral("commentThreadBusyIndicator"),
                                        tr("Reading the comments"));
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption, 1);
    layout->addWidget(m_busyIndicator);
    return bar;
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
    // While another thread loads, the shown one is no place to act on.
    const bool selected = !m_loading && selectedCommentId() != 0;
    m_replyAction->setEnabled(selected);
    m_editAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
}

bool CommentThreadView::isLoading() const
{
    return m_loading;
}

void CommentThreadView::showPost(qint64 postId)
{
    if (postId <= 0) {
        // Nothing selected: nothing to read, and what was under way is not wanted any more.
        m_reader->cancel(ThreadSlot);
        showRead(ThreadRead());
        setLoading(false);
        return;
    }
    m_repeatRequest = [this, postId] {
        showPost(postId);
    };
    startRead(
        tr("Loading the comments of post #%1…").arg(postId), postId != m_model->postId(),
        [postId](QSqlDatabase& db) { return ThreadReader::readPost(db, postId); },
        [this](const ThreadRead& read) { showRead(read); });
}

void CommentThreadView::reload()
{
    if (m_loading && m_repeatRequest) {
        m_repeatRequest(); // what is shown is about to be replaced anyway
        return;
    }
    const qint64 postId = m_model->postId();
    if (postId <= 0) {
        return;
    }
    // Where the reader was, not where the selected comment is: a refresh moves nothing.
    const qint64 selected = selectedCommentId();
    const int scroll = m_tree->verticalScrollBar()->value();
    m_repeatRequest = [this, postId] {
        showPost(postId);
    };
    startRead(
        tr("Reading the comments of post #%1 again…").arg(postId), false,
        [postId](QSqlDatabase& db) { return ThreadReader::readPost(db, postId); },
        [this, selected, scroll](const ThreadRead& read) {
            showRead(read);
            selectComment(selected);
            m_tree->doItemsLayout();
            m_tree->verticalScrollBar()->setValue(scroll);
        });
}

void CommentThreadView::showComment(qint64 commentId)
{
    if (commentId <= 0) {
        return;
    }
    const qint64 shownPostId = m_model->postId();
    m_repeatRequest = [this, commentId] {
        showComment(commentId);
    };
    startRead(
        tr("Finding the thread of comment #%1…").arg(commentId), true,
        [commentId, shownPostId](QSqlDatabase& db) {
            return ThreadReader::readCommentsPost(db, commentId, shownPostId);
        },
        [this, commentId](const ThreadRead& read) {
            // A comment of the shown post needs no new tree; one that is gone changes nothing.
            if (read.loaded || !read.ok()) {
                showRead(read);
            }
            selectComment(commentId);
        });
}

void CommentThreadView::startRead(const QString& caption, bool greyShownTree,
                                  std::function<ThreadRead(QSqlDatabase&)> job,
                                  std::function<void(const ThreadRead&)> done)
{
    m_caption->setText(caption);
    if (greyShownTree) {
        m_tree->setEnabled(false); // not the thread being asked for: no longer current
    }
    setLoading(true);
    m_reader->read<ThreadRead>(ThreadSlot, this, std::move(job),
                               [this, done = std::move(done)](const ThreadRead& read) {
                                   done(read);
                                   setLoading(false);
                               });
}

void CommentThreadView::setLoading(bool loading)
{
    m_busyIndicator->setVisible(loading);
    if (!loading) {
        m_tree->setEnabled(true);
        showCaption();
    }
    const bool changed = loading != m_loading;
    m_loading = loading;
    updateActions();
    if (changed) {
        emit loadingChanged(loading);
    }
}

void CommentThreadView::showRead(const ThreadRead& read)
{
    m_model->apply(read);
    m_errorLabel->setText(
        read.ok() ? QString() : tr("Cannot read the comments: %1").arg(read.error.simplified()));
    m_errorLabel->setVisible(!read.ok());
    m_tree->expandAll();
    emit threadShown(read.postId);
}

void CommentThreadView::showCaption()
{
    const qint64 postId = m_model->postId();
    if (postId <= 0) {
        m_caption->setText(tr("Select a post or a comment to see its thread."));
    } else if (!m_errorLabel->isHidden()) {
        m_caption->setText(tr("Post #%1: not read").arg(postId));
    } else {
        m_caption->setText(
            tr("Post #%1: %n comment(s)", nullptr, m_model->commentCount()).arg(postId));
    }
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
