#pragma once

#include <QStringList>
#include <QTextStream>

#include "app/CliSession.h"

// `blogdesk db VERB [REV]`: upgrade, downgrade, current, history and stamp, as `flask db`
// has them.
namespace DbCommand {

int run(const QStringList& verbAndArguments, const CommonArguments& common, QTextStream& out,
        QTextStream& err);

} // namespace DbCommand
