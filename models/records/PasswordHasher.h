#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

// Runs the deliberately slow PasswordHash work (~140 ms and up) on a worker thread so the
// window keeps painting. Results come back as queued signals on this object's thread. Each
// request gets a token; a newer request or cancel() makes older results stale, and stale
// results are dropped, so a late answer can never be taken for a newer question.
class PasswordHasher : public QObject
{
    Q_OBJECT

public:
    explicit PasswordHasher(QObject* parent = nullptr);
    // Waits for running work: the workers post to this object, which must outlive them.
    ~PasswordHasher() override;

    // Starts hashing `password` in Werkzeug's pbkdf2:sha256:600000 format.
    void generate(const QString& password);
    // Starts verifying `password` against the stored `hash`.
    void check(const QString& hash, const QString& password);
    // Drops whatever is still running: its results will not be delivered.
    void cancel();

    bool isChecking() const { return m_checking; }

signals:
    // An empty hash means the hashing itself failed (random source unavailable).
    void generated(const QString& hash);
    void checked(bool matches);

private:
    void deliverHash(quint64 token, const QString& hash);
    void deliverCheck(quint64 token, bool matches);

    QThreadPool m_pool;
    quint64 m_generateToken = 0;
    quint64 m_checkToken = 0;
    bool m_checking = false;
};
