#pragma once

#include <QString>

class QProgressBar;
class QWidget;

// The small "reading…" bar the pages and docks show while a worker reads for them: no amount,
// no text, hidden at first, and keeping its room when hidden so that nothing beside it moves
// when a read starts or ends.
QProgressBar* makeBusyIndicator(QWidget* parent, const QString& objectName,
                                const QString& accessibleName);
