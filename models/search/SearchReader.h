#pragma once

#include <QHash>
#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

#include "models/connection/DatabaseUrl.h"

// Runs reads on a thread of its own with a connection of its own, latest wins per slot: a
// newer read on a slot drops a queued one, and `done` runs (on `context`'s thread) only for
// the latest read of its slot (`context` must live on the reader's thread: the GUI's). The
// same shape as models/read/BackgroundReader, which the
// search switches to when it lands; until then, this stand-in drops a running read's result
// but lets its statement finish (the search's statements are LIMITed and short).
class SearchReader : public QObject
{
    Q_OBJECT

public:
    SearchReader(const DatabaseUrl& url, QObject* parent = nullptr);
    ~SearchReader() override;

    template <typename Result>
    void read(const QString& slot, QObject* context, std::function<Result(QSqlDatabase&)> job,
              std::function<void(const Result&)> done)
    {
        const std::shared_ptr<State> state = m_state;
        const quint64 generation = state->next(slot);
        QPointer<QObject> target(context);
        started();
        // The answer goes through this reader, on its thread: the worker never touches
        // `context`. The destructor waits for the worker, so `this` outlives every post.
        post([this, state, slot, generation, target, job, done](QSqlDatabase& db) {
            if (!state->isLatest(slot, generation)) {
                QMetaObject::invokeMethod(
                    this, [this] { finished(); }, Qt::QueuedConnection);
                return;
            }
            const Result result = job(db);
            QMetaObject::invokeMethod(
                this,
                [this, state, slot, generation, target, done, result] {
                    finished();
                    if (target && state->isLatest(slot, generation)) {
                        done(result);
                    }
                },
                Qt::QueuedConnection);
        });
    }

    // The slot's queued read is dropped, and a running one's result never delivered.
    void cancel(const QString& slot);

signals:
    void busyChanged(bool busy);

private:
    // The generations per slot, shared with the jobs in flight (they may outlive the reader).
    struct State
    {
        quint64 next(const QString& slot);
        bool isLatest(const QString& slot, quint64 generation);

        QMutex mutex;
        QHash<QString, quint64> generations;
    };

    void post(std::function<void(QSqlDatabase&)> job);
    void started();
    void finished();

    std::shared_ptr<State> m_state = std::make_shared<State>();
    QThread m_thread;
    QObject* m_worker = nullptr; // lives on m_thread and owns the connection
    int m_pending = 0;
};
