#include "KeysetWindow.h"

#include <algorithm>

void KeysetWindow::setOrder(const QString& sortExpression, bool sortNullable, bool descending)
{
    m_sort = sortExpression;
    m_sortNullable = sortNullable;
    m_descending = descending;
    reset();
}

void KeysetWindow::reset()
{
    m_backward = false;
    m_hasAnchor = false;
    m_anchor = RowKey();
    m_first = m_last = RowKey();
    m_rows = 0;
    m_shown.clear();
    m_atStart = true;
    m_atEnd = true;
    m_fromStart = 0;
    m_fromEnd = -1;
}

bool KeysetWindow::readsBackward(Move move) const
{
    switch (move) {
    case Move::Reload:
        return m_backward;
    case Move::First:
    case Move::Next:
    case Move::Ahead:
        return false;
    case Move::Previous:
    case Move::Last:
    case Move::Behind:
        return true;
    }
    return false;
}

WindowRequest KeysetWindow::request(Move move, const WindowRequest& base) const
{
    WindowRequest request = base;
    request.sortExpression = m_sort;
    request.sortNullable = m_sortNullable;
    // Reading backwards is reading the reversed order forwards (NULLs count as largest, so
    // they reverse with everything else).
    request.descending = m_descending != readsBackward(move);
    switch (move) {
    case Move::Reload:
        request.hasAnchor = m_hasAnchor;
        request.anchor = m_anchor;
        break;
    case Move::First:
    case Move::Last:
        request.hasAnchor = false;
        break;
    case Move::Next:
    case Move::Ahead:
        request.hasAnchor = m_rows > 0;
        request.anchor = m_last;
        break;
    case Move::Previous:
    case Move::Behind:
        request.hasAnchor = m_rows > 0;
        request.anchor = m_first;
        break;
    }
    if (move == Move::Ahead || move == Move::Behind) {
        request.limit = slideStep();
    }
    return request;
}

QList<RowKey> KeysetWindow::settle(Move move, const WindowKeys& keys)
{
    if (move == Move::Ahead || move == Move::Behind) {
        slide(move, keys);
        return m_shown;
    }
    QList<RowKey> shown = keys.rows;
    const bool backward = readsBackward(move);
    if (backward) {
        std::reverse(shown.begin(), shown.end());
    }
    const int previousRows = m_rows;
    if (move != Move::Reload) {
        const WindowRequest how = request(move, WindowRequest());
        m_hasAnchor = how.hasAnchor;
        m_anchor = how.anchor;
        m_backward = backward;
    }
    m_rows = int(shown.size());
    m_first = shown.isEmpty() ? RowKey() : shown.constFirst();
    m_last = shown.isEmpty() ? RowKey() : shown.constLast();
    switch (move) {
    case Move::Reload:
        break;
    case Move::First:
        m_fromStart = 0;
        m_fromEnd = -1;
        break;
    case Move::Next:
        m_fromStart = m_fromStart < 0 ? -1 : m_fromStart + previousRows;
        m_fromEnd = m_fromEnd < 0 ? -1 : m_fromEnd - m_rows;
        m_shiftSinceJump += previousRows;
        break;
    case Move::Previous:
        m_fromStart = m_fromStart < 0 ? -1 : qMax(qint64(0), m_fromStart - m_rows);
        m_fromEnd = m_fromEnd < 0 ? -1 : m_fromEnd + previousRows;
        m_shiftSinceJump -= m_rows;
        break;
    case Move::Last:
        m_fromStart = -1;
        m_fromEnd = 0;
        break;
    case Move::Ahead:
    case Move::Behind:
        break; // see slide()
    }
    // Reading forward, `more` says whether rows follow; reading backward, whether rows come
    // before. The other side is known from where the read started.
    if (backward) {
        m_atStart = !keys.more;
        m_atEnd = !m_hasAnchor;
    } else {
        m_atEnd = !keys.more;
        m_atStart = !m_hasAnchor;
    }
    if (m_atStart) {
        m_fromStart = 0;
    }
    if (m_atEnd) {
        m_fromEnd = 0;
    }
    m_shown = shown;
    return shown;
}

// The rows read join the window on one side and as many leave it on the other, so it keeps
// its size; Reload then reads from the last row that left (or as before, when none did).
void KeysetWindow::slide(Move move, const WindowKeys& keys)
{
    const int added = int(keys.rows.size());
    const int dropped = qMax(0, m_rows + added - m_windowSize);
    if (move == Move::Ahead) {
        if (dropped > 0) {
            m_hasAnchor = true;
            m_anchor = m_shown.at(dropped - 1);
            m_backward = false;
        }
        m_shown = m_shown.mid(dropped) + keys.rows;
        m_atEnd = !keys.more;
        m_atStart = m_atStart && dropped == 0;
        m_fromStart = m_fromStart < 0 ? -1 : m_fromStart + dropped;
        m_shiftSinceJump += dropped;
        m_fromEnd = m_fromEnd < 0 ? -1 : qMax(qint64(0), m_fromEnd - added);
    } else {
        if (dropped > 0) {
            m_hasAnchor = true;
            m_anchor = m_shown.at(m_rows - dropped);
            m_backward = true;
        }
        QList<RowKey> before = keys.rows;
        std::reverse(before.begin(), before.end());
        m_shown = before + m_shown.mid(0, m_rows - dropped);
        m_atStart = !keys.more;
        m_atEnd = m_atEnd && dropped == 0;
        m_fromStart = m_fromStart < 0 ? -1 : qMax(qint64(0), m_fromStart - added);
        m_shiftSinceJump -= added;
        m_fromEnd = m_fromEnd < 0 ? -1 : m_fromEnd + dropped;
    }
    m_rows = int(m_shown.size());
    m_first = m_shown.isEmpty() ? RowKey() : m_shown.constFirst();
    m_last = m_shown.isEmpty() ? RowKey() : m_shown.constLast();
    if (m_atStart) {
        m_fromStart = 0;
    }
    if (m_atEnd) {
        m_fromEnd = 0;
    }
}

QList<RowKey> KeysetWindow::settleAround(const QList<RowKey>& shown, const RowKey* before,
                                         bool atEnd, qint64 fromStart)
{
    m_shown = shown;
    m_rows = int(shown.size());
    m_first = shown.isEmpty() ? RowKey() : shown.constFirst();
    m_last = shown.isEmpty() ? RowKey() : shown.constLast();
    m_backward = false;
    m_hasAnchor = before != nullptr;
    m_anchor = before != nullptr ? *before : RowKey();
    m_atStart = before == nullptr;
    m_atEnd = atEnd;
    m_fromStart = m_atStart ? 0 : fromStart;
    m_fromEnd = m_atEnd ? 0 : -1;
    m_shiftSinceJump = 0;
    return m_shown;
}

void KeysetWindow::placeRow(int index, qint64 rowsBefore)
{
    if (m_fromStart < 0 && m_fromEnd < 0 && rowsBefore >= index) {
        m_fromStart = qMax(qint64(0), rowsBefore - index + m_shiftSinceJump);
    }
}

qint64 KeysetWindow::rowsBefore(qint64 total) const
{
    if (m_fromStart >= 0) {
        return m_fromStart;
    }
    return total >= 0 && m_fromEnd >= 0 ? qMax(qint64(0), total - m_fromEnd - m_rows) : -1;
}
