#include "CommentThreadModel.h"

#include "sql/SqlTime.h"

// A comment as read, with its place in the tree.
struct CommentThreadModel::Node : ThreadComment
{
    explicit Node(const ThreadComment& read) : ThreadComment(read) {}

    Node* parent = nullptr;
    int row = 0;
    std::vector<Node*> children;
    // Scratch flags for placing comments under their parents.
    bool placed = false;
    bool onPath = false;
};

namespace {

using Node = CommentThreadModel::Node;
using NodeList = std::vector<std::unique_ptr<Node>>;

// Enough to recognise a comment in a tree row; the tooltip has the whole text.
constexpr int PreviewLength = 120;

Node* parentInThread(const Node* node, const QHash<qint64, Node*>& byId)
{
    return node->parentId.isNull() ? nullptr : byId.value(node->parentId.toLongLong());
}

// Places `start` and, through its parents, the comments above it: walk up until a placed
// comment (attach the whole path under their parents), a parent that is not in this post's
// thread (the top of the path is a root) or a comment already on the path: that closes a loop,
// and the loop is broken there by making that comment a root. Each comment is walked once, so
// the whole pass stays linear, however deep the thread.
void placeWithParents(Node* start, const QHash<qint64, Node*>& byId)
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

// Decides every comment's parent in the tree from parent_id alone.
void assignParents(const NodeList& nodes, const QHash<qint64, Node*>& byId)
{
    for (const auto& node : nodes) {
        if (!node->placed) {
            placeWithParents(node.get(), byId);
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

CommentThreadModel::CommentThreadModel(QObject* parent) : QAbstractItemModel(parent) {}

CommentThreadModel::~CommentThreadModel() = default;

void CommentThreadModel::apply(const ThreadRead& read)
{
    beginResetModel();
    m_postId = read.postId;
    m_queriesForLastLoad = read.statements;
    clearTree();
    if (read.ok()) {
        buildTree(read.comments);
    }
    endResetModel();
}

bool CommentThreadModel::loadPost(const QSqlDatabase& db, qint64 postId, QString* error)
{
    const ThreadRead read = ThreadReader::readPost(db, postId);
    apply(read);
    *error = read.error;
    return read.ok();
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
void CommentThreadModel::buildTree(const QList<ThreadComment>& comments)
{
    m_byId.reserve(int(comments.size()));
    for (const ThreadComment& comment : comments) {
        if (!m_byId.contains(comment.id)) {
            m_nodes.push_back(std::make_unique<Node>(comment));
            m_byId.insert(comment.id, m_nodes.back().get());
        }
    }
    assignParents(m_nodes, m_byId);
    for (const auto& node : m_nodes) {
        std::vector<Node*>& siblings = node->parent ? node->parent->children : m_roots;
        node->row = int(siblings.size());
        siblings.push_back(node.get());
    }
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
