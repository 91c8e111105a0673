#pragma once

#include <QString>

// Paths of the files compiled into the binary from this folder.
namespace Resources {

QString applicationIcon();

} // namespace Resources
