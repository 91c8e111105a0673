#include "BusyIndicator.h"

#include <QProgressBar>

QProgressBar* makeBusyIndicator(QWidget* parent, const QString& objectName,
                                const QString& accessibleName)
{
    auto* indicator = new QProgressBar(parent);
    indicator->setObjectName(objectName);
    indicator->setAccessibleName(accessibleName);
    indicator->setRange(0, 0); // busy, with no amount to show
    indicator->setMaximumWidth(80);
    indicator->setTextVisible(false);
    QSizePolicy keepRoom = indicator->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    indicator->setSizePolicy(keepRoom);
    indicator->hide();
    return indicator;
}
