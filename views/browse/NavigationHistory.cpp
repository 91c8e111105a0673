#include "NavigationHistory.h"

void NavigationHistory::visit(const NavigationLocation& from)
{
    m_back << from;
    if (m_back.size() > MaxEntries) {
        m_back.removeFirst();
    }
    m_forward.clear();
}

NavigationLocation NavigationHistory::back(const NavigationLocation& current)
{
    m_forward << current;
    return m_back.takeLast();
}

NavigationLocation NavigationHistory::forward(const NavigationLocation& current)
{
    m_back << current;
    return m_forward.takeLast();
}

void NavigationHistory::clear()
{
    m_back.clear();
    m_forward.clear();
}
