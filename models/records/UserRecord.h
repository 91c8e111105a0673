#pragma once

#include <QString>
#include <QtGlobal>

// One row of `users` as the edit dialog sees it. The timestamps are not here on purpose:
// UserService sets them the way the Flask model does, nobody types them.
struct UserRecord
{
    qint64 id = 0; // 0 = not inserted yet
    QString username;
    QString email;
    bool isActive = true; // the Flask model's default
    QString passwordHash; // Werkzeug "method$salt$hex"; only ever shown by method
};
