#pragma once

#include <QCoreApplication>
#include <QString>

// What a person typed into a page's "Go to" field, parsed in one place: a row's id ("12345",
// "#12345", "id 12345") or a row number in the shown order ("row 500"), numbers from 1 on,
// ASCII digits only. Anything else is refused with a one-line reason.
struct GoToTarget
{
    Q_DECLARE_TR_FUNCTIONS(GoToTarget)

public:
    enum class Kind
    {
        Invalid,
        Id,
        Row,
    };

    Kind kind = Kind::Invalid;
    qint64 value = 0;
    QString error; // why the text was refused (Invalid only)

    bool isValid() const { return kind != Kind::Invalid; }

    static GoToTarget parse(const QString& text);
};
