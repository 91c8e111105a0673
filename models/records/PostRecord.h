#pragma once

#include <QList>
#include <QString>
#include <QVariant>
#include <QtGlobal>

// One row of `posts` as the edit dialog sees it. created_at / updated_at are not here on
// purpose: PostService sets them the way the Flask model does, nobody types them.
struct PostRecord
{
    qint64 id = 0; // 0 = not inserted yet
    QString title;
    QString slug;
    QString content;
    bool isPublished = false; // the Flask model's default; a stored NULL reads as false
    QVariant publishedAt;     // as stored; null when never published
    qint64 userId = 0;        // the author; 0 = none chosen yet
    // The post's tag links as loaded: the base that a save diffs the chosen tags against.
    QList<qint64> tagIds;
};
