#include "SearchReader.h"

#include <QMutexLocker>
#include <QUuid>

#include "models/connection/Database.h"

namespace {

// Lives on the reader's thread; opens the connection there on the first job, and closes it
// there when the reader goes.
class ReaderWorker : public QObject
{
public:
    ReaderWorker(const DatabaseUrl& url)
        : m_url(url), m_connectionName(QStringLiteral("blogdesk-search-") +
                                       QUuid::createUuid().toString(QUuid::WithoutBraces))
    {}

    void run(const std::function<void(QSqlDatabase&)>& job)
    {
        if (!m_opened) {
            m_opened = true;
            QString error;
            // A failed open leaves an invalid handle: the job's statements fail with a line.
            Database::open(m_url, m_connectionName, &m_db, &error, Database::Access::Existing);
        }
        job(m_db);
    }

    void closeConnection()
    {
        if (m_opened) {
            m_db = QSqlDatabase();
            Database::close(m_connectionName);
        }
    }

private:
    DatabaseUrl m_url;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_opened = false;
};

} // namespace

quint64 SearchReader::State::next(const QString& slot)
{
    const QMutexLocker locker(&mutex);
    return ++generations[slot];
}

bool SearchReader::State::isLatest(const QString& slot, quint64 generation)
{
    const QMutexLocker locker(&mutex);
    return generations.value(slot) == generation;
}

SearchReader::SearchReader(const DatabaseUrl& url, QObject* parent) : QObject(parent)
{
    m_worker = new ReaderWorker(url);
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("SearchReader"));
    m_thread.start();
}

SearchReader::~SearchReader()
{
    for (const QString& slot : m_state->generations.keys()) {
        cancel(slot);
    }
    auto* worker = static_cast<ReaderWorker*>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->closeConnection(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void SearchReader::cancel(const QString& slot)
{
    m_state->next(slot);
}

void SearchReader::post(std::function<void(QSqlDatabase&)> job)
{
    auto* worker = static_cast<ReaderWorker*>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker, job] { worker->run(job); }, Qt::QueuedConnection);
}

void SearchReader::started()
{
    if (m_pending++ == 0) {
        emit busyChanged(true);
    }
}

void SearchReader::finished()
{
    if (--m_pending == 0) {
        emit busyChanged(false);
    }
}
