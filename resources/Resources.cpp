#include "Resources.h"

namespace Resources {

QString applicationIcon()
{
    return QStringLiteral(":/icons/blogdesk.png");
}

} // namespace Resources
