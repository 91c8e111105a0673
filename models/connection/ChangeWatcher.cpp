#include "ChangeWatcher.h"

#include "sql/Dialect.h"

#include <QSqlQuery>

#include "migrations/engine/MigrationEngine.h"

ChangeWatcher::ChangeWatcher(QSqlDatabase db, QObject* parent)
    : QObject(parent), m_db(std::move(db))
{
    connect(&m_timer, &QTimer::timeout, this, &ChangeWatcher::check);
}

void ChangeWatcher::start(int intervalMs)
{
    if (m_seen.isEmpty()) {
        markSeen();
    }
    m_timer.start(intervalMs);
}

void ChangeWatcher::stop()
{
    m_timer.stop();
}

void ChangeWatcher::check()
{
    QString stamp;
    if (!readStamp(&stamp) || stamp == m_seen) {
        return;
    }
    m_seen = stamp;
    emit changed();
    const QString history = MigrationEngine::historyStamp(m_db);
    if (history != m_seenHistory) {
        m_seenHistory = history;
        emit historyChanged();
    }
}

void ChangeWatcher::markSeen()
{
    QString stamp;
    if (readStamp(&stamp)) {
        m_seen = stamp;
        m_seenHistory = MigrationEngine::historyStamp(m_db);
    }
}

bool ChangeWatcher::readStamp(QString* stamp) const
{
    if (!m_db.isOpen()) {
        return false;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(Dialect::of(m_db).changeStampStatement()) || !query.next()) {
        return false;
    }
    *stamp = query.value(0).toString();
    return true;
}
