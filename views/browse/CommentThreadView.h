#pragma once

#include <QWidget>

#include <functional>

class BackgroundReader;
class CommentThreadModel;
class QSqlDatabase;
class QAction;
class QLabel;
class QProgressBar;
class QTreeView;
struct ThreadRead;

// One post's comments as a fully expanded tree, with reply, edit and delete actions for the
// selected comment (as shortcuts and in the tree's context menu). The actions only announce
// what the user asked for; the dialogs that do the work belong to whoever listens.
//
// The thread is read on `reader` (slot "thread"): a newer request makes the one under way
// stale (cancelled, its rows never shown). While it reads, a caption says which post and a
// busy indicator turns; a tree of another post is greyed until its replacement arrives.
//
// Insert, while the tree has the focus, replies to the selected comment, or starts a comment on
// the shown post when none is selected; elsewhere in the window Insert is the window's own New.
class CommentThreadView : public QWidget
{
    Q_OBJECT

public:
    explicit CommentThreadView(BackgroundReader* reader, QWidget* parent = nullptr);

    CommentThreadModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }
    // 0 when nothing is selected.
    qint64 selectedCommentId() const;
    // Whether a thread is being read (its rows are not shown yet).
    bool isLoading() const;

public slots:
    // Reads the post's thread (again); a failure is shown above the tree.
    void showPost(qint64 postId);
    // Reads the shown (or loading) post again, keeping the selected comment selected if it
    // still exists and the tree scrolled where it was.
    void reload();
    // Shows the thread of the comment's post with the comment selected and in view; changes
    // nothing when the comment cannot be found.
    void showComment(qint64 commentId);

signals:
    // A read was applied: the tree now shows post `postId`'s thread (or its read's failure).
    void threadShown(qint64 postId);
    void loadingChanged(bool loading);

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
    QWidget* createStatusBar();
    void startRead(const QString& caption, bool greyShownTree,
                   std::function<ThreadRead(QSqlDatabase&)> job,
                   std::function<void(const ThreadRead&)> done);
    void setLoading(bool loading);
    void showRead(const ThreadRead& read);
    void showCaption();

    BackgroundReader* m_reader;
    CommentThreadModel* m_model;
    QTreeView* m_tree;
    QLabel* m_caption = nullptr;
    QProgressBar* m_busyIndicator = nullptr;
    QLabel* m_errorLabel;
    bool m_loading = false;
    std::function<void()> m_repeatRequest; // asks again for what is being read
    QAction* m_replyAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_deleteAction = nullptr;
};
