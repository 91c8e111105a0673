#include "GoToTarget.h"

#include <QRegularExpression>

namespace {

// Longer than any qint64, yet short enough to show back in a message.
constexpr int MaxDigits = 18;

} // namespace

GoToTarget GoToTarget::parse(const QString& text)
{
    GoToTarget target;
    static const QRegularExpression form(
        QStringLiteral("^\\s*(?:(#|id\\s*)|(row\\s*))?([0-9]+)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        target.error = tr("Type an id (12345 or #12345) or a row number (row 500).");
        return target;
    }
    const QRegularExpressionMatch match = form.match(trimmed);
    if (!match.hasMatch()) {
        target.error = tr("Not an id or a row number: type 12345, #12345 or row 500.");
        return target;
    }
    const QString digits = match.captured(3);
    bool ok = false;
    const qint64 value = digits.size() <= MaxDigits ? digits.toLongLong(&ok) : 0;
    if (!ok || value < 1) {
        target.error =
            tr("Ids and row numbers start at 1 and have at most %1 digits.").arg(MaxDigits);
        return target;
    }
    target.kind = match.capturedLength(2) > 0 ? Kind::Row : Kind::Id;
    target.value = value;
    return target;
}
