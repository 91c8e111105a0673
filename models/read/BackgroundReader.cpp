#include "BackgroundReader.h"

#include "sql/ConnectionSession.h"
#include "sql/QueryCanceller.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSqlError>

#include "models/connection/Database.h"

namespace {

// A cancel that hit the next statement instead of the one meant is undone by running the
// job again; more than this many in a row means something else interrupts it.
constexpr int MaxAttempts = 3;
// A server connection unused for this long is checked (and opened again if the server went
// away) before the next job: one round trip, not one per job.
constexpr qint64 IdleCheckMs = 2000;

} // namespace

void ReadResult::fail(const QSqlQuery& query)
{
    const QSqlError error = query.lastError();
    interrupted = QueryCanceller::isInterruption(error);
    this->error = error.text().trimmed();
    if (this->error.isEmpty()) {
        this->error = QStringLiteral("the statement failed");
    }
}

// Shared by the GUI thread and the reader's thread, under the mutex.
struct ReaderState
{
    QMutex mutex;
    QHash<QString, quint64> latest; // slot -> the newest ticket asked for
    quint64 lastTicket = 0;
    QString runningSlot;
    quint64 runningTicket = 0;
    QueryCanceller* canceller = nullptr; // the connection's, while it is open

    bool isLatest(const QString& slot, quint64 ticket)
    {
        const QMutexLocker lock(&mutex);
        return latest.value(slot) == ticket;
    }

    void setRunning(const QString& slot, quint64 ticket)
    {
        const QMutexLocker lock(&mutex);
        runningSlot = slot;
        runningTicket = ticket;
    }

    // Makes `slot`'s current job stale (a new ticket, or none); cancels it if it runs.
    quint64 supersede(const QString& slot, bool withNewTicket)
    {
        const QMutexLocker lock(&mutex);
        const quint64 ticket = withNewTicket ? ++lastTicket : 0;
        latest.insert(slot, ticket);
        if (runningTicket != 0 && runningSlot == slot && canceller != nullptr) {
            canceller->cancel();
        }
        return ticket;
    }
};

// The reader's thread side: the connection and the jobs run on it.
class ReaderConnection : public QObject
{
public:
    ReaderConnection(const DatabaseUrl& url, const QString& name,
                     std::shared_ptr<ReaderState> state)
        : m_url(url), m_name(name), m_state(std::move(state))
    {}

    void run(BackgroundReader* reader, const QString& slot, quint64 ticket,
             const QPointer<QObject>& context, const BackgroundReader::Task& task);
    void close();

private:
    QSqlDatabase* connection(QString* error);
    void useCanceller(std::unique_ptr<QueryCanceller> canceller);

    DatabaseUrl m_url;
    QString m_name;
    std::shared_ptr<ReaderState> m_state;
    QSqlDatabase m_db;
    std::unique_ptr<QueryCanceller> m_canceller;
    QElapsedTimer m_sinceLastJob;
    bool m_lastJobFailed = false;
};

QSqlDatabase* ReaderConnection::connection(QString* error)
{
    if (!m_db.isValid()) {
        if (!Database::open(m_url, m_name, &m_db, error, Database::Access::ReadOnly)) {
            m_db = QSqlDatabase();
            return nullptr;
        }
        useCanceller(QueryCanceller::forConnection(m_db));
        return &m_db;
    }
    const bool check =
        m_lastJobFailed || !m_sinceLastJob.isValid() || m_sinceLastJob.elapsed() > IdleCheckMs;
    if (check && !ConnectionSession::isAlive(m_db)) {
        // A new server session has a new cancel key and thread id.
        useCanceller(nullptr);
        if (!ConnectionSession::reconnectIfLost(m_db, error)) {
            return nullptr;
        }
        useCanceller(QueryCanceller::forConnection(m_db));
    }
    return &m_db;
}

void ReaderConnection::useCanceller(std::unique_ptr<QueryCanceller> canceller)
{
    {
        const QMutexLocker lock(&m_state->mutex);
        m_state->canceller = canceller.get();
    }
    if (m_canceller) {
        m_canceller->detach();
    }
    m_canceller = std::move(canceller);
}

void ReaderConnection::run(BackgroundReader* reader, const QString& slot, quint64 ticket,
                           const QPointer<QObject>& context, const BackgroundReader::Task& task)
{
    BackgroundReader::Delivery delivery;
    if (m_state->isLatest(slot, ticket)) {
        QString openError;
        QSqlDatabase* db = connection(&openError);
        m_state->setRunning(slot, ticket);
        for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
            BackgroundReader::TaskOutcome outcome;
            delivery = task(db, openError, &outcome);
            m_lastJobFailed = outcome.failed;
            if (outcome.failed && !outcome.interrupted && attempt == 0 && db != nullptr &&
                !ConnectionSession::isAlive(*db)) {
                // The server went away since the last look (a restart): once more, on a new
                // session, so that Reload after a restart reads the tables again.
                db = connection(&openError);
                continue;
            }
            if (!outcome.interrupted || !m_state->isLatest(slot, ticket)) {
                break;
            }
        }
        m_state->setRunning(QString(), 0);
        m_sinceLastJob.start();
    }
    // The reader outlives this thread's jobs (its destructor waits for them).
    QMetaObject::invokeMethod(
        reader,
        [reader, slot, ticket, context, delivery] {
            reader->deliver(slot, ticket, context, delivery);
        },
        Qt::QueuedConnection);
}

void ReaderConnection::close()
{
    useCanceller(nullptr);
    if (m_db.isValid()) {
        m_db = QSqlDatabase();
        Database::close(m_name);
    }
}

BackgroundReader::BackgroundReader(const DatabaseUrl& url, const QString& connectionName,
                                   QObject* parent)
    : QObject(parent), m_state(std::make_shared<ReaderState>()),
      m_connection(new ReaderConnection(url, connectionName, m_state))
{
    m_thread.setObjectName(connectionName);
    m_connection->moveToThread(&m_thread);
    m_thread.start();
}

BackgroundReader::~BackgroundReader()
{
    {
        const QMutexLocker lock(&m_state->mutex);
        for (auto it = m_state->latest.begin(); it != m_state->latest.end(); ++it) {
            it.value() = 0;
        }
        if (m_state->runningTicket != 0 && m_state->canceller != nullptr) {
            m_state->canceller->cancel();
        }
    }
    QMetaObject::invokeMethod(
        m_connection, [connection = m_connection] { connection->close(); },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_connection;
}

void BackgroundReader::submit(const QString& slot, QObject* context, Task task)
{
    const quint64 ticket = m_state->supersede(slot, true);
    setPending(slot, ticket);
    QMetaObject::invokeMethod(
        m_connection,
        [this, connection = m_connection, slot, ticket, context = QPointer<QObject>(context),
         task = std::move(task)] { connection->run(this, slot, ticket, context, task); },
        Qt::QueuedConnection);
}

void BackgroundReader::cancel(const QString& slot)
{
    m_state->supersede(slot, false);
    clearPending(slot, m_pending.value(slot));
}

void BackgroundReader::deliver(const QString& slot, quint64 ticket,
                               const QPointer<QObject>& context, const Delivery& delivery)
{
    if (delivery && context && m_state->isLatest(slot, ticket)) {
        clearPending(slot, ticket); // before: `done` may ask for the next read of the slot
        delivery();
        return;
    }
    clearPending(slot, ticket);
}

void BackgroundReader::setPending(const QString& slot, quint64 ticket)
{
    const bool wasBusy = isBusy();
    m_pending.insert(slot, ticket);
    if (!wasBusy) {
        emit busyChanged(true);
    }
}

void BackgroundReader::clearPending(const QString& slot, quint64 ticket)
{
    const auto it = m_pending.constFind(slot);
    if (it == m_pending.constEnd() || it.value() != ticket) {
        return;
    }
    m_pending.erase(it);
    if (m_pending.isEmpty()) {
        emit busyChanged(false);
    }
}
