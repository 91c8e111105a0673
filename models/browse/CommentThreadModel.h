#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QSqlDatabase>
#include <QVariant>

#include <memory>
#include <vector>

#include "models/browse/ThreadRead.h"

// One post's comments as a tree: replies under their parent, siblings by created_at then id.
// The whole thread comes from one statement (ThreadReader, run on a worker by the view)
// and is held in memory, so data() never touches the database and a thread of thousands of
// comments opens in one round trip.
// Data written by others is shown as it is: a reply whose parent belongs to another post (or
// does not exist) is a root here, and a parent loop is broken at one node instead of hiding
// the comments in it.
class CommentThreadModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        CommentColumn,
        AuthorColumn,
        CreatedColumn,
        IdColumn,
        ColumnCount
    };
    enum Role
    {
        CommentIdRole = Qt::UserRole + 1
    };

    explicit CommentThreadModel(QObject* parent = nullptr);
    ~CommentThreadModel() override;

    // Replaces the tree with the thread `read` holds (one reset); a failed read leaves the
    // model empty, showing read.postId.
    void apply(const ThreadRead& read);
    // Reads the post's thread on the calling thread and applies it; on failure the model is
    // empty and *error says why.
    bool loadPost(const QSqlDatabase& db, qint64 postId, QString* error);

    qint64 postId() const { return m_postId; }
    int commentCount() const { return int(m_nodes.size()); }
    // 0 for an invalid index.
    qint64 commentId(const QModelIndex& index) const;
    // Column 0 of the comment's row; invalid when the comment is not in this thread.
    QModelIndex indexOfComment(qint64 id) const;
    // How many statements the last applied read executed (one, by design): tests hold us to it.
    int queriesForLastLoad() const { return m_queriesForLastLoad; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Defined in the .cpp; named here so that file's free helpers can work on it.
    struct Node;

private:
    using NodeList = std::vector<std::unique_ptr<Node>>;

    void clearTree();
    void buildTree(const QList<ThreadComment>& comments);
    Node* nodeOf(const QModelIndex& index) const;
    QVariant displayValue(const Node& node, int column) const;
    QVariant editValue(const Node& node, int column) const;

    qint64 m_postId = 0;
    int m_queriesForLastLoad = 0;
    NodeList m_nodes;
    std::vector<Node*> m_roots;
    QHash<qint64, Node*> m_byId;
};
