#pragma once

#include <QSqlDatabase>
#include <QWidget>

class CommentThreadModel;
class QAction;
class QLabel;
class QTreeView;

// One post's comments as a fully expanded tree, with reply, edit and delete actions for the
// selected comment (as shortcuts and in the tree's context menu). The actions only announce
// what the user asked for; the dialogs that do the work belong to whoever listens.
//
// Insert, while the tree has the focus, replies to the selected comment, or starts a comment on
// the shown post when none is selected; elsewhere in the window Insert is the window's own New.
class CommentThreadView : public QWidget
{
    Q_OBJECT

public:
    explicit CommentThreadView(QSqlDatabase db, QWidget* parent = nullptr);

    CommentThreadModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }
    // 0 when nothing is selected.
    qint64 selectedCommentId() const;

public slots:
    // Reads the post's thread (again); a failure is shown above the tree.
    void showPost(qint64 postId);
    // Reads the shown post again, keeping the selected comment selected if it still exists
    // and the tree scrolled where it was.
    void reload();
    // Shows the thread of the comment's post with the comment selected and in view; does
    // nothing when the comment cannot be found.
    void showComment(qint64 commentId);

signals:
    void replyRequested(qint64 postId, qint64 parentCommentId);
    // A new top-level comment on the shown post.
    void commentRequested(qint64 postId);
    void editRequested(qint64 commentId);
    void deleteRequested(qint64 commentId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAction* makeAction(const char* name, const QString& text, const QList<QKeySequence>& keys);
    void setUpTree();
    void setUpActions();
    void sizeColumns();
    void updateActions();
    void selectComment(qint64 id);

    CommentThreadModel* m_model;
    QTreeView* m_tree;
    QLabel* m_errorLabel;
    QAction* m_replyAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
};
