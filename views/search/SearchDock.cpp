#include "SearchDock.h"

#include "sql/TextSearch.h"

#include <QAction>
#include <QAtomicInt>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "models/read/BackgroundReader.h"
#include "views/search/SearchResultDelegate.h"

namespace {

// Long enough to skip the searches between the keys of a word typed at speed.
constexpr int DebounceMs = 150;

int nextReaderNumber()
{
    static QAtomicInt readers;
    return readers.fetchAndAddRelaxed(1);
}
const QString SearchSlot = QStringLiteral("search");

constexpr int IdRole = Qt::UserRole;
constexpr int TableRole = Qt::UserRole + 1;

} // namespace

SearchDock::SearchDock(const DatabaseUrl& url, QWidget* parent)
    : QDockWidget(tr("Search"), parent), m_url(url),
      m_reader(new BackgroundReader(
          url, QStringLiteral("blogdesk-search-%1").arg(nextReaderNumber()), this))
{
    setObjectName(QStringLiteral("searchDock"));
    setAccessibleName(tr("Search"));
    setWidget(createContents());
    m_debounce = new QTimer(this);
    m_debounce->setObjectName(QStringLiteral("searchTypingPause"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &SearchDock::startSearch);
    connect(m_field, &QLineEdit::textChanged, this, &SearchDock::textEdited);
    connect(m_results, &QTreeWidget::itemActivated, this, &SearchDock::openItem);
    connect(m_reader, &BackgroundReader::busyChanged, this, [this](bool busy) {
        if (busy) {
            m_status->setText(tr("Searching…"));
        }
    });

    m_findAction = new QAction(tr("&Search Posts and Comments…"), this);
    m_findAction->setObjectName(QStringLiteral("actionSearch"));
    m_findAction->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    connect(m_findAction, &QAction::triggered, this, &SearchDock::showAndFocus);
    textEdited();
}

QWidget* SearchDock::createContents()
{
    auto* contents = new QWidget(this);
    contents->setObjectName(QStringLiteral("searchContents"));
    m_field = new QLineEdit(contents);
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setAccessibleName(tr("Search posts and comments"));
    m_field->setPlaceholderText(tr("Search posts and comments"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);

    m_status = new QLabel(contents);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setAccessibleName(tr("Search status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_results = new QTreeWidget(contents);
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setHeaderHidden(true);
    m_results->setColumnCount(1);
    m_results->setRootIsDecorated(false);
    m_results->setWordWrap(true);
    m_results->setUniformRowHeights(false);
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->installEventFilter(this);

    m_fallback = new QWidget(contents);
    m_fallback->setObjectName(QStringLiteral("searchFallback"));
    m_filterPosts = new QPushButton(tr("Filter &posts"), m_fallback);
    m_filterPosts->setObjectName(QStringLiteral("searchFilterPostsButton"));
    m_filterPosts->setAccessibleName(tr("Filter posts containing the text"));
    m_filterComments = new QPushButton(tr("Filter &comments"), m_fallback);
    m_filterComments->setObjectName(QStringLiteral("searchFilterCommentsButton"));
    m_filterComments->setAccessibleName(tr("Filter comments containing the text"));
    connect(m_filterPosts, &QPushButton::clicked, this,
            [this] { filterBySubstring(BlogTable::Posts); });
    connect(m_filterComments, &QPushButton::clicked, this,
            [this] { filterBySubstring(BlogTable::Comments); });
    auto* buttons = new QHBoxLayout(m_fallback);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_filterPosts);
    buttons->addWidget(m_filterComments);
    buttons->addStretch();
    m_fallback->hide();

    auto* layout = new QVBoxLayout(contents);
    layout->addWidget(m_field);
    layout->addWidget(m_status);
    layout->addWidget(m_fallback);
    layout->addWidget(m_results, 1);
    return contents;
}

// Each key drops the search under way and waits for the next pause in typing.
void SearchDock::textEdited()
{
    m_reader->cancel(SearchSlot);
    m_debounce->start();
    if (m_field->text().trimmed().isEmpty()) {
        m_debounce->stop();
        m_results->clear();
        m_fallback->hide();
        m_status->setText(
            tr("Type words to search post titles and contents and comments; \"quotes\" find a "
               "phrase."));
    }
}

bool SearchDock::isSearching() const
{
    return m_debounce->isActive() || m_reader->isBusy();
}

void SearchDock::startSearch()
{
    const QString text = m_field->text();
    m_reader->read<SearchResults>(
        SearchSlot, this, [text](QSqlDatabase& db) { return FullTextSearch::search(db, text); },
        [this, text](const SearchResults& results) {
            m_searchedText = text;
            showResults(results);
        });
}

void SearchDock::showResults(const SearchResults& results)
{
    m_results->clear();
    m_fallback->hide();
    switch (results.state) {
    case SearchResults::State::Found:
        addGroup(tr("Posts (%1)").arg(results.posts.size()), results.posts);
        addGroup(tr("Comments (%1)").arg(results.comments.size()), results.comments);
        m_status->setText(tr("%n post(s)", nullptr, int(results.posts.size())) +
                          QStringLiteral(", ") +
                          tr("%n comment(s)", nullptr, int(results.comments.size())));
        break;
    case SearchResults::State::NothingToSearch:
        m_status->setText(m_url.dialect() == SqlDialect::MySQL
                              ? tr("Nothing to search for: MariaDB leaves out words shorter "
                                   "than three letters and very common words.")
                              : tr("Nothing to search for: type a word."));
        break;
    case SearchResults::State::NeedsRevision:
        showNeedsRevision();
        break;
    case SearchResults::State::Failed:
        m_status->setText(results.error);
        break;
    }
}

void SearchDock::addGroup(const QString& title, const QList<SearchHit>& hits)
{
    auto* group = new QTreeWidgetItem(m_results, {title});
    group->setFlags(Qt::ItemIsEnabled);
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    for (const SearchHit& hit : hits) {
        const QString heading = hit.table == BlogTable::Posts
                                    ? hit.titleHtml
                                    : tr("Comment #%1").arg(hit.id).toHtmlEscaped();
        const QString html =
            heading + QStringLiteral("<br><small>") + hit.snippetHtml + QStringLiteral("</small>");
        auto* item = new QTreeWidgetItem(group);
        item->setText(0, QTextDocumentFragment::fromHtml(html).toPlainText());
        item->setData(0, SearchResultDelegate::HtmlRole, html);
        item->setData(0, IdRole, hit.id);
        item->setData(0, TableRole, int(hit.table));
    }
    group->setExpanded(true);
}

void SearchDock::showNeedsRevision()
{
    m_status->setText(tr("Full-text search needs revision %1 (Add full-text search): upgrade in "
                         "the migrations panel. Meanwhile the filter finds the exact text:")
                          .arg(QString::fromLatin1(FullTextSearch::Revision)));
    m_fallback->show();
}

void SearchDock::openItem(QTreeWidgetItem* item)
{
    if (!item || !item->data(0, IdRole).isValid()) {
        return;
    }
    const auto table = static_cast<BlogTable>(item->data(0, TableRole).toInt());
    emit navigationRequested({table, {}, {}, {}, item->data(0, IdRole).toLongLong()});
}

QTreeWidgetItem* SearchDock::firstHit() const
{
    for (int group = 0; group < m_results->topLevelItemCount(); ++group) {
        if (m_results->topLevelItem(group)->childCount() > 0) {
            return m_results->topLevelItem(group)->child(0);
        }
    }
    return nullptr;
}

void SearchDock::filterBySubstring(BlogTable table)
{
    const QString text = m_field->text().trimmed();
    const QStringList columns =
        table == BlogTable::Posts
            ? QStringList{QStringLiteral("posts.title"), QStringLiteral("posts.content")}
            : QStringList{QStringLiteral("comments.content")};
    const TextSearchCondition contains = TextSearch::contains(m_url.dialect(), columns, text);
    const QString description = tr("containing \u201C%1\u201D").arg(text);
    emit navigationRequested({table,
                              {contains.sql, contains.values},
                              description,
                              {BlogTables::title(table), description},
                              0});
}

void SearchDock::showAndFocus()
{
    show();
    raise();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

bool SearchDock::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress) {
        return QDockWidget::eventFilter(watched, event);
    }
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (watched == m_field && key == Qt::Key_Down) {
        if (QTreeWidgetItem* first = firstHit()) {
            m_results->setFocus(Qt::TabFocusReason);
            m_results->setCurrentItem(first);
        }
        return true;
    }
    if (watched == m_field && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
        if (m_debounce->isActive() || m_searchedText != m_field->text()) {
            return true; // the results are not yet those of the text
        }
        openItem(firstHit());
        return true;
    }
    if (watched == m_results && key == Qt::Key_Up && m_results->currentItem() == firstHit()) {
        m_field->setFocus(Qt::TabFocusReason);
        return true;
    }
    return QDockWidget::eventFilter(watched, event);
}
