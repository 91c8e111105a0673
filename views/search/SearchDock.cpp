#include "SearchDock.h"

#include "sql/TextSearch.h"

#include <QAction>
#include <QAtomicInt>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
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
const QString CountSlot = QStringLiteral("search count");

constexpr int IdRole = Qt::UserRole;
constexpr int TableRole = Qt::UserRole + 1;

} // namespace

SearchDock::SearchDock(const DatabaseUrl& url, QWidget* parent)
    : QDockWidget(tr("Search"), parent), m_url(url),
      m_reader(new BackgroundReader(
          url, QStringLiteral("blogdesk-search-%1").arg(nextReaderNumber()), this)),
      m_countReader(new BackgroundReader(
          url, QStringLiteral("blogdesk-search-count-%1").arg(nextReaderNumber()), this))
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
        if (busy && m_reader->isBusy(SearchSlot)) {
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

    m_rankAll = new QPushButton(tr("&Rank all matches"), contents);
    m_rankAll->setObjectName(QStringLiteral("searchRankAllButton"));
    m_rankAll->setAccessibleName(tr("Rank every match, not only the first ones"));
    m_rankAll->setToolTip(tr("Ranks every match; with many matches this takes seconds."));
    connect(m_rankAll, &QPushButton::clicked, this, [this] { runSearch(0); });
    m_rankAll->hide();

    auto* layout = new QVBoxLayout(contents);
    layout->addWidget(m_field);
    layout->addWidget(m_status);
    layout->addWidget(m_fallback);
    layout->addWidget(m_rankAll, 0, Qt::AlignLeft);
    layout->addWidget(m_results, 1);
    return contents;
}

// Each key drops the search under way and waits for the next pause in typing.
void SearchDock::textEdited()
{
    m_reader->cancel(SearchSlot);
    m_countReader->cancel(CountSlot);
    m_debounce->start();
    if (m_field->text().trimmed().isEmpty()) {
        m_debounce->stop();
        m_results->clear();
        m_fallback->hide();
        m_rankAll->hide();
        m_status->setText(
            tr("Type words to search post titles and contents and comments; \"quotes\" find a "
               "phrase."));
    }
}

bool SearchDock::isSearching() const
{
    return m_debounce->isActive() || m_reader->isBusy(SearchSlot);
}

void SearchDock::startSearch()
{
    runSearch(FullTextSearch::DefaultCandidates);
}

void SearchDock::runSearch(int candidates)
{
    const QString text = m_field->text();
    m_countReader->cancel(CountSlot);
    m_reader->read<SearchResults>(
        SearchSlot, this,
        [text, candidates](QSqlDatabase& db) {
            return FullTextSearch::search(db, text, FullTextSearch::DefaultLimit, candidates);
        },
        [this, text](const SearchResults& results) {
            m_searchedText = text;
            showResults(results);
        });
}

void SearchDock::showResults(const SearchResults& results)
{
    m_results->clear();
    m_fallback->hide();
    m_rankAll->setVisible(results.postsScope.bounded || results.commentsScope.bounded);
    m_shown = results;
    m_counts = SearchCounts();
    switch (results.state) {
    case SearchResults::State::Found:
        addGroup(BlogTable::Posts, results.posts);
        addGroup(BlogTable::Comments, results.comments);
        m_status->setText(tr("Counting the matches…"));
        startCount();
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

// The count runs after the results, on its own reader: it never delays them.
void SearchDock::startCount()
{
    const QString text = m_searchedText;
    m_countReader->read<SearchCounts>(
        CountSlot, this, [text](QSqlDatabase& db) { return FullTextSearch::count(db, text); },
        [this](const SearchCounts& counts) { showCounts(counts); });
}

void SearchDock::showCounts(const SearchCounts& counts)
{
    m_counts = counts;
    updateGroupTitles();
    if (!counts.ok()) {
        m_status->setText(counts.error);
        return;
    }
    QString status = tr("%Ln matching post(s)", nullptr, int(counts.posts)) + QStringLiteral(", ") +
                     tr("%Ln matching comment(s)", nullptr, int(counts.comments)) +
                     QLatin1Char('.');
    if (m_shown.postsScope.bounded || m_shown.commentsScope.bounded) {
        status += QLatin1Char(' ') + tr("Too many to rank them all at once: a list says which "
                                        "of the first matches it ranked.");
    }
    m_status->setText(status);
}

// "Posts (20)", "Posts (20 of 344,668)", "Posts (best 20 of the first 1,000 of 344,668)".
QString SearchDock::groupTitle(BlogTable table) const
{
    const bool posts = table == BlogTable::Posts;
    const QLocale locale;
    const int shown = int(posts ? m_shown.posts.size() : m_shown.comments.size());
    const SearchScope& scope = posts ? m_shown.postsScope : m_shown.commentsScope;
    const qint64 matches = posts ? m_counts.posts : m_counts.comments;
    const QString name = posts ? tr("Posts") : tr("Comments");
    if (scope.bounded) {
        const QString first = locale.toString(scope.ranked);
        return matches < 0
                   ? tr("%1 (best %2 of the first %3 matches)").arg(name).arg(shown).arg(first)
                   : tr("%1 (best %2 of the first %3 of %4 matches)")
                         .arg(name)
                         .arg(shown)
                         .arg(first, locale.toString(matches));
    }
    return matches < 0 || matches == shown
               ? tr("%1 (%2)").arg(name).arg(shown)
               : tr("%1 (%2 of %3)").arg(name).arg(shown).arg(locale.toString(matches));
}

void SearchDock::updateGroupTitles()
{
    for (int group = 0; group < m_results->topLevelItemCount(); ++group) {
        QTreeWidgetItem* item = m_results->topLevelItem(group);
        item->setText(0, groupTitle(static_cast<BlogTable>(item->data(0, TableRole).toInt())));
    }
}

void SearchDock::addGroup(BlogTable table, const QList<SearchHit>& hits)
{
    auto* group = new QTreeWidgetItem(m_results, {groupTitle(table)});
    group->setData(0, TableRole, int(table));
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
                              {contains.sql, contains.values, true}, // a substring: scans rows
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
