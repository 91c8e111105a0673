#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <functional>
#include <memory>

#include "models/connection/DatabaseUrl.h"

// What every read hands back: a reason when it failed, and whether a cancel stopped it.
struct ReadResult
{
    QString error;            // empty when the read worked
    bool interrupted = false; // stopped by a cancel: the reader runs it again if still wanted

    bool ok() const { return error.isEmpty(); }
    // Takes the failure of `query` (its error text, and whether a cancel caused it).
    void fail(const QSqlQuery& query);
};

class ReaderConnection;
struct ReaderState;

// Reads the database off the GUI thread: jobs run one after another on a thread of the
// reader's own, on a connection of its own (read-only on SQLite) opened at the first job.
// Every job names a slot ("posts window", "thread"); a newer job for a slot makes the older
// one stale: a queued stale job never runs, a running one is cancelled (QueryCanceller), and
// a stale result is dropped, so only the latest read of each slot is ever handed over (the
// latest-wins loader of DB Browser for SQLite, with a ticket per job).
//
// Jobs must read their statements to the end: no statement stays open between jobs, so the
// reader never holds a lock or a snapshot while the user looks at the result.
class BackgroundReader : public QObject
{
    Q_OBJECT

public:
    BackgroundReader(const DatabaseUrl& url, const QString& connectionName,
                     QObject* parent = nullptr);
    ~BackgroundReader() override; // cancels what runs and waits for the thread to end

    // Runs `job` on the reader's connection; `done` gets its result on the GUI thread, if
    // `context` still exists and no newer read was asked for `slot` meanwhile. `Result` is a
    // ReadResult; when the connection cannot be opened, `done` gets one with only the error.
    template <typename Result>
    void read(const QString& slot, QObject* context, std::function<Result(QSqlDatabase&)> job,
              std::function<void(const Result&)> done);

    // Makes the slot's queued or running read stale (cancelling a running statement).
    void cancel(const QString& slot);

    bool isBusy() const { return !m_pending.isEmpty(); }
    bool isBusy(const QString& slot) const { return m_pending.contains(slot); }

signals:
    void busyChanged(bool busy);

private:
    using Delivery = std::function<void()>;
    struct TaskOutcome
    {
        bool interrupted = false;
        bool failed = false;
    };
    // Runs on the reader's thread; `db` is nullptr when the connection could not be opened.
    using Task =
        std::function<Delivery(QSqlDatabase* db, const QString& openError, TaskOutcome* outcome)>;

    void submit(const QString& slot, QObject* context, Task task);
    void deliver(const QString& slot, quint64 ticket, const QPointer<QObject>& context,
                 const Delivery& delivery);
    void setPending(const QString& slot, quint64 ticket);
    void clearPending(const QString& slot, quint64 ticket);

    std::shared_ptr<ReaderState> m_state;
    QThread m_thread;
    ReaderConnection* m_connection;    // lives on m_thread
    QHash<QString, quint64> m_pending; // slot -> the ticket whose result is awaited
    friend class ReaderConnection;
};

template <typename Result>
void BackgroundReader::read(const QString& slot, QObject* context,
                            std::function<Result(QSqlDatabase&)> job,
                            std::function<void(const Result&)> done)
{
    submit(slot, context,
           [job = std::move(job), done = std::move(done)](
               QSqlDatabase* db, const QString& openError, TaskOutcome* outcome) -> Delivery {
               Result result;
               if (db == nullptr) {
                   result.error = openError;
               } else {
                   result = job(*db);
               }
               outcome->interrupted = result.interrupted;
               outcome->failed = !result.ok();
               return [done, result = std::move(result)] {
                   done(result);
               };
           });
}
