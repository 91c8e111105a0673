#include "CommentThreadModel.h"

#include "sql/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>

#include "models/browse/RelatedRecords.h"

struct CommentThreadModel::Node
{
    qint64 id = 0;
    QVariant parentId;
    // The recursion depth; NULL when the recursive query did not reach this comment.
    QVariant depth;
    QString content;
    QVariant createdAt;
    QVariant userId;
    QVariant username;

    Node* parent = nullptr;
    int row = 0;
    std::vector<Node*> children;
    // Scratch flags for placing comments the recursion did not reach.
    bool placed = false;
    bool onPath = false;
};

namespace {

using Node = CommentThreadModel::Node;
using NodeList = std::vector<std::unique_ptr<Node>>;

// Deeper than any real discussion; it bounds the recursion should the data hold something the
// anchor rules did not foresee. Comments below it are still placed, by the C++ below.
constexpr int MaxDepth = 1000;
// Enough to recognise a comment in a tree row; the tooltip has the whole text.
constexpr int PreviewLength = 120;

// Roots: the post's comments without a parent, or whose parent is not a comment of this post
// (it sits under another post, or does not exist), so nothing is hidden. Then their replies
// within the same post. The outer SELECT reads every comment of the post, not only those the
// recursion reached: a parent loop has no root to start from, and its comments must show too.
// Portable SQL only (SQLite, PostgreSQL, MariaDB); NULL dates sort first on all three.
const char* const ThreadSql = R"(
WITH RECURSIVE thread (id, depth) AS (
    SELECT c.id, 0
    FROM comments c
    WHERE c.post_id = :anchorPost
      AND (c.parent_id IS NULL
           OR NOT EXISTS (SELECT 1 FROM comments p
                          WHERE p.id = c.parent_id AND p.post_id = c.post_id))
    UNION ALL
    SELECT r.id, t.depth + 1
    FROM thread t
    JOIN comments r ON r.parent_id = t.id
    WHERE r.post_id = :replyPost AND t.depth < :maxDepth
)
SELECT c.id, c.parent_id, t.depth, c.content, c.created_at, c.user_id, u.username
FROM comments c
LEFT JOIN thread t ON t.id = c.id
LEFT JOIN users u ON u.id = c.user_id
WHERE c.post_id = :post
ORDER BY CASE WHEN c.created_at IS NULL THEN 0 ELSE 1 END, c.created_at, c.id
)";

std::unique_ptr<Node> nodeFrom(const QSqlQuery& query)
{
    auto node = std::make_unique<Node>();
    node->id = query.value(0).toLongLong();
    node->parentId = query.value(1);
    node->depth = query.value(2);
    node->content = query.value(3).toString();
    node->createdAt = query.value(4);
    node->userId = query.value(5);
    node->username = query.value(6);
    return node;
}

Node* parentInThread(const Node* node, const QHash<qint64, Node*>& byId)
{
    return node->parentId.isNull() ? nullptr : byId.value(node->parentId.toLongLong());
}

// A comment the recursion did not reach hangs, through its parents, from a loop or from a
// comment deeper than MaxDepth. Walk up until a placed comment (attach the whole path under
// their parents), a missing parent (the top of the path is a root) or a comment already on the
// path: that closes a loop, and the loop is broken there by making that comment a root. Each
// comment is walked once, so the whole pass stays linear.
void placeUnreached(Node* start, const QHash<qint64, Node*>& byId)
{
    std::vector<Node*> path;
    Node* current = start;
    while (current && !current->placed && !current->onPath) {
        current->onPath = true;
        path.push_back(current);
        current = parentInThread(current, byId);
    }
    for (Node* node : path) {
        node->parent = node == current ? nullptr : parentInThread(node, byId);
        node->placed = true;
        node->onPath = false;
    }
}

// Decides every comment's parent in the tree: the recursion's roots stay roots, what it reached
// hangs under its parent_id (reached before it), the rest is placed by placeUnreached().
void assignParents(const NodeList& nodes, const QHash<qint64, Node*>& byId)
{
    for (const auto& node : nodes) {
        if (!node->depth.isNull()) {
            node->parent = node->depth.toInt() == 0 ? nullptr : parentInThread(node.get(), byId);
            node->placed = true;
        }
    }
    for (const auto& node : nodes) {
        if (!node->placed) {
            placeUnreached(node.get(), byId);
        }
    }
}

QString singleLine(const QString& text)
{
    const QString line = text.simplified();
    if (line.size() <= PreviewLength) {
        return line;
    }
    return line.left(PreviewLength - 1) + QChar(0x2026); // an ellipsis
}

} // namespace

CommentThreadModel::CommentThreadModel(QSqlDatabase db, QObject* parent)
    : QAbstractItemModel(parent), m_db(std::move(db))
{}

CommentThreadModel::~CommentThreadModel() = default;

bool CommentThreadModel::loadPost(qint64 postId, QString* error)
{
    NodeList nodes;
    const bool ok = fetchRows(postId, &nodes, error);
    beginResetModel();
    m_postId = postId;
    clearTree();
    if (ok) {
        buildTree(std::move(nodes));
    }
    endResetModel();
    return ok;
}

bool CommentThreadModel::fetchRows(qint64 postId, NodeList* nodes, QString* error)
{
    m_queriesForLastLoad = 0;
    QSqlQuery query(m_db);
    // Rows are read once, front to back: no need for the driver to keep them for scrolling.
    query.setForwardOnly(true);
    if (!query.prepare(QString::fromUtf8(ThreadSql))) {
        *error = tr("Cannot read the comments: %1").arg(query.lastError().text());
        return false;
    }
    query.bindValue(QStringLiteral(":anchorPost"), postId);
    query.bindValue(QStringLiteral(":replyPost"), postId);
    query.bindValue(QStringLiteral(":maxDepth"), MaxDepth);
    query.bindValue(QStringLiteral(":post"), postId);
    ++m_queriesForLastLoad;
    if (!query.exec()) {
        *error = tr("Cannot read the comments: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        nodes->push_back(nodeFrom(query));
    }
    if (query.lastError().isValid()) {
        *error = tr("Cannot read the comments: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

void CommentThreadModel::clearTree()
{
    m_roots.clear();
    m_byId.clear();
    m_nodes.clear();
}

// Rows arrive ordered by created_at then id, so appending each to its parent's list in row order
// orders every set of siblings the same way. A comment id seen twice is kept once: no comment
// is ever attached in two places.
void CommentThreadModel::buildTree(NodeList nodes)
{
    m_byId.reserve(int(nodes.size()));
    for (auto& node : nodes) {
        if (!m_byId.contains(node->id)) {
            m_byId.insert(node->id, node.get());
            m_nodes.push_back(std::move(node));
        }
    }
    assignParents(m_nodes, m_byId);
    for (const auto& node : m_nodes) {
        std::vector<Node*>& siblings = node->parent ? node->parent->children : m_roots;
        node->row = int(siblings.size());
        siblings.push_back(node.get());
    }
}

qint64 CommentThreadModel::postOfComment(qint64 id) const
{
    return RelatedRecords::foreignKey(m_db, BlogTable::Comments, QStringLiteral("post_id"), id);
}

qint64 CommentThreadModel::commentId(const QModelIndex& index) const
{
    const Node* node = nodeOf(index);
    return node ? node->id : 0;
}

QModelIndex CommentThreadModel::indexOfComment(qint64 id) const
{
    Node* node = m_byId.value(id);
    return node ? createIndex(node->row, 0, node) : QModelIndex();
}

CommentThreadModel::Node* CommentThreadModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex CommentThreadModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || parent.column() > 0) {
        return {};
    }
    const Node* parentNode = nodeOf(parent);
    const std::vector<Node*>& siblings = parentNode ? parentNode->children : m_roots;
    if (row >= int(siblings.size())) {
        return {};
    }
    return createIndex(row, column, siblings[size_t(row)]);
}

QModelIndex CommentThreadModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeOf(child);
    if (!node || !node->parent) {
        return {};
    }
    return createIndex(node->parent->row, 0, node->parent);
}

int CommentThreadModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0) {
        return 0;
    }
    const Node* node = nodeOf(parent);
    return int(node ? node->children.size() : m_roots.size());
}

int CommentThreadModel::columnCount(const QModelIndex& /*parent*/) const
{
    return ColumnCount;
}

QVariant CommentThreadModel::data(const QModelIndex& index, int role) const
{
    const Node* node = nodeOf(index);
    if (!node) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*node, index.column());
    case Qt::EditRole:
        return editValue(*node, index.column());
    case Qt::ToolTipRole:
        return index.column() == CommentColumn ? QVariant(node->content) : QVariant();
    case CommentIdRole:
        return node->id;
    default:
        return {};
    }
}

QVariant CommentThreadModel::displayValue(const Node& node, int column) const
{
    switch (column) {
    case CommentColumn:
        return singleLine(node.content);
    case AuthorColumn:
        // A user_id with no user behind it is shown by number, never hidden.
        return node.username.isNull() ? QStringLiteral("#%1").arg(node.userId.toString())
                                      : node.username.toString();
    case CreatedColumn:
        return node.createdAt.isNull() ? tr("NULL") : SqlTime::display(node.createdAt);
    case IdColumn:
        return node.id;
    default:
        return {};
    }
}

QVariant CommentThreadModel::editValue(const Node& node, int column) const
{
    switch (column) {
    case CommentColumn:
        return node.content;
    case AuthorColumn:
        return node.userId;
    case CreatedColumn:
        return node.createdAt;
    case IdColumn:
        return node.id;
    default:
        return {};
    }
}

QVariant CommentThreadModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case CommentColumn:
        return tr("Comment");
    case AuthorColumn:
        return tr("Author");
    case CreatedColumn:
        return tr("Created (UTC)");
    case IdColumn:
        return tr("ID");
    default:
        return {};
    }
}
