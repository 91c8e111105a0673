#pragma once

#include <QStringList>

// Opens the window on the chosen database: the embedded default (created, migrated and
// given a sample blog on first start) or the one named by --database / DATABASE_URL.
namespace GuiStartup {

int run(const QStringList& arguments);

} // namespace GuiStartup
