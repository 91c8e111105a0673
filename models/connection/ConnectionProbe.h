#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include "models/connection/DatabaseUrl.h"

// What trying a database URL gave, with one line the user can act on.
struct ProbeResult
{
    enum Outcome
    {
        Connected,
        WrongPassword,    // wrong user name or password
        PasswordRequired, // the server wants a password and none was given
        UnknownHost,
        Refused,            // nothing listens on that port
        Unreachable,        // no route to the host
        Timeout,            // no answer within the connect timeout
        NotADatabaseServer, // something else answers on that port
        MissingDatabase,
        MissingDriver, // Qt's driver for the dialect is not installed
        NotADatabase,  // a SQLite file that is not a database
        Failed         // anything else; `detail` has the driver's words
    };

    Outcome outcome = Failed;
    QString message; // one line, no password
    QString detail;  // the driver's own text, for a tooltip
    qint64 elapsedMs = 0;

    bool ok() const { return outcome == Connected; }
};
Q_DECLARE_METATYPE(ProbeResult)

// Tries to connect to a database URL on a worker thread, with a short connect timeout, so a
// form can say "Connected" or why not without freezing. Results come back as a queued
// signal; a newer start() or cancel() drops older answers, and a probe that outlives
// AnswerDeadlineMs is reported as a timeout (its late answer is dropped too).
class ConnectionProbe : public QObject
{
    Q_OBJECT

public:
    static constexpr int ConnectTimeoutSeconds = 5;
    static constexpr int AnswerDeadlineMs = 8000;

    explicit ConnectionProbe(QObject* parent = nullptr);

    void start(const DatabaseUrl& url);
    void cancel();
    bool isRunning() const { return m_running; }

    // The probe itself, blocking: opens a connection of its own (never creating a SQLite
    // file), reads the server version and closes again. Safe on any thread.
    static ProbeResult probe(const DatabaseUrl& url);
    // The URL as probe() connects: connect_timeout capped at ConnectTimeoutSeconds.
    static DatabaseUrl withShortTimeout(const DatabaseUrl& url);
    // Turns a driver's connection error into an outcome and a clear message. `elapsedMs` is
    // how long the attempt took (-1 when unknown): MariaDB's client reports a refused and a
    // timed-out connect alike, as errno 115.
    static ProbeResult classify(const DatabaseUrl& url, const QString& driverText,
                                qint64 elapsedMs = -1);

signals:
    void started();
    void finished(const ProbeResult& result);

private:
    void deliver(quint64 token, const ProbeResult& result);
    void giveUp();

    quint64 m_token = 0;
    bool m_running = false;
    QTimer m_deadline;
    QElapsedTimer m_clock;
};
