#pragma once

#include <QDockWidget>

#include "models/connection/DatabaseUrl.h"
#include "models/search/FullTextSearch.h"
#include "views/browse/NavigationHistory.h"

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;
class BackgroundReader;

// Full-text search as the user types: posts and comments ranked and grouped, the matched
// words in bold; a result opens its row (navigationRequested). The search runs on a reader
// thread with its own connection, 150 ms after the last key, and a key pressed meanwhile
// drops the search under way. Each list ranks at most the first 500 matches
// (FullTextSearch::DefaultCandidates), so the results come in milliseconds however common the
// word; the group titles say so, the number of matches follows from a second reader (only the
// titles' and status line's text change, the lists stay as they are), and "Rank all matches"
// ranks every match when asked.
// Down moves from the field into the results, Enter opens one.
// On a database without the full-text revision the dock says so and offers the substring
// filter instead (a page filtered by "contains").
class SearchDock : public QDockWidget
{
    Q_OBJECT

public:
    SearchDock(const DatabaseUrl& url, QWidget* parent = nullptr);

    // Ctrl+Shift+F: shows the dock and puts the cursor in its field.
    QAction* findAction() const { return m_findAction; }
    // Waiting for a pause in typing, or a search under way.
    bool isSearching() const;

signals:
    void navigationRequested(const NavigationLocation& location);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createContents();
    void textEdited();
    void startSearch();
    void runSearch(int candidates);
    void showResults(const SearchResults& results);
    void startCount();
    void showCounts(const SearchCounts& counts);
    void addGroup(BlogTable table, const QList<SearchHit>& hits);
    QString groupTitle(BlogTable table) const;
    void updateGroupTitles();
    void showNeedsRevision();
    void openItem(QTreeWidgetItem* item);
    QTreeWidgetItem* firstHit() const;
    void filterBySubstring(BlogTable table);
    void showAndFocus();

    DatabaseUrl m_url;
    BackgroundReader* m_reader;
    // Counts on a thread and connection of their own: MariaDB finishes a FULLTEXT count of a
    // common word (seconds) before it heeds a cancel, and the next search must not wait.
    BackgroundReader* m_countReader;
    QLineEdit* m_field = nullptr;
    QLabel* m_status = nullptr;
    QTreeWidget* m_results = nullptr;
    QWidget* m_fallback = nullptr; // the substring filter's buttons
    QPushButton* m_filterPosts = nullptr;
    QPushButton* m_filterComments = nullptr;
    QPushButton* m_rankAll = nullptr;
    QTimer* m_debounce = nullptr;
    QAction* m_findAction = nullptr;
    QString m_searchedText; // what the shown results were found for
    SearchResults m_shown;  // the results shown (hits, candidates, bounded)
    SearchCounts m_counts;  // their matches' numbers, once counted
};
