#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>

// Notices when another connection or program (the Flask app, a second BlogDesk, a migration
// on a worker thread) commits to the database, with one tiny statement per look
// (Dialect::changeStampStatement) that takes no lock beyond its own instant and reads no table.
// Commits on the watched connection itself are not reported on SQLite; on the servers they
// are, unless markSeen() is called after them. Only when something changed is BlogDesk's
// migration history read as well (MigrationEngine::historyStamp).
class ChangeWatcher : public QObject
{
    Q_OBJECT

public:
    ChangeWatcher(QSqlDatabase db, QObject* parent = nullptr);

    // Looks every `intervalMs` until stop().
    void start(int intervalMs);
    void stop();
    bool isWatching() const { return m_timer.isActive(); }

    // Looks now: emits changed() when the database moved since the last look.
    void check();
    // What the database holds now is what the caller is about to show: takes the current
    // state as seen, so the caller's own reload does not come back as a change. Call it
    // before reading.
    void markSeen();

signals:
    void changed();
    // Among the changes: a revision was applied, stamped or taken back (by the command line,
    // say), so the revision on show may be out of date.
    void historyChanged();

private:
    // False when the database cannot be asked now (a lost server): nothing is reported then.
    bool readStamp(QString* stamp) const;

    QSqlDatabase m_db;
    QTimer m_timer;
    QString m_seen;
    QString m_seenHistory;
};
